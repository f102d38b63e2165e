// The shipped component (target/component/, `make component`) in headless Chromium, on a
// bare host page with a strict CSP: it refuses the mock it does not carry, mounts against
// an HTTP backend, and walks a sign-in whose replies are the examples of
// docs/backend-api.md, served by Playwright. Then the languages: English needs no
// fetch, another is fetched from locales/ when chosen or asked for by the host page, and a
// fetch that fails or brings another build's file leaves the page as it was, with a retry
// and the typed username kept. A broken release build shows here.
import { access, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, watchErrors, unexpectedErrors, example } from './browser.mjs';

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
const locale = new URLSearchParams(location.search).get("locale") ?? "en";
window.handle = mount(slot, { backend: "/api", locale, theme: "light" });
`;

const exists = (path) => access(path).then(() => true, () => false);

const doc = await readFile('docs/backend-api.md', 'utf8');
const dir = await mkdtemp(join(tmpdir(), 'riskgate-component-'));
// Every file of the build (module, Wasm, its parts and their loader, locales), not the console.
await cp(bundle, dir, { recursive: true, filter: (src) => !src.startsWith(join(bundle, 'console')) });
await writeFile(join(dir, 'index.html'), HOST);
await writeFile(join(dir, 'host.js'), HOST_JS);

/** The language the component shows, by its language menu's label and its lang and dir. */
async function shown(page) {
  return page.$eval('#login .riskgate', (root) => ({
    lang: root.getAttribute('lang'),
    dir: root.getAttribute('dir'),
    label: root.querySelector('label[for=rg-locale]').textContent,
    status: root.querySelector('.rg-locale-status').textContent,
  }));
}

async function waitForLang(page, lang) {
  await page.waitForSelector(`#login .riskgate[lang=${lang}]`, { timeout: 15000 });
  return shown(page);
}

