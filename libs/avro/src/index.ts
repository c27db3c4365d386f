// Public surface of @cwp/avro: the schema catalog, its errors, and the decoded record types.
export { loadSchemaCatalog, DEFAULT_SCHEMA_DIR } from './load-schema-catalog.js';
export { createSchemaCatalog } from './schema-catalog.js';
export type { SchemaCatalog, SchemaCatalogInput, SubjectMap } from './schema-catalog.js';
export { createAvroType, AVRO_OPTIONS } from './avro-type.js';
export type { FieldTag } from './field-tags.js';
export { PII_LEVELS } from './named-index.js';
export type { PiiLevel, SchemaSource } from './named-index.js';
export type { JsonObject, JsonValue } from './schema-json.js';
export { SchemaError, PayloadMismatchError } from './errors.js';
export type { SchemaErrorCode } from './errors.js';
export { EVENT_TYPES, SUBJECT_TYPES, PAYLOAD_RECORD_NAMES, isEventType, wrapPayload, unwrapPayload } from './event-types.js';
export type { EventType, SubjectType, PayloadRecordName } from './event-types.js';
export type * from './types.js';
export { sameSchema, qualifyNames } from './same-schema.js';
export { avroToZod, avroRecordToZod, timestampMillis } from './avro-to-zod.js';
export type { AvroZodType, AvroZodObject } from './avro-to-zod.js';
export { deriveEncryptedSchemas, isEncryptedField, encryptedNameOf, ENCRYPTED_FIELD_PROPERTY, ENCRYPTED_FIELD_FORMAT, ENCRYPTED_EVENT_NAME, DERIVED_FROM_PROPERTY, REDACTED_TEXT_FIELD } from './encrypted-schema.js';
