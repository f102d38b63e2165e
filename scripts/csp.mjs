// Trunk post_build hook (Trunk.toml): completes the Content-Security-Policy in the staged
// index.html. The policy in index.html allows no inline script; Trunk then adds one, the
// module that loads the Wasm, so this allows exactly that script by its SHA-256 hash.
//
// Release builds (`trunk build --release`, `make build`, `make test`): strict, hashes only.
// Dev builds (`trunk serve`, `make serve`): Trunk also injects its autoreload script and
// rewrites it per request (the address it connects back to), so no hash can match it; the
// dev page allows inline scripts instead. Nothing else differs, and dist/ from `make build`
// never carries the dev policy.
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('csp.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR unset)');
const release = process.env.TRUNK_PROFILE === 'release';
const file = join(staging, 'index.html');
const html = await readFile(file, 'utf8');

const META = /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/;
const meta = html.match(META);
if (!meta) throw new Error('index.html has no <meta http-equiv="Content-Security-Policy" content="...">');
if (/'unsafe-inline'|'unsafe-eval'/.test(meta[2])) throw new Error('the CSP in index.html must stay strict');

// Inline scripts: a <script> without src. Hashed over their exact text, as the browser does.
const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
  .filter(([, attrs]) => !/\bsrc\s*=/.test(attrs))
  .map(([, , body]) => body);
const hashes = inline.map((body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
const allowed = release ? hashes : ["'unsafe-inline'"];

const policy = meta[2].replace(/(script-src [^;]*)/, `$1 ${allowed.join(' ')}`);
if (policy === meta[2]) throw new Error('the CSP in index.html has no script-src directive');
await writeFile(file, html.replace(META, `$1${policy}$3`));
console.log(`csp: ${release ? `${hashes.length} inline script(s) allowed by hash` : "dev build: inline scripts allowed"}`);
