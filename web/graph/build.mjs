// Builds the graph view's script: src/main.js and the packages it imports, bundled and minified
// by esbuild into dist/graph.js, and dist/licences.txt, the licence of every package the bundle
// holds. Fails when a bundled package is under a licence outside the permissive list below.
//   node build.mjs            writes dist/
//   node build.mjs --check    builds into memory and fails if dist/ differs (run after `npm ci`)
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ALLOWED = new Set(['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD', 'Zlib', 'CC0-1.0']);
const BANNER = '/*! corridor graph view. Bundled packages and their licences: /assets/graph-licences.txt */';

/** The package folder (under node_modules) a bundled input file belongs to, or null for ours. */
function packageOf(input) {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return null;
  const scoped = parts[at + 1].startsWith('@');
  return parts.slice(0, at + (scoped ? 3 : 2)).join('/');
}

function licenceText(dir) {
  const file = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  if (!file) throw new Error(`${dir}: no licence file`);
  return fs.readFileSync(path.join(dir, file), 'utf8').trim();
}

const result = await build({
  absWorkingDir: here,
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'none',
  banner: { js: BANNER },
  metafile: true,
  write: false,
  logLevel: 'warning',
});
const script = result.outputFiles[0].text;

const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const dir = packageOf(input);
  if (dir && !packages.has(dir)) {
    const meta = JSON.parse(fs.readFileSync(path.join(here, dir, 'package.json'), 'utf8'));
    packages.set(dir, meta);
  }
}
const refused = [];
const sections = [...packages.entries()]
  .sort(([, a], [, b]) => (a.name < b.name ? -1 : 1))
  .map(([dir, meta]) => {
    if (!ALLOWED.has(meta.license)) refused.push(`${meta.name}@${meta.version}: ${meta.license}`);
    return `${meta.name} ${meta.version} (${meta.license})\n\n${licenceText(path.join(here, dir))}\n`;
  });
if (refused.length) {
  console.error(`bundled packages under a licence not allowed: ${refused.join(', ')}`);
  process.exit(1);
}
const licences = `The graph view of corridor serve (/assets/graph.js) bundles these packages:\n\n`
  + sections.join(`\n${'-'.repeat(72)}\n\n`);

const outputs = [['dist/graph.js', script], ['dist/licences.txt', licences]];
if (process.argv.includes('--check')) {
  const stale = outputs.filter(([file, text]) => {
    const p = path.join(here, file);
    return !fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== text;
  });
  if (stale.length) {
    console.error(`web/graph/${stale.map(([f]) => f).join(' and web/graph/')} differ from a fresh build: run web/graph/build.sh and commit them`);
    process.exit(1);
  }
  console.log(`web/graph/dist is what the lockfile builds (${packages.size} bundled packages, all permissively licensed)`);
} else {
  fs.mkdirSync(path.join(here, 'dist'), { recursive: true });
  for (const [file, text] of outputs) fs.writeFileSync(path.join(here, file), text);
  console.log(`wrote web/graph/dist/graph.js (${script.length} bytes) and licences.txt (${packages.size} packages)`);
}
