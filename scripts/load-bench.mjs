// The server half of `make bench`: full risky sign-ins (password from a new place, the
// risk notice, an authenticator code) per second and their p50/p99 against
// riskgate-server on this machine, on SQLite with one node, PostgreSQL with one node and
// PostgreSQL with two nodes (two processes on one database), driven by goose
// (bench/load, riskgate-load). Beside them the argon2id ceiling (cores / time of one
// password hash with the service's parameters) and the in-browser mock's walk, read
// from the transitions table scripts/bench.mjs wrote. Writes bench/results/load.json and
// the "Sign-ins against riskgate-server" section at the end of bench/results.md.
//
// Usage: node scripts/load-bench.mjs
// Environment: LOAD_SECONDS (per configuration, default 20), LOAD_USERS (goose users,
// default 8), CARGO_TARGET_DIR (default target).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { openSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 20);
const USERS = Number(process.env.LOAD_USERS ?? 8);
const TARGET = resolve(process.env.CARGO_TARGET_DIR ?? 'target');
const SERVER = join(TARGET, 'server', 'riskgate-server');
const LOAD = join(TARGET, 'server', 'riskgate-load');
const RESULTS = 'bench/results.md';
const MARK = '<!-- Written by scripts/load-bench.mjs (make bench); kept by scripts/bench.mjs. -->';

/** Everything started here, stopped on any exit. */
const children = new Set();
function stopAll() {
  for (const child of children) child.kill('SIGKILL');
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

function build() {
  const cargo = (args) => execFileSync('cargo', args, { stdio: 'inherit', env: { ...process.env, CARGO_TARGET_DIR: TARGET } });
  cargo(['build', '--profile', 'server', '-p', 'riskgate-server']);
  cargo(['build', '--profile', 'server', '--manifest-path', 'bench/load/Cargo.toml']);
}

/** A loopback port free a moment ago. */
function freePort() {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Runs `command` to its end; the last line of its standard output parsed as JSON (lines
 * before it, goose's warnings, are passed on). */
function runJson(command, args) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    children.add(child);
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('close', (code) => {
      children.delete(child);
      if (code !== 0) return fail(new Error(`${command} ${args.join(' ')} exited with ${code}`));
      const lines = out.trimEnd().split('\n');
      const last = lines.pop();
      if (lines.length) console.log(lines.join('\n'));
      try { done(JSON.parse(last)); } catch { fail(new Error(`${command}: not JSON: ${last?.slice(0, 200)}`)); }
    });
  });
}

/** A started riskgate-server, once /health/ready answers 200; its log in `dir`. */
async function startServer(database, accounts, dir) {
  const port = await freePort();
  const log = join(dir, `server-${port}.log`);
  const args = ['--listen', `127.0.0.1:${port}`, '--database', database, '--seed', `bench:${accounts}`, '--demo-sources'];
  const out = openSync(log, 'w');
  const child = spawn(SERVER, args, { env: { ...process.env, RUST_LOG: 'warn' }, stdio: ['ignore', out, out] });
  closeSync(out);
  children.add(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000; // seeding thousands of accounts takes a while
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ready) return { url, stop: () => stopServer(child) };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`riskgate-server never became ready:\n${await readFile(log, 'utf8').catch(() => '')}`);
}

/** SIGTERM (a graceful stop), SIGKILL after 10 s. */
function stopServer(child) {
  return new Promise((done) => {
    if (child.exitCode !== null) { children.delete(child); return done(); }
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(timer); children.delete(child); done(); });
    child.kill('SIGTERM');
  });
}

/** A throwaway PostgreSQL cluster (scripts/pg-throwaway): `create(name)` gives a database URL. */
async function startPostgres() {
  const child = spawn('scripts/pg-throwaway', [String(await freePort())], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.add(child);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('scripts/pg-throwaway stopped');
    return value;
  };
  const ready = await next();
  if (!ready.startsWith('ready ')) throw new Error(`scripts/pg-throwaway: ${ready}`);
  const base = ready.slice('ready '.length).replace(/\/postgres$/, '');
  return {
    async create(name) {
      child.stdin.write(`create ${name}\n`);
      const answer = await next();
      if (answer !== `created ${name}`) throw new Error(`scripts/pg-throwaway: ${answer}`);
      return `${base}/${name}`;
    },
    // Closing its input stops the cluster and removes its folder.
    stop: () => new Promise((done) => {
      child.once('exit', () => { children.delete(child); done(); });
      child.stdin.end();
    }),
  };
}

