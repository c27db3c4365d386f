-- Up Migration
-- Per-subject data-encryption keys, wrapped by a KMS key-encryption key (libs/crypto/README.md).
-- A subject's key id is opaque (random), so ciphertexts name a key without naming the person.
CREATE TABLE subjects (
  subject_id  text        PRIMARY KEY,
  key_id      text        NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE subjects IS 'Data subject → opaque DEK key id. Deleted with the DEKs when the subject is crypto-shredded.';

CREATE TABLE deks (
  key_id       text        NOT NULL REFERENCES subjects (key_id) ON DELETE CASCADE,
  version      integer     NOT NULL CHECK (version > 0),
  kek_id       text        NOT NULL,
  kek_version  integer     NOT NULL CHECK (kek_version > 0),
  wrapped      bytea       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  rewrapped_at timestamptz,
  PRIMARY KEY (key_id, version)
);
COMMENT ON TABLE deks IS 'Wrapped DEK versions; the latest version encrypts, every version decrypts. Never holds plaintext keys.';
CREATE INDEX deks_kek_version ON deks (kek_id, kek_version);
CREATE INDEX deks_created_at ON deks (created_at);

CREATE TABLE tombstones (
  subject_id   text        PRIMARY KEY,
  key_ids      text[]      NOT NULL DEFAULT '{}',
  shredded_at  timestamptz NOT NULL DEFAULT now(),
  shredded_by  text        NOT NULL,
  reason       text,
  restored_at  timestamptz,
  restored_by  text
);
COMMENT ON TABLE tombstones IS 'Crypto-shredded subjects. Active while restored_at is null: no key may be created for the subject. Kept after a restore so the destroyed key ids stay recognisable (KEY_SHREDDED).';

-- Down Migration
DROP TABLE tombstones;
DROP TABLE deks;
DROP TABLE subjects;
