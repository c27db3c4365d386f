// Checks that every package's tsconfig.build.json references exactly the workspace packages its src
// imports (`@cwp/<name>` and `@cwp/<name>/<subpath>`, static or dynamic). tsc -b cannot see a missing
// reference: with the "source" condition it type-checks the other package's sources inside this
// project and never builds that package, so the built service fails at start with ERR_MODULE_NOT_FOUND.
// Run by `make lint`; exits 1 naming each package, what is missing and what is extra.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(new URL('../..', import.meta.url).pathname);
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](@cwp\/[a-z0-9-]+)(?:\/[^'"]*)?['"]/gu;

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) tsFiles(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const packages = new Map<string, string>(); // name → directory
for (const top of ['libs', 'services']) {
  for (const d of readdirSync(join(root, top))) {
    const dir = join(root, top, d);
    const name = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string }).name;
    packages.set(name, dir);
  }
}
const byDir = new Map([...packages].map(([name, dir]) => [dir, name]));

const problems: string[] = [];
for (const [name, dir] of packages) {
  const imported = new Set<string>();
  for (const f of tsFiles(join(dir, 'src'))) for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) if (m[1] !== name) imported.add(m[1]!);
  const config = JSON.parse(readFileSync(join(dir, 'tsconfig.build.json'), 'utf8')) as { references?: { path: string }[] };
  const referenced = new Set((config.references ?? []).map((r) => byDir.get(dirname(resolve(dir, r.path))) ?? `unknown project ${r.path}`));
  const missing = [...imported].filter((p) => !referenced.has(p)).sort();
  const extra = [...referenced].filter((p) => !imported.has(p)).sort();
  const rel = relative(root, dir);
  if (missing.length > 0) problems.push(`${rel}/tsconfig.build.json: src imports ${missing.join(', ')} but the build does not reference ${missing.length === 1 ? 'it' : 'them'}`);
  if (extra.length > 0) problems.push(`${rel}/tsconfig.build.json: references ${extra.join(', ')}, which src does not import`);
}
const rootConfig = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as { references?: { path: string }[] };
const inRoot = new Set((rootConfig.references ?? []).map((r) => dirname(resolve(root, r.path))));
for (const [name, dir] of packages) if (!inRoot.has(dir)) problems.push(`tsconfig.build.json: does not reference ${name} (${relative(root, dir)})`);

if (problems.length > 0) {
  process.stderr.write(`build references out of date:\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write(`build references: ${packages.size} packages, each referencing exactly what its src imports\n`);