function expect(what, got, want) {
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

/** The French fetch failed: English stays, the menu says so and offers Retry, the name is kept. */
async function expectLocaleFailure(page) {
  await page.waitForSelector('#login .rg-locale button', { timeout: 15000 });
  const failed = await shown(page);
  expect('after a failed fetch', [failed.lang, failed.label], ['en', 'Language']);
  if (!failed.status.includes('Français could not be loaded')) throw new Error(`the failure said: ${failed.status}`);
  expect('the username after a failed fetch', await page.inputValue('#login #rg-username'), 'ravi@contoso.example');
}

async function checkLanguages(page, errors) {
  errors.length = 0; // the sign-in's were checked
  const fetched = [];
  page.on('request', (r) => { if (r.url().includes('/locales/')) fetched.push(new URL(r.url()).pathname); });
  await page.goto(site.url);
  await page.waitForSelector('#login #rg-username', { timeout: 15000 });
  expect('English, packed', fetched, []);
  await page.fill('#login #rg-username', 'ravi@contoso.example');
  // A network failure, then a file of another build: the page stays English, says so, keeps the name.
  await page.route('**/locales/fr.json', (route) => route.abort());
  await page.selectOption('#login #rg-locale', 'fr');
  await expectLocaleFailure(page);
  await page.unroute('**/locales/fr.json');
  let served;
  const foreignServed = new Promise((resolve) => (served = resolve));
  await page.route('**/locales/fr.json', async (route) => {
    await route.fulfill({ status: 200, contentType: 'application/json', body: '{"catalog":"0000000000000000","texts":["x"]}' });
    served();
  });
  await page.click('#login .rg-locale button');
  await foreignServed;
  // Retry is hidden while loading and back once the file is refused.
  await page.waitForSelector('#login .rg-locale button', { timeout: 15000 });
  expect('after another build\'s file', (await shown(page)).lang, 'en');
  // The real file on retry.
  await page.unroute('**/locales/fr.json');
  await page.click('#login .rg-locale button');
  const french = await waitForLang(page, 'fr');
  expect('French', [french.label, french.status], ['Langue', '']);
  expect('the username in French', await page.inputValue('#login #rg-username'), 'ravi@contoso.example');
  await page.selectOption('#login #rg-locale', 'ar');
  const arabic = await waitForLang(page, 'ar');
  expect('Arabic', [arabic.dir, arabic.label], ['rtl', 'اللغة']);
  // Back to French: already here, so no second fetch.
  await page.selectOption('#login #rg-locale', 'fr');
  await waitForLang(page, 'fr');
  expect('fetches', fetched, ['/locales/fr.json', '/locales/fr.json', '/locales/fr.json', '/locales/ar.json']);
  // A host page that asks for Japanese gets it once fetched.
  fetched.length = 0;
  await page.goto(`${site.url}?locale=ja`);
  const japanese = await waitForLang(page, 'ja');
  expect('Japanese', [japanese.label, fetched], ['言語', ['/locales/ja.json']]);
  // The file refused on purpose: Chromium's logs.
  const unexpected = errors.filter((e) => !e.includes('locales/fr.json') && !e.includes('ERR_FAILED'));
  if (unexpected.length) throw new Error(`console errors:\n${unexpected.join('\n')}`);
}

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
  // The reset asks for the HTTP adapter before anything else did: its part (the sign-in
  // part) is refused, the person is told the service can't be reached, and keeps the name.
  const signinPart = '**/split_signin.wasm';
  const split = await exists(join(bundle, 'split_signin.wasm'));
  if (split) await page.route(signinPart, (route) => route.abort());
  await page.goto(site.url);
  await page.waitForSelector('#login #rg-username', { timeout: 15000 });
  const refusal = await page.evaluate(() => window.mockRefusal);
  if (!refusal.includes('no mock backend')) throw new Error(`backend "mock" was not refused clearly: ${refusal}`);
  if (split) {
    await page.click('#login button.rg-link');
    await page.fill('#login #rg-reset-username', 'ravi@contoso.example');
    await page.click('#login button[type=submit]');
    await page.getByText("We couldn't reach the sign-in service", { exact: false }).waitFor({ timeout: 15000 });
    if (sent.length) throw new Error('a request was sent without the adapter');
    expect('the name after the adapter failed to arrive', await page.inputValue('#login #rg-reset-username'), 'ravi@contoso.example');
    await page.goto(site.url);
    await page.waitForSelector('#login #rg-username', { timeout: 15000 });
  }
  // The sign-in part fails to arrive while the username is typed and when the password
  // screen is shown: the step says so, Retry brings it, and the username is kept.
  await page.fill('#login #rg-username', 'ravi@contoso.example');
  await page.click('#login button[type=submit]');
  if (split) {
    await page.waitForSelector('#login .rg-error:has-text("This step could not be loaded")', { timeout: 15000 });
    await page.unroute(signinPart);
    await page.getByRole('button', { name: 'Retry', exact: true }).click();
    await page.waitForSelector('#login .rg-identity:has-text("ravi@contoso.example")', { timeout: 15000 });
  }
  await page.fill('#login #rg-password', 'Quiet-Meadow-17');
  // The notice's part fails to arrive once: the step says so and offers a retry.
  const notice = '**/split_challenge.wasm';
  if (split) await page.route(notice, (route) => route.abort());
  await page.click('#login button[type=submit]');
  if (split) {
    await page.waitForSelector('#login .rg-error:has-text("This step could not be loaded")', { timeout: 15000 });
    await page.unroute(notice);
    await page.getByRole('button', { name: 'Retry', exact: true }).click();
  }
  await page.waitForSelector('#login h1:has-text("We noticed something unusual")', { timeout: 15000 });
  const body = JSON.parse(sent[0]?.[1] ?? '{}');
  if (body.username !== 'ravi@contoso.example') throw new Error(`the sign-in sent ${sent[0]?.[1]}`);
  await page.click('#login button.rg-primary');
  await page.waitForSelector('#login h1:has-text("Confirm it\'s you")', { timeout: 15000 });
  if (!sent[1]?.[0].endsWith('/api/flows/f-3k9QzT7b/steps/0')) throw new Error(`the notice was answered at ${sent[1]?.[0]}`);
  const violations = await page.evaluate(() => window.cspViolations);
  if (violations.length) throw new Error(`CSP violations: ${violations.join(', ')}`);
  // The part refused on purpose: Chromium's and the part loader's (__wasm_split.js) own logs.
  const unexpected = unexpectedErrors(errors);
  if (unexpected.length) throw new Error(`console errors:\n${unexpected.join('\n')}`);
  console.log('component: refuses the mock, mounts over HTTP, signs in to the MFA step (the adapter, the password screen\'s and the notice\'s parts each failed to arrive once, and were retried with nothing typed lost); strict CSP, no errors');
  await checkLanguages(page, errors);
  console.log('component: English fetches no texts; French and Arabic are fetched when chosen, Japanese when the host asks; a failed or foreign file keeps the page and the username, and Retry fetches again');
} catch (e) {
  console.error(`component: FAILED: ${e.message}`);
  failed = true;
} finally {
  await browser.close();
  site.close();
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
