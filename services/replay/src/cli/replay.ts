#!/usr/bin/env node
// `replay`: audited replay of a topic range into a sandbox topic or an NDJSON file (see USAGE in
// ../args.ts). Environment: KAFKA_BROKERS, DATABASE_URL, AUDIT_SCHEMA, AUDIT_SIGNING_KEY_FILE,
// SCHEMA_REGISTRY_URL (with --transform), REPLAY_ROLE, OPERATOR, CONSENT_SCHEMA.
import { replayCommand } from '../replay-command.js';

process.exitCode = await replayCommand(process.argv.slice(2));
