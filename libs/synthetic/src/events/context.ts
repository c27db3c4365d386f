// What every event builder receives, and helpers that copy pooled people into records while
// planting their personal data.
import type { Address, ContactPerson, EventType, PayloadByEventType, SubjectType } from '@cwp/avro';
import type { NoteContext } from '../notes.js';
import { varyCase } from '../people.js';
import type { Planter } from '../planter.js';
import type { Rng } from '../prng.js';
import type { Adult, Child, World } from '../world.js';

/** Inputs of one event builder call. */
export interface BuildContext {
  readonly rng: Rng;
  readonly world: World;
  /** Event time, epoch ms. */
  readonly at: number;
  readonly planter: Planter;
  readonly note: NoteContext;
}

/** What a builder returns; the generator adds the envelope. */
export interface Built<T extends EventType> {
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  readonly sourceSystem: string;
  readonly payload: PayloadByEventType[T];
}

/** A child from the pool; 'risk' favours the few children most reports are about. */
export function pickChild(ctx: BuildContext, weighting: 'risk' | 'uniform'): Child {
  const { children } = ctx.world;
  if (weighting === 'uniform') return ctx.rng.pick(children);
  return ctx.rng.weighted(children.map((c) => [c, c.riskWeight] as const));
}

/** The ContactPerson record of an adult, planting name, phone and e-mail. */
export function contactPerson(ctx: BuildContext, adult: Adult, title?: string): ContactPerson {
  const name = ctx.planter.plant('name', varyCase(ctx.rng, adult.name.fullName, 0.05, 0.02));
  return {
    fullName: title ? `${title} ${name}` : name,
    relationship: adult.relationship,
    phone: ctx.planter.plant('phone', adult.storedPhone),
    email: ctx.planter.plant('email', adult.email),
  };
}

/** An address as carried in a record, planting its street line. */
export function plantAddress<A extends Address | null>(ctx: BuildContext, address: A): A {
  if (address) ctx.planter.plant('address', address.street);
  return address;
}
