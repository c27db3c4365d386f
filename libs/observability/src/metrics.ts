// Pipeline metrics on one prom-client registry per process. Names carry units and `_total` on
// counters; labels are limited to service, topic, partition and reason (never ids or keys).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The metrics every stage records. */
export interface PipelineMetrics {
  readonly registry: Registry;
  readonly consumed: Counter<'topic' | 'partition'>;
  readonly produced: Counter<'topic'>;
  readonly deadLettered: Counter<'topic' | 'reason'>;
  readonly retried: Counter<'topic' | 'partition' | 'reason'>;
  readonly transformDuration: Histogram<'topic'>;
  readonly endToEndLatency: Histogram<'topic'>;
  readonly consumerLag: Gauge<'topic' | 'partition'>;
}

/** Creates the registry (service as a default label) with process metrics and the pipeline metrics. */
export function createPipelineMetrics(options: { service: string; defaultMetrics?: boolean }): PipelineMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    consumed: new Counter({ name: 'pipeline_records_consumed_total', help: 'Input records read and processed in a committed batch', labelNames: ['topic', 'partition'], registers }),
    produced: new Counter({ name: 'pipeline_records_produced_total', help: 'Output records committed to their topics (dead letters excluded)', labelNames: ['topic'], registers }),
    deadLettered: new Counter({ name: 'pipeline_records_dead_lettered_total', help: 'Input records sent to the dead-letter topic, by error code', labelNames: ['topic', 'reason'], registers }),
    retried: new Counter({ name: 'pipeline_batch_retries_total', help: 'Batches aborted on a transient failure and retried after backoff', labelNames: ['topic', 'partition', 'reason'], registers }),
    transformDuration: new Histogram({
      name: 'pipeline_transform_duration_seconds', help: 'Time in the stage transform per record', labelNames: ['topic'], registers,
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    }),
    endToEndLatency: new Histogram({
      name: 'pipeline_end_to_end_latency_seconds', help: 'Commit time minus the event time (occurredAt, else the Kafka record timestamp)', labelNames: ['topic'], registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    }),
    consumerLag: new Gauge({ name: 'pipeline_consumer_lag', help: 'Records between the last processed offset and the high watermark, per input partition', labelNames: ['topic', 'partition'], registers }),
  };
}
