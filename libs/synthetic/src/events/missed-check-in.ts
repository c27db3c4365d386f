// MISSED_CHECK_IN: a caseworker visit that did not happen; streaks build up per child.
import { missedCheckInNote } from '../notes.js';
import type { BuildContext, Built } from './context.js';
import { pickChild } from './context.js';

const HALF_HOUR_MS = 30 * 60_000;

/** A MissedCheckIn of a pooled child, counting consecutive misses. */
export function buildMissedCheckIn(ctx: BuildContext): Built<'MISSED_CHECK_IN'> {
  const { rng, world, at } = ctx;
  const child = pickChild(ctx, 'risk');
  // A successful visit in between resets the streak.
  if (child.missedStreak > 0 && rng.chance(0.3)) child.missedStreak = 0;
  child.missedStreak += 1;
  const neighbour = world.createAdult(rng, child.locality.province.code, 'TETANGGA');
  return {
    subjectType: 'CHILD',
    subjectId: child.id,
    sourceSystem: 'caseworker-app',
    payload: {
      childId: child.id,
      scheduledAt: Math.floor((at - rng.int(1, 48) * 3_600_000) / HALF_HOUR_MS) * HALF_HOUR_MS,
      caseworkerId: child.caseworker.id,
      consecutiveMissed: child.missedStreak,
      notes: missedCheckInNote(ctx.note, child, neighbour),
    },
  };
}
