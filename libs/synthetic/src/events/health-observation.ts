// HEALTH_OBSERVATION: weight, height and findings from Posyandu, Puskesmas or facility staff.
import type { ObservationType } from '@cwp/avro';
import { DAY_MS } from '../dates.js';
import { healthNote } from '../notes.js';
import type { BuildContext, Built } from './context.js';
import { contactPerson, pickChild } from './context.js';
import { severityFor } from './incident-report.js';

const OBSERVERS = [['BIDAN', 'Bidan'], ['PERAWAT', 'Ners'], ['DOKTER', 'dr.'], ['KADER_POSYANDU', null]] as const;

/** Rough median weight (kg) and height (cm) for an age in years. */
function growth(ageYears: number): { weight: number; height: number } {
  if (ageYears < 1) return { weight: 3.3 + 6.5 * ageYears, height: 50 + 25 * ageYears };
  if (ageYears <= 10) return { weight: 9.8 + 2.3 * (ageYears - 1), height: 75 + 6.2 * (ageYears - 1) };
  return { weight: 30.5 + 4 * (ageYears - 10), height: 131 + 5.5 * Math.min(ageYears - 10, 7) };
}

/** A HealthObservation of a pooled child with plausible measurements. */
export function buildHealthObservation(ctx: BuildContext): Built<'HEALTH_OBSERVATION'> {
  const { rng, world, at } = ctx;
  const child = pickChild(ctx, 'risk');
  const type = rng.weighted<ObservationType>([
    ['ROUTINE_CHECK', 35], ['MALNUTRITION', 15], ['STUNTING', 12], ['UNTREATED_ILLNESS', 14], ['INJURY', 10], ['MENTAL_HEALTH', 8], ['OTHER', 6],
  ]);
  const age = (at - Date.parse(`${child.dateOfBirth}T00:00:00Z`)) / (365.25 * DAY_MS);
  const median = growth(Math.max(0, age));
  const weightFactor = type === 'MALNUTRITION' ? 0.72 : 0.9 + rng.next() * 0.2;
  const heightFactor = type === 'STUNTING' ? 0.88 : 0.96 + rng.next() * 0.08;
  const weightKg = rng.chance(0.9) ? Math.round(median.weight * weightFactor * 10) / 10 : null;
  const heightCm = rng.chance(0.8) ? Math.round(median.height * heightFactor * 10) / 10 : null;
  const [role, title] = rng.pick(OBSERVERS);
  const observer = rng.chance(0.8) ? world.createAdult(rng, child.locality.province.code, role) : null;
  return {
    subjectType: 'CHILD',
    subjectId: child.id,
    sourceSystem: rng.weighted([['posyandu-app', 5], ['puskesmas-sikda', 3], ['lks-ops', 2]]),
    payload: {
      childId: child.id,
      observationType: type,
      severity: type === 'ROUTINE_CHECK' ? 'LOW' : severityFor(ctx, child.riskWeight),
      weightKg,
      heightCm,
      notes: healthNote(ctx.note, type, child, weightKg, heightCm),
      observer: observer ? contactPerson(ctx, observer, title && rng.chance(0.6) ? title : undefined) : null,
    },
  };
}
