// Tests of scripts/inline-chunks.mjs on a loader in the splitter's own form: a small
// chunk is instantiated from its bytes, a large one still fetched, and a loader in a form
// not known here is refused rather than shipped half rewritten.
// Usage: node --test scripts/inline-chunks.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlineChunks } from './inline-chunks.mjs';

// The smallest Wasm module with one export: (func (export "seven") (result i32) i32.const 7).
const SEVEN = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
  0x03, 0x02, 0x01, 0x00, 0x07, 0x09, 0x01, 0x05, 0x73, 0x65, 0x76, 0x65, 0x6e, 0x00, 0x00,
  0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x07, 0x0b,
]);

// As wasm_split_cli_support 0.2.4 (src/js.rs) writes a chunk's loader.
const fetcher = (file) => `() => {
    const src = fetch(new URL("./${file}", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
`;
const LOADER = `import { initSync } from "./riskgate.js";

/* challenge, reset */
const __chunk_6 = makeLoad(${fetcher('chunk_6.wasm')}, []);
/* challenge, signin */
const __chunk_14 = makeLoad(${fetcher('chunk_14.wasm')}, []);
`;
const files = { 'chunk_6.wasm': SEVEN, 'chunk_14.wasm': Buffer.alloc(5000) };
const options = { size: async (n) => files[n].length, bytes: async (n) => files[n], limit: 2048 };

test('a small chunk is inlined and a large one still fetched', async () => {
  const { js, inlined } = await inlineChunks(LOADER, options);
  assert.deepEqual(inlined, ['chunk_6.wasm']);
  assert.ok(!js.includes('"./chunk_6.wasm"'), 'the small chunk is no longer fetched');
  assert.ok(js.includes('fetch(new URL("./chunk_14.wasm", import.meta.url))'), 'the large chunk still is');
  assert.ok(js.startsWith('import { initSync } from "./riskgate.js";\nconst inlineWasm'), 'the decoder follows the import');
});

test('the inlined chunk instantiates to the same module', async () => {
  const { js } = await inlineChunks(LOADER, options);
  const decoder = js.match(/const inlineWasm = .*;\n/)[0];
  const load = js.match(/const __chunk_6 = makeLoad\(([^\n]*)\s*, \[\]\);/)[1];
  const instantiate = new Function(`${decoder} return (${load})();`)();
  const { instance } = await instantiate({});
  assert.equal(instance.exports.seven(), 7);
});

test('nothing under the limit leaves the loader as it was', async () => {
  const { js, inlined } = await inlineChunks(LOADER, { ...options, limit: 10 });
  assert.deepEqual(inlined, []);
  assert.equal(js, LOADER);
});

test('a loader in another form is refused', async () => {
  const changed = LOADER.replace('src.catch(() => {});', 'src.catch(console.error);');
  await assert.rejects(inlineChunks(changed, options), /has the splitter changed/);
});
