// Headless-browser tests of `corridor serve`'s entity browser, against a store built from
// tests/fixtures/browser. Run by .ci/browser.sh:
//   node browser.test.mjs http://127.0.0.1:PORT ARTIFACTS_DIR
// Prints one PASS/FAIL line per step, saves a screenshot of every step into ARTIFACTS_DIR and
// exits 1 if any step fails.
import fs from 'node:fs/promises';
import path from 'node:path';
import { check, session } from './harness.mjs';

const [base, artifacts] = process.argv.slice(2);
if (!base || !artifacts) {
  console.error('usage: node browser.test.mjs BASE_URL ARTIFACTS_DIR');
  process.exit(2);
}
const XSS = '<script>alert("xss")</script>';
const squash = (s) => (s ?? '').replace(/\s+/g, '');
const s = await session({ base, artifacts, acceptDownloads: true });
const { page } = s;
const shot = (name) => s.shot(name);
const open = (p) => s.open(p);

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

await s.run(steps);
