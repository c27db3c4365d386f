// CARETAKER_CHANGE: a child's day-to-day caretaker changes; the pool follows, so later
// ChildRecords show the new guardian and address.
import type { CaretakerChangeReason } from '@cwp/avro';
import { createLocality, createStreetLine, toAddress } from '../addresses.js';
import { DAY_MS, isoDate } from '../dates.js';
import { caretakerNote } from '../notes.js';
import type { BuildContext, Built } from './context.js';
import { contactPerson, pickChild, plantAddress } from './context.js';

const NEW_CARETAKERS = ['NENEK', 'KAKEK', 'PAMAN', 'BIBI', 'KAKAK', 'ORANG_TUA_ASUH', 'WALI', 'IBU', 'AYAH'] as const;

/** A CaretakerChange of a pooled child. */
export function buildCaretakerChange(ctx: BuildContext): Built<'CARETAKER_CHANGE'> {
  const { rng, world, at } = ctx;
  const child = pickChild(ctx, 'risk');
  const reason = rng.weighted<CaretakerChangeReason>([
    ['PARENT_MIGRANT_WORKER', 20], ['PARENT_DECEASED', 12], ['DIVORCE', 15], ['ABANDONMENT', 8], ['COURT_ORDER', 5],
    ['FOSTER_PLACEMENT', 10], ['FAMILY_REUNIFICATION', 10], ['ECONOMIC_HARDSHIP', 15], ['OTHER', 5],
  ]);
  const relationship = reason === 'FOSTER_PLACEMENT' ? 'ORANG_TUA_ASUH' : rng.pick(NEW_CARETAKERS);
  const sex = ['IBU', 'NENEK', 'BIBI'].includes(relationship) ? 'FEMALE' : ['AYAH', 'KAKEK', 'PAMAN'].includes(relationship) ? 'MALE' : undefined;
  const previous = child.guardian;
  const next = world.createAdult(rng, child.locality.province.code, relationship, ['KAKEK', 'PAMAN', 'AYAH'].includes(relationship) ? child.name.family : null, sex);
  let newAddress = null;
  if (rng.chance(0.5)) {
    const locality = rng.chance(0.7) ? child.locality : createLocality(rng);
    newAddress = toAddress(rng, locality, createStreetLine(rng));
    child.locality = locality;
    child.address = newAddress;
  }
  child.guardian = next;
  return {
    subjectType: 'CHILD',
    subjectId: child.id,
    sourceSystem: rng.weighted([['registri-anak', 6], ['caseworker-app', 4]]),
    payload: {
      childId: child.id,
      previousCaretaker: previous ? contactPerson(ctx, previous) : null,
      newCaretaker: contactPerson(ctx, next),
      reason,
      newAddress: plantAddress(ctx, newAddress),
      effectiveDate: rng.chance(0.85) ? isoDate(at - rng.int(0, 14) * DAY_MS) : null,
      notes: caretakerNote(ctx.note, reason, child, next),
    },
  };
}
