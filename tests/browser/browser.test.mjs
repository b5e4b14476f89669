// Headless-browser tests of `corridor serve`'s entity browser, against a store built from
// tests/fixtures/browser. Run by .ci/browser.sh:
//   node browser.test.mjs http://127.0.0.1:PORT ARTIFACTS_DIR
// Prints one PASS/FAIL line per step, saves a screenshot of every step into ARTIFACTS_DIR and
// exits 1 if any step fails.
import { chromium } from 'playwright-core';
import fs from 'node:fs/promises';
import path from 'node:path';

const [base, artifacts] = process.argv.slice(2);
if (!base || !artifacts) {
  console.error('usage: node browser.test.mjs BASE_URL ARTIFACTS_DIR');
  process.exit(2);
}
await fs.mkdir(artifacts, { recursive: true });
const url = (p) => new URL(p, base).href;
const XSS = '<script>alert("xss")</script>';

// Per-step bookkeeping: HTTP errors and JavaScript dialogs seen while the step runs.
let httpErrors = [];
let dialogs = [];

function check(cond, message) {
  if (!cond) throw new Error(message);
}
const squash = (s) => (s ?? '').replace(/\s+/g, '');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(10_000);
page.on('response', (r) => {
  if (r.status() < 400) return;
  // The browser asks for /favicon.ico by itself; a missing icon is not a page of the flow.
  if (new URL(r.url()).pathname === '/favicon.ico') return;
  httpErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
});
page.on('dialog', async (d) => {
  dialogs.push(`${d.type()}: ${d.message()}`);
  await d.dismiss().catch(() => {});
});

