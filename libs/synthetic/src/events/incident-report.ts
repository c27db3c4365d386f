// INCIDENT_REPORT: suspected harm reported through the SAPA 129 hotline, a web form or a caseworker.
import type { IncidentCategory, Severity } from '@cwp/avro';
import { incidentDescription } from '../notes.js';
import type { BuildContext, Built } from './context.js';
import { contactPerson, pickChild } from './context.js';

const REPORTER_ROLES = ['TETANGGA', 'GURU', 'KADER_POSYANDU', 'PEKERJA_SOSIAL', 'KETUA_RT', 'KERABAT'] as const;

/** A severity, skewed upwards for the children most reports are about. */
export function severityFor(ctx: BuildContext, riskWeight: number): Severity {
  const high = riskWeight > 1 ? 3 : 1;
  return ctx.rng.weighted<Severity>([['LOW', 40], ['MEDIUM', 35], ['HIGH', 18 * high], ['CRITICAL', 7 * high]]);
}

/** An IncidentReport about a pooled child. */
export function buildIncidentReport(ctx: BuildContext): Built<'INCIDENT_REPORT'> {
  const { rng, world } = ctx;
  const child = pickChild(ctx, 'risk');
  let category = rng.weighted<IncidentCategory>([
    ['NEGLECT', 25], ['PHYSICAL_ABUSE', 20], ['EMOTIONAL_ABUSE', 10], ['SEXUAL_ABUSE', 6], ['EXPLOITATION', 6], ['CHILD_LABOUR', 8],
    ['CHILD_MARRIAGE', 4], ['TRAFFICKING', 2], ['BULLYING', 10], ['DOMESTIC_VIOLENCE', 7], ['OTHER', 2],
  ]);
  if (category === 'CHILD_MARRIAGE' && child.sex !== 'FEMALE') category = 'NEGLECT';
  const reporter = rng.chance(0.7) ? world.createAdult(rng, child.locality.province.code, rng.pick(REPORTER_ROLES)) : null;
  return {
    subjectType: 'CHILD',
    subjectId: child.id,
    sourceSystem: rng.weighted([['sapa129-hotline', 5], ['lapor-anak-web', 3], ['caseworker-app', 2]]),
    payload: {
      childId: child.id,
      severity: severityFor(ctx, child.riskWeight),
      category,
      district: child.locality.district.name,
      province: child.locality.province.name,
      reporter: reporter ? contactPerson(ctx, reporter) : null,
      description: incidentDescription(ctx.note, category, child, reporter),
    },
  };
}
