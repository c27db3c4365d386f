#!/usr/bin/env node
// The local broker's SCRAM users: `admin` (the super user of provisioning and tests) plus one user
// per principal of infra/kafka-principals.json. Passwords are generated once per machine with
// node:crypto into a mode-600 JSON file outside the repository and reused by every clone.
//   kafka-users.mjs ensure FILE          create FILE or add passwords for new principals
//   kafka-users.mjs scram-args FILE      one `SCRAM-SHA-256=[name=…,password=…]` per user (StorageTool --add-scram)
//   kafka-users.mjs names FILE           one user name per line
//   kafka-users.mjs password NAME FILE   the password of one user
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const principalsFile = new URL('../kafka-principals.json', import.meta.url);
const [cmd, ...args] = process.argv.slice(2);

function declaredUsers() {
  const { principals } = JSON.parse(readFileSync(principalsFile, 'utf8'));
  return ['admin', ...Object.keys(principals)];
}

function load(file) {
  if (!existsSync(file)) return {};
  const users = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof users !== 'object' || users === null || Array.isArray(users)) throw new Error(`${file} is not a JSON object of user → password`);
  return users;
}

function ensure(file) {
  const users = load(file);
  let added = 0;
  // Hex passwords: nothing to escape in a JAAS line or a SCRAM credential spec.
  for (const name of declaredUsers()) if (typeof users[name] !== 'string') { users[name] = randomBytes(24).toString('hex'); added++; }
  if (added === 0 && existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(users, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

function usage() {
  process.stderr.write('usage: kafka-users.mjs ensure|scram-args|names FILE | password NAME FILE\n');
  process.exit(2);
}

try {
  if (cmd === 'ensure' && args.length === 1) ensure(args[0]);
  else if (cmd === 'scram-args' && args.length === 1) {
    for (const [name, password] of Object.entries(load(args[0]))) process.stdout.write(`SCRAM-SHA-256=[name=${name},password=${password}]\n`);
  } else if (cmd === 'names' && args.length === 1) process.stdout.write(`${Object.keys(load(args[0])).join('\n')}\n`);
  else if (cmd === 'password' && args.length === 2) {
    const pw = load(args[1])[args[0]];
    if (typeof pw !== 'string') throw new Error(`no password for Kafka user ${args[0]} in ${args[1]}`);
    process.stdout.write(pw);
  } else usage();
} catch (err) {
  process.stderr.write(`[kafka-users] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
