// Public surface of @cwp/crypto: AES-256-GCM, the field envelope, KMSes, the DEK key store and its
// configuration, the alert identity envelope.
export { gcmEncrypt, gcmDecrypt, randomIv, AES_256_KEY_BYTES, GCM_IV_BYTES, GCM_TAG_BYTES } from './aes-gcm.js';
export { sealField, openField, parseFieldEnvelope, fieldAad, envelopeHeader, FIELD_ENVELOPE_V1 } from './field-envelope.js';
export type { FieldContext, DataKey, FieldEnvelope } from './field-envelope.js';
export { createRecordSealer, sealRecordFields, openRecordFields, recordKeyOf, isRecordSealed, RECORD_HEAD_V2, RECORD_PART_V2 } from './record-envelope.js';
export type { RecordContext, RecordField, RecordSealer } from './record-envelope.js';
export { CryptoError, SubjectShreddedError, KeyUnavailableError } from './errors.js';
export type { Kms, WrappedKey } from './kms.js';
export { createLocalKms, createLocalKeyring } from './local-kms.js';
export type { LocalKeyring, LocalKmsSource } from './local-kms.js';
export { createVaultTransitKms } from './vault-transit-kms.js';
export type { VaultTransitOptions } from './vault-transit-kms.js';
export { createLruCache } from './lru-cache.js';
export type { LruCache, LruCacheOptions } from './lru-cache.js';
export type { KeyStore, KeyStorePort, DekInfo } from './key-store/key-store.js';
export { createPgKeyStore, FIRST_DEK_BATCH, KEYS_MIGRATIONS_DIR } from './key-store/pg-key-store.js';
export type { PgKeyStoreOptions } from './key-store/pg-key-store.js';
export { createMemoryInvalidationBus, parseInvalidation } from './key-store/invalidation.js';
export type { InvalidationBus, KeyInvalidation } from './key-store/invalidation.js';
export { createRedisInvalidationBus, KEY_INVALIDATION_CHANNEL } from './key-store/redis-invalidation.js';
export { kmsEnv, keyStoreEnv, createKmsFromConfig, createKeyStoreFromConfig } from './key-store-config.js';
export type { KmsConfig, KeyStoreConfig } from './key-store-config.js';
export { sealAlertIdentity, openAlertIdentity, isShreddedAlertIdentity, alertIdentityContext, ALERT_IDENTITY_PURPOSE, SHREDDED_ALERT_IDENTITY } from './alert-identity.js';
