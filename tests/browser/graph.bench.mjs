// How long the graph view (/graph) takes to load: from the start of navigation until the graph
// is laid out and drawn (the view's data-load-ms), in a fresh browser context each time (nothing
// cached in the browser). The first load after the server starts includes the server reading the
// graph from the store; the later ones get it from the server's cache. Run by .ci/browser.sh:
//   node graph.bench.mjs BASE_URL NAME LIMIT_MS [--runs N] [--synthetic NODES]
// Prints the figures and exits 1 if the first load or the median of the others exceeds LIMIT_MS.
// With --synthetic, /graph.json is answered in the browser with a generated graph of NODES
// entities, every one linked (about two stated relations each, dated over ten years), to time the
// layout and drawing of a graph of that size with no isolated entity.
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const [base, name, limitText] = args;
const option = (flag, fallback) => {
  const at = args.indexOf(flag);
  return at < 0 ? fallback : Number(args[at + 1]);
};
const limit = Number(limitText);
const runs = option('--runs', 3);
const synthetic = option('--synthetic', 0);
if (!base || !name || !(limit > 0)) {
  console.error('usage: node graph.bench.mjs BASE_URL NAME LIMIT_MS [--runs N] [--synthetic NODES]');
  process.exit(2);
}

/** A seeded graph of `n` entities in the shape of /graph.json, each with a stated relation. */
function syntheticGraph(n) {
  let seed = 7;
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const types = ['Person', 'Country', 'Organization', 'Project', 'Initiative', 'Document', 'Event', 'Place'];
  const colors = ['#e45756', '#4c78a8', '#f58518', '#54a24b', '#b279a2', '#9d755d', '#eeca3b', '#72b7b2'];
  const kinds = ['met', 'visited', 'supports', 'partOf', 'locatedIn'];
  const nodes = [];
  for (let i = 0; i < n; i++) {
    nodes.push({
      id: `${types[i % 8].toLowerCase()}/n${i}`, label: `实体${i}`, type: types[i % 8],
      pagerank: 1 / (i + 10), degree: 0, url: `/entity/${types[i % 8].toLowerCase()}/n${i}`,
    });
  }
  const edges = [];
  for (let i = 1; i < n; i++) {
    // Each entity links to an earlier one (older ones more often), and to a random one.
    for (const j of [Math.floor(random() ** 2 * i), Math.floor(random() * n)]) {
      if (j === i) continue;
      const kind = kinds[edges.length % kinds.length];
      const year = 2015 + Math.floor(random() * 10);
      edges.push({
        id: `e${edges.length + 1}`, source: nodes[i].id, target: nodes[j].id, kind, layer: 'stated',
        directed: kind !== 'met', weight: 1 + Math.floor(random() * 3), first: `${year}`, last: `${year}`,
      });
      nodes[i].degree++;
      nodes[j].degree++;
    }
  }
  for (const nd of nodes) {
    nd.first_seen = '2015';
    nd.last_seen = '2024';
  }
  return {
    types: types.map((t, i) => ({ name: t, color: colors[i], count: Math.ceil((n - i) / 8) })),
    relations: kinds.map((k) => ({
      name: k, layer: 'stated', directed: k !== 'met', count: edges.filter((e) => e.kind === k).length,
    })),
    nodes,
    edges,
  };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});
const body = synthetic ? JSON.stringify(syntheticGraph(synthetic)) : null;
const loads = [];
for (let run = 0; run <= runs; run++) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  if (body) {
    await page.route('**/graph.json', (route) => route.fulfill({ contentType: 'application/json', body }));
  }
  await page.goto(new URL('/graph', base).href);
  await page.waitForSelector('#graph-view[data-ready="true"], #graph-view[data-ready="error"]', { timeout: 120_000 });
  const view = page.locator('#graph-view');
  if (await view.getAttribute('data-ready') !== 'true') {
    console.log(`FAIL ${name}: ${await page.locator('#visible-count').innerText()}`);
    process.exit(1);
  }
  loads.push({
    ms: Number(await view.getAttribute('data-load-ms')),
    timings: await view.getAttribute('data-timings'),
    shown: await page.locator('#visible-count').innerText(),
  });
  await context.close();
}
await browser.close();

const [first, ...rest] = loads;
const sorted = rest.map((l) => l.ms).sort((a, b) => a - b);
const median = sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : first.ms;
console.log(`${name}: ${first.shown}`);
console.log(`  first load ${first.ms} ms (${first.timings})`);
console.log(`  median of ${rest.length} later loads ${median} ms (one of them: ${rest[0]?.timings ?? '-'}); limit ${limit} ms`);
const over = [first.ms > limit && 'the first load', median > limit && 'the median'].filter(Boolean);
if (over.length) {
  console.log(`FAIL ${name}: ${over.join(' and ')} over ${limit} ms`);
  process.exit(1);
}
console.log(`PASS ${name}`);
