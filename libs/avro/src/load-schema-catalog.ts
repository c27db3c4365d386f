// Reads schemas/<domain>/<Name>.avsc and schemas/subjects.json from disk into a SchemaCatalog.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SchemaError } from './errors.js';
import type { SchemaSource } from './named-index.js';
import type { SchemaCatalog, SubjectMap } from './schema-catalog.js';
import { createSchemaCatalog } from './schema-catalog.js';
import type { JsonValue } from './schema-json.js';
import { fullNameOf, isJsonObject, isNamedDefinition, shortNameOf, text } from './schema-json.js';

/** The repository's schemas/ folder; the same depth from src/ and dist/. */
export const DEFAULT_SCHEMA_DIR = fileURLToPath(new URL('../../../schemas', import.meta.url));

/** Loads every .avsc under `dir` (recursively) plus its subjects.json; throws SchemaError naming the file at fault. */
export function loadSchemaCatalog(dir: string = DEFAULT_SCHEMA_DIR): SchemaCatalog {
  const sources = listSchemaFiles(dir).map((file): SchemaSource => {
    const origin = relative(dir, file);
    const schema = readJson(file, origin);
    if (!isNamedDefinition(schema)) {
      throw new SchemaError('SCHEMA_INVALID', `${origin}: the top level must be a record, enum or fixed definition.`);
    }
    if (typeof schema['namespace'] !== 'string' && !text(schema['name']).includes('.')) {
      throw new SchemaError('SCHEMA_INVALID', `${origin}: declare a "namespace" (cwp.<domain>) so the type keeps its full name when inlined.`);
    }
    const expected = basename(file, '.avsc');
    const name = shortNameOf(fullNameOf(schema, ''));
    if (name !== expected) {
      throw new SchemaError('SCHEMA_INVALID', `${origin} defines ${name}; name the file ${name}.avsc (one named type per file).`);
    }
    return { origin, schema };
  });
  return createSchemaCatalog({ sources, subjects: readSubjects(dir) });
}

function listSchemaFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new SchemaError('SCHEMA_READ_FAILED', `Cannot read schema folder ${dir}: ${(err as Error).message}`, { cause: err });
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listSchemaFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.avsc')) files.push(path);
  }
  return files;
}

function readJson(file: string, origin: string): JsonValue {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JsonValue;
  } catch (err) {
    throw new SchemaError('SCHEMA_READ_FAILED', `${origin}: not readable JSON (${(err as Error).message}).`, { cause: err });
  }
}

function readSubjects(dir: string): SubjectMap {
  let text: string;
  try {
    text = readFileSync(join(dir, 'subjects.json'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new SchemaError('SCHEMA_READ_FAILED', `Cannot read ${join(dir, 'subjects.json')}: ${(err as Error).message}`, { cause: err });
  }
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(text) as JsonValue;
  } catch (err) {
    throw new SchemaError('SUBJECTS_INVALID', `subjects.json is not valid JSON (${(err as Error).message}).`, { cause: err });
  }
  if (!isJsonObject(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) {
    throw new SchemaError('SUBJECTS_INVALID', 'subjects.json must be an object of "<topic>-value": "<full record name>" strings.');
  }
  return parsed as SubjectMap;
}
