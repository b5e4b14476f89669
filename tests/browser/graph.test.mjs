// Headless-browser tests of `corridor serve`'s graph view (/graph), against a store built from
// the default corpus (data/). Run by .ci/browser.sh:
//   node graph.test.mjs http://127.0.0.1:PORT ARTIFACTS_DIR
// Prints one PASS/FAIL line per step, saves screenshots into ARTIFACTS_DIR (graph-step1-… is the
// drawn graph) and exits 1 if any step fails.
import { check, session } from './harness.mjs';

const [base, artifacts] = process.argv.slice(2);
if (!base || !artifacts) {
  console.error('usage: node graph.test.mjs BASE_URL ARTIFACTS_DIR');
  process.exit(2);
}
const s = await session({ base, artifacts, prefix: 'graph-', timeout: 30_000 });
const { page } = s;
const origin = new URL(base).origin;

// Every console error and uncaught exception of the whole run, checked by the last step. The
// browser asks for /favicon.ico by itself; its 404 is not the view's.
const consoleErrors = [];
page.on('console', (m) => {
  if (m.type() !== 'error') return;
  if ((m.location()?.url ?? '').endsWith('/favicon.ico')) return;
  consoleErrors.push(`${m.text()} (${m.location()?.url ?? page.url()})`);
});
page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
const scriptUrls = [];
page.on('request', (r) => {
  if (r.resourceType() === 'script') scriptUrls.push(r.url());
});

/** Opens /graph and waits until it is drawn; returns the page's response. */
async function openGraph() {
  const response = await s.open('/graph');
  await page.waitForSelector('#graph-view[data-ready="true"], #graph-view[data-ready="error"]');
  const ready = await page.getAttribute('#graph-view', 'data-ready');
  check(ready === 'true', `the view failed: ${await page.textContent('#visible-count')}`);
  return response;
}

/** The counter's numbers: [entities, relations] shown. */
async function shown() {
  const el = page.locator('#visible-count');
  const text = await el.innerText();
  const m = /^(\d+) entities, (\d+) relations shown$/.exec(text.trim());
  check(m, `#visible-count reads "${text}"`);
  check(Number(await el.getAttribute('data-nodes')) === Number(m[1]), '#visible-count data-nodes disagrees with its text');
  return [Number(m[1]), Number(m[2])];
}

/** The number of nodes sigma draws (not hidden by the reducers). */
async function drawn() {
  return page.evaluate(() => {
    const { renderer, graph } = window.corridorGraphView;
    return graph.nodes().filter((n) => !renderer.getNodeDisplayData(n).hidden).length;
  });
}

