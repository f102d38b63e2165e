// The example host page (dist/embed/, from examples/embed.html) in headless Chromium:
// the component mounts under the page's strict CSP, a persona signs in, the page hears
// the events, and unmount() empties the host element. A broken embed bundle shows here.
import { serve, launch, watchErrors } from './browser.mjs';

const root = process.argv[2] ?? 'dist';
const site = await serve(root);
const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${site.url}embed/`);
  // Playwright's CSS locators pierce open shadow roots.
  await page.waitForSelector('#riskgate #rg-username', { timeout: 15000 });
  // The host page's global button rule must not reach the component's buttons.
  const look = await page.$eval('#riskgate', (host) => {
    const button = host.shadowRoot.querySelector('.rg-primary');
    return getComputedStyle(button).textTransform;
  });
  if (look === 'uppercase') throw new Error('the host page\'s CSS reached into the component');
  await page.fill('#riskgate #rg-username', 'ada@contoso.example');
  await page.click('#riskgate button[type=submit]');
  await page.fill('#riskgate #rg-password', 'Harbor-Lantern-61');
  await page.click('#riskgate button[type=submit]');
  await page.waitForSelector('#welcome:not([hidden])', { timeout: 15000 });
  const welcome = await page.textContent('#welcome');
  if (!welcome.includes('Ada Lindqvist')) throw new Error(`the host page says "${welcome}"`);
  const heard = await page.$$eval('#events li strong', (items) => items.map((i) => i.textContent));
  for (const name of ['riskgate:step', 'riskgate:signed-in']) {
    if (!heard.includes(name)) throw new Error(`the page did not hear ${name}: ${heard}`);
  }
  await page.click('#unmount');
  const left = await page.$eval('#riskgate', (host) => host.shadowRoot.childElementCount);
  if (left !== 0) throw new Error(`unmount left ${left} elements`);
  const violations = await page.evaluate(() => window.cspViolations);
  if (violations.length) throw new Error(`CSP violations: ${violations.join(', ')}`);
  if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
  console.log('embed: example host page mounts, signs in, hears the events, unmounts; strict CSP, no errors');
} catch (e) {
  console.error(`embed: FAILED: ${e.message}`);
  failed = true;
} finally {
  await browser.close();
  site.close();
}
process.exit(failed ? 1 : 0);
