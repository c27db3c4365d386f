import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DependencyError } from '@cwp/errors';
import { createHttpLedger } from '../src/index.js';

function ledgerAnswering(status: number, body: unknown, seen: { url: string; auth: string | null; body: string }[] = []) {
  const fetchStub = ((url: string, init?: RequestInit) => {
    seen.push({ url, auth: new Headers(init?.headers).get('authorization'), body: typeof init?.body === 'string' ? init.body : '' });
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  }) as typeof fetch;
  return createHttpLedger({ url: 'http://ledger:8080/', token: 'secret-token-123456', fetch: fetchStub });
}

test('a grant carries the ledger\'s ε; the call is a Bearer-authenticated POST /v1/reservations', async () => {
  const seen: { url: string; auth: string | null; body: string }[] = [];
  const answer = await ledgerAnswering(201, { state: 'RESERVED', epsilon: '0.1', delta: '0' }, seen)
    .reserve({ reservationId: 'agg:x', stakeholder: 'government', dataset: 'children-in-care' });
  assert.deepEqual(answer, { granted: true, epsilon: '0.1', delta: '0' });
  assert.equal(seen[0]?.url, 'http://ledger:8080/v1/reservations');
  assert.equal(seen[0]?.auth, 'Bearer secret-token-123456');
  assert.deepEqual(JSON.parse(seen[0]?.body ?? ''), { reservationId: 'agg:x', stakeholder: 'government', dataset: 'children-in-care' });
});

test('BUDGET_EXHAUSTED is a refusal; any other answer is a retriable DependencyError', async () => {
  const refused = await ledgerAnswering(409, { error: { code: 'BUDGET_EXHAUSTED' }, remaining: '0.05' }).reserve({ reservationId: 'a', stakeholder: 'media', dataset: 'd' });
  assert.deepEqual(refused, { granted: false, remaining: '0.05' });
  for (const [status, body] of [[409, { error: { code: 'RESERVATION_CONFLICT' } }], [503, {}], [401, {}]] as const) {
    await assert.rejects(ledgerAnswering(status, body).reserve({ reservationId: 'a', stakeholder: 'media', dataset: 'd' }), (e: unknown) => e instanceof DependencyError && e.retriable);
  }
  await assert.rejects(ledgerAnswering(404, { error: { code: 'RESERVATION_NOT_FOUND' } }).commit('a'), DependencyError);
  await ledgerAnswering(200, { state: 'COMMITTED' }).commit('a');
});
