// MISSING_CHILD_REPORT: a child reported missing, last seen somewhere public near home.
import type { Address } from '@cwp/avro';
import { createStreetLine } from '../addresses.js';
import { missingDescription } from '../notes.js';
import { PUBLIC_PLACES } from '../reference/vocabulary.js';
import type { BuildContext, Built } from './context.js';
import { contactPerson, pickChild, plantAddress } from './context.js';

/** A MissingChildReport of a pooled child. */
export function buildMissingChildReport(ctx: BuildContext): Built<'MISSING_CHILD_REPORT'> {
  const { rng, world, at } = ctx;
  const child = pickChild(ctx, 'risk');
  const locality = child.locality;
  const place = `${rng.pick(PUBLIC_PLACES)} ${locality.district.name}`;
  const lastSeenLocation: Address = {
    street: rng.chance(0.6) ? place : createStreetLine(rng),
    village: rng.chance(0.5) ? locality.village : null,
    district: locality.district.name,
    regency: locality.regency.name,
    province: locality.province.name,
    postalCode: null,
  };
  const reporter = child.guardian && rng.chance(0.6) ? child.guardian : rng.chance(0.7) ? world.createAdult(rng, locality.province.code, 'TETANGGA') : null;
  return {
    subjectType: 'CHILD',
    subjectId: child.id,
    sourceSystem: rng.weighted([['sapa129-hotline', 6], ['caseworker-app', 3], ['lks-ops', 1]]),
    payload: {
      childId: child.id,
      lastSeenAt: at - rng.int(2 * 60, 72 * 60) * 60_000,
      lastSeenLocation: plantAddress(ctx, lastSeenLocation),
      reporter: reporter ? contactPerson(ctx, reporter) : null,
      description: missingDescription(ctx.note, child, place, reporter),
    },
  };
}
