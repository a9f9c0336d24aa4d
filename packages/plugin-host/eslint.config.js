import { waymarkEslint } from '@waymark/config/eslint';

// .test-app-* are host apps written by the discovery test.
export default waymarkEslint({ ignores: ['.test-app-*/**'] });
