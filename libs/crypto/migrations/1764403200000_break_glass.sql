-- Up Migration
-- Break-glass grants (services/encryptor/src/break-glass.ts): a time-limited permission, with a
-- stated reason, for one named person to decrypt outside the normal reader roles. Granted by a
-- security officer who is not the grantee, expiring by itself (at most 8 hours), never extended:
-- a new need is a new grant. Every grant and every use is audited and alerted.
CREATE TABLE break_glass_grants (
  grant_id    uuid        PRIMARY KEY,
  actor       text        NOT NULL,
  reason      text        NOT NULL CHECK (length(btrim(reason)) >= 10),
  granted_by  text        NOT NULL CHECK (granted_by <> actor),
  granted_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL CHECK (expires_at > granted_at AND expires_at <= granted_at + interval '8 hours')
);
CREATE INDEX break_glass_by_actor ON break_glass_grants (actor, expires_at);

-- Down Migration
DROP TABLE break_glass_grants;
