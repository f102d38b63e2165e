// Loads the release bundle in headless Chromium: the first screen must render with
// no console error, and a clean persona must sign in. A broken optimiser shows up
// only here (Trunk reports success either way).
import { serve, launch, watchErrors } from './browser.mjs';

const root = process.argv[2] ?? 'dist';
const site = await serve(root);
const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage();
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

  if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
  // Typed secrets must never reach the console, whatever else is logged.
  if (logged.some((line) => line.includes('Harbor-Lantern-61'))) throw new Error('a password was logged');
  console.log('smoke: release bundle renders and signs in, no console errors');
} catch (e) {
  console.error(`smoke: FAILED: ${e.message}`);
  failed = true;
} finally {
  await browser.close();
  site.close();
}
process.exit(failed ? 1 : 0);
