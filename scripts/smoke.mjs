// Loads the release bundle in headless Chromium: the first screen must render with
// no console error, and a clean persona must sign in. A broken optimiser shows up
// only here (Trunk reports success either way). The page runs under its own strict
// Content-Security-Policy: the served index.html must carry it (no 'unsafe-inline',
// no 'unsafe-eval'), and nothing on the way may violate it.
import { serve, launch, watchErrors } from './browser.mjs';

const root = process.argv[2] ?? 'dist';
const site = await serve(root);
const browser = await launch();
let failed = false;

/** The policy in the served index.html's <meta http-equiv="Content-Security-Policy">. */
async function servedPolicy(url) {
  const html = await (await fetch(url)).text();
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1];
  if (!policy) throw new Error('the served index.html has no Content-Security-Policy meta tag');
  for (const loose of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'http:', 'https:', 'blob:']) {
    if (policy.split(/[;\s]+/).includes(loose)) throw new Error(`the CSP allows ${loose}: ${policy}`);
  }
  const directive = (name) => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
  if (!directive('default-src')?.includes("'none'")) throw new Error(`the CSP has no default-src 'none': ${policy}`);
  if (!/'sha256-[A-Za-z0-9+/=]+'/.test(directive('script-src') ?? '')) {
    throw new Error(`the CSP's script-src names no inline script by hash: ${policy}`);
  }
  return policy;
}

// Runs in the page before its own scripts: every CSP violation, as the page sees it.
function recordViolations() {
  window.rgViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.rgViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
  });
}

try {
  const policy = await servedPolicy(site.url);
  const page = await browser.newPage();
  await page.addInitScript(recordViolations);
  const errors = watchErrors(page);
  const logged = [];
  page.on('console', (m) => logged.push(m.text()));
  await page.goto(site.url);
  await page.waitForSelector('#rg-username', { timeout: 15000 });
  const heading = await page.textContent('h1');
  if (heading?.trim() !== 'Sign in') throw new Error(`first screen heading is "${heading}"`);

  await page.fill('#rg-username', 'ada@contoso.example');
  await page.click('button[type=submit]');
  await page.fill('#rg-password', 'Harbor-Lantern-61');
  await page.click('button[type=submit]');
  await page.waitForSelector('text=You\'re signed in', { timeout: 15000 });

  // A QR code is markup set as innerHTML: it must render under the policy too.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.fill('#rg-username', 'noor@contoso.example');
  await page.click('button[type=submit]');
  await page.fill('#rg-password', 'Amber-Glacier-52');
  await page.click('button[type=submit]');
  await page.click('button.rg-primary:has-text("Next")');
  await page.click('button:has-text("Authenticator app")');
  await page.waitForSelector('.rg-qr svg', { timeout: 15000 });

  const violations = await page.evaluate(() => window.rgViolations);
  if (violations.length) throw new Error(`CSP violations:\n${violations.join('\n')}`);
  const cspLines = logged.filter((line) => /Content[ -]Security[ -]Policy/i.test(line));
  if (cspLines.length) throw new Error(`CSP messages on the console:\n${cspLines.join('\n')}`);
  if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
  // Typed secrets must never reach the console, whatever else is logged.
  if (logged.some((line) => line.includes('Harbor-Lantern-61'))) throw new Error('a password was logged');
  console.log(`smoke: release bundle renders and signs in under its CSP (${policy.split(';').length} directives), no violations, no console errors`);
} catch (e) {
  console.error(`smoke: FAILED: ${e.message}`);
  failed = true;
} finally {
  await browser.close();
  site.close();
}
process.exit(failed ? 1 : 0);
