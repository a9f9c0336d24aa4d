export { plugin, SIGNATURE_HEADER } from './plugin.js';
export { surveyConfigSchema } from './config.js';
export type { SurveyConfig } from './config.js';
export { isValidTypeformSignature, typeformSignature } from './signature.js';
