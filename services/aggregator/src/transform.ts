// The aggregator's transform (pure apart from its injected ports): store the record's
// contributions, advance the watermark, and return the release of every (query, window) that the
// watermark has passed. A release is computed once: reserve with the ledger under an id derived
// from (stakeholder, query, window), on grant compute and store it, commit the reservation, emit.
// A retried record re-emits the releases stored while processing it, never a new noisy answer.
import { ValidationError } from '@cwp/errors';
import type { RandomSource } from '@cwp/privacy';
import type { Output, StageRecord, Transform } from '@cwp/stream-runtime';
import type { Catalogue } from './catalogue.js';
import { computeRelease, type Release } from './compute-release.js';
import { contributionsOf, type AggregatorInput } from './contributions.js';
import type { LedgerPort } from './ledger-client.js';
import { reservationIdFor } from './reservation-id.js';
import type { AggregatorStore, StoredRelease, Trigger } from './store.js';
import { eventTimeOf, isoWeekWindow, monthWindow } from './windows.js';

/** Ports and settings of the transform. */
export interface AggregatorDeps {
  readonly catalogue: Catalogue;
  readonly store: AggregatorStore;
  readonly ledger: LedgerPort;
  readonly clock?: () => Date;
  readonly rng?: RandomSource;
  /** Output topic of a stakeholder (default aggregates.<stakeholder>.v1). */
  readonly topicOf?: (stakeholder: string) => string;
  /** Told when the ledger refuses a release (the ledger itself raises the SecurityAlert). */
  readonly onRefused?: (release: { stakeholder: string; queryId: string; window: string; reservationId: string }) => void;
}

/** The topic a stakeholder's releases go to. */
export function stakeholderTopic(stakeholder: string): string {
  return `aggregates.${stakeholder}.v1`;
}

function sameTrigger(a: Trigger, b: Trigger): boolean {
  return a.topic === b.topic && a.partition === b.partition && a.offset === b.offset;
}

/** Creates the stage transform over events.pseudonymized.v1. */
export function createAggregator(deps: AggregatorDeps): Transform<AggregatorInput> {
  const { catalogue, store, ledger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const topicOf = deps.topicOf ?? stakeholderTopic;
  const minLateness = Math.min(...catalogue.queries.map((q) => q.window.allowedLatenessMs));
  const toOutput = (release: Release): Output => ({
    topic: topicOf(release.stakeholder),
    key: `${release.queryId}:${release.window}`,
    value: release,
  });

  return async (record: StageRecord<AggregatorInput>): Promise<Output[]> => {
    const event = record.value;
    const week = isoWeekWindow(event.occurredWeek);
    const month = monthWindow(event.occurredMonth);
    if (!week || !month) throw new ValidationError('EVENT_TIME_INVALID', 'occurredWeek or occurredMonth is not an ISO week / month label; fix the pseudonymizer output');
    const eventTimeMs = eventTimeOf(week, month, record.timestamp);
    const maxEventTime = await store.record(contributionsOf(event, catalogue.queries, record.timestamp), eventTimeMs);
    const trigger: Trigger = { topic: record.topic, partition: record.partition, offset: record.offset };

    const outputs: Output[] = [];
    // A retry of this record (its Kafka transaction aborted): emit what was stored for it, unchanged.
    for (const stored of await store.releasesTriggeredBy(trigger)) {
      if (stored.state !== 'RELEASED' || stored.payload === null) continue;
      await ledger.commit(stored.reservationId);
      outputs.push(toOutput(stored.payload));
    }

    for (const due of await store.pendingWindows(maxEventTime - minLateness)) {
      const query = catalogue.byKey(due.queryKey);
      if (!query || due.endMs + query.window.allowedLatenessMs > maxEventTime) continue;
      const reservationId = reservationIdFor(query.stakeholder, query.id, due.startMs, due.label);
      const answer = await ledger.reserve({
        reservationId, stakeholder: query.stakeholder, dataset: query.dataset, ...(query.delta === undefined ? {} : { delta: query.delta }),
      });
      let row: StoredRelease;
      if (!answer.granted) {
        row = await store.saveRelease({ queryKey: query.key, startMs: due.startMs, reservationId, state: 'REFUSED', payload: null, trigger });
        if (row.state === 'REFUSED') deps.onRefused?.({ stakeholder: query.stakeholder, queryId: query.id, window: due.label, reservationId });
        continue;
      }
      const release = computeRelease({
        query, window: { startMs: due.startMs, endMs: due.endMs, label: due.label },
        contributions: await store.contributions(query.key, due.startMs),
        epsilon: answer.epsilon, reservationId, releasedAt: clock().getTime(), ...(deps.rng ? { rng: deps.rng } : {}),
      });
      // Another replica (or partition) may have stored this window first: emit only our own row.
      row = await store.saveRelease({ queryKey: query.key, startMs: due.startMs, reservationId, state: 'RELEASED', payload: release, trigger });
      if (row.state !== 'RELEASED' || row.payload === null || !sameTrigger(row.trigger, trigger)) continue;
      await ledger.commit(reservationId);
      outputs.push(toOutput(row.payload));
    }
    return outputs;
  };
}
