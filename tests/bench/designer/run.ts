// The designer benchmark (issue 6): the built designer served by a real runtime-api process, driven in
// headless Debian Chromium through playwright-core.
//   pnpm bench:designer                       (PGlite in a temporary data folder)
//   DATABASE_URL=postgres://… pnpm bench:designer   (a scratch PostgreSQL database)
//   BENCH_RUNS=3 (repeats per measure), BENCH_ONLY=flow|form, BENCH_JSON=out.json (figures as JSON)
// Measures: a 1,000-node / 1,200-edge flow's first render and its pan frame times (fitted, then zoomed in
// to full detail), and keystroke-to-paint in the preview of a 300-field form with conditions. Prints each figure next to its target.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createScratchDatabase } from '../runtime/bench-database.js';
import { ADMIN_TOKEN, startBenchServer, type BenchServer } from '../runtime/bench-server.js';
import { bigFlow, bigForm, flowForm } from './big-definitions.js';
import { measureFlow, measureForm, type Figure } from './measures.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CHROMIUM = process.env.BATON_CHROMIUM ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function api(url: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}/api${route}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${route} → ${res.status}: ${text.slice(0, 600)}`);
  return text ? JSON.parse(text) : undefined;
}

function print(figures: Figure[]): void {
  console.log('\nDesigner benchmark (headless Chromium, built designer served by runtime-api)');
  for (const f of figures) {
    const target = f.target ? `  target ${f.target.text}: ${f.met ? 'met' : 'NOT met'}` : '';
    console.log(`  ${f.name.padEnd(58)} ${f.value.toFixed(1).padStart(8)} ${f.unit}${target}`);
    if (f.detail) console.log(`    ${f.detail}`);
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`Designer benchmark skipped: ${CHROMIUM} is missing (install Debian's chromium).`);
    return;
  }
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'designer/scripts/ensure-build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('designer build failed');

  const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'baton_bench_designer') : undefined;
  let server: BenchServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startBenchServer(scratch ? { databaseUrl: scratch.url } : {});
    console.log(`runtime-api on ${scratch ? 'PostgreSQL' : 'PGlite'} started in ${server.startupMs.toFixed(0)} ms`);
    // The scene, through the API: the flow's form published, the big flow and the big form saved as drafts.
    await api(server.url, 'POST', '/definitions', flowForm('bench-flow-form'));
    await api(server.url, 'POST', '/definitions/form/bench-flow-form/publish', {});
    await api(server.url, 'POST', '/definitions', bigFlow('bench-big-flow', 'bench-flow-form'));
    await api(server.url, 'POST', '/definitions', bigForm('bench-big-form'));

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
    // tsx compiles the page functions below with esbuild's keepNames, which calls a `__name` helper.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    // Signed in as the bootstrap admin, the way the sign-in page leaves it.
    await context.addInitScript({ content: `localStorage.setItem('baton.token', ${JSON.stringify(ADMIN_TOKEN)}); localStorage.setItem('baton.token.user', 'admin');` });
    const page: Page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));

    const figures: Figure[] = [];
    // BENCH_ONLY=flow or form measures one editor (quicker while working on it).
    const only = process.env.BENCH_ONLY;
    if (only !== 'form') figures.push(...(await measureFlow(page, `${server.url}/build/flow/bench-big-flow`, { nodes: 1000, edges: 1200, runs: RUNS })));
    if (only !== 'flow') figures.push(...(await measureForm(page, `${server.url}/build/form/bench-big-form`, { runs: RUNS })));
    print(figures);
    if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(figures, null, 2));
  } finally {
    await browser?.close();
    await server?.stop();
    await scratch?.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
