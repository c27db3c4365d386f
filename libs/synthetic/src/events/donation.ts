// DONATION: a gift from a pooled donor; the donor is the data subject.
import type { PaymentChannel, Programme } from '@cwp/avro';
import { donationMessage } from '../notes.js';
import { varyCase } from '../people.js';
import type { BuildContext, Built } from './context.js';

/** An amount in rupiah: many small gifts, a few large ones; bank transfers carry a 3-digit unique code. */
function amount(ctx: BuildContext, channel: PaymentChannel): number {
  const { rng } = ctx;
  const base = rng.weighted<number>([
    [rng.int(2, 20) * 5_000, 50],
    [rng.int(10, 100) * 10_000, 35],
    [rng.int(10, 100) * 100_000, 12],
    [rng.int(10, 100) * 1_000_000, 3],
  ]);
  return channel === 'BANK_TRANSFER' && rng.chance(0.5) ? base + rng.int(1, 999) : base;
}

/** A Donation from a pooled donor. */
export function buildDonation(ctx: BuildContext): Built<'DONATION'> {
  const { rng, world, planter } = ctx;
  const donor = rng.pick(world.donors);
  const channel = rng.weighted<PaymentChannel>([['QRIS', 25], ['BANK_TRANSFER', 25], ['VIRTUAL_ACCOUNT', 15], ['E_WALLET', 20], ['CREDIT_CARD', 5], ['CASH', 8], ['OTHER', 2]]);
  const child = rng.chance(0.1) ? rng.pick(world.children) : null;
  return {
    subjectType: 'DONOR',
    subjectId: donor.id,
    sourceSystem: 'donasi-gateway',
    payload: {
      donorId: donor.id,
      donorName: planter.plant('name', varyCase(rng, donor.name.fullName)),
      email: planter.plant('email', donor.email),
      phone: planter.plant('phone', donor.storedPhone),
      amountIdr: amount(ctx, channel),
      programme: rng.weighted<Programme>([['GENERAL', 35], ['EDUCATION', 20], ['NUTRITION', 15], ['HEALTH', 12], ['SHELTER', 8], ['EMERGENCY_RELIEF', 5], ['SCHOLARSHIP', 5]]),
      channel,
      anonymous: rng.chance(0.25),
      message: donationMessage(ctx.note, donor, child),
    },
  };
}
