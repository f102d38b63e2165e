// The review tools (gallery, scenario lab, demo panel) are built only with the `review`
// feature: the shipped component must carry none of them. Each tool's own English words
// are looked for in both Wasm files: present in the demo build (so the probe can find
// them), absent from the component.
// Usage: node scripts/review-absent.mjs DEMO_DIST COMPONENT_DIR
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const MARKERS = {
  gallery: 'Riskgate review gallery',
  'scenario lab': 'Decision trace',
  'demo panel': 'Simulated phone',
};

async function wasmIn(dir) {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.wasm'));
  if (names.length !== 1) throw new Error(`${dir}: expected one .wasm file, found ${names.length}`);
  return readFile(join(dir, names[0]));
}

const [demoDir = 'dist', componentDir = 'target/component'] = process.argv.slice(2);
const demo = await wasmIn(demoDir);
const component = await wasmIn(componentDir);
const problems = [];
for (const [tool, marker] of Object.entries(MARKERS)) {
  if (!demo.includes(marker)) problems.push(`the demo build has no "${marker}": the probe for the ${tool} is stale`);
  if (component.includes(marker)) problems.push(`the component carries the ${tool} ("${marker}")`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`review tools absent from ${componentDir}: ${Object.keys(MARKERS).join(', ')}`);
