// The size half of `make bench`: what a page actually fetches of the component, as
// gzip -9 of each file it requests (the module, the Wasm, locale files), measured in
// headless Chromium over a throwaway riskgate-server with the demo seed. Each row is a
// fresh browser context, so nothing comes from the cache. Held to bench/budgets.json
// (`fetched_gzip_bytes`); writes bench/first-load.md and exits non-zero when a figure is
// over its budget.
//   first load   the bare host page (examples/bare.html: init() and mount(el, { backend }))
//                until the username field is usable, in English, and in a German browser;
//                and the example host page in German with its branding (its own budget)
//   flows        each flow of scripts/flows.mjs, from navigation to its last screen (a
//                flow's setup, such as making the passkey, is on visits not weighed)
//   console      the console build's administrator flow (account health, admin view)
//   locales      each locale file, fetched when chosen
// Usage: node scripts/fetched-bench.mjs [target/component] [target/debug/riskgate-server]
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from './browser.mjs';
import { FLOWS, visit, walk } from './flows.mjs';
import { startService } from './service.mjs';

const [bundle = 'target/component', serverBin = 'target/debug/riskgate-server'] = process.argv.slice(2);
const budgets = JSON.parse(await readFile('bench/budgets.json', 'utf8')).fetched_gzip_bytes;
const KB = 1024;
const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const sum = (files) => files.reduce((total, f) => total + f.gzip, 0);
/** The files by name, a split build's shared chunks counted rather than named. */
function names(files) {
  const base = files.map((f) => f.path.replace(/^.*\//, ''));
  const chunks = base.filter((n) => n.startsWith('chunk_')).length;
  const named = base.filter((n) => !n.startsWith('chunk_'));
  return chunks ? `${named.join(', ')} and ${chunks} shared chunks` : named.join(', ');
}

/** The component files a page fetched until its username field was usable. */
async function firstLoad(browser, origin, path, query, lang, contextOptions) {
  const v = await visit(browser, origin, path, query, contextOptions);
  await v.page.waitForSelector('#riskgate #rg-username:enabled', { timeout: 30000 });
  await v.page.waitForSelector(`#riskgate .riskgate[lang=${lang}]`, { timeout: 30000 });
  return (await v.finish(`first load (${lang})`)).files;
}

/** One row: what, the files, their total, its budget and whether it holds. */
function row(what, files, budget) {
  const total = sum(files);
  return { what, files: names(files), total, budget, ok: total <= budget };
}

const service = await startService({ bundle, serverBin });
const browser = await launch();
const rows = [];
try {
  rows.push(row('First load, English (bare host page)', await firstLoad(browser, service.origin, '/bare.html', '', 'en'), budgets.first_load));
  // The same bare page in a browser set to German: the component follows the browser's
  // language, so it fetches the locale's file before its first screen.
  rows.push(row('First load, German (bare host page, German browser)', await firstLoad(browser, service.origin, '/bare.html', '', 'de', { locale: 'de-DE' }), budgets.first_load));
  rows.push(row('First load, German (example host page, with its branding)', await firstLoad(browser, service.origin, '/', '&locale=de', 'de'), budgets.branded_first_load));
  for (const flow of FLOWS) {
    const budget = flow.path === '/console/' ? budgets.console : budgets.flow;
    rows.push(row(`Flow: ${flow.name}`, (await walk(browser, service, flow)).files, budget));
  }
} catch (e) {
  console.error(`fetched-bench: FAILED: ${e.message}`);
  if (service.log.length) console.error(`riskgate-server said:\n${service.log.join('').slice(-4000)}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  await service.stop();
}
if (process.exitCode) process.exit(1);

for (const file of (await readdir(join(bundle, 'locales'))).sort()) {
  const gzip = gzipSync(await readFile(join(bundle, 'locales', file)), { level: 9 }).length;
  rows.push(row(`Locale file ${file}`, [{ path: file, gzip }], budgets.locale_file));
}

const line = (cells) => `| ${cells.join(' | ')} |`;
const text = `# What a page fetches

Written by \`make bench\` (scripts/fetched-bench.mjs) on ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}.
Gzip -9 of each component file a page requested, in a fresh browser context, over
riskgate-server with the demo seed. Budgets from bench/budgets.json; the reasons for them
are in [size.md](size.md).

${line(['What', 'Files fetched', 'Gzip -9', 'Budget', 'Status'])}
${line(['---', '---', '---:', '---:', '---'])}
${rows.map((r) => line([r.what, r.files, kb(r.total), kb(r.budget), r.ok ? 'ok' : `over by ${kb(r.total - r.budget)}`])).join('\n')}
`;
await writeFile('bench/first-load.md', text);
console.log(text);
const over = rows.filter((r) => !r.ok);
if (over.length) {
  console.error(`fetched-bench: FAILED, over budget: ${over.map((r) => r.what).join('; ')}`);
  process.exit(1);
}
console.log('fetched-bench: every figure is within its budget');