/** One configuration: `nodes` servers on `database`, the journeys against them. */
async function measure(name, database, nodes, accounts, dir) {
  console.log(`load-bench: ${name}: seeding ${accounts} accounts, ${nodes} node(s)`);
  const started = Date.now();
  const servers = [];
  try {
    // One after the other: the first seeds, the next finds the directory there.
    for (let i = 0; i < nodes; i++) servers.push(await startServer(database, accounts, dir));
    const seeded_s = (Date.now() - started) / 1000;
    const args = ['journeys', ...servers.flatMap((s) => ['--node', s.url]),
      '--accounts', String(accounts), '--users', String(USERS), '--seconds', String(SECONDS)];
    const result = await runJson(LOAD, args);
    console.log(`load-bench: ${name}: ${JSON.stringify(result)}`);
    return { name, seeded_s, ...result };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** Milliseconds of the mock's password, notice and code transitions (painted medians),
 * from the table scripts/bench.mjs wrote; null when there is none. */
function mockWalk(text) {
  const names = ['Password to notice', 'Notice to MFA', 'MFA code to signed in'];
  const painted = names.map((name) => {
    const row = text.split('\n').find((line) => line.startsWith(`| ${name}`));
    const cells = row?.split('|').map((c) => c.trim());
    return cells ? parseFloat(cells[3]) : NaN;
  });
  return painted.every(Number.isFinite) ? painted.reduce((a, b) => a + b, 0) : null;
}

const ms = (v) => `${v.toFixed(1)} ms`;
const rate = (v) => v.toFixed(1);

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

function errorsText(r) {
  const kinds = Object.entries(r.error_kinds);
  return kinds.length === 0 ? '0' : `${r.errors} (${kinds.map(([k, n]) => `${n} × ${k}`).join('; ')})`;
}

function section({ date, argon2, runs, mock, load }) {
  const rows = runs.map((r) => [r.name, rate(r.per_second), ms(r.journey_ms.p50), ms(r.journey_ms.p99),
    r.cut_off_at_end ? `${r.signed_in} (${r.cut_off_at_end} cut off at the end)` : String(r.signed_in), errorsText(r),
    `${ms(r.step_ms_p50.sign_in)} / ${ms(r.step_ms_p50.notice)} / ${ms(r.step_ms_p50.code)}`]);
  rows.push([`argon2id ceiling: ${argon2.cores} cores / ${ms(argon2.ms_per_hash_median)} per hash`,
    rate(argon2.ceiling_per_second), '', '', '', '', '']);
  rows.push(['In-browser mock, one walk at a time (sum of the painted medians above)', '',
    mock === null ? 'n/a' : ms(mock), '', '', '', '']);
  const seeded = runs.map((r) => `${r.name} ${r.seeded_s.toFixed(1)} s`).join(', ');
  return `${MARK}
## Sign-ins against riskgate-server

Full risky sign-ins (password from a place the account never used, the risk notice, an
authenticator code, \`SignedIn\` with a session) against \`riskgate-server\` (the \`server\`
profile) on this machine, ${date}: goose (bench/load) with ${USERS} users, each starting the next
journey at once, for ${SECONDS} s per configuration, every journey on a fresh account of
\`--seed bench:N\`. A journey counts only when it reaches \`SignedIn\`; anything else is
an error; journeys still under way when the time is up are counted apart, as cut off.
Two nodes are two server processes on one database, each journey's three requests going
round them in turn. The load tool, the server(s) and PostgreSQL share the machine's
cores, so the ceiling (one argon2id hash per sign-in, every core hashing; the hash timed
alone, built with the server's profile) is the limit to approach, not reach. Sign-ins
per second are over the time from the first journey's start to the last one's end.

${table(['Configuration', 'Sign-ins per second', 'Journey p50', 'Journey p99', 'Signed in', 'Errors',
    'Step p50: password / notice / code'], rows)}

Seeding (server start to ready, the bench accounts included): ${seeded}.
The machine's 1-minute load average was ${load.before} before the runs and ${load.after}
after them: other work on the machine slows every figure here, the ceiling included.
`;
}

/** `text` with its load section (from MARK to the end) replaced by `added`. */
function spliced(text, added) {
  const at = text.indexOf(MARK);
  const kept = at < 0 ? text : text.slice(0, at);
  return `${kept.trimEnd()}\n\n${added}`;
}

async function main() {
  build();
  const dir = await mkdtemp(join(tmpdir(), 'riskgate-load-'));
  const before = loadavg()[0].toFixed(2);
  try {
    // First, with nothing else running: the hash alone.
    const argon2 = await runJson(LOAD, ['argon2', '--hashes', '20']);
    console.log(`load-bench: argon2id ${JSON.stringify(argon2)}`);
    // No journey can finish faster than the ceiling allows: a quarter more is plenty.
    const accounts = Math.ceil(argon2.ceiling_per_second * SECONDS * 1.25) + 100;
    const runs = [];
    const sqliteDir = join(dir, 'sqlite');
    await mkdir(sqliteDir);
    runs.push(await measure('SQLite, one node', `sqlite://${sqliteDir}/bench.db`, 1, accounts, dir));
    const postgres = await startPostgres();
    try {
      runs.push(await measure('PostgreSQL, one node', await postgres.create('bench_one'), 1, accounts, dir));
      runs.push(await measure('PostgreSQL, two nodes', await postgres.create('bench_two'), 2, accounts, dir));
    } finally {
      await postgres.stop();
    }
    const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const old = await readFile(RESULTS, 'utf8');
    const load = { before, after: loadavg()[0].toFixed(2) };
    const results = { date, users: USERS, seconds: SECONDS, argon2, runs, mock: mockWalk(old), load };
    await mkdir('bench/results', { recursive: true });
    await writeFile('bench/results/load.json', JSON.stringify(results, null, 2));
    const text = section(results);
    await writeFile(RESULTS, spliced(old, text));
    console.log(text);
    console.log('load-bench: wrote bench/results.md');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
