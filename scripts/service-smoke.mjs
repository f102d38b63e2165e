// The shipped component (target/component/, `make component`) against a real
// riskgate-server: this script starts the built server binary (given; it builds nothing)
// on a free loopback port with a temporary SQLite database and the demo seed, serving the
// example host page (examples/embed.html) beside the component, and walks in headless
// Chromium a clean sign-in, a risky sign-in with MFA, a risky user (MFA and a new
// password), the registration interrupt with an authenticator app and a self-service
// reset; the sign-in component offers no account or admin view. An administrator on the
// console build (COMPONENT/console/) steps up and opens the admin view. Then the host's
// own server exchanges a hand-off code from the riskgate:signed-in event: once it works,
// the second time it is refused.
// Usage: node scripts/service-smoke.mjs [target/component] [target/debug/riskgate-server]
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { copyFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, watchErrors } from './browser.mjs';

const bundle = process.argv[2] ?? 'target/component';
const serverBin = process.argv[3] ?? 'target/debug/riskgate-server';
const NEW_PASSWORD = 'Lantern-Bicycle-Ocean-93';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** RFC 6238 (SHA-1, 6 digits, 30 s) from a base32 key as the screen shows it. */
function totp(base32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

const dir = await mkdtemp(join(tmpdir(), 'riskgate-service-'));
const site = join(dir, 'site');
await mkdir(site);
for (const [from, to] of [[bundle, site], [join(bundle, 'console'), join(site, 'console')]]) {
  await mkdir(to, { recursive: true });
  for (const name of ['riskgate.js', 'riskgate_bg.wasm']) await copyFile(join(from, name), join(to, name));
  await cp(join(from, 'locales'), join(to, 'locales'), { recursive: true });
  await copyFile('examples/embed.html', join(to, 'index.html'));
  for (const name of ['embed.js', 'embed.css']) await copyFile(join('examples', name), join(to, name));
}
for (const name of ['bare.html', 'bare.js']) await copyFile(join('examples', name), join(site, name));
const hostSecret = randomBytes(24).toString('hex');
await writeFile(join(dir, 'host-secret'), hostSecret);

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const api = `${origin}/api`;
const serverLog = [];
const server = spawn(serverBin, [
  '--listen', `127.0.0.1:${port}`, '--database', `sqlite://${join(dir, 'riskgate.db')}`, '--seed', 'demo',
  '--static', site, '--host-secret-file', join(dir, 'host-secret'), '--demo-tools', '--origin', origin,
], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: 'warn' } });
server.stdout.on('data', (d) => serverLog.push(String(d)));
server.stderr.on('data', (d) => serverLog.push(String(d)));
const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));

async function ready() {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`riskgate-server exited (${server.exitCode})`);
    try {
      const r = await fetch(`${origin}/health/ready`);
      if (r.status === 200) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('riskgate-server never became ready');
}

async function appCode(username) {
  const r = await fetch(`${api}/demo/authenticator/${encodeURIComponent(username)}`);
  if (r.status !== 200) throw new Error(`no app code for ${username}: ${r.status} ${await r.text()}`);
  return (await r.json()).code;
}

