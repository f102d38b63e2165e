// Makes target/component/ a package a host project can install as it is
// (`npm install ./target/component`): a package.json whose main entry is the sign-in
// component and whose "./console" entry is the console build, each with the TypeScript
// declarations wasm-bindgen wrote (riskgate.d.ts, with MountOptions and the host events'
// detail types from src/embed/types.d.ts).
// Usage: node scripts/package.mjs [target/component]
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'target/component';
const cargo = await readFile('Cargo.toml', 'utf8');
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, 'm'))?.[1];
const pkg = {
  name: 'riskgate',
  version: field('version'),
  description: field('description'),
  license: field('license'),
  type: 'module',
  main: './riskgate.js',
  types: './riskgate.d.ts',
  exports: {
    '.': { types: './riskgate.d.ts', default: './riskgate.js' },
    './console': { types: './console/riskgate.d.ts', default: './console/riskgate.js' },
    './*': './*',
  },
};
await writeFile(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`package: ${join(dir, 'package.json')} (riskgate ${pkg.version}, entries . and ./console)`);
