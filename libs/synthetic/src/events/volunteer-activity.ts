// VOLUNTEER_ACTIVITY: a logged volunteer session; the volunteer is the data subject.
import type { ActivityType } from '@cwp/avro';
import { volunteerNote } from '../notes.js';
import { varyCase } from '../people.js';
import type { BuildContext, Built } from './context.js';

/** A VolunteerActivity of a pooled volunteer. */
export function buildVolunteerActivity(ctx: BuildContext): Built<'VOLUNTEER_ACTIVITY'> {
  const { rng, world, planter } = ctx;
  const volunteer = rng.pick(world.volunteers);
  const facility = world.facility(volunteer.facilityId);
  const locality = facility?.locality ?? volunteer.locality;
  const residents = facility ? world.children.filter((c) => c.facilityId === facility.id) : [];
  const child = residents.length > 0 && rng.chance(0.5) ? rng.pick(residents) : null;
  const other = world.createAdult(rng, locality.province.code, null);
  return {
    subjectType: 'VOLUNTEER',
    subjectId: volunteer.id,
    sourceSystem: 'relawan-portal',
    payload: {
      volunteerId: volunteer.id,
      fullName: planter.plant('name', varyCase(rng, volunteer.name.fullName)),
      phone: planter.plant('phone', volunteer.storedPhone),
      email: planter.plant('email', volunteer.email),
      facilityId: facility?.id ?? null,
      district: locality.district.name,
      province: locality.province.name,
      activityType: rng.weighted<ActivityType>([
        ['TEACHING', 25], ['MENTORING', 12], ['HEALTH_SUPPORT', 10], ['FOOD_DISTRIBUTION', 12], ['PLAY_AND_RECREATION', 15],
        ['COUNSELLING', 6], ['FACILITY_MAINTENANCE', 8], ['ADMINISTRATION', 8], ['OTHER', 4],
      ]),
      hours: rng.int(2, 16) / 2,
      notes: volunteerNote(ctx.note, child, other),
    },
  };
}
