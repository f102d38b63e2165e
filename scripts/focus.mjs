// Focus rings as a keyboard user meets them, in headless Chromium on the release bundle:
// Tab puts a visible ring on each control of the sign-in screen, and a new step's
// heading, which takes focus by script so screen readers start there, draws none, even
// right after a key moved the page on (when Chromium's :focus-visible would match it).
// Usage: node scripts/focus.mjs [dist]
import { serve, launch, watchErrors } from './browser.mjs';

const root = process.argv[2] ?? 'dist';
const site = await serve(root);
const browser = await launch();
let failed = false;

/** What has focus inside the component, and the ring it draws. */
function focused() {
  const e = document.activeElement;
  if (!e || !e.closest('.riskgate')) return null;
  const style = getComputedStyle(e);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const name = e.id || e.textContent.trim().slice(0, 40) || e.getAttribute('aria-label') || '';
  return { tag: e.tagName.toLowerCase(), name, ring };
}

/** Tabs through the component's controls once round, each as focused() sees it. */
async function tabRound(page) {
  const seen = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const now = await page.evaluate(focused);
    if (!now) continue;
    if (seen.some((s) => s.tag === now.tag && s.name === now.name)) break;
    seen.push(now);
  }
  return seen;
}

/** After a key moved the page on: the new heading has focus and draws no ring. */
async function expectQuietHeading(page, text) {
  await page.waitForSelector(`h1:has-text("${text}")`, { timeout: 15000 });
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 15000 });
  const heading = await page.evaluate(focused);
  if (heading?.ring !== false) throw new Error(`the heading "${text}" draws a focus ring: ${JSON.stringify(heading)}`);
}

try {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(site.url);
  await page.waitForSelector('#rg-username', { timeout: 15000 });
  await page.locator('#rg-username').focus();
  const controls = await tabRound(page);
  const names = controls.map((c) => `${c.tag} ${c.name}`);
  for (const want of ['input rg-username', 'button Next']) {
    if (!names.includes(want)) throw new Error(`Tab never reached ${want}: ${names.join(', ')}`);
  }
  const bare = controls.filter((c) => !c.ring);
  if (bare.length) throw new Error(`controls without a ring under Tab: ${JSON.stringify(bare)}`);

  // By keyboard alone: the name, Enter; the password, Enter.
  await page.locator('#rg-username').focus();
  await page.keyboard.type('ada@contoso.example');
  await page.keyboard.press('Enter');
  await expectQuietHeading(page, 'Enter your password');
  await page.keyboard.press('Tab');
  const next = await page.evaluate(focused);
  if (!next?.ring) throw new Error(`Tab from the heading reached ${JSON.stringify(next)}, with no ring`);
  await page.locator('#rg-password').focus();
  await page.keyboard.type('Harbor-Lantern-61');
  await page.keyboard.press('Enter');
  await expectQuietHeading(page, "You're signed in");
  if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
  console.log(`focus: Tab rings each of ${controls.length} controls on the sign-in screen; the password and signed-in headings take focus by keyboard with no ring`);
} catch (e) {
  console.error(`focus: FAILED: ${e.message}`);
  failed = true;
} finally {
  await browser.close();
  site.close();
}
process.exit(failed ? 1 : 0);
