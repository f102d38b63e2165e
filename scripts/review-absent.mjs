// The review tools (gallery, scenario lab, demo panel) are built only with the `review`
// feature: neither shipped build may carry them. Each tool's own English words are looked
// for in the Wasm files: present in the demo build (so the probe can find them), absent
// from the sign-in component and the console. The account and admin views (features
// `account`, `admin`) are in the console only: their own element ids are present there
// and absent from the sign-in component a login page loads.
// Usage: node scripts/review-absent.mjs DEMO_DIST COMPONENT_DIR CONSOLE_DIR
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inlinedModules } from './inline-chunks.mjs';

const MARKERS = {
  gallery: 'Riskgate review gallery',
  'scenario lab': 'Decision trace',
  'demo panel': 'Simulated phone',
};

/**
 * Every .wasm file in `dir` (a split build has its parts beside the module) and the small
 * chunks its parts' loader carries as base64 (scripts/inline-chunks.mjs), as one buffer.
 */
async function wasmIn(dir) {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.wasm'));
  if (names.length === 0) throw new Error(`${dir}: no .wasm file`);
  const files = await Promise.all(names.map((n) => readFile(join(dir, n))));
  const loader = names.length > 1 ? await readFile(join(dir, '__wasm_split.js'), 'utf8') : '';
  return Buffer.concat([...files, ...inlinedModules(loader)]);
}

// Ids only the views' own code writes (not the stylesheet, which both builds carry).
const VIEWS = {
  'account health': 'rg-add-phone',
  'admin view': 'rg-sign-in-enforcement',
};

const [demoDir = 'dist', componentDir = 'target/component', consoleDir = 'target/component/console'] = process.argv.slice(2);
const demo = await wasmIn(demoDir);
const component = await wasmIn(componentDir);
const consoleBuild = await wasmIn(consoleDir);
const problems = [];
for (const [tool, marker] of Object.entries(MARKERS)) {
  if (!demo.includes(marker)) problems.push(`the demo build has no "${marker}": the probe for the ${tool} is stale`);
  if (component.includes(marker)) problems.push(`the component carries the ${tool} ("${marker}")`);
  if (consoleBuild.includes(marker)) problems.push(`the console carries the ${tool} ("${marker}")`);
}
for (const [view, marker] of Object.entries(VIEWS)) {
  if (!consoleBuild.includes(marker)) problems.push(`the console has no "${marker}": no ${view}, or a stale probe`);
  if (component.includes(marker)) problems.push(`the sign-in component carries the ${view} ("${marker}")`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`review tools absent from ${componentDir} and ${consoleDir}: ${Object.keys(MARKERS).join(', ')}; ${Object.keys(VIEWS).join(' and ')} in the console only`);
