// Every review-gallery entry (#/review) in headless Chromium, against a built bundle.
//   node scripts/gallery.mjs check [dist]        each entry in light, dark and right to
//       left, and a few in every other locale of locales/: no console error, and axe-core
//       finds no WCAG 2.2 A/AA violation; and each entry 320 px wide, left to right and
//       right to left: no horizontal scroll and nothing outside the card (WCAG 1.4.10),
//       but for data tables, which scroll inside their own box
//   node scripts/gallery.mjs screenshots [dist]  docs/screens/<entry>.png (light, English),
//       plus dark, Arabic and 320 px wide versions of a few
import { readFile, readdir, mkdir } from 'node:fs/promises';
import { serve, launch, watchErrors } from './browser.mjs';

const [mode = 'check', root = 'dist'] = process.argv.slice(2);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const VARIANTS = [
  { name: 'light', locale: 'en', theme: 'light' },
  { name: 'dark', locale: 'en', theme: 'dark' },
  { name: 'rtl', locale: 'ar', theme: 'light' },
];
const SHOWCASE = ['sign-in', 'mfa-app', 'register-app', 'blocked-sign-in-risk', 'password-change-rejected', 'password-wrong', 'brand-woodgrove'];

const site = await serve(root);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
const errors = watchErrors(page);
let failures = 0;

async function entries() {
  await page.goto(`${site.url}#/review`);
  await page.waitForSelector('li[data-entry]', { timeout: 20000 });
  return page.$$eval('li[data-entry]', (items) => items.map((li) => li.dataset.entry));
}

/** Opens one entry and waits until its state has shown. */
async function open(id, variant) {
  // A fresh document for each: no state carries over from the entry before.
  await page.goto('about:blank');
  await page.goto(`${site.url}#/review/${id}?locale=${variant.locale}&theme=${variant.theme}`);
  const shown = `.rg-gallery-shown[data-entry="${id}"]`;
  await page.waitForSelector(`${shown}[data-ready] h1`, { timeout: 20000 });
  return shown;
}

async function audit(id, variant) {
  const before = errors.length;
  await open(id, variant);
  const axeLoaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!axeLoaded) await page.evaluate(axeSource);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  const problems = [];
  for (const v of result.violations) {
    const where = v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`);
    problems.push(`${v.id} (${v.impact}): ${v.help}\n      ${where.join('\n      ')}`);
  }
  problems.push(...errors.slice(before).map((e) => `console: ${e}`));
  if (problems.length) {
    failures += 1;
    console.error(`  ${id} [${variant.name}]:\n    ${problems.join('\n    ')}`);
  }
}

/** At 320 px: the page does not scroll sideways, and nothing sticks out of the card but
 *  what is inside a table's own scrolling box (`.rg-table`). */
async function narrow(id, variant) {
  await page.setViewportSize({ width: 320, height: 800 });
  try {
    const shown = await open(id, variant);
    const problem = await page.evaluate((shown) => {
      if (document.documentElement.scrollWidth > innerWidth) return `the page is ${document.documentElement.scrollWidth} px wide`;
      const card = document.querySelector(`${shown} .rg-card`).getBoundingClientRect();
      const out = [...document.querySelectorAll(`${shown} .rg-card *`)].filter((e) => {
        if (e.closest('.rg-table')) return false;
        const box = e.getBoundingClientRect();
        return box.right > card.right + 1 || box.left < card.left - 1;
      });
      return out.length ? `outside the card: ${out.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`).join(', ')}` : null;
    }, shown);
    if (problem) {
      failures += 1;
      console.error(`  ${id} [${variant.name}, 320 px]: ${problem}`);
    }
  } finally {
    await page.setViewportSize({ width: 1100, height: 900 });
  }
}

async function shoot(id, variant, file) {
  const shown = await open(id, variant);
  await page.locator(`${shown} .rg-card`).screenshot({ path: file, animations: 'disabled' });
}

/** The whole page 320 px wide, as a phone shows it (WCAG 1.4.10's width). */
async function shootNarrow(id, variant, file) {
  await page.setViewportSize({ width: 320, height: 720 });
  try {
    const shown = await open(id, variant);
    await page.locator(shown).screenshot({ path: file, animations: 'disabled' });
  } finally {
    await page.setViewportSize({ width: 1100, height: 900 });
  }
}

const axeSource = await readFile('node_modules/axe-core/axe.min.js', 'utf8');
try {
  const ids = await entries();
  if (ids.length < 30) throw new Error(`the gallery lists only ${ids.length} entries`);
  if (mode === 'check') {
    for (const id of ids) for (const variant of VARIANTS) await audit(id, variant);
    // The other locales on the showcase: their lang, direction and longer words.
    const others = (await readdir('locales')).map((f) => f.replace(/\.json$/, '')).filter((t) => !VARIANTS.some((v) => v.locale === t));
    for (const tag of others) for (const id of SHOWCASE) await audit(id, { name: tag, locale: tag, theme: 'light' });
    for (const id of ids) for (const variant of [VARIANTS[0], VARIANTS[2]]) await narrow(id, variant);
    const checked = ids.length * (VARIANTS.length + 2) + others.length * SHOWCASE.length;
    if (failures) throw new Error(`${failures} of ${checked} gallery pages have problems (above)`);
    console.log(`gallery: ${ids.length} entries x ${VARIANTS.length} (light, dark, rtl) and ${SHOWCASE.length} x ${others.length} more locales (${others.join(', ')}): no console error, no axe violation (WCAG 2.2 AA); every entry at 320 px, left to right and right to left: no sideways scroll`);
  } else if (mode === 'screenshots') {
    await mkdir('docs/screens', { recursive: true });
    for (const id of ids) await shoot(id, VARIANTS[0], `docs/screens/${id}.png`);
    for (const id of SHOWCASE) {
      await shoot(id, VARIANTS[1], `docs/screens/${id}.dark.png`);
      await shoot(id, VARIANTS[2], `docs/screens/${id}.ar.png`);
      await shootNarrow(id, VARIANTS[0], `docs/screens/${id}.320.png`);
    }
    console.log(`screenshots: ${ids.length + 3 * SHOWCASE.length} pictures in docs/screens/`);
  } else {
    throw new Error(`unknown mode ${mode}: use check or screenshots`);
  }
} catch (e) {
  console.error(`gallery: FAILED: ${e.message}`);
  failures += 1;
} finally {
  await browser.close();
  site.close();
}
process.exit(failures ? 1 : 0);
