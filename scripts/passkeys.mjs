// Passkeys end to end, on the release bundle in headless Chromium with a DevTools
// virtual authenticator (a platform passkey provider that verifies the person):
// - Omar (anonymous network: a risky sign-in every time) passes MFA by text, adds a
//   passkey from account health, then passes his next risky sign-in with it;
// - a recorded answer replayed later, an answer tampered to name another origin, and
//   a closed prompt are each refused with a message, and nobody is signed in;
// - Omar then proves "forgot my password" with that passkey instead of a code;
// - Pia (passwordless) signs in once with her temporary access pass, creates a
//   passkey in guided registration, then signs in with the passkey alone;
// - Woodgrove's admin asks for phishing-resistant strength at high risk: Sam (a
//   malicious address: high risk every time) is blocked without a passkey, and once
//   he has one, his challenge offers only the passkey and says why.
// The page sees navigator.credentials.get through a wrapper that records the first
// real answer and, when told, replays it, edits its origin or acts as a closed prompt.
import { serve, launch, watchErrors } from './browser.mjs';
import { addAuthenticator } from './webauthn.mjs';

const root = process.argv[2] ?? 'dist';
const site = await serve(root);
// WebAuthn does not take an IP address as RP id: the page must be on a host name.
const url = site.url.replace('127.0.0.1', 'localhost');
const browser = await launch();
const WAIT = { timeout: 15000 };

/** Wraps navigator.credentials.get; window.__rg.mode picks what it does. */
function wrapCredentials() {
  const real = navigator.credentials.get.bind(navigator.credentials);
  const state = { mode: 'pass', recorded: null, calls: 0 };
  window.__rg = state;
  const utf8 = (buf) => new TextDecoder().decode(buf);
  navigator.credentials.get = async (options) => {
    state.calls += 1;
    if (state.mode === 'cancel') throw new DOMException('The prompt was closed.', 'NotAllowedError');
    if (state.mode === 'replay') return state.recorded;
    const got = await real(options);
    if (state.mode === 'wrong-origin') {
      const data = JSON.parse(utf8(got.response.clientDataJSON));
      data.origin = 'https://login.contoso-example.net';
      const clientDataJSON = new TextEncoder().encode(JSON.stringify(data)).buffer;
      return { id: got.id, rawId: got.rawId, type: got.type, response: {
        clientDataJSON, authenticatorData: got.response.authenticatorData, signature: got.response.signature,
      } };
    }
    state.recorded ??= got;
    return got;
  };
}

async function heading(page) {
  return (await page.textContent('main h1'))?.trim();
}

async function expectHeading(page, text) {
  await page.waitForFunction((t) => document.querySelector('main h1')?.textContent.trim() === t, text, WAIT)
    .catch(async () => { throw new Error(`expected heading "${text}", got "${await heading(page)}"`); });
}

async function signIn(page, username, password) {
  await page.fill('#rg-username', username);
  await page.click('main button[type=submit]');
  await page.fill('#rg-password', password);
  await page.click('main button[type=submit]');
}

async function signOut(page) {
  await page.click('main button:has-text("Sign out")');
  await page.waitForSelector('#rg-username', WAIT);
}

/** The sign counts the directory holds for `username`'s passkeys, from the review panel. */
async function signCounts(page, username) {
  const selector = `.rg-passkeys li[data-user="${username}"] code`;
  await page.waitForSelector(selector, { state: 'attached', ...WAIT });
  return (await page.textContent(selector)).split(',').map(Number);
}

/** Omar up to his MFA challenge: each sign-in comes from an anonymising network. */
async function omarToChallenge(page) {
  await signIn(page, 'omar@contoso.example', 'Velvet-Canyon-35');
  await expectHeading(page, 'We noticed something unusual');
  await page.click('main button:has-text("Continue")');
  await expectHeading(page, 'Confirm it\'s you');
}

async function expectRefused(page, message) {
  await page.waitForSelector(`main [role=alert]:has-text("${message}")`, WAIT);
  if ((await heading(page)) !== 'Confirm it\'s you') throw new Error(`left the challenge: ${await heading(page)}`);
  if (await page.isVisible('text=You\'re signed in')) throw new Error('signed in after a refused passkey');
}

