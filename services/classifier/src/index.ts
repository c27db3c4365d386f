export { classify, createClassifier } from './transform.js';
export type { ClassifierDeps } from './transform.js';
export { planFields, valuesAt } from './field-plan.js';
export type { FieldPlan, FieldSlot } from './field-plan.js';
export { fieldLevel, maxLevel, consentRequiredFor, LEVELS } from './sensitivity.js';
export type { ConsentPort } from './consent-port.js';
export { createConsentReader } from './consent-reader.js';
