#!/usr/bin/env node
// `ledger-token <name> <aggregator|admin>`: prints a new bearer token once (to hand to the caller)
// and the credentials-file entry holding only its SHA-256, to add to LEDGER_CREDENTIALS_FILE.
import { ROLES, issueToken } from '../credentials.js';
import type { Role } from '../credentials.js';

const [name, role] = process.argv.slice(2);
if (!name || !/^[A-Za-z0-9._-]{1,64}$/.test(name) || !ROLES.includes(role as Role)) {
  process.stderr.write(`usage: ledger-token <name> <${ROLES.join('|')}>\n`);
  process.exit(2);
}
const { token, tokenSha256 } = issueToken();
process.stderr.write('token (shown once; store it in the caller\'s secret store):\n');
process.stdout.write(`${token}\n`);
process.stderr.write('credentials file entry:\n');
process.stderr.write(`${JSON.stringify({ name, role, tokenSha256 })}\n`);