async function omar(page) {
  // First sign-in: a code by text, read from the simulated phone.
  await omarToChallenge(page);
  await page.click('main button:has-text("Text me a code")');
  const code = (await page.waitForSelector('.rg-phone-code', WAIT)).textContent();
  await page.fill('#rg-code', (await code).trim());
  await page.click('main button:has-text("Verify")');
  await expectHeading(page, 'You\'re signed in');

  // Account health: add a passkey.
  await page.click('main button:has-text("Review your account")');
  await page.click('main button:has-text("Add a passkey")');
  await page.waitForSelector('main p[role=status]:has-text("Added.")', WAIT);
  const added = await signCounts(page, 'omar@contoso.example');
  if (added.length !== 1) throw new Error(`passkeys stored: ${added}`);
  await page.waitForSelector('main table.rg-methods-table :text("Passkey")', WAIT);
  await page.click('main button:has-text("Sign out")');

  // The next risky sign-in, passed with the passkey (offered first).
  await omarToChallenge(page);
  await page.waitForSelector('main button:has-text("Use a passkey")', WAIT);
  await page.click('main button:has-text("Use a passkey")');
  await expectHeading(page, 'You\'re signed in');
  await page.waitForFunction(([u, before]) => {
    const text = document.querySelector(`.rg-passkeys li[data-user="${u}"] code`)?.textContent ?? '';
    return Number(text.split(',')[0]) > before;
  }, ['omar@contoso.example', added[0]], WAIT).catch(() => { throw new Error('sign count did not grow'); });
  await signOut(page);
  console.log('passkeys: registered from account health; a risky sign-in passed with it');

  // A captured answer, replayed on a later sign-in.
  await omarToChallenge(page);
  await page.evaluate(() => { window.__rg.mode = 'replay'; });
  await page.click('main button:has-text("Use a passkey")');
  await expectRefused(page, 'isn\'t for this sign-in');

  // An answer whose client data names another origin (a phishing page's).
  await page.evaluate(() => { window.__rg.mode = 'wrong-origin'; });
  await page.click('main button:has-text("Use a passkey")');
  await expectRefused(page, 'made for a different website');

  // A closed prompt: a clear message, and the other method is still there.
  await page.evaluate(() => { window.__rg.mode = 'cancel'; });
  await page.click('main button:has-text("Use a passkey")');
  await expectRefused(page, 'prompt was closed');
  await page.waitForSelector('main fieldset.rg-methods button:has-text("Text message")', WAIT);

  // And the real passkey still works on the same challenge screen.
  await page.evaluate(() => { window.__rg.mode = 'pass'; });
  await page.click('main button:has-text("Use a passkey")');
  await expectHeading(page, 'You\'re signed in');
  await signOut(page);
  console.log('passkeys: replayed answer, wrong origin and closed prompt refused; nobody signed in by them');
}

/** "Forgot your password?" proven with Omar's passkey, up to choosing a new password. */
async function omarReset(page) {
  await page.click('main button:has-text("Forgot your password?")');
  await page.fill('#rg-reset-username', 'omar@contoso.example');
  await page.click('main button:has-text("Next")');
  await expectHeading(page, 'Confirm it\'s you');
  await page.click('main fieldset.rg-methods button:has-text("Passkey")');
  if (await page.isVisible('#rg-reset-code')) throw new Error('a code field is shown for a passkey');
  await page.click('main button:has-text("Use a passkey")');
  await expectHeading(page, 'Choose a new password');
  await page.goto(url); // leave the reset; the directory is kept
  await page.waitForSelector('#rg-username', WAIT);
  console.log('passkeys: a password reset proven with the passkey');
}

async function pia(page) {
  await signIn(page, 'pia@contoso.example', 'Lagoon-Ribbon-4812');
  await expectHeading(page, 'More information required');
  await page.click('main button:has-text("Next")');
  await expectHeading(page, 'Set up a way to confirm it\'s you');
  await page.click('main button:has-text("Add a passkey")');
  await expectHeading(page, 'You\'re signed in');
  await signOut(page);
  // The temporary access pass has ended; the passkey signs her in.
  await signIn(page, 'pia@contoso.example', 'Lagoon-Ribbon-4812');
  await page.waitForSelector('main :text("That username or password is not right")', WAIT);
  await page.click('main button:has-text("Sign in with a passkey instead")');
  await expectHeading(page, 'You\'re signed in');
  await signOut(page);
  console.log('passkeys: a passwordless persona registered one in guided registration and signed in with it');
}

