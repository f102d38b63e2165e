// The browser half of `make bench`: the engine's time per decision in Wasm, time to first
// screen, screen transitions, and the builds' file sizes. Joins the native figures from
// bench/results/native.json, prints one report and writes it to bench/results.md, and
// exits non-zero when the first screen's or a transition's median is over its budget
// (bench/budgets.json speed_ms), as every budgeted benchmark does; the size budgets, on
// what a page actually fetches, are held by scripts/fetched-bench.mjs (bench/first-load.md).
//
// Usage: node scripts/bench.mjs [dist] [bench-dist] [component]
//   dist        the release app (mock backend, review tools): first screen, transitions,
//               and its sizes, reported
//   bench-dist  the same app built with `--features bench`, which exports bench_engine
//   component   what login pages ship (`make component`): its sizes, reported;
//               beside it, component-names.wasm (the same Wasm with function names,
//               before wasm-opt) gives the breakdown of what takes the space
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';
import { serve, launch, percentile } from './browser.mjs';
import { breakdown, breakdownTable } from './wasm-breakdown.mjs';

const [root = 'dist', benchRoot = 'target/bench-dist', componentRoot = 'target/component'] = process.argv.slice(2);
const SAMPLES = 31;
const LOADS = 20;
const RUNS = 50;
const KINDS = ['wasm', 'js', 'css'];
const KB = 1024;

/** Opens `url` in a fresh context; `prepare(context)` runs before loading. */
async function open(browser, url, prepare = async () => {}) {
  const context = await browser.newContext();
  await prepare(context);
  const page = await context.newPage();
  await page.goto(url);
  return { page, close: () => context.close() };
}

/** Serves `dir` while `use(url)` runs. */
async function serving(dir, use) {
  const site = await serve(dir);
  try {
    return await use(site.url);
  } finally {
    site.close();
  }
}

/** Median and p95 ns per operation of each case, run by the Wasm build in Chromium. */
async function wasmEngine(browser, url) {
  const { page, close } = await open(browser, url);
  try {
    await page.waitForSelector('#rg-username', { timeout: 30000 });
    await page.waitForFunction(() => typeof window.wasmBindings?.bench_engine === 'function', null, { timeout: 5000 })
      .catch(() => { throw new Error(`${benchRoot} has no bench_engine: build it with --features bench`); });
    const timings = JSON.parse(await page.evaluate((n) => window.wasmBindings.bench_engine(n), SAMPLES));
    return timings.map((t) => ({ name: t.name, median_ns: percentile(t.samples_ns, 50), p95_ns: percentile(t.samples_ns, 95) }));
  } finally {
    await close();
  }
}

// Runs in the page before its own scripts: records when the sign-in form is usable.
function markFirstScreen() {
  const check = () => {
    const input = document.getElementById('rg-username');
    if (!input || input.disabled || window.rgFirstScreen !== undefined) return;
    window.rgFirstScreen = performance.now();
    performance.mark('rg-first-screen');
    observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
}

/** Milliseconds from navigation start to a usable sign-in form, one fresh context. */
async function firstScreenOnce(browser, url) {
  const { page, close } = await open(browser, url, (context) => context.addInitScript(markFirstScreen));
  try {
    await page.waitForFunction(() => window.rgFirstScreen !== undefined, null, { timeout: 30000 });
    return await page.evaluate(() => window.rgFirstScreen);
  } finally {
    await close();
  }
}

/** Median and p95 of `LOADS` fresh loads, after one unrecorded load warms the disk cache. */
async function firstScreen(browser, url) {
  await firstScreenOnce(browser, url);
  const times = [];
  for (let i = 0; i < LOADS; i++) times.push(await firstScreenOnce(browser, url));
  return { median_ms: percentile(times, 50), p95_ms: percentile(times, 95) };
}

// Runs in the page before its own scripts. `rgTransition(button, heading)` clicks `button`
// and resolves to [ms until the new screen's heading is in the DOM, ms until the frame
// after it has been painted], both from just before the click. The heading is watched by a
// MutationObserver (its callback runs as soon as the DOM changes); "painted" is the first
// task after the next animation frame, which runs once that frame has been drawn.
function transitionProbe() {
  window.rgTransition = (selector, heading) => new Promise((resolve, reject) => {
    const button = document.querySelector(selector);
    if (!button) return reject(new Error(`no ${selector}`));
    const shown = () => document.querySelector('.riskgate h1')?.textContent.trim() === heading;
    let start = 0;
    let inDom;
    const timer = setTimeout(() => reject(new Error(`"${heading}" did not appear`)), 10000);
    const check = () => {
      if (inDom !== undefined || !shown()) return;
      inDom = performance.now() - start;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => {
        clearTimeout(timer);
        resolve([inDom, performance.now() - start]);
      }, 0));
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    start = performance.now();
    button.click();
    check();
  });
}

