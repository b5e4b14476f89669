// Headless-browser tests of the curation forms of `corridor serve --writable`, against a store
// built from a copy of tests/fixtures/browser. Run by .ci/browser.sh:
//   CORRIDOR_TOKEN=… node curation.test.mjs http://127.0.0.1:PORT ARTIFACTS_DIR CURATION_FILE
// CURATION_FILE is the file the server writes (read here to check what was written). Prints one
// PASS/FAIL line per step, saves a screenshot of every step into ARTIFACTS_DIR and exits 1 if
// any step fails.
import fs from 'node:fs/promises';
import { check, session } from './harness.mjs';

const [base, artifacts, curationFile] = process.argv.slice(2);
const token = process.env.CORRIDOR_TOKEN;
if (!base || !artifacts || !curationFile || !token) {
  console.error('usage: CORRIDOR_TOKEN=… node curation.test.mjs BASE_URL ARTIFACTS_DIR CURATION_FILE');
  process.exit(2);
}
const XSS = '"><script>alert("xss")</script>';
const KEEP = '/entity/project/gwadar-port';
const s = await session({ base, artifacts, prefix: 'curation-', timeout: 20_000 });
const { page } = s;
const shot = (name) => s.shot(name);
const open = (p) => s.open(p);

const fileText = () => fs.readFile(curationFile, 'utf8');
const original = await fileText();

// Fills a form's decision fields and sends it; gives the status of the POST's answer.
async function send(form, { why, token: t }) {
  await form.locator('input[name=why]').fill(why);
  await form.locator('input[name=by]').fill('Browser Test');
  await form.locator('input[name=token]').fill(t ?? '');
  const action = new URL(await form.evaluate((f) => f.action)).pathname;
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === action && r.request().method() === 'POST'),
    form.locator('button[type=submit]').click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

// Opens the <details> around a form so that its fields can be filled.
async function reveal(detailsSelector) {
  const details = page.locator(detailsSelector).first();
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  return details.locator('form');
}

const steps = [
  ['1 merge form without the token: refused, file unchanged', async () => {
    await open(KEEP);
    check(await page.locator('form#merge-form input[name=nonce]').count() === 1, 'entity page: no form#merge-form with a nonce');
    check(await page.locator('li.statement form.reject-statement').count() >= 1, 'entity page: no statement with a reject form');
    const form = await reveal('details#merge');
    await form.locator('input[name=other]').fill('place/gwadar');
    await shot('merge-form');
    s.expected = [[403, '/curate/merge']];
    const status = await send(form, { why: XSS, token: '' });
    await shot('refused');
    check(status === 403, `POST /curate/merge without the token: HTTP ${status}, expected 403`);
    check(await page.locator('#refused').count() === 1, 'the refusal page has no #refused');
    check((await page.locator('#refused').innerText()).includes('token'), 'the refusal does not name the token');
    check(await fileText() === original, 'the curation file changed although the form was refused');
  }],

  ['2 merge form with the token: written, the page shows the merged entity', async () => {
    await open(KEEP);
    const form = await reveal('details#merge');
    await form.locator('input[name=other]').fill('place/gwadar');
    await Promise.all([
      page.waitForURL((u) => u.pathname === KEEP && u.searchParams.has('curated')),
      send(form, { why: XSS, token }),
    ]);
    await shot('merged');
    check(await page.locator('#outcome').count() === 1, 'after the merge: no #outcome note');
    const why = await page.locator('#outcome .why').innerText();
    check(why === XSS, `#outcome shows the reason as "${why}", expected ${XSS} literally`);
    check(await page.evaluate(() => document.querySelectorAll('body script').length) === 0, 'a <script> element got into the page');
    const aliases = await page.locator('#aliases').innerText();
    check(aliases.includes('瓜达尔') && aliases.includes('Gwadar'), `#aliases of the kept entity is "${aliases}", expected the merged place's names`);
    check((await page.locator('#decisions').innerText()).includes(XSS), '#decisions does not show the reason literally');
    const text = await fileText();
    check(text.startsWith(original), 'the curation file lost its old bytes');
    check(/\[\[merge\]\]\s*keep = "project\/gwadar-port"\s*ids = \["place\/gwadar"\]/.test(text), `no [[merge]] of place/gwadar in the file:\n${text}`);
    s.expected = [[404, '/entity/place/gwadar']];
    await page.goto(s.url('/entity/place/gwadar'));
    check(await page.locator('h1').innerText() === 'Not found', '/entity/place/gwadar is still an entity after the merge');
  }],

  ['3 rename two entities alike through their forms', async () => {
    for (const id of ['country/china', 'place/balochistan']) {
      await open(`/entity/${id}`);
      const form = await reveal('details#rename');
      await form.locator('input[name=en]').fill(XSS);
      await Promise.all([
        page.waitForURL((u) => u.pathname === `/entity/${id}` && u.searchParams.has('curated')),
        send(form, { why: `an English label for ${id}`, token }),
      ]);
      const labels = await page.locator('#labels').innerText();
      check(labels.includes(XSS), `#labels of ${id} is "${labels}", expected ${XSS} literally`);
    }
    await shot('renamed');
  }],

  ['4 review page: items listed, forms and values escaped, a statement rejected', async () => {
    await open('/');
    const link = page.locator('a#review-link');
    check(await link.count() === 1, 'home: no a#review-link on a writable server');
    await Promise.all([page.waitForURL(/\/review$/), link.click()]);
    await page.waitForTimeout(300); // give a script, if one got in, time to fire
    await shot('review');
    const items = page.locator('ol#review li.item');
    check(await items.count() >= 1, '/review lists no li.item');
    check(await page.evaluate(() => document.querySelectorAll('body script').length) === 0, 'a <script> element got into /review');
    const duplicate = items.filter({ has: page.locator('.reason', { hasText: XSS }) }).first();
    check(await duplicate.count() === 1, `/review has no item whose reason shows ${XSS} literally`);
    const ids = await duplicate.locator('form input[type=hidden]').evaluateAll((inputs) =>
      Object.fromEntries(inputs.map((i) => [i.name, i.value])));
    const pair = [ids.keep, ids.other].sort().join(' ');
    check(pair === 'country/china place/balochistan', `the duplicate's merge form has keep/other "${pair}"`);
    check(/^\d+\.[0-9a-f]{64}$/.test(ids.nonce ?? ''), `the review form's nonce is "${ids.nonce}"`);
    const unsure = items.filter({ has: page.locator('form[action="/curate/reject"] input[name=subject]') }).first();
    check(await unsure.count() === 1, '/review has no unsure statement with a reject form');
    const form = unsure.locator('form');
    const subject = await form.locator('input[name=subject]').inputValue();
    const relation = await form.locator('input[name=relation]').inputValue();
    const object = await form.locator('input[name=object]').inputValue();
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/review' && u.searchParams.has('curated')),
      send(form, { why: 'the sentence does not say so', token }),
    ]);
    await shot('rejected');
    check((await page.locator('#outcome .decision').innerText()).startsWith(`reject ${subject} ${relation} ${object}`),
      `#outcome does not say the statement ${subject} ${relation} ${object} was rejected`);
    const text = await fileText();
    check(text.includes(`subject = "${subject}"`) && text.includes('[[reject]]'), `no [[reject]] of ${subject} in the file`);
  }],
];

await s.run(steps);
