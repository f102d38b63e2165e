// The sign-in flows walked in headless Chromium on the example host page over a running
// riskgate-server (scripts/service.mjs), shared by the service smoke test, which checks
// them, and the first-load benchmark, which weighs what each one fetched.
import { gzipSync } from 'node:zlib';
import { watchErrors } from './browser.mjs';
import { totp } from './service.mjs';
import { addAuthenticator } from './webauthn.mjs';

const NEW_PASSWORD = 'Lantern-Bicycle-Ocean-93';

/**
 * The component's own files (its module and Wasm, the parts of a split build and their
 * loader, locale files), not the host page's.
 */
export function isComponentFile(url) {
  return /\/(riskgate(_bg)?\.(js|wasm)|__wasm_split\.js|(split|chunk)_\w+\.wasm|locales\/[a-z]+\.json)$/.test(new URL(url).pathname);
}

/**
 * A fresh visit (its own browser context, so nothing is cached) to the host page at
 * `path`, listening for signed-in events and weighing each component file it fetches.
 */
export async function visit(browser, origin, path = '/', query = '', contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const weighed = [];
  page.on('response', (r) => {
    if (isComponentFile(r.url())) {
      weighed.push(r.body().then((b) => ({ path: new URL(r.url()).pathname, gzip: gzipSync(b, { level: 9 }).length })));
    }
  });
  await page.addInitScript(() => {
    window.signedIn = [];
    window.cspViolations = [];
    document.addEventListener('riskgate:signed-in', (e) => window.signedIn.push(e.detail), true);
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${origin}${path}?backend=/api${query}`);
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
  /** The MFA challenge, answered with `username`'s authenticator code from `service`. */
  async function confirmWithApp(service, username) {
    await heading("Confirm it's you");
    await fill('#rg-code', await service.appCode(username));
    await press('Verify');
  }
  /** The new password, typed twice and sent. */
  async function choosePassword() {
    await heading('Choose a new password');
    await fill('#rg-new-password', NEW_PASSWORD);
    await fill('#rg-confirm-password', NEW_PASSWORD);
    await press('Change password');
  }
  /** The component files fetched so far: [{ path, gzip }]. */
  const fetched = () => Promise.all(weighed);
  /** Closes the visit; `expected` matches console errors the walk itself caused. */
  async function finish(what, expected = null) {
    const violations = await page.evaluate(() => window.cspViolations);
    if (violations.length) throw new Error(`${what}: CSP violations: ${violations.join(', ')}`);
    const unexpected = errors.filter((e) => !expected?.test(e));
    if (unexpected.length) throw new Error(`${what}: console errors:\n${unexpected.join('\n')}`);
    const heard = await page.evaluate(() => window.signedIn);
    const files = await fetched();
    await context.close();
    return { heard, files };
  }
  return { page, heading, press, fill, signIn, confirmWithApp, choosePassword, fetched, finish };
}

/**
 * Pia's passkey, made on a visit of its own (not weighed): her temporary access pass
 * once, then a passkey in guided registration. Resolves to the credential, private key
 * included, for the authenticator of the visit that is weighed.
 */
async function piaPasskey(browser, service) {
  const v = await visit(browser, service.origin);
  const { cdp, authenticatorId } = await addAuthenticator(v.page);
  await v.signIn('pia@contoso.example', 'Lagoon-Ribbon-4812');
  await v.heading('More information required');
  await v.press('Next');
  await v.heading("Set up a way to confirm it's you");
  await v.press('Add a passkey');
  await v.heading("You're signed in");
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  await v.finish('passkey sign-in: making the passkey');
  if (credentials.length !== 1) throw new Error(`passkeys made for pia: ${credentials.length}`);
  return credentials[0];
}

/**
 * The flows, each from a fresh visit to its last screen. `walk(v, service, prepared)`
 * drives the visit; `setup(browser, service)`, when there is one, runs first on visits
 * of its own and resolves to `prepared`; `path` is the host page's (the console for IT
 * staff); `expected` matches console errors the walk causes on purpose.
 */
export const FLOWS = [
  {
    name: 'clean sign-in',
    walk: async (v) => {
      await v.signIn('ada@contoso.example', 'Harbor-Lantern-61');
      await v.heading("You're signed in");
      await v.page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ timeout: 15000 });
      for (const view of ['Review your account', 'Open admin view']) {
        if (await v.page.getByRole('button', { name: view, exact: true }).count()) throw new Error(`the sign-in component offers "${view}"`);
      }
    },
  },
  {
    name: 'risky sign-in with MFA',
    walk: async (v, service) => {
      await v.signIn('ravi@contoso.example', 'Quiet-Meadow-17');
      await v.heading('We noticed something unusual');
      await v.press('Continue');
      await v.confirmWithApp(service, 'ravi@contoso.example');
      await v.heading("You're signed in");
    },
  },
  {
    name: 'risky user: MFA and a new password',
    walk: async (v, service) => {
      await v.signIn('kim@contoso.example', 'Silver-Orchard-44');
      await v.heading('Your account may be at risk');
      await v.press('Continue');
      await v.confirmWithApp(service, 'kim@contoso.example');
      await v.choosePassword();
      await v.heading("You're signed in");
    },
  },
  {
    name: 'registration interrupt with an authenticator app',
    walk: async (v) => {
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
    },
  },
  {
    name: 'self-service reset',
    walk: async (v, service) => {
      await v.heading('Sign in');
      await v.page.getByText('Forgot your password?', { exact: true }).click();
      await v.heading('Reset your password');
      await v.fill('#rg-reset-username', 'mia@contoso.example');
      await v.press('Next');
      await v.page.waitForSelector('#riskgate #rg-reset-code', { timeout: 15000 });
      await v.fill('#rg-reset-code', await service.appCode('mia@contoso.example'));
      await v.press('Verify');
      await v.choosePassword();
      await v.heading('Your password has been reset');
    },
  },
  {
    name: 'passkey sign-in',
    setup: piaPasskey,
    walk: async (v, service, credential) => {
      // The passkey into this context's own authenticator: nothing is fetched by it.
      const { cdp, authenticatorId } = await addAuthenticator(v.page);
      await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
      await v.heading('Sign in');
      await v.fill('#rg-username', 'pia@contoso.example');
      await v.press('Next');
      await v.heading('Enter your password');
      await v.press('Sign in with a passkey instead');
      await v.heading("You're signed in");
      await v.page.waitForFunction(() => window.signedIn.length > 0, null, { timeout: 15000 })
        .catch(() => { throw new Error('no riskgate:signed-in event after the passkey'); });
    },
  },
  {
    name: 'the console: an administrator steps up and opens the admin view',
    path: '/console/',
    // The admin view asked before the step-up: the service's 403, which Chromium logs.
    expected: /status of 403/,
    walk: async (v, service) => {
      await v.signIn('admin@contoso.example', 'Steady-Compass-27');
      await v.heading("You're signed in");
      await v.press('Open admin view');
      await v.heading('Admin view');
      await v.press("Confirm it's you");
      await v.confirmWithApp(service, 'admin@contoso.example');
      await v.page.waitForSelector('#riskgate table.rg-users tr:has-text("ada@contoso.example")', { timeout: 15000 });
    },
  },
];

/** Walks `flow` on a fresh visit; resolves to what finish() gives. */
export async function walk(browser, service, flow) {
  const prepared = await flow.setup?.(browser, service);
  const v = await visit(browser, service.origin, flow.path ?? '/');
  await flow.walk(v, service, prepared);
  return v.finish(flow.name, flow.expected ?? null);
}
