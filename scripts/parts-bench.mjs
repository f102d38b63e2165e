// The speed half of what splitting changed, for `make bench`: in headless Chromium, on a
// bare host page over the shipped sign-in component (target/component/), whose replies
// are the examples of docs/backend-api.md, answered at once by the page's own server,
// each figure from fresh browser contexts. (Not by Playwright's routes: with a route set,
// Playwright intercepts every request of the context, the parts' fetches too, which
// added 15 to 30 ms to each transition that fetched one, measured on 2026-12-07.)
//   first screen   navigation start to a usable username field, median of 20 loads,
//                  beside Leptos's hello world (bench/hello, built alike) to its first
//                  paint, and the ratio of the two
//   transitions    click to the new screen's heading painted, median of 20: the sign-in
//                  screen to the reset and the password to the notice, each waiting for
//                  its part to be fetched on the click; the username to the password,
//                  whose part is asked for as the name is filled in just before the
//                  click; the notice to MFA, in the part the notice came in (src/ui/split.rs)
// The transitions are held to bench/budgets.json's speed_ms.transition_median; writes
// bench/parts.md and exits non-zero when a median is over it.
// Usage: node scripts/parts-bench.mjs [target/component] [target/hello]
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, percentile, example } from './browser.mjs';

const [bundle = 'target/component', hello = 'target/hello'] = process.argv.slice(2);
const LOADS = Number(process.env.LOADS ?? 20);
const budget = JSON.parse(await readFile('bench/budgets.json', 'utf8')).speed_ms.transition_median;

const HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Parts</title>
<script type="module">import init, { mount } from "./riskgate.js"; await init(); mount(document.getElementById("login"), { backend: "/api", locale: "en" });</script>
</head><body><div id="login"></div></body></html>`;
const HELLO = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hello</title>
<script type="module">import init from "./riskgate_hello.js"; await init();</script></head><body></body></html>`;

// Runs in the page first: `rgWhen(test, from)` resolves to [ms until `test()` holds, ms
// until the frame after that has been painted], both from `from` (0: navigation start).
// A MutationObserver watches the document and, once there, the component's shadow root,
// whose changes the document's observer does not see; each frame also looks, since
// attaching a shadow root changes nothing the observer sees.
function probe() {
  window.rgWhen = (test, from) => new Promise((resolve) => {
    let done = false;
    const watched = new Set();
    const observer = new MutationObserver(() => check());
    const watch = (node) => {
      if (!node || watched.has(node)) return;
      watched.add(node);
      observer.observe(node, { childList: true, subtree: true, characterData: true, attributes: true });
    };
    function check() {
      watch(document.getElementById('login')?.shadowRoot);
      if (done || !test()) return;
      done = true;
      observer.disconnect();
      const at = performance.now() - from;
      requestAnimationFrame(() => setTimeout(() => resolve([at, performance.now() - from]), 0));
    }
    const frame = () => {
      check();
      if (!done) requestAnimationFrame(frame);
    };
    watch(document);
    frame();
  });
}

const inShadow = (selector) => `document.getElementById('login').shadowRoot?.querySelector(${JSON.stringify(selector)})`;

async function fresh(browser, url) {
  const context = await browser.newContext();
  await context.addInitScript(probe);
  const page = await context.newPage();
  return { page, close: () => context.close(), url };
}

/** ms from navigation start until `test` (a JS expression) holds and is painted. */
async function firstPaint(browser, url, test) {
  const { page, close } = await fresh(browser, url);
  try {
    await page.goto(url);
    return (await page.evaluate(`window.rgWhen(() => !!(${test}), 0)`))[1];
  } finally {
    await close();
  }
}

/**
 * Clicks the button `button` and times until `heading` is the screen's heading, painted;
 * fails after 10 s (a reply the page's server does not know leaves an error screen).
 */
function clickUntil(page, button, heading) {
  return page.evaluate(`(() => {
    const start = performance.now();
    const shown = window.rgWhen(() => ${inShadow('h1')}?.textContent.trim() === ${JSON.stringify(heading)}, start);
    const late = new Promise((_, fail) => setTimeout(() => fail(new Error('parts-bench: no heading ' + ${JSON.stringify(JSON.stringify(heading))} + ' within 10 s, but ' + ${inShadow('h1')}?.textContent.trim())), 10000));
    ${inShadow(button)}.click();
    return Promise.race([shown, late]);
  })()`);
}

