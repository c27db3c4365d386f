#!/usr/bin/env node
// Writes schemas/encrypted/<Name>.avsc from deriveEncryptedSchemas() over the raw schemas.
// Run after changing a pii tag; test/encrypted-schema.test.ts fails until the files are regenerated.
//   npm run generate-schemas --workspace=services/encryptor
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENCRYPTED_SCHEMA_DIR, encryptedSchemaFiles } from '../encrypted-schema-files.js';

const files = encryptedSchemaFiles();
rmSync(ENCRYPTED_SCHEMA_DIR, { recursive: true, force: true });
mkdirSync(ENCRYPTED_SCHEMA_DIR, { recursive: true });
for (const file of files) {
  writeFileSync(join(ENCRYPTED_SCHEMA_DIR, file.path), file.text);
  process.stdout.write(`wrote schemas/encrypted/${file.path}\n`);
}
