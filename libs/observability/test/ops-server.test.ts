import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOpsServer } from '../src/ops-server.js';
import { createPipelineMetrics } from '../src/metrics.js';

test('healthz is always 200; readyz follows isReady; metrics exposes the pipeline metrics with service label', async () => {
  const metrics = createPipelineMetrics({ service: 'unit', defaultMetrics: false });
  let ready = false;
  const app = buildOpsServer({ registry: metrics.registry, isReady: () => ready, notReadyReason: () => 'no partition assigned' });
  try {
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
    const notReady = await app.inject({ url: '/readyz' });
    assert.equal(notReady.statusCode, 503);
    assert.match(notReady.body, /no partition assigned/);
    ready = true;
    assert.equal((await app.inject({ url: '/readyz' })).statusCode, 200);
    metrics.consumed.inc({ topic: 't', partition: '0' }, 3);
    metrics.deadLettered.inc({ topic: 't', reason: 'BAD_WIRE_FORMAT' });
    metrics.consumerLag.set({ topic: 't', partition: '0' }, 7);
    metrics.transformDuration.observe({ topic: 't' }, 0.001);
    metrics.endToEndLatency.observe({ topic: 't' }, 0.2);
    const res = await app.inject({ url: '/metrics' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/plain/);
    assert.match(res.body, /pipeline_records_consumed_total\{topic="t",partition="0",service="unit"\} 3/);
    assert.match(res.body, /pipeline_records_dead_lettered_total\{topic="t",reason="BAD_WIRE_FORMAT",service="unit"\} 1/);
    assert.match(res.body, /pipeline_consumer_lag\{topic="t",partition="0",service="unit"\} 7/);
    for (const name of ['pipeline_records_produced_total', 'pipeline_transform_duration_seconds_bucket', 'pipeline_end_to_end_latency_seconds_bucket']) assert.match(res.body, new RegExp(name));
  } finally {
    await app.close();
  }
});
