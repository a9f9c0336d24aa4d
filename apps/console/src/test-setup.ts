import { configure } from '@testing-library/svelte';

// Two shared cores: give streamed panels time to settle before a findBy* gives up.
configure({ asyncUtilTimeout: 5000 });