// The walk timed on each run: ravi@contoso.example signs in from a new place and device
// (notice, then an authenticator code), each click timed until the next screen.
const TRANSITIONS = [
  ['Username to password', 'Enter your password'],
  ['Password to notice (PBKDF2 check, detections, engine)', 'We noticed something unusual'],
  ['Notice to MFA', 'Confirm it\'s you'],
  ['MFA code to signed in', 'You\'re signed in'],
];

/** One walk on a fresh mock (localStorage cleared): the two times of each transition. */
async function walkOnce(page, url) {
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('#rg-username', { timeout: 30000 });
  const step = (selector, i) => page.evaluate(([s, h]) => window.rgTransition(s, h), [selector, TRANSITIONS[i][1]]);
  const submit = '.riskgate button[type=submit]';
  const times = [];
  await page.fill('#rg-username', 'ravi@contoso.example');
  times.push(await step(submit, 0));
  await page.fill('#rg-password', 'Quiet-Meadow-17');
  times.push(await step(submit, 1));
  times.push(await step('.riskgate button.rg-primary', 2));
  const code = await page.locator('.rg-apps li', { hasText: 'ravi@contoso.example' }).locator('code').textContent();
  await page.fill('#rg-code', code.trim());
  times.push(await step(submit, 3));
  return times;
}

/** Median and p95 of each transition over `RUNS` walks, after one unrecorded walk. */
async function transitions(browser, url) {
  const context = await browser.newContext();
  await context.addInitScript(transitionProbe);
  const page = await context.newPage();
  try {
    await walkOnce(page, url);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await walkOnce(page, url));
    return TRANSITIONS.map(([name], i) => {
      const dom = runs.map((r) => r[i][0]);
      const paint = runs.map((r) => r[i][1]);
      return { name, dom_ms: percentile(dom, 50), paint_ms: percentile(paint, 50), paint_p95_ms: percentile(paint, 95) };
    });
  } finally {
    await context.close();
  }
}

/** Raw and gzip -9 bytes of the Wasm, JS and CSS files in `dir` whose names start with
 * `prefix`, by kind and in total. */
async function bundleSizes(dir, prefix = '') {
  const sizes = Object.fromEntries([...KINDS, 'total'].map((k) => [k, { raw: 0, gzip: 0 }]));
  for (const name of await readdir(dir)) {
    const kind = extname(name).slice(1);
    if (!KINDS.includes(kind) || !name.startsWith(prefix)) continue;
    const bytes = await readFile(join(dir, name));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    for (const k of [kind, 'total']) {
      sizes[k].raw += bytes.length;
      sizes[k].gzip += gzip;
    }
  }
  return sizes;
}

function bytes(n) {
  return `${n.toLocaleString('en')} B (${(n / KB).toFixed(1)} KB)`;
}