let step = 0;
async function shot(name) {
  const file = path.join(artifacts, `step${step}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch((e) => console.error(`  (screenshot ${file} failed: ${e.message})`));
}

// Navigates and checks the document's own status.
async function open(p) {
  const response = await page.goto(url(p));
  check(response, `no response for ${p}`);
  check(response.status() < 400, `GET ${p}: HTTP ${response.status()}`);
  return response;
}

const pathOf = () => decodeURI(new URL(page.url()).pathname);

const steps = [
  ['1 home page, search 瓜达尔, open 瓜达尔港', async () => {
    await open('/');
    check(await page.locator('form#search').count() === 1, 'home: no form#search');
    check(await page.locator('#counts').count() === 1, 'home: no #counts');
    await shot('home');
    await page.locator('form#search input[name=q]').fill('瓜达尔');
    await Promise.all([page.waitForURL(/\/search\?/), page.locator('form#search input[name=q]').press('Enter')]);
    await shot('search-results');
    const hit = page.locator('ul#results a', { hasText: '瓜达尔港' }).first();
    check(await hit.count() === 1, `search: no link containing 瓜达尔港 in ul#results (url ${page.url()})`);
    await Promise.all([page.waitForURL(/\/entity\//), hit.click()]);
    check(pathOf() === '/entity/project/gwadar-port', `search result led to ${pathOf()}, expected /entity/project/gwadar-port`);
    await shot('gwadar-entity');
  }],

  ['2 entity page → evidence source → doc → linked entity', async () => {
    if (pathOf() !== '/entity/project/gwadar-port') await open('/entity/project/gwadar-port');
    const h1 = await page.locator('h1').first().innerText();
    check(h1.includes('瓜达尔港'), `entity h1 is "${h1}", expected it to contain 瓜达尔港`);
    const statement = page.locator('section.relation li.statement')
      .filter({ has: page.locator('blockquote.evidence mark') }).first();
    check(await statement.count() === 1, 'entity: no section.relation li.statement whose blockquote.evidence has a <mark>');
    const evidence = await statement.locator('blockquote.evidence').innerText();
    const source = statement.locator('a.source').first();
    check(await source.count() === 1, 'entity: statement without a.source');
    const href = await source.getAttribute('href');
    check(/^\/doc\/[A-Za-z0-9._-]+#s\d+$/.test(href ?? ''), `a.source href is "${href}", expected /doc/{doc-id}#s{start}`);
    await Promise.all([page.waitForURL(/\/doc\//), source.click()]);
    await shot('doc-from-evidence');
    const title = (await page.locator('h1').first().innerText()).trim();
    check(title !== '', 'doc: empty h1');
    const text = await page.locator('#text').innerText();
    check(squash(text).includes(squash(evidence)), `doc #text does not contain the evidence "${evidence.trim()}"`);
    const entity = page.locator('#text a.entity').first();
    check(await entity.count() === 1, 'doc: no a.entity inside #text');
    await Promise.all([page.waitForURL(/\/entity\//), entity.click()]);
    check((await page.locator('h1').first().innerText()).trim() !== '', `entity page ${pathOf()}: empty h1`);
    await shot('entity-from-doc');
  }],

  ['3 query page: example cpec-projects, #run, CSV download', async () => {
    await open('/query?example=cpec-projects');
    const rows = page.locator('table#results tr:has(td)');
    check(await rows.count() >= 1, '/query?example=cpec-projects: table#results has no data row');
    check((await page.locator('form#query textarea[name=query]').inputValue()).includes('SELECT'), 'query: textarea not pre-filled');
    await shot('query-example');
    await Promise.all([page.waitForURL(/\/query\?/), page.locator('button#run').click()]);
    check(await rows.count() >= 1, `after #run (${page.url()}): table#results has no data row`);
    await shot('query-run');
    const link = page.locator('a#download-csv');
    check(await link.getAttribute('download') !== null, 'a#download-csv has no download attribute');
    const href = await link.getAttribute('href');
    check(/\/sparql\?.*format=csv/.test(href ?? ''), `a#download-csv href is "${href}", expected /sparql?query=…&format=csv`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const failure = await download.failure();
    check(!failure, `CSV download failed: ${failure}`);
    const csv = await fs.readFile(await download.path(), 'utf8');
    await fs.writeFile(path.join(artifacts, 'download.csv'), csv);
    const lines = csv.split(/\r?\n/).filter((l) => l !== '');
    check(/^[A-Za-z_]\w*(,[A-Za-z_]\w*)*$/.test(lines[0] ?? ''), `CSV does not start with a header line: ${JSON.stringify(csv.slice(0, 80))}`);
    check(lines.length >= 2, `CSV has no data row: ${JSON.stringify(csv.slice(0, 200))}`);
  }],

  ['4 XSS: <script> in a document is shown as text', async () => {
    await open('/doc/script-test');
    await page.waitForTimeout(300); // give a script, if one got in, time to fire
    await shot('doc-xss');
    const text = await page.locator('#text').innerText();
    check(text.includes(XSS), `/doc/script-test #text does not show ${XSS} literally`);
    const scripts = await page.evaluate(() => document.querySelectorAll('#text script').length);
    check(scripts === 0, `/doc/script-test: ${scripts} <script> element(s) inside #text`);
  }],
];

let failed = 0;
for (const [name, run] of steps) {
  step++;
  httpErrors = [];
  dialogs = [];
  const problems = [];
  try {
    await run();
  } catch (e) {
    problems.push(e.message.split('\n')[0]);
  }
  if (dialogs.length) problems.push(`dialog fired: ${dialogs.join('; ')}`);
  if (httpErrors.length) problems.push(`HTTP errors: ${httpErrors.join('; ')}`);
  const error = problems.join(' | ');
  if (error) {
    failed++;
    await shot('FAILED');
    console.log(`FAIL ${name}: ${error} [at ${page.url()}]`);
  } else {
    console.log(`PASS ${name}`);
  }
}
await browser.close();
console.log(failed ? `${failed} of ${steps.length} steps failed` : `all ${steps.length} steps passed`);
process.exit(failed ? 1 : 0);
