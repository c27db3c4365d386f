#!/usr/bin/env node
// Runs node:test over an explicit file list (Node 20's --test does not expand globs),
// with tsx as the loader and the "source" export condition so workspaces resolve to src/.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const kind = process.argv[2];
const filter = process.argv[3];
if (kind !== 'unit' && kind !== 'integration') {
  console.error('usage: run-tests.mjs unit|integration [substring]');
  process.exit(2);
}

function walk(dir, out) {
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = [];
if (kind === 'unit') {
  for (const top of ['libs', 'services']) {
    const dir = join(root, top);
    const pkgs = (() => { try { return readdirSync(dir); } catch { return []; } })();
    for (const pkg of pkgs) walk(join(dir, pkg, 'test'), files);
  }
} else {
  walk(join(root, 'test', 'integration'), files);
}
const selected = files.map((f) => relative(root, f)).filter((f) => !filter || f.includes(filter)).sort();
if (selected.length === 0) {
  console.error(`no ${kind} test files found`);
  process.exit(1);
}
const args = ['--import', 'tsx', '--conditions=source', '--test', '--test-reporter=spec'];
// Integration tests share one local stack: run files one after another to stay within 2 cores.
if (kind === 'integration') args.push('--test-concurrency=1');
const res = spawnSync(process.execPath, [...args, ...selected], { cwd: root, stdio: 'inherit' });
process.exit(res.status ?? 1);