/** One walk on a fresh context: username to password, password to notice, notice to MFA. */
async function walk(browser, url) {
  const { page, close } = await fresh(browser, url);
  try {
    await page.goto(url);
    await page.waitForSelector('#login #rg-username', { timeout: 30000 });
    await page.fill('#login #rg-username', 'ravi@contoso.example');
    const password = (await clickUntil(page, 'button[type=submit]', 'Enter your password'))[1];
    await page.fill('#login #rg-password', 'Quiet-Meadow-17');
    const notice = (await clickUntil(page, 'button[type=submit]', 'We noticed something unusual'))[1];
    const mfa = (await clickUntil(page, 'button.rg-primary', "Confirm it's you"))[1];
    return [password, notice, mfa];
  } finally {
    await close();
  }
}

/** A fresh context: the sign-in screen to the reset, its part fetched on the click. */
async function toReset(browser, url) {
  const { page, close } = await fresh(browser, url);
  try {
    await page.goto(url);
    await page.waitForSelector('#login #rg-username', { timeout: 30000 });
    return (await clickUntil(page, 'button.rg-link', 'Reset your password'))[1];
  } finally {
    await close();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'riskgate-parts-'));
await cp(bundle, dir, { recursive: true, filter: (src) => !src.startsWith(join(bundle, 'console')) });
await writeFile(join(dir, 'index.html'), HOST);
await cp(hello, join(dir, 'hello'), { recursive: true });
await writeFile(join(dir, 'hello', 'index.html'), HELLO);
const doc = await readFile('docs/backend-api.md', 'utf8');
// The notice's step goes to the flow and step number its reply names.
const notice = JSON.parse(example(doc, 'reply_notice'));
const REPLIES = {
  '/api/sign-in': example(doc, 'reply_notice'),
  [`/api/flows/${notice.flow_id}/steps/${notice.seq}`]: example(doc, 'reply_mfa'),
};
const site = await serve(dir, (path) => REPLIES[path]);
const browser = await launch();
let rows;
try {
  const times = { component: [], hello: [], reset: [], password: [], notice: [], mfa: [] };
  await firstPaint(browser, site.url, inShadow('#rg-username')); // warms the disk cache
  for (let i = 0; i < LOADS; i++) {
    times.component.push(await firstPaint(browser, site.url, `${inShadow('#rg-username')} && !${inShadow('#rg-username')}.disabled`));
    times.hello.push(await firstPaint(browser, `${site.url}hello/`, "document.getElementById('hello')"));
    const [password, notice, mfa] = await walk(browser, site.url);
    times.password.push(password);
    times.notice.push(notice);
    times.mfa.push(mfa);
    times.reset.push(await toReset(browser, site.url));
  }
  rows = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { median: percentile(v, 50), p95: percentile(v, 95) }]));
} finally {
  await browser.close();
  site.close();
  await rm(dir, { recursive: true, force: true });
}

const ms = (v) => `${v.toFixed(1)} ms`;
const ok = (v) => (v <= budget ? 'ok' : `over by ${ms(v - budget)}`);
const text = `# The split component's speed

Written by \`make bench\` (scripts/parts-bench.mjs) on ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, over
target/component/ on a bare host page, its replies the examples of docs/backend-api.md
answered by the page's own server; ${LOADS} fresh browser contexts each.

| Figure | Median | p95 | Budget | Status |
| --- | ---: | ---: | ---: | --- |
| First screen: navigation start to a usable username field | ${ms(rows.component.median)} | ${ms(rows.component.p95)} | | |
| Leptos's hello world (bench/hello): navigation start to its text painted | ${ms(rows.hello.median)} | ${ms(rows.hello.p95)} | | |
| Ratio, first screen to hello world (medians) | ${(rows.component.median / rows.hello.median).toFixed(2)} | | | |
| Sign-in screen to the reset, its part fetched on the click | ${ms(rows.reset.median)} | ${ms(rows.reset.p95)} | ${ms(budget)} | ${ok(rows.reset.median)} |
| Username to the password, the sign-in part asked for as the name was filled in just before | ${ms(rows.password.median)} | ${ms(rows.password.p95)} | ${ms(budget)} | ${ok(rows.password.median)} |
| Password to the notice (risky sign-in), its part fetched on the click | ${ms(rows.notice.median)} | ${ms(rows.notice.p95)} | ${ms(budget)} | ${ok(rows.notice.median)} |
| Notice to MFA, in the part the notice came in | ${ms(rows.mfa.median)} | ${ms(rows.mfa.p95)} | ${ms(budget)} | ${ok(rows.mfa.median)} |
`;
await writeFile('bench/parts.md', text);
console.log(text);
if ([rows.reset, rows.password, rows.notice, rows.mfa].some((r) => r.median > budget)) {
  console.error('parts-bench: FAILED, a transition is over its budget');
  process.exit(1);
}
console.log('parts-bench: every transition is within its budget');