let browser;
let failed = false;
const done = [];
try {
  await ready();
  // gc() in the page: a host that drops the handle must not lose the component.
  browser = await launch(['--js-flags=--expose-gc']);

  /** A fresh visit to the host page (at `path`), listening for signed-in events. */
  async function visit(path = '/') {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.addInitScript(() => {
      window.signedIn = [];
      window.cspViolations = [];
      document.addEventListener('riskgate:signed-in', (e) => window.signedIn.push(e.detail), true);
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${origin}${path}?backend=/api`);
    const heading = (text) => page.waitForSelector(`#riskgate h1:has-text(${JSON.stringify(text)})`, { timeout: 15000 });
    const press = (name) => page.getByRole('button', { name, exact: true }).click();
    const fill = (selector, value) => page.fill(`#riskgate ${selector}`, value);
    async function signIn(username, password) {
      await heading('Sign in');
      await fill('#rg-username', username);
      await press('Next');
      await heading('Enter your password');
      await fill('#rg-password', password);
      await press('Sign in');
    }
    /** Closes the page; `expected` matches console errors the walk itself caused. */
    async function finish(what, expected = null) {
      const violations = await page.evaluate(() => window.cspViolations);
      if (violations.length) throw new Error(`${what}: CSP violations: ${violations.join(', ')}`);
      const unexpected = errors.filter((e) => !expected?.test(e));
      if (unexpected.length) throw new Error(`${what}: console errors:\n${unexpected.join('\n')}`);
      const heard = await page.evaluate(() => window.signedIn);
      await page.close();
      done.push(what);
      return heard;
    }
    return { page, heading, press, fill, signIn, finish };
  }

  // 1. Clean: signed in at once.
  let v = await visit();
  await v.signIn('ada@contoso.example', 'Harbor-Lantern-61');
  await v.heading("You're signed in");
  await v.page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ timeout: 15000 });
  for (const view of ['Review your account', 'Open admin view']) {
    if (await v.page.getByRole('button', { name: view, exact: true }).count()) throw new Error(`the sign-in component offers "${view}"`);
  }
  const ada = await v.finish('clean sign-in');

  // 2. Risky sign-in: the notice, then the authenticator app's code.
  v = await visit();
  await v.signIn('ravi@contoso.example', 'Quiet-Meadow-17');
  await v.heading('We noticed something unusual');
  await v.press('Continue');
  await v.heading("Confirm it's you");
  await v.fill('#rg-code', await appCode('ravi@contoso.example'));
  await v.press('Verify');
  await v.heading("You're signed in");
  const ravi = await v.finish('risky sign-in with MFA');

  // 3. Risky user: MFA, then a new password.
  v = await visit();
  await v.signIn('kim@contoso.example', 'Silver-Orchard-44');
  await v.heading('Your account may be at risk');
  await v.press('Continue');
  await v.heading("Confirm it's you");
  await v.fill('#rg-code', await appCode('kim@contoso.example'));
  await v.press('Verify');
  await v.heading('Choose a new password');
  await v.fill('#rg-new-password', NEW_PASSWORD);
  await v.fill('#rg-confirm-password', NEW_PASSWORD);
  await v.press('Change password');
  await v.heading("You're signed in");
  await v.finish('risky user: MFA and a new password');

  // 4. Registration interrupt: an authenticator app set up from the key on screen.
  v = await visit();
  await v.signIn('lena@contoso.example', 'Cobalt-Prairie-86');
  await v.heading('More information required');
  await v.press('Next');
  await v.heading("Set up a way to confirm it's you");
  await v.press('Authenticator app');
  await v.page.waitForSelector('#riskgate .rg-key code', { timeout: 15000 });
  const key = await v.page.textContent('#riskgate .rg-key code');
  await v.fill('#rg-code', totp(key));
  await v.press('Verify');
  await v.heading("You're signed in");
  await v.finish('registration interrupt with an authenticator app');

  // 5. Self-service reset with the app's code, then the new password signs in.
  v = await visit();
  await v.heading('Sign in');
  await v.page.getByText('Forgot your password?', { exact: true }).click();
  await v.heading('Reset your password');
  await v.fill('#rg-reset-username', 'mia@contoso.example');
  await v.press('Next');
  await v.page.waitForSelector('#riskgate #rg-reset-code', { timeout: 15000 });
  await v.fill('#rg-reset-code', await appCode('mia@contoso.example'));
  await v.press('Verify');
  await v.heading('Choose a new password');
  await v.fill('#rg-new-password', NEW_PASSWORD);
  await v.fill('#rg-confirm-password', NEW_PASSWORD);
  await v.press('Change password');
  await v.heading('Your password has been reset');
  await v.finish('self-service reset');
  const old = await fetch(`${api}/sign-in`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'mia@contoso.example', password: 'Copper-Falcon-28', source: null }),
  });
  if (old.status !== 401) throw new Error(`mia's old password after the reset: ${old.status}`);

  // The console build: an administrator steps up and sees the users.
  v = await visit('/console/');
  await v.signIn('admin@contoso.example', 'Steady-Compass-27');
  await v.heading("You're signed in");
  await v.press('Open admin view');
  await v.heading('Admin view');
  await v.press("Confirm it's you");
  await v.heading("Confirm it's you");
  await v.fill('#rg-code', await appCode('admin@contoso.example'));
  await v.press('Verify');
  await v.page.waitForSelector('#riskgate table.rg-users tr:has-text("ada@contoso.example")', { timeout: 15000 });
  // The admin view asked before the step-up: the service's 403, which Chromium logs.
  await v.finish('the console: an administrator steps up and opens the admin view', /status of 403/);

  // 6. A bare host page that keeps no handle: garbage collected, the component stays.
  const bare = async (query) => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${origin}/bare.html${query}`);
    await page.waitForFunction(() => window.bareReady === true, null, { timeout: 15000 });
    const heading = (text) => page.waitForSelector(`#riskgate h1:has-text(${JSON.stringify(text)})`, { timeout: 15000 });
    const collect = () => page.evaluate(async () => {
      for (let i = 0; i < 5; i++) { gc(); await new Promise((r) => setTimeout(r, 50)); }
    });
    const children = () => page.evaluate(() => document.getElementById('riskgate').shadowRoot?.childElementCount ?? 0);
    return { page, errors, heading, collect, children };
  };
  let b = await bare('');
  await b.heading('Sign in');
  await b.collect();
  await b.page.fill('#riskgate #rg-username', 'ada@contoso.example');
  await b.page.getByRole('button', { name: 'Next', exact: true }).click();
  await b.heading('Enter your password');
  await b.collect();
  await b.page.fill('#riskgate #rg-password', 'Harbor-Lantern-61');
  await b.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await b.heading("You're signed in");
  await b.collect();
  const heardBare = await b.page.evaluate(() => window.events);
  if (!heardBare.includes('riskgate:signed-in')) throw new Error(`no signed-in event on the bare page: ${heardBare}`);
  if (!(await b.page.evaluate(() => window.unmountElement()))) throw new Error('unmount(el) found no component');
  if ((await b.children()) !== 0) throw new Error('unmount(el) left the component on the page');
  if (b.errors.length) throw new Error(`bare page: console errors:\n${b.errors.join('\n')}`);
  await b.page.close();
  done.push('a dropped handle, garbage collected: signed in, then unmount(el)');

  // 7. The handle kept and unmount() called as the answer is on its way: gone, and silent.
  b = await bare('?keep');
  await b.heading('Sign in');
  await b.page.fill('#riskgate #rg-username', 'ada@contoso.example');
  await b.page.getByRole('button', { name: 'Next', exact: true }).click();
  await b.heading('Enter your password');
  await b.page.fill('#riskgate #rg-password', 'Harbor-Lantern-61');
  const heardBefore = await b.page.evaluate(() => {
    const root = document.getElementById('riskgate').shadowRoot;
    [...root.querySelectorAll('button')].find((x) => x.textContent.trim() === 'Sign in').click();
    window.handle.unmount();
    return window.events.length;
  });
  await b.collect();
  await new Promise((r) => setTimeout(r, 1500));
  const heardAfter = await b.page.evaluate(() => window.events);
  if (heardAfter.length !== heardBefore) throw new Error(`events after unmount(): ${heardAfter.slice(heardBefore)}`);
  if ((await b.children()) !== 0) throw new Error('unmount() left the component on the page');
  if (await b.page.evaluate(() => window.handle.mounted)) throw new Error('the handle says it is still mounted');
  if (await b.page.evaluate(() => window.unmountElement())) throw new Error('unmount(el) found a component after unmount()');
  if (b.errors.length) throw new Error(`bare page: console errors:\n${b.errors.join('\n')}`);
  await b.page.close();
  done.push('the handle kept and unmount() called: gone, no event after');

  // The host's own server: each signed-in event carried a hand-off code, exchanged once.
  const exchange = (code) => fetch(`${api}/handoffs/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hostSecret}` },
    body: JSON.stringify({ code }),
  });
  const code = ravi[0]?.handoff;
  if (!code) throw new Error(`the signed-in event carried no hand-off: ${JSON.stringify(ravi)}`);
  let r = await exchange(code);
  const who = await r.json();
  if (r.status !== 200 || who.subject !== 'ravi@contoso.example' || who.tenant !== 'contoso' || who.proven !== true) {
    throw new Error(`the exchange answered ${r.status} ${JSON.stringify(who)}`);
  }
  r = await exchange(code);
  const again = await r.json();
  if (r.status !== 410 || again.error !== 'FlowExpired') throw new Error(`a second exchange answered ${r.status} ${JSON.stringify(again)}`);
  r = await exchange(ada[0]?.handoff);
  const adaWho = await r.json();
  if (r.status !== 200 || adaWho.subject !== 'ada@contoso.example' || adaWho.proven !== false) {
    throw new Error(`ada's exchange answered ${r.status} ${JSON.stringify(adaWho)}`);
  }
  done.push('hand-off exchanged once, refused the second time');
  console.log(`service: the shipped component over riskgate-server: ${done.join('; ')}`);
} catch (e) {
  console.error(`service: FAILED after [${done.join('; ')}]: ${e.message}`);
  if (serverLog.length) console.error(`riskgate-server said:\n${serverLog.join('').slice(-4000)}`);
  failed = true;
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (server.exitCode === null) server.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
