-- Up Migration
-- Append-only audit trail chained by SHA-256, with signed checkpoints (see libs/audit/README.md).
CREATE TABLE audit_records (
  seq          bigint      PRIMARY KEY CHECK (seq > 0),
  recorded_at  timestamptz NOT NULL,
  actor        text        NOT NULL,
  role         text        NOT NULL,
  action       text        NOT NULL,
  subject      text,
  purpose      text,
  outcome      text        NOT NULL,
  details      jsonb       NOT NULL DEFAULT '{}'::jsonb,
  prev_hash    bytea       NOT NULL CHECK (length(prev_hash) = 32),
  hash         bytea       NOT NULL CHECK (length(hash) = 32)
);
COMMENT ON TABLE audit_records IS 'Append-only: hash = SHA-256(prev_hash || canonical record). Verified by `audit verify`.';

-- The chain head: serialises appends (row lock) and names the last record.
CREATE TABLE audit_head (
  id    boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq   bigint  NOT NULL,
  hash  bytea   NOT NULL CHECK (length(hash) = 32)
);
INSERT INTO audit_head (id, seq, hash) VALUES (true, 0, decode(repeat('00', 32), 'hex'));

-- Ed25519-signed (seq, hash) pairs: a rewrite of the chain cannot re-sign them without the key.
CREATE TABLE audit_checkpoints (
  seq        bigint      PRIMARY KEY,
  hash       bytea       NOT NULL CHECK (length(hash) = 32),
  signed_at  timestamptz NOT NULL,
  key_id     text        NOT NULL,
  signature  bytea       NOT NULL
);

CREATE FUNCTION audit_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit trail is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_records_no_update_delete BEFORE UPDATE OR DELETE ON audit_records FOR EACH ROW EXECUTE FUNCTION audit_forbid_change();
CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records FOR EACH STATEMENT EXECUTE FUNCTION audit_forbid_change();
CREATE TRIGGER audit_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_forbid_change();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION audit_forbid_change();

-- Down Migration
DROP TABLE audit_checkpoints;
DROP TABLE audit_head;
DROP TABLE audit_records;
DROP FUNCTION audit_forbid_change();
