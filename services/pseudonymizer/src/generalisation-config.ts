// The declared generalisation hierarchies (config/generalisation.json), validated once with zod and
// frozen: date of birth → age band; exact dates → ISO week; address → district → province; free
// text → PII spans as type placeholders, only lexicon words kept (or dropped). The
// config decides the level; the code only knows how to apply each level.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from '@cwp/errors';

/** The shipped config file; the same depth from src/ and dist/. */
export const DEFAULT_GENERALISATION_FILE = fileURLToPath(new URL('../config/generalisation.json', import.meta.url));

/** Free-text levels: the released form (PII as type placeholders, lexicon words only) or nothing. */
export const FREE_TEXT_LEVELS = ['pii-placeholders', 'drop'] as const;

/** Address levels, finest first: a stakeholder that needs only provinces sets "province". */
export const ADDRESS_LEVELS = ['district', 'province'] as const;

const band = z.object({
  label: z.string().regex(/^[0-9]{1,3}(-[0-9]{1,3}|\+)$/, 'a band label looks like "5-9" or "18+"').describe('label written to ageBand'),
  minYears: z.number().int().min(0).describe('youngest age in the band, completed years'),
  maxYears: z.number().int().min(0).nullable().describe('oldest age in the band, completed years; null = open-ended'),
}).strict();

const schema = z.object({
  $comment: z.string().optional(),
  dateOfBirth: z.object({
    level: z.literal('age-band-5y').describe('date of birth → age band at event time'),
    bands: z.array(band).min(1).describe('contiguous bands from age 0'),
  }).strict(),
  dates: z.object({ level: z.literal('iso-week').describe('exact dates → ISO 8601 week (and month)') }).strict(),
  freeText: z.object({
    level: z.enum(FREE_TEXT_LEVELS).describe("free text → 'pii-placeholders' (the encryptor's released form, guarded again) or 'drop'"),
  }).strict(),
  address: z.object({
    level: z.enum(ADDRESS_LEVELS).describe('finest location level kept'),
    provinces: z.array(z.object({ code: z.string().regex(/^[0-9]{2}$/), name: z.string().min(2).max(60) }).strict()).min(1)
      .describe('every province a record may name (BPS code and canonical name); anything else is dead-lettered'),
  }).strict(),
}).strict().superRefine((c, ctx) => {
  // Bands must tile [0, ∞) without gaps or overlaps, so every valid age has exactly one band.
  let next = 0;
  c.dateOfBirth.bands.forEach((b, i) => {
    if (b.minYears !== next) ctx.addIssue({ code: 'custom', path: ['dateOfBirth', 'bands', i, 'minYears'], message: `expected ${next} (bands must be contiguous from 0)` });
    if (b.maxYears === null) {
      if (i !== c.dateOfBirth.bands.length - 1) ctx.addIssue({ code: 'custom', path: ['dateOfBirth', 'bands', i, 'maxYears'], message: 'only the last band may be open-ended' });
      next = Number.POSITIVE_INFINITY;
    } else {
      if (b.maxYears < b.minYears) ctx.addIssue({ code: 'custom', path: ['dateOfBirth', 'bands', i, 'maxYears'], message: 'maxYears is below minYears' });
      next = b.maxYears + 1;
    }
  });
  if (Number.isFinite(next)) ctx.addIssue({ code: 'custom', path: ['dateOfBirth', 'bands'], message: 'the last band must be open-ended (maxYears null)' });
  const names = new Set<string>();
  for (const p of c.address.provinces) {
    const key = normalisePlace(p.name);
    if (names.has(key)) ctx.addIssue({ code: 'custom', path: ['address', 'provinces'], message: `province ${p.name} is listed twice` });
    names.add(key);
  }
});

/** The validated, frozen generalisation config. */
export type GeneralisationConfig = Readonly<z.infer<typeof schema>>;

/** Case- and whitespace-insensitive form of a place name, for matching against the configured list. */
export function normalisePlace(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Validates a parsed config object; one ConfigError naming every bad path. */
export function parseGeneralisationConfig(value: unknown): GeneralisationConfig {
  const res = schema.safeParse(value);
  if (!res.success) {
    const issues = res.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ConfigError(`generalisation config is invalid: ${issues}`);
  }
  return deepFreeze(res.data);
}

/** Reads and validates a generalisation config file (default: the shipped config/generalisation.json). */
export function loadGeneralisationConfig(file: string = DEFAULT_GENERALISATION_FILE): GeneralisationConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`generalisation config ${file} cannot be read: check GENERALISATION_CONFIG_FILE`, { cause: err });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`generalisation config ${file} is not JSON`, { cause: err });
  }
  return parseGeneralisationConfig(parsed);
}
