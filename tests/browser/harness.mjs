// What the headless-browser tests share: Chromium with one page, the bookkeeping of each step
// (HTTP errors other than those a step expects, JavaScript dialogs), a screenshot per step, and
// the loop that runs the steps, prints one PASS/FAIL line each and exits 1 if any failed.
import { chromium } from 'playwright-core';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Throws `message` unless `cond` holds. */
export function check(cond, message) {
  if (!cond) throw new Error(message);
}

/**
 * Starts Chromium on one page against the server at `base`; screenshots go into `artifacts`,
 * named `{prefix}step{N}-{name}.png`.
 */
export async function session({ base, artifacts, prefix = '', timeout = 10_000, acceptDownloads = false }) {
  await fs.mkdir(artifacts, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox'],
  });
  const context = await browser.newContext({ acceptDownloads, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  const s = {
    page,
    step: 0,
    httpErrors: [],
    dialogs: [],
    // [status, pathname] pairs the current step expects to see answered with an error.
    expected: [],
    url: (p) => new URL(p, base).href,
    async shot(name) {
      const file = path.join(artifacts, `${prefix}step${s.step}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true })
        .catch((e) => console.error(`  (screenshot ${file} failed: ${e.message})`));
    },
    // Navigates and checks the document's own status.
    async open(p) {
      const response = await page.goto(s.url(p));
      check(response, `no response for ${p}`);
      check(response.status() < 400, `GET ${p}: HTTP ${response.status()}`);
      return response;
    },
    // Runs the steps, each a [name, async function], and exits.
    async run(steps) {
      let failed = 0;
      for (const [name, run] of steps) {
        s.step++;
        s.httpErrors = [];
        s.expected = [];
        s.dialogs = [];
        const problems = [];
        try {
          await run();
        } catch (e) {
          problems.push(e.message.split('\n')[0]);
        }
        if (s.dialogs.length) problems.push(`dialog fired: ${s.dialogs.join('; ')}`);
        if (s.httpErrors.length) problems.push(`HTTP errors: ${s.httpErrors.join('; ')}`);
        const error = problems.join(' | ');
        if (error) {
          failed++;
          await s.shot('FAILED');
          console.log(`FAIL ${name}: ${error} [at ${page.url()}]`);
        } else {
          console.log(`PASS ${name}`);
        }
      }
      await browser.close();
      console.log(failed ? `${failed} of ${steps.length} steps failed` : `all ${steps.length} steps passed`);
      process.exit(failed ? 1 : 0);
    },
  };
  page.on('response', (r) => {
    if (r.status() < 400) return;
    const p = new URL(r.url()).pathname;
    // The browser asks for /favicon.ico by itself; a missing icon is not a page of the flow.
    if (p === '/favicon.ico') return;
    if (s.expected.some(([status, pathname]) => status === r.status() && pathname === p)) return;
    s.httpErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('dialog', async (d) => {
    s.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  return s;
}
