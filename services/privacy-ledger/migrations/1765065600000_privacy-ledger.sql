-- Up Migration
-- Privacy-budget ledger (services/privacy-ledger/README.md). ε and δ are exact decimals
-- (numeric): budgets are summed and compared by PostgreSQL, never as JS floating point.

-- One row per stakeholder × dataset × period ('YYYY-MM', UTC), created from the budgets file on
-- first use. epsilon_spent counts RESERVED and COMMITTED reservations; a release gives ε back.
-- No CHECK (spent <= cap): an administrator may lower a cap below what is already spent.
CREATE TABLE budgets (
  stakeholder    text           NOT NULL,
  dataset        text           NOT NULL,
  period         text           NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  epsilon_cap    numeric(24,12) NOT NULL CHECK (epsilon_cap >= 0),
  epsilon_spent  numeric(24,12) NOT NULL DEFAULT 0 CHECK (epsilon_spent >= 0),
  delta_cap      numeric(24,12) NOT NULL CHECK (delta_cap >= 0),
  delta_spent    numeric(24,12) NOT NULL DEFAULT 0 CHECK (delta_spent >= 0),
  cap_source     text           NOT NULL DEFAULT 'config' CHECK (cap_source IN ('config', 'admin')),
  created_at     timestamptz    NOT NULL DEFAULT now(),
  updated_at     timestamptz    NOT NULL DEFAULT now(),
  PRIMARY KEY (stakeholder, dataset, period)
);

-- Every reservation id ever seen, with the first answer given for it (idempotent replays return
-- it verbatim), including refusals.
CREATE TABLE reservations (
  reservation_id  text           PRIMARY KEY,
  stakeholder     text           NOT NULL,
  dataset         text           NOT NULL,
  period          text           NOT NULL,
  epsilon         numeric(24,12) NOT NULL CHECK (epsilon > 0),
  delta           numeric(24,12) NOT NULL DEFAULT 0 CHECK (delta >= 0),
  state           text           NOT NULL CHECK (state IN ('RESERVED', 'COMMITTED', 'RELEASED', 'REFUSED')),
  caller          text           NOT NULL,
  first_status    smallint       NOT NULL,
  first_response  jsonb          NOT NULL,
  created_at      timestamptz    NOT NULL DEFAULT now(),
  updated_at      timestamptz    NOT NULL DEFAULT now(),
  FOREIGN KEY (stakeholder, dataset, period) REFERENCES budgets (stakeholder, dataset, period)
);
CREATE INDEX reservations_by_budget ON reservations (stakeholder, dataset, period, state);

-- Threshold alerts: the primary key makes each (stakeholder, dataset, period, threshold) alert
-- exist once, decided in the transaction that crossed it; produced_at is set once Kafka acked
-- (an outbox: unsent rows are retried after a restart, with the same alert_id).
CREATE TABLE budget_alerts (
  stakeholder    text           NOT NULL,
  dataset        text           NOT NULL,
  period         text           NOT NULL,
  threshold      smallint       NOT NULL CHECK (threshold IN (80, 100)),
  alert_id       uuid           NOT NULL UNIQUE,
  severity       text           NOT NULL CHECK (severity IN ('MEDIUM', 'HIGH')),
  reason         text           NOT NULL,
  epsilon_spent  numeric(24,12) NOT NULL,
  epsilon_cap    numeric(24,12) NOT NULL,
  caller         text           NOT NULL,
  created_at     timestamptz    NOT NULL DEFAULT now(),
  produced_at    timestamptz,
  PRIMARY KEY (stakeholder, dataset, period, threshold)
);
CREATE INDEX budget_alerts_unsent ON budget_alerts (created_at) WHERE produced_at IS NULL;

-- Down Migration
DROP TABLE budget_alerts;
DROP TABLE reservations;
DROP TABLE budgets;
