-- Up Migration
-- State of the aggregator (services/aggregator): contributions per query window, the releases
-- computed from them, and the event-time progress that drives the watermark. Every write is
-- idempotent (ON CONFLICT), because the Kafka transaction that emits a release commits
-- separately from PostgreSQL and a retried batch must converge on the same state.

-- One row per (query, event): the unique key makes an upstream duplicate count once. Bounding is
-- applied at release time (first seen by event time, then event id), so rows are kept as they came.
CREATE TABLE contributions (
  query_id      text             NOT NULL,
  event_id      text             NOT NULL,
  window_start  timestamptz      NOT NULL,
  window_end    timestamptz      NOT NULL,
  window_label  text             NOT NULL,
  group_key     text             NOT NULL,
  pseudonym     text             NOT NULL,
  event_time    timestamptz      NOT NULL,
  value         double precision,
  created_at    timestamptz      NOT NULL DEFAULT now(),
  PRIMARY KEY (query_id, event_id)
);
CREATE INDEX contributions_window ON contributions (query_id, window_start);
CREATE INDEX contributions_due ON contributions (window_end);

-- One row per (query, window), written once: a replay re-reads it and re-emits the same payload.
-- state RELEASED carries the payload; REFUSED records that the ledger refused the budget (nothing
-- is released for that window). trigger_* name the input record whose processing made the window
-- due, so a retry of that record (an aborted Kafka transaction) emits the stored release again.
CREATE TABLE releases (
  query_id          text         NOT NULL,
  window_start      timestamptz  NOT NULL,
  reservation_id    text         NOT NULL UNIQUE,
  state             text         NOT NULL CHECK (state IN ('RELEASED', 'REFUSED')),
  payload           jsonb,
  trigger_topic     text         NOT NULL,
  trigger_partition integer      NOT NULL,
  trigger_offset    text         NOT NULL,
  created_at        timestamptz  NOT NULL DEFAULT now(),
  PRIMARY KEY (query_id, window_start),
  CHECK ((state = 'RELEASED') = (payload IS NOT NULL))
);
CREATE INDEX releases_trigger ON releases (trigger_topic, trigger_partition, trigger_offset);

-- The largest event time seen (one row): watermark = max event time − a query's allowed lateness.
CREATE TABLE progress (
  id              boolean      PRIMARY KEY DEFAULT true CHECK (id),
  max_event_time  timestamptz  NOT NULL
);

-- Down Migration
DROP TABLE progress;
DROP TABLE releases;
DROP TABLE contributions;
