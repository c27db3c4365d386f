// Names, call names and e-mail addresses that follow Indonesian naming customs.
import type { Rng } from './prng.js';
import type { NameStyleKey } from './reference/names.js';
import { BALINESE_BIRTH_ORDER, CHRISTIAN_CHILD_NAMES, CUSTOMARY_CALL_NAMES, MODERN_CHILD_NAMES, NAME_STYLES, STYLES_BY_PROVINCE } from './reference/names.js';
import { EMAIL_DOMAINS } from './reference/vocabulary.js';

/** Sex of a generated person (the generator never emits UNKNOWN for people it creates). */
export type PersonSex = 'MALE' | 'FEMALE';

/** A generated name and the parts notes refer to. */
export interface PersonName {
  readonly fullName: string;
  /** What people call them in notes ('Sri', 'Made', 'Rizky'). */
  readonly callName: string;
  readonly family: string | null;
  readonly style: NameStyleKey;
}

/** Tokens that open a name without being what people call the person. */
const LEADING_TITLES = new Set(['Muhammad', 'Muh.', 'Andi', 'Teuku', 'Cut', 'Lalu', 'Baiq', 'Hj.', 'Nona', 'I', 'Ni', 'Nyak']);

/** A naming custom common in the province. */
export function pickStyle(rng: Rng, provinceCode: string): NameStyleKey {
  return rng.weighted(STYLES_BY_PROVINCE[provinceCode] ?? [['JAVANESE', 1]]);
}

/** A name for a child or adult of the given custom; `family` passes a marga or surname down where the custom inherits one. */
export function createName(rng: Rng, style: NameStyleKey, sex: PersonSex, generation: 'CHILD' | 'ADULT', family?: string | null): PersonName {
  const s = NAME_STYLES[style];
  if (style === 'BALINESE') {
    const order = rng.pick(rng.pick(BALINESE_BIRTH_ORDER));
    const pool = generation === 'CHILD' ? (sex === 'MALE' ? s.childMale : s.childFemale) ?? [] : sex === 'MALE' ? s.adultMale : s.adultFemale;
    const given = rng.chance(0.4) ? `${rng.pick(pool)} ${rng.pick(pool)}` : rng.pick(pool);
    return { fullName: `${sex === 'MALE' ? 'I' : 'Ni'} ${order} ${dedupe(given)}`, callName: order, family: null, style };
  }
  const modern = s.christian ? CHRISTIAN_CHILD_NAMES : MODERN_CHILD_NAMES;
  const pool =
    generation === 'CHILD'
      ? ((sex === 'MALE' ? s.childMale : s.childFemale) ?? (sex === 'MALE' ? modern.male : modern.female))
      : sex === 'MALE'
        ? s.adultMale
        : s.adultFemale;
  const first = rng.pick(pool);
  const callName = callNameOf(first);
  if (s.inherited && family) return { fullName: `${first} ${family}`, callName, family, style };
  const surnames = sex === 'FEMALE' ? (s.familyFemale ?? s.family) : s.family;
  if (surnames.length === 0 || rng.chance(s.mononymRate)) return { fullName: first, callName, family: null, style };
  const last = rng.pick(surnames);
  return { fullName: first.endsWith(last) ? first : `${first} ${last}`, callName, family: last, style };
}

function dedupe(name: string): string {
  const [a, b] = name.split(' ');
  return a === b ? (a ?? name) : name;
}

function callNameOf(given: string): string {
  const tokens = given.split(' ');
  const token = tokens.find((t) => !LEADING_TITLES.has(t)) ?? tokens[0] ?? given;
  return token;
}

const VOWELS = new Set(['a', 'i', 'u', 'e', 'o']);

/** A child's nama panggilan, or null when none is recorded. */
export function createCallName(rng: Rng, name: PersonName, sex: PersonSex): string | null {
  if (rng.chance(0.35)) return null;
  const customary = CUSTOMARY_CALL_NAMES[name.style];
  if (customary && rng.chance(0.3)) return rng.pick(sex === 'MALE' ? customary.male : customary.female);
  if (name.style === 'BALINESE') return name.callName;
  const token = name.callName;
  let short = token;
  if (token.length > 5) {
    const tail = token.slice(-4).toLowerCase();
    const head = token.slice(0, 4);
    short = !VOWELS.has(tail[0] ?? 'a') && VOWELS.has(tail[1] ?? 'x') && rng.chance(0.5) ? tail[0]?.toUpperCase() + tail.slice(1) : head;
  }
  return rng.chance(0.2) ? `Dek ${short}` : short;
}

function ascii(token: string): string {
  return token.toLowerCase().replace(/[^a-z]/g, '');
}

/** A plausible personal e-mail address for the name. */
export function createEmail(rng: Rng, name: PersonName, birthYear?: number): string {
  const tokens = name.fullName
    .split(' ')
    .filter((t) => !LEADING_TITLES.has(t))
    .map(ascii)
    .filter((t) => t.length > 0);
  const first = tokens[0] ?? 'user';
  const last = tokens.length > 1 ? (tokens[tokens.length - 1] ?? '') : '';
  const year = String(birthYear ?? rng.int(1970, 2004));
  const n = String(rng.int(1, 999));
  const local = rng.weighted<string>([
    [last ? `${first}.${last}` : `${first}.${year.slice(2)}`, 5],
    [last ? `${first}${last}` : `${first}${n}`, 3],
    [last ? `${first}_${last}${year.slice(2)}` : `${first}_${n}`, 2],
    [last ? `${first[0] ?? ''}${last}` : `${first}${year}`, 2],
    [`${first}${year}`, 2],
    [last ? `${last}.${first}` : `its.${first}`, 1],
  ]);
  return `${local}@${rng.weighted(EMAIL_DOMAINS)}`;
}

/** The name as some systems store it: usually as given, sometimes upper case (KTP style) or lower case. */
export function varyCase(rng: Rng, text: string, upper = 0.08, lower = 0.03): string {
  const r = rng.next();
  if (r < upper) return text.toUpperCase();
  if (r < upper + lower) return text.toLowerCase();
  return text;
}
