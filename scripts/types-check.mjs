// The shipped package as a host project sees it: installs target/component/ with npm into
// a throwaway project, then type-checks with tsc (strict) a host file that uses every
// option, the handle and each host event's detail, which must pass, and a host file with
// a wrong option and a wrong detail field, which must fail on exactly those. wasm-bindgen's
// declarations name Symbol.dispose, so a host's lib must include esnext (or esnext.disposable).
// Usage: node scripts/types-check.mjs [target/component]
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bundle = resolve(process.argv[2] ?? 'target/component');
const tsc = resolve('node_modules/.bin/tsc');

const GOOD = `import init, { mount, unmount, instance, type MountOptions, type SignedInDetail } from "riskgate";
import initConsole, { mount as mountConsole } from "riskgate/console";

await init();
const el = document.querySelector<HTMLElement>("#login")!;
const options: MountOptions = {
  backend: "/api", locale: "de-AT", locales: "/riskgate/locales/", theme: "dark",
  branding: {
    accent: "#6b2c91", name: "Contoso", logo: { url: "/logo.svg", alt: "Contoso" }, background: "#f3f4f6",
    backgroundImage: "https://cdn.example/bg.jpg", texts: [{ signInText: "Staff only." }, { locale: "de", usernameHint: "name@contoso.example" }],
  },
  username: "ada@contoso.example", tenant: "contoso",
};
const handle = mount(el, options);
el.addEventListener("riskgate:signed-in", (e) => {
  const d: SignedInDetail = e.detail;
  console.log(d.displayName, d.tenant, d.handoff ?? "", d.remediations.map((r) => r.risk + r.detail));
});
el.addEventListener("riskgate:step", (e) => console.log(e.detail.step === "new-password", e.detail.flowId));
el.addEventListener("riskgate:blocked", (e) => console.log(e.detail.reason === "LockedOut", e.detail.code));
el.addEventListener("riskgate:error", (e) => console.log(e.detail.error === "Unavailable", e.detail.message));
const mounted: boolean = handle.mounted;
handle.unmount();
const removed: boolean = unmount(el);
console.log(mounted, removed, instance(el)?.mounted);
await initConsole();
mountConsole(el, { backend: "/api" });
`;

const BAD = `import { mount } from "riskgate";
const el = document.body;
mount(el, { backend: "/api", theme: "pink" });
el.addEventListener("riskgate:step", (e) => console.log(e.detail.stepName));
`;

function check(dir, file) {
  try {
    execFileSync(tsc, ['--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext',
      '--moduleResolution', 'bundler', '--lib', 'esnext,dom', '--skipLibCheck', 'false', file], { cwd: dir, stdio: 'pipe' });
    return '';
  } catch (e) {
    return String(e.stdout) || String(e);
  }
}

const dir = await mkdtemp(join(tmpdir(), 'riskgate-host-'));
let failed = false;
try {
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'host', private: true, type: 'module', dependencies: { riskgate: `file:${bundle}` } }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'pipe' });
  await writeFile(join(dir, 'good.ts'), GOOD);
  await writeFile(join(dir, 'bad.ts'), BAD);
  const good = check(dir, 'good.ts');
  if (good) throw new Error(`the host file that uses the API as documented does not type-check:\n${good}`);
  const bad = check(dir, 'bad.ts');
  if (!bad.includes('"pink"') || !bad.includes("'stepName'")) throw new Error(`the wrong host file was not refused on its mistakes:\n${bad || '(no error)'}`);
  if (bad.trim().split('\n').filter((l) => l.includes('error TS')).length !== 2) throw new Error(`expected exactly two errors:\n${bad}`);
  console.log('types: npm installs target/component; tsc --strict accepts a host using every option and event, and refuses a wrong theme and a wrong detail field');
} catch (e) {
  console.error(`types: FAILED: ${e.message}`);
  failed = true;
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
