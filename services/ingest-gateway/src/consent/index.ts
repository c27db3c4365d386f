// `@cwp/ingest-gateway/consent`: read-only access to the guardian consent registry, for the classifier.
export { createConsentReader, isGranted, CONSENT_PURPOSES } from './consent-reader.js';
export type { ConsentReader, ConsentSnapshot, ConsentState, ConsentPurpose } from './consent-reader.js';
