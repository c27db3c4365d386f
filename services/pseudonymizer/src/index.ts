// Public surface of @cwp/pseudonymizer: the transform, the generalisation config and functions, the output shape.
export { createPseudonymizerTransform, createEventPseudonymizer } from './transform.js';
export type { PseudonymizerDeps, PseudonymizeResult, WithheldReason } from './transform.js';
export { loadGeneralisationConfig, parseGeneralisationConfig, normalisePlace, DEFAULT_GENERALISATION_FILE, ADDRESS_LEVELS } from './generalisation-config.js';
export type { GeneralisationConfig } from './generalisation-config.js';
export { isoWeekOf, monthOf, ageInYears, ageBandOf, createPlaceGeneraliser } from './generalise.js';
export type { PlaceInput, GeneralisedPlace } from './generalise.js';
export { decidePurposes, CONSENT_PURPOSES, DEFAULT_PURPOSE } from './consent-purposes.js';
export type { PurposeDecision } from './consent-purposes.js';
export { payloadDimensions, HANDLED_PAYLOADS } from './payload-dimensions.js';
export type { PayloadDimensions } from './payload-dimensions.js';
export { LEGAL_BASES } from './types.js';
export type { EncryptedEventIn, PseudonymizedEvent, Generalisation, Measures, LegalBasis } from './types.js';
/** Subject of the output schema (schemas/subjects.json). */
export const PSEUDONYMIZED_SUBJECT = 'events.pseudonymized.v1-value';
/** Full name of the output record. */
export const PSEUDONYMIZED_EVENT_NAME = 'cwp.analytics.PseudonymizedEvent';