const steps = [
  ['1 /graph renders the whole graph under a strict policy, with this server\'s script only', async () => {
    const response = await openGraph();
    const policy = response.headers()['content-security-policy'] ?? '';
    check(policy.includes("script-src 'self'"), `CSP of /graph is "${policy}", expected script-src 'self'`);
    check(policy.includes("default-src 'none'"), `CSP of /graph is "${policy}", expected default-src 'none'`);
    check(!/script-src[^;]*unsafe/.test(policy), `CSP of /graph allows unsafe scripts: "${policy}"`);
    const scripts = await page.evaluate(() => [...document.scripts].map((x) => ({ src: x.src, inline: !x.src && x.text.trim() !== '' })));
    check(scripts.length >= 1 && scripts.every((x) => x.src && new URL(x.src).origin === origin && !x.inline),
      `scripts of /graph: ${JSON.stringify(scripts)}`);
    check(scriptUrls.length >= 1 && scriptUrls.every((u) => new URL(u).origin === origin), `scripts loaded: ${scriptUrls.join(', ')}`);
    const data = await (await page.request.get(s.url('/graph.json'))).json();
    const [nodes, edges] = await shown();
    const stated = data.edges.filter((e) => e.layer === 'stated').length;
    check(nodes === data.nodes.length, `${nodes} entities shown, /graph.json holds ${data.nodes.length}`);
    check(edges === stated, `${edges} relations shown, /graph.json holds ${stated} stated ones (the co-occurrence layer is off at first)`);
    check(nodes > 50, `only ${nodes} entities in the default corpus's graph`);
    check(await drawn() === nodes, 'sigma draws a different number of nodes than the counter says');
    check(await page.locator('#sigma canvas').count() > 0, 'no canvas in #sigma');
    check(await page.locator('#types input[name=type]').count() === data.types.length, 'not one type checkbox per type');
    await s.shot('graph');
  }],

  ['2 unticking a type hides its entities', async () => {
    const [before] = await shown();
    const data = await (await page.request.get(s.url('/graph.json'))).json();
    const biggest = [...data.types].sort((a, b) => b.count - a.count)[0];
    await page.locator(`#types input[name=type][value="${biggest.name}"]`).uncheck();
    const [after] = await shown();
    check(after === before - biggest.count, `unticking ${biggest.name} (${biggest.count}): ${before} → ${after} entities`);
    check(await drawn() === after, 'sigma draws a different number of nodes than the counter says');
    await s.shot(`without-${biggest.name}`);
    await page.locator(`#types input[name=type][value="${biggest.name}"]`).check();
    check((await shown())[0] === before, 'ticking the type again does not bring its entities back');
  }],

  ['3 the timeline and the undated switch change what is shown', async () => {
    const [nodes, edges] = await shown();
    const from = page.locator('#date-from');
    const lo = await from.getAttribute('min');
    const hi = await from.getAttribute('max');
    check(Number(hi) > Number(lo), `the timeline spans ${lo}..${hi}`);
    const label = await page.locator('#date-range').innerText();
    await from.focus();
    await page.keyboard.press('End'); // the start of the range to the last month
    const [n2, e2] = await shown();
    check(n2 < nodes, `moving the timeline's start to its end: ${nodes} → ${n2} entities`);
    check(e2 <= edges, `moving the timeline's start to its end: ${edges} → ${e2} relations`);
    const moved = await page.locator('#date-range').innerText();
    check(moved !== label, `the range label stayed "${label}"`);
    await page.locator('#undated').uncheck();
    const [n3] = await shown();
    check(n3 < n2, `excluding undated items: ${n2} → ${n3} entities`);
    check(await drawn() === n3, 'sigma draws a different number of nodes than the counter says');
    await s.shot('timeline');
    await page.locator('#undated').check();
    await from.focus();
    await page.keyboard.press('Home');
    check((await shown())[0] === nodes, 'the whole timeline again does not show every entity');
  }],

  ['4 relations and the co-occurrence layer', async () => {
    const [, edges] = await shown();
    const relation = page.locator('#relations input[name=relation]').first();
    await relation.uncheck();
    const [, fewer] = await shown();
    check(fewer < edges, `unticking ${await relation.getAttribute('value')}: ${edges} → ${fewer} relations`);
    await relation.check();
    await page.locator('#cooccurrence').check();
    const [, more] = await shown();
    check(more > edges, `the co-occurrence layer on: ${edges} → ${more} relations`);
    await s.shot('cooccurrence');
    await page.locator('#cooccurrence').uncheck();
    check((await shown())[1] === edges, 'the co-occurrence layer off does not restore the count');
  }],

  ['5 search finds 巴基斯坦 and centres it', async () => {
    await page.locator('#search').fill('巴基斯坦');
    const first = page.locator('#search-results button').first();
    check(await first.count() === 1, 'no search results for 巴基斯坦');
    const ratio = () => page.evaluate(() => window.corridorGraphView.renderer.getCamera().ratio);
    const before = await ratio();
    await page.locator('#search').press('Enter');
    await page.waitForFunction((r) => window.corridorGraphView.renderer.getCamera().ratio < r, before);
    const hover = await page.locator('#hover').innerText();
    check(hover.includes('巴基斯坦'), `#hover reads "${hover}" after the search`);
    await s.shot('search');
  }],

  ['6 clicking a node opens its entity page', async () => {
    await openGraph();
    const target = await page.evaluate(() => {
      const { graph } = window.corridorGraphView;
      // The largest node: drawn on top, easy to hit.
      return graph.nodes().reduce((a, b) => (graph.getNodeAttribute(b, 'size') > graph.getNodeAttribute(a, 'size') ? b : a));
    });
    const data = await (await page.request.get(s.url('/graph.json'))).json();
    const node = data.nodes.find((n) => n.id === target);
    const at = await page.evaluate((id) => window.corridorGraphView.position(id), target);
    const box = await page.locator('#sigma').boundingBox();
    check(at && box, `no position for ${target}`);
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await Promise.all([
      page.waitForURL(/\/entity\//),
      page.mouse.click(box.x + at.x, box.y + at.y),
    ]);
    const path = new URL(page.url()).pathname;
    check(path === node.url, `clicking ${target} led to ${path}, expected ${node.url}`);
    const h1 = await page.locator('h1').first().innerText();
    check(h1.includes(node.label), `entity page h1 "${h1}" lacks ${node.label}`);
    await s.shot('entity-from-graph');
  }],

  ['7 no console errors on the way', async () => {
    check(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
  }],
];

await s.run(steps);
