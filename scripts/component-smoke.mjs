// The shipped component (target/component/, `make component`) in headless Chromium, on a
// bare host page with a strict CSP: it refuses the mock it does not carry, mounts against
// an HTTP backend, and walks a sign-in whose replies are the examples of
// docs/backend-api.md, served by Playwright. A broken release build shows here.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, watchErrors } from './browser.mjs';

const bundle = process.argv[2] ?? 'target/component';

const HOST = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'">
<title>Component check</title>
<script type="module" src="./host.js"></script>
</head>
<body><div id="login"></div></body>
</html>
`;

const HOST_JS = `import init, { mount } from "./riskgate.js";
await init();
const slot = document.querySelector("#login");
try {
  mount(slot, { backend: "mock" });
  window.mockRefusal = "mounted";
} catch (e) {
  window.mockRefusal = String(e.message ?? e);
}
window.handle = mount(slot, { backend: "/api", locale: "en", theme: "light" });
`;

/** The JSON block after `<!-- example: name -->` in the API document. */
function example(doc, name) {
  const at = doc.indexOf(`<!-- example: ${name} -->`);
  if (at < 0) throw new Error(`docs/backend-api.md has no example ${name}`);
  const start = doc.indexOf('```json', at) + '```json'.length;
  return doc.slice(start, doc.indexOf('```', start)).trim();
}

const doc = await readFile('docs/backend-api.md', 'utf8');
const dir = await mkdtemp(join(tmpdir(), 'riskgate-component-'));
for (const name of ['riskgate.js', 'riskgate_bg.wasm']) await copyFile(join(bundle, name), join(dir, name));
await writeFile(join(dir, 'index.html'), HOST);
await writeFile(join(dir, 'host.js'), HOST_JS);

const site = await serve(dir);
const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  const sent = [];
  const reply = (name) => (route) => {
    sent.push([route.request().url(), route.request().postData()]);
    return route.fulfill({ status: 200, contentType: 'application/json', body: example(doc, name) });
  };
  await page.route('**/api/sign-in', reply('reply_notice'));
  await page.route('**/api/flows/*/steps/0', reply('reply_mfa'));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(site.url);
  await page.waitForSelector('#login #rg-username', { timeout: 15000 });
  const refusal = await page.evaluate(() => window.mockRefusal);
  if (!refusal.includes('no mock backend')) throw new Error(`backend "mock" was not refused clearly: ${refusal}`);
  await page.fill('#login #rg-username', 'ravi@contoso.example');
  await page.click('#login button[type=submit]');
  await page.fill('#login #rg-password', 'Quiet-Meadow-17');
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#login h1:has-text("We noticed something unusual")', { timeout: 15000 });
  const body = JSON.parse(sent[0]?.[1] ?? '{}');
  if (body.username !== 'ravi@contoso.example') throw new Error(`the sign-in sent ${sent[0]?.[1]}`);
  await page.click('#login button.rg-primary');
  await page.waitForSelector('#login h1:has-text("Confirm it\'s you")', { timeout: 15000 });
  if (!sent[1]?.[0].endsWith('/api/flows/f-3k9QzT7b/steps/0')) throw new Error(`the notice was answered at ${sent[1]?.[0]}`);
  const violations = await page.evaluate(() => window.cspViolations);
  if (violations.length) throw new Error(`CSP violations: ${violations.join(', ')}`);
  if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
  console.log('component: refuses the mock, mounts over HTTP, signs in to the MFA step; strict CSP, no errors');
} catch (e) {
  console.error(`component: FAILED: ${e.message}`);
  failed = true;
} finally {
  await browser.close();
  site.close();
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
