// Runs a batch's records concurrently without reordering what must stay ordered: records with the
// same ordering key (by default the Kafka key, i.e. the subject) run one after another in offset
// order, records of different keys run side by side, at most `limit` at a time. Results come back in
// input order, so the batch's outputs are produced exactly as a sequential run would produce them.
// This is the per-key ordering a Kafka partition guarantees per key, kept inside one batch (the
// same idea as Confluent's parallel-consumer "KEY" ordering mode).

/**
 * `fn` over `items` with per-key order and at most `limit` calls in flight; results in input order.
 * Once a result satisfies `stopWhen` (or `fn` throws) no further call starts; calls in flight finish,
 * and the items never started have no result (`undefined` at their index). A throw is rethrown
 * after the calls in flight have settled.
 */
export async function mapKeyedConcurrently<I, O>(
  items: readonly I[],
  keyOf: (item: I, index: number) => string | null,
  limit: number,
  fn: (item: I, index: number) => Promise<O>,
  stopWhen: (result: O) => boolean = () => false,
): Promise<(O | undefined)[]> {
  const results = new Array<O | undefined>(items.length).fill(undefined);
  if (limit <= 1 || items.length <= 1) {
    for (let i = 0; i < items.length; i++) {
      const r = await fn(items[i]!, i);
      results[i] = r;
      if (stopWhen(r)) break;
    }
    return results;
  }
  // One queue of indices per key, in input order; a null key is its own queue (kept sequential).
  const queues = new Map<string, number[]>();
  items.forEach((item, i) => {
    const k = keyOf(item, i);
    const id = k === null ? '\u0000null' : `k${k}`;
    let q = queues.get(id);
    if (!q) queues.set(id, (q = []));
    q.push(i);
  });
  const pending = [...queues.values()];
  let next = 0;
  let stopped = false;
  let failure: { err: unknown } | null = null;
  // A worker takes whole queues, so one key never runs on two workers; workers = min(limit, keys).
  const worker = async (): Promise<void> => {
    while (next < pending.length && !stopped) {
      const queue = pending[next++]!;
      for (const i of queue) {
        if (stopped) return;
        try {
          const r = await fn(items[i]!, i);
          results[i] = r;
          if (stopWhen(r)) stopped = true;
        } catch (err) {
          failure ??= { err };
          stopped = true;
          return;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, pending.length) }, worker));
  if (failure) throw (failure as { err: unknown }).err;
  return results;
}
