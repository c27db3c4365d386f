import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventTimeMs } from '../src/event-time.js';

test('occurredAt wins over the record timestamp in every representation', () => {
  assert.equal(eventTimeMs({ occurredAt: new Date(1000) }, 5), 1000);
  assert.equal(eventTimeMs({ occurredAt: 2000 }, 5), 2000);
  assert.equal(eventTimeMs({ occurredAt: 3000n }, 5), 3000);
  assert.equal(eventTimeMs({ occurredAt: '1970-01-01T00:00:04.000Z' }, 5), 4000);
});

test('falls back to the record timestamp', () => {
  assert.equal(eventTimeMs({ other: 1 }, 5), 5);
  assert.equal(eventTimeMs({ occurredAt: 'not a date' }, 5), 5);
  assert.equal(eventTimeMs(null, 6), 6);
  assert.equal(eventTimeMs('x', 7), 7);
});
