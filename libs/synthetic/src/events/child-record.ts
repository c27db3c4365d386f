// CHILD_RECORD: the registry's full record of a child, re-sent when it changes.
import { medicalRecord } from '../world.js';
import { caseNote } from '../notes.js';
import { varyCase } from '../people.js';
import { MEDICAL_CONDITIONS } from '../reference/vocabulary.js';
import type { BuildContext, Built } from './context.js';
import { contactPerson, pickChild, plantAddress } from './context.js';

/** A ChildRecord of a pooled child (sometimes with a newly recorded condition). */
export function buildChildRecord(ctx: BuildContext): Built<'CHILD_RECORD'> {
  const { rng, planter } = ctx;
  const child = pickChild(ctx, 'uniform');
  if (rng.chance(0.1)) {
    const condition = rng.pick(MEDICAL_CONDITIONS);
    if (!child.medical.conditions.includes(condition)) child.medical.conditions.push(condition);
  }
  const fromDukcapil = rng.chance(0.15);
  return {
    subjectType: 'CHILD',
    subjectId: child.id,
    sourceSystem: fromDukcapil ? 'dukcapil-sync' : 'registri-anak',
    payload: {
      childId: child.id,
      nik: planter.plant('nik', child.nik),
      fullName: planter.plant('name', fromDukcapil ? child.name.fullName.toUpperCase() : varyCase(rng, child.name.fullName)),
      nickname: planter.plant('name', child.nickname),
      dateOfBirth: planter.plant('dob', child.dateOfBirth),
      dateOfBirthEstimated: child.dateOfBirthEstimated,
      sex: child.sex,
      placeOfBirth: child.placeOfBirth,
      address: plantAddress(ctx, child.address),
      guardian: child.guardian ? contactPerson(ctx, child.guardian) : null,
      careStatus: child.careStatus,
      facilityId: child.facilityId,
      caseworkerId: child.caseworker.id,
      medical: medicalRecord(child),
      caseNotes: caseNote(ctx.note, child),
    },
  };
}
