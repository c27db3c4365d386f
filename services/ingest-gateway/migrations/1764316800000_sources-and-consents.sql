-- Up Migration
-- Upstream sources of the ingestion gateway and the guardian consent registry (services/ingest-gateway/README.md).
CREATE TABLE sources (
  key_id                  text        PRIMARY KEY CHECK (key_id ~ '^gk_[0-9a-f]{24}$'),
  source_system           text        NOT NULL CHECK (length(source_system) BETWEEN 1 AND 100),
  secret_sha256           bytea       NOT NULL CHECK (length(secret_sha256) = 32),
  status                  text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  created_at              timestamptz NOT NULL DEFAULT now(),
  rotated_at              timestamptz,
  revoked_at              timestamptz,
  previous_secret_sha256  bytea       CHECK (length(previous_secret_sha256) = 32),
  previous_valid_until    timestamptz,
  client_cert_sha256      text        UNIQUE CHECK (client_cert_sha256 ~ '^[0-9a-f]{64}$')
);
COMMENT ON TABLE sources IS 'Credentials of upstream systems: only SHA-256 of the 256-bit random secret is kept; the previous secret stays valid until previous_valid_until after a rotation.';

-- Append-only history: the current state of (child, purpose) is its latest row.
CREATE TABLE consents (
  id            bigserial   PRIMARY KEY,
  child_id      text        NOT NULL CHECK (length(child_id) BETWEEN 1 AND 128),
  purpose       text        NOT NULL CHECK (purpose IN ('analytics', 'research', 'media')),
  status        text        NOT NULL CHECK (status IN ('granted', 'revoked')),
  expires_at    timestamptz,
  guardian_ref  text        CHECK (length(guardian_ref) <= 200),
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  recorded_by   text        NOT NULL
);
CREATE INDEX consents_current ON consents (child_id, purpose, recorded_at DESC, id DESC);
COMMENT ON TABLE consents IS 'Guardian consent per child and purpose; rows are never updated, revocation appends a row.';

-- Down Migration
DROP TABLE consents;
DROP TABLE sources;