/** Codes already typed, by username: an app's code works once (replays are refused). */
const usedCodes = new Map();

/** A fresh code of `username`'s authenticator app, from the demo panel; waits for the
 * app's next period when the current code was already used. */
async function appCode(page, username) {
  const read = (u) => [...document.querySelectorAll('.rg-apps li')]
    .find((li) => li.textContent.startsWith(u))?.querySelector('code')?.textContent;
  await page.waitForFunction(([u, used]) => {
    const code = [...document.querySelectorAll('.rg-apps li')]
      .find((li) => li.textContent.startsWith(u))?.querySelector('code')?.textContent;
    return code && code !== used;
  }, [username, usedCodes.get(username) ?? ''], { timeout: 35000 });
  const code = await page.evaluate(read, username);
  usedCodes.set(username, code);
  return code;
}

/** Woodgrove's sign-in risk policy: MFA rather than block, passkeys only at high risk or not. */
async function woodgrovePolicy(page, passkeysOnly) {
  const admin = 'admin@woodgrove.example';
  await signIn(page, admin, 'Steady-Ledger-39');
  await expectHeading(page, 'You\'re signed in');
  await page.click('main button:has-text("Open admin view")');
  // A password alone does not open the admin view: a step-up with the admin's app first.
  await page.click('main .rg-step-up button:has-text("Confirm it\'s you")');
  await page.waitForSelector('#rg-code', WAIT);
  await page.fill('#rg-code', await appCode(page, admin));
  await page.click('main button:has-text("Verify")');
  await page.waitForSelector('main h2:has-text("Woodgrove Bank")', WAIT);
  await page.selectOption('#rg-sign-in-action', '0');
  await page.selectOption('#rg-phishing-resistant', passkeysOnly ? '1' : '0');
  await page.click('main button:has-text("Save policy")');
  await page.waitForSelector('main :text("Policy saved.")', WAIT);
  await signOut(page);
}

async function samToChallenge(page) {
  await signIn(page, 'sam@woodgrove.example', 'Ivory-Summit-64');
  await expectHeading(page, 'We noticed something unusual');
  await page.click('main button:has-text("Continue")');
  await expectHeading(page, 'Confirm it\'s you');
}

async function strength(page) {
  await woodgrovePolicy(page, true);
  await signIn(page, 'sam@woodgrove.example', 'Ivory-Summit-64');
  await expectHeading(page, 'You can\'t sign in right now');
  await page.waitForSelector('main :text("requires a passkey for this sign-in")', WAIT);
  await page.waitForSelector('main :text("RG2006")', WAIT);
  await page.click('main button:has-text("Start over")');

  // Without the knob his app answers; then he adds a passkey.
  await woodgrovePolicy(page, false);
  await samToChallenge(page);
  await page.fill('#rg-code', await appCode(page, 'sam@woodgrove.example'));
  await page.click('main button:has-text("Verify")');
  await expectHeading(page, 'You\'re signed in');
  await page.click('main button:has-text("Review your account")');
  await page.click('main button:has-text("Add a passkey")');
  await page.waitForSelector('main p[role=status]:has-text("Added.")', WAIT);
  await page.click('main button:has-text("Sign out")');

  // With it, only the passkey is offered, and the screen says why.
  await woodgrovePolicy(page, true);
  await samToChallenge(page);
  await page.waitForSelector('main .rg-passkey-only:has-text("looks high risk")', WAIT);
  if (await page.isVisible('#rg-code')) throw new Error('a code field is offered where only a passkey counts');
  if (await page.isVisible('main fieldset.rg-methods')) throw new Error('other methods are offered');
  await page.click('main button:has-text("Use a passkey")');
  await expectHeading(page, 'You\'re signed in');
  await signOut(page);
  console.log('passkeys: high risk under the strength policy: blocked without a passkey, passkey only with one');
}

let failed = false;
try {
  const context = await browser.newContext();
  await context.addInitScript(wrapCredentials);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.waitForSelector('#rg-username', WAIT);
  await addAuthenticator(page);
  await omar(page);
  await omarReset(page);
  await pia(page);
  await strength(page);
  if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
  console.log('passkeys: all passed');
} catch (e) {
  console.error(`passkeys: FAILED: ${e.message}`);
  failed = true;
} finally {
  await browser.close();
  site.close();
}
process.exit(failed ? 1 : 0);
