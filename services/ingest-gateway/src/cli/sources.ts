#!/usr/bin/env node
// `gateway-sources`: create, rotate, revoke and list upstream sources (see sources-command.ts).
import { runSourcesCommand } from './sources-command.js';

const code = await runSourcesCommand(process.argv.slice(2), process.env, {
  out: (line) => { process.stdout.write(`${line}\n`); },
  err: (line) => { process.stderr.write(`${line}\n`); },
}).catch((err: unknown) => {
  const e = err as { code?: unknown; message?: unknown };
  process.stderr.write(`gateway-sources failed: ${typeof e.code === 'string' ? `${e.code} ` : ''}${typeof e.message === 'string' ? e.message : 'unknown error'}\n`);
  return 1;
});
process.exitCode = code;
