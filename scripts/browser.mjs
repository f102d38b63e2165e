// Shared by the scripts that drive Chromium: a static server for dist/, a launched
// browser, and the small helpers they have in common. Chromium comes from Debian;
// Playwright never downloads one.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/**
 * Serves `root` on a free loopback port; resolves to { url, close }. `reply(path)`, where
 * given, answers a path first: a JSON body, or undefined to serve the file.
 */
export function serve(root, reply = () => undefined) {
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    const json = reply(pathname);
    if (json !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(json);
      return;
    }
    const path = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path.endsWith('/') ? path + 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
    });
  });
}

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** Chromium with the shared flags and any `extra` ones (e.g. `--js-flags=--expose-gc`). */
export function launch(extra = []) {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extra] });
}

/** Collects console errors and uncaught exceptions of `page`. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** The console errors left once a part or file refused on purpose is set aside: Chromium's
 * own log of the refused fetch, and the part loader's (__wasm_split.js). */
export function unexpectedErrors(errors) {
  return errors.filter((e) => !e.includes('ERR_FAILED') && !e.startsWith('TypeError: Failed to fetch'));
}

/** Nearest-rank percentile of non-empty `values`. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1];
}

/** The JSON block after `<!-- example: name -->` in the API document's text `doc`. */
export function example(doc, name) {
  const at = doc.indexOf(`<!-- example: ${name} -->`);
  if (at < 0) throw new Error(`docs/backend-api.md has no example ${name}`);
  const start = doc.indexOf('```json', at) + '```json'.length;
  return doc.slice(start, doc.indexOf('```', start)).trim();
}
