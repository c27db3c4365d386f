import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../src/logger.js';
import { REDACT_PATHS } from '../src/redaction.js';

function capture(): { stream: Writable & { write: Writable['write'] }; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk: Buffer, _enc, cb) { chunks.push(chunk.toString()); cb(); } });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

test('JSON lines with service, ISO time and level label; record content and secrets are redacted', () => {
  const { stream, lines } = capture();
  const log = createLogger({ service: 'unit', destination: stream }).child({ stage: 's', partition: 2 });
  log.info({ value: { nik: '3173' }, key: 'child-1', child: { nik: '3173010101010001', fullName: 'Siti' }, password: 'hunter2', req: { headers: { authorization: 'Bearer abc' } }, offset: '5' }, 'hello');
  const [line] = lines();
  assert.equal(line?.service, 'unit');
  assert.equal(line?.level, 'info');
  assert.equal(line?.partition, 2);
  assert.equal(line?.offset, '5');
  assert.match(String(line?.time), /^\d{4}-\d\d-\d\dT/);
  const text = JSON.stringify(line);
  for (const secret of ['3173', 'child-1', 'Siti', 'hunter2', 'Bearer abc']) assert.ok(!text.includes(secret), `${secret} leaked`);
});

test('the redaction list is one frozen constant', () => {
  assert.ok(Object.isFrozen(REDACT_PATHS));
  assert.ok(REDACT_PATHS.includes('value') && REDACT_PATHS.includes('*.nik'));
});