/** A markdown table; columns after the first are right-aligned, as numbers are. */
function table(header, rows, align = '---:') {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const rule = line(header.map((_, i) => (i === 0 ? '---' : align)));
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function engineTable(native, wasm) {
  const rows = native.map((n) => {
    const w = wasm.find((t) => t.name === n.name);
    return [n.name, n.median_ns, n.p95_ns, w?.median_ns ?? 'n/a', w?.p95_ns ?? 'n/a'];
  });
  return table(['Case', 'Native median', 'Native p95', 'Wasm median', 'Wasm p95'], rows);
}

/** Sizes by kind. */
function sizeTable(sizes) {
  const rows = [...KINDS, 'total'].map((kind) => [kind, bytes(sizes[kind].raw), bytes(sizes[kind].gzip)]);
  return table(['Files', 'Raw', 'Gzip -9'], rows);
}

function transitionTable(rows, budget) {
  return table(['Transition', 'Heading in DOM, median', 'Painted, median', 'Painted, p95', 'Budget (painted, median)', 'Status'],
    rows.map((t) => [t.name, ms(t.dom_ms), ms(t.paint_ms), ms(t.paint_p95_ms), ms(budget), t.paint_ms <= budget ? 'ok' : 'over']));
}

const ms = (v) => `${v.toFixed(1)} ms`;
const percent = (f) => `${(100 * f).toFixed(0)} %`;

function report({ machine, native, wasm, screen, moves, sizes, space, budgets }) {
  return `# Benchmark results

Written by \`make bench\`. Figures are from one machine: compare runs on the same machine,
not across machines. Engine times are nanoseconds per operation over ${SAMPLES} samples
(src/bench.rs); native ones use the release profile (opt-level "z", LTO), as the Wasm does.

${table(['Run', ''], Object.entries(machine), '---')}

## Engine: ns per operation

${engineTable(native, wasm)}

## First screen

${table(['Figure', 'Value', 'Budget', 'Status'], [
    [`Navigation start to usable sign-in form, median of ${LOADS} fresh loads`, ms(screen.median_ms),
      ms(budgets.speed_ms.first_screen_median), screen.median_ms <= budgets.speed_ms.first_screen_median ? 'ok' : 'over'],
    [`Same, p95`, ms(screen.p95_ms), '', ''],
  ])}

## Screen transitions

Click to the next screen, median and p95 of ${RUNS} walks (ravi@contoso.example: username,
password, notice, authenticator code) on a fresh mock with no added latency, in this bundle.
"Painted" is the first task after the next animation frame, so it includes waiting for
that frame (up to one refresh interval). A median over its budget fails \`make bench\`.

${transitionTable(moves, budgets.speed_ms.transition_median)}

## Bundle size

The sign-in component login pages ship (${componentRoot}/, \`make component\`): every
sign-in flow, the HTTP adapter, the stylesheet and English (inside the Wasm); no account
or admin view, no mock backend and no review tools. What a page actually fetches, per
flow and against the budgets, is in [first-load.md](first-load.md).

${sizeTable(sizes.component)}

What takes the space in the component's first module (riskgate_bg.wasm, what every page
fetches), by the function names of the build before wasm-opt (wasm-opt then takes about
${percent(1 - firstModuleRaw / space.codeAndData)} off; the data section alone is ${bytes(space.dataGzip)} gzipped). The
parts' and chunks': \`KEEP_NAMES=DIR/ scripts/component.sh ...\`, then
\`node scripts/wasm-breakdown.mjs DIR\`.

${breakdownTable(space)}

For comparison, the two builds that carry the in-browser mock
backend (the engine, the seeded directory, PBKDF2, TOTP, the passkey verifier):

The demo app (${root}/: the component, the mock, the review gallery and the scenario lab):

${sizeTable(sizes.app)}

The embeddable demo (${root}/embed/: the component with the mock, for the example host page):

${sizeTable(sizes.embed)}

What takes the space and what was cut: [size.md](size.md).
`;
}

function machine(browserVersion) {
  return {
    Date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    'Cores (nproc)': execFileSync('nproc').toString().trim(),
    CPU: cpus()[0]?.model ?? 'unknown',
    Chromium: browserVersion,
    Node: process.version,
  };
}

const readJson = async (path) => JSON.parse(await readFile(path, 'utf8'));
const native = await readJson('bench/results/native.json').catch(() => {
  throw new Error('bench/results/native.json is missing: run `cargo bench --bench engine` first');
});
const budgets = await readJson('bench/budgets.json');
const space = await breakdown(`${componentRoot}-names.wasm`);
const firstModuleRaw = (await readFile(join(componentRoot, 'riskgate_bg.wasm'))).length;
const sizes = {
  component: await bundleSizes(componentRoot),
  app: await bundleSizes(root),
  embed: await bundleSizes(join(root, 'embed'), 'riskgate'), // not the host page's own files
};

const browser = await launch();
let results;
try {
  const wasm = await serving(benchRoot, (url) => wasmEngine(browser, url));
  const screen = await serving(root, (url) => firstScreen(browser, url));
  const moves = await serving(root, (url) => transitions(browser, url));
  results = { machine: machine(browser.version()), native, wasm, screen, moves, sizes, space, budgets };
} finally {
  await browser.close();
}

// The section scripts/load-bench.mjs writes at the end (the same mark as there) is kept
// as it was until that script writes it again.
const LOAD_MARK = '<!-- Written by scripts/load-bench.mjs (make bench); kept by scripts/bench.mjs. -->';
const old = await readFile('bench/results.md', 'utf8').catch(() => '');
const kept = old.includes(LOAD_MARK) ? `\n${old.slice(old.indexOf(LOAD_MARK))}` : '';
const text = report(results);
await writeFile('bench/results.md', text + kept);
console.log(text);
console.log('bench: wrote bench/results.md');
const speed = budgets.speed_ms;
const over = [
  ...(results.screen.median_ms > speed.first_screen_median ? ['the first screen'] : []),
  ...results.moves.filter((t) => t.paint_ms > speed.transition_median).map((t) => t.name),
];
if (over.length) {
  console.error(`bench: FAILED, over the speed budget: ${over.join('; ')}`);
  process.exitCode = 1;
}

