// The shipped component (target/component/, `make component`) against a real
// riskgate-server: this script starts the built server binary (given; it builds nothing)
// on a free loopback port (its pages on localhost, as WebAuthn takes no IP address)
// with a temporary SQLite database and the demo seed, serving the
// example host page (examples/embed.html) beside the component, and walks in headless
// Chromium a clean sign-in, a risky sign-in with MFA, a risky user (MFA and a new
// password), the registration interrupt with an authenticator app, a self-service
// reset and a passkey sign-in (the passkey made first, on a visit of its own, by a
// virtual authenticator); the sign-in component offers no account or admin view. An administrator on the
// console build (COMPONENT/console/) steps up and opens the admin view. Then the host's
// own server exchanges a hand-off code from the riskgate:signed-in event: once it works,
// the second time it is refused.
// Usage: node scripts/service-smoke.mjs [target/component] [target/debug/riskgate-server]
import { launch, watchErrors, unexpectedErrors } from './browser.mjs';
import { FLOWS, walk } from './flows.mjs';
import { startService } from './service.mjs';

const bundle = process.argv[2] ?? 'target/component';
const serverBin = process.argv[3] ?? 'target/debug/riskgate-server';

let browser;
let failed = false;
const done = [];
let service;
try {
  service = await startService({ bundle, serverBin });
  const { origin, api, hostSecret } = service;
  // gc() in the page: a host that drops the handle must not lose the component.
  browser = await launch(['--js-flags=--expose-gc']);

  // Each flow from a fresh visit to its last screen; the self-service reset's old
  // password is refused afterwards.
  const heard = {};
  for (const flow of FLOWS) {
    heard[flow.name] = (await walk(browser, service, flow)).heard;
    done.push(flow.name);
  }
  const ada = heard['clean sign-in'];
  const ravi = heard['risky sign-in with MFA'];
  const old = await fetch(`${api}/sign-in`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'mia@contoso.example', password: 'Copper-Falcon-28', source: null }),
  });
  if (old.status !== 401) throw new Error(`mia's old password after the reset: ${old.status}`);

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
  // Contoso's branding came with the reply: its part drew the logo.
  await b.page.waitForSelector('#riskgate img.rg-logo[alt="Contoso"]', { timeout: 15000 });
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

  // 8. The branding's part does not arrive: the flow goes on in the component's own look.
  b = await bare('');
  await b.page.route('**/split_brand.wasm', (route) => route.abort());
  await b.heading('Sign in');
  await b.page.fill('#riskgate #rg-username', 'ada@contoso.example');
  await b.page.getByRole('button', { name: 'Next', exact: true }).click();
  await b.heading('Enter your password');
  await b.page.fill('#riskgate #rg-password', 'Harbor-Lantern-61');
  await b.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await b.heading("You're signed in");
  await new Promise((r) => setTimeout(r, 500));
  if (await b.page.locator('#riskgate .rg-logo').count()) throw new Error('a logo without the branding part');
  const unexpected = unexpectedErrors(b.errors);
  if (unexpected.length) throw new Error(`no branding part: console errors:\n${unexpected.join('\n')}`);
  await b.page.close();
  done.push("the branding's part drew Contoso's logo, and its failure left the sign-in working");

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
  if (service?.log.length) console.error(`riskgate-server said:\n${service.log.join('').slice(-4000)}`);
  failed = true;
} finally {
  await browser?.close();
  await service?.stop();
}
process.exit(failed ? 1 : 0);
