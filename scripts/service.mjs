// A throwaway riskgate-server for the browser scripts: the built binary (it builds
// nothing) on a free loopback port, with a temporary SQLite database and the demo seed,
// serving the example host pages beside the shipped component (and, in console/, beside
// the console build). It stops with `stop()`, or when this process ends.
import { execFileSync, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** RFC 6238 (SHA-1, 6 digits, 30 s) from a base32 key as the screen shows it. */
export function totp(base32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

/** The host pages over `bundle` (target/component) and `bundle`/console in `site`, as
 * `make serve-service` serves them (scripts/service-site.sh), plus the bare host page. */
async function buildSite(bundle, site) {
  execFileSync('scripts/service-site.sh', [site, bundle], { stdio: 'inherit' });
  for (const name of ['bare.html', 'bare.js']) await copyFile(join('examples', name), join(site, name));
}

/** Starts the server; resolves once it is ready to { origin, api, hostSecret, log, appCode, stop }. */
export async function startService({ bundle = 'target/component', serverBin = 'target/debug/riskgate-server' } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'riskgate-service-'));
  const site = join(dir, 'site');
  await buildSite(bundle, site);
  const hostSecret = randomBytes(24).toString('hex');
  await writeFile(join(dir, 'host-secret'), hostSecret);
  const port = await freePort();
  // Pages on a host name, as WebAuthn takes no IP address as RP id (the server makes
  // --origin's host the RP id); Node's own calls stay on the address it listens on.
  const origin = `http://localhost:${port}`;
  const loopback = `http://127.0.0.1:${port}`;
  const api = `${loopback}/api`;
  const server = spawn(serverBin, [
    '--listen', `127.0.0.1:${port}`, '--database', `sqlite://${join(dir, 'riskgate.db')}`, '--seed', 'demo',
    '--static', site, '--host-secret-file', join(dir, 'host-secret'), '--demo-tools', '--origin', origin,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  server.stdout.on('data', (d) => log.push(String(d)));
  server.stderr.on('data', (d) => log.push(String(d)));
  const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  process.on('exit', () => server.kill('SIGKILL'));
  async function stop() {
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
  async function appCode(username) {
    const r = await fetch(`${api}/demo/authenticator/${encodeURIComponent(username)}`);
    if (r.status !== 200) throw new Error(`no app code for ${username}: ${r.status} ${await r.text()}`);
    return (await r.json()).code;
  }
  const deadline = Date.now() + 30000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`riskgate-server exited (${server.exitCode}):\n${log.join('')}`);
    if (Date.now() > deadline) { await stop(); throw new Error('riskgate-server never became ready'); }
    try {
      if ((await fetch(`${loopback}/health/ready`)).status === 200) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { origin, api, hostSecret, log, appCode, stop };
}
