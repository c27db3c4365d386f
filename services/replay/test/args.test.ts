import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthorizationError } from '@cwp/errors';
import { parseReplayArgs } from '../src/args.js';
import { replayAuditEntry } from '../src/audit-entry.js';
import { authorise } from '../src/authorise.js';
import { UsageError } from '../src/errors.js';
import { assertSandboxTopic } from '../src/sandbox.js';

const base = ['--topic', 'events.raw.v1', '--reason', 'case 42 audit'];

test('a full request parses, role and actor defaulting from the environment', () => {
  const r = parseReplayArgs([...base, '--partitions', '1,0', '--from-offset', '3', '--to-offset', '0=9', '--to-topic', 'sandbox.case42', '--rate-limit', '50'], { REPLAY_ROLE: 'AUDITOR', OPERATOR: 'ana' });
  assert.deepEqual(r.partitions, [0, 1]);
  assert.deepEqual(r.destination, { kind: 'topic', topic: 'sandbox.case42' });
  assert.equal(r.rateLimit, 50);
  assert.equal(r.role, 'AUDITOR');
  assert.equal(r.actor, 'ana');
  assert.equal(r.dryRun, false);
  assert.ok(Object.isFrozen(r));
  const flags = parseReplayArgs([...base, '--dry-run', '--role', 'ENGINEER_AUDIT', '--actor', 'bo'], { REPLAY_ROLE: 'AUDITOR', OPERATOR: 'ana' });
  assert.equal(flags.role, 'ENGINEER_AUDIT');
  assert.equal(flags.actor, 'bo');
  assert.equal(flags.destination, null);
});

test('usage errors: missing topic, reason or destination; both ranges; bad times; unknown options', () => {
  const bad: string[][] = [
    ['--reason', 'x', '--dry-run'],
    ['--topic', 't', '--dry-run'],
    base,
    [...base, '--to-topic', 'events.classified.v1'],
    [...base, '--to-topic', 'sandbox.a', '--to-file', 'x.ndjson'],
    [...base, '--dry-run', '--from-offset', '1', '--from-time', '2026-01-01T00:00:00Z'],
    [...base, '--dry-run', '--from-time', '2026-01-01 00:00'],
    [...base, '--dry-run', '--from-time', '2026-01-02T00:00:00Z', '--to-time', '2026-01-01T00:00:00Z'],
    [...base, '--to-file', 'x.ndjson', '--transform', 'classifier'],
    [...base, '--to-topic', 'sandbox.a', '--transform', 'encryptor'],
    [...base, '--dry-run', '--rate-limit', '0'],
    [...base, '--dry-run', '--bogus'],
  ];
  for (const argv of bad) assert.throws(() => parseReplayArgs(argv, {}), UsageError, argv.join(' '));
});

test('sandbox topics must be named sandbox.<something> and differ from the source', () => {
  assert.equal(assertSandboxTopic('sandbox.case-42.v1', 'events.raw.v1'), 'sandbox.case-42.v1');
  for (const name of ['sandbox.', 'events.raw.v1', 'sandboxes.x', 'sandbox.a b']) assert.throws(() => assertSandboxTopic(name, 'events.raw.v1'), UsageError, name);
});

test('only ENGINEER_AUDIT and AUDITOR, with a named actor, may replay', () => {
  assert.equal(authorise('AUDITOR', 'ana'), 'AUDITOR');
  assert.equal(authorise('ENGINEER_AUDIT', 'ana'), 'ENGINEER_AUDIT');
  assert.throws(() => authorise('ENGINEER', 'ana'), (e: unknown) => e instanceof AuthorizationError && e.code === 'REPLAY_ROLE_REFUSED');
  assert.throws(() => authorise(null, 'ana'), AuthorizationError);
  assert.throws(() => authorise('AUDITOR', null), (e: unknown) => e instanceof AuthorizationError && e.code === 'REPLAY_ACTOR_MISSING');
});

test('audit entries carry the request and, once planned, the resolved ranges as flat details', () => {
  const r = parseReplayArgs([...base, '--from-offset', '3', '--to-topic', 'sandbox.a'], {});
  const e = replayAuditEntry(r, { phase: 'intent', outcome: 'SUCCESS', role: 'AUDITOR', actor: 'ana', ranges: [{ partition: 0, from: 3n, end: 10n }, { partition: 1, from: 3n, end: 3n }] });
  assert.equal(e.action, 'REPLAY');
  assert.equal(e.subject, 'events.raw.v1');
  assert.equal(e.purpose, 'case 42 audit');
  assert.deepEqual({ ...e.details }, {
    phase: 'intent', partitions: '0,1', from: '0=3,1=3', to: '0=9,1=2', requestedFrom: 'offset:3', requestedTo: 'latest',
    destination: 'topic:sandbox.a', dryRun: false, transform: null, records: null,
  });
  for (const v of Object.values(e.details ?? {})) assert.ok(v === null || ['string', 'number', 'boolean'].includes(typeof v));
});
