// Tests of scripts/inline-chunks.mjs on a loader in the splitter's own form: a small
// chunk is instantiated from its bytes, a large one still fetched, and a loader in a form
// not known here is refused rather than shipped half rewritten.
// Usage: node --test scripts/inline-chunks.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlineChunks, inlinedModules } from './inline-chunks.mjs';

// A small module that, like the splitter's chunks, needs what it is given: it imports
// the global m.g (an i32) and exports `read`, which returns it.
const READ = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // type: () -> i32
  0x02, 0x08, 0x01, 0x01, 0x6d, 0x01, 0x67, 0x03, 0x7f, 0x00, // import m.g: const i32
  0x03, 0x02, 0x01, 0x00, // one function of that type
  0x07, 0x08, 0x01, 0x04, 0x72, 0x65, 0x61, 0x64, 0x00, 0x00, // export "read"
  0x0a, 0x06, 0x01, 0x04, 0x00, 0x23, 0x00, 0x0b, // global.get 0
]);

// As wasm_split_cli_support 0.2.4 (src/js.rs) writes a chunk's loader.
const fetcher = (file, wrap = '') => `() => {
    const src = fetch(new URL("./${file}", import.meta.url));
    src.catch(() => {});
    return async (imports) => ${wrap}(WebAssembly.instantiateStreaming(src, imports));
}
`;
const LOADER = `import { initSync } from "./riskgate.js";

/* challenge, reset */
const __chunk_6 = makeLoad(${fetcher('chunk_6.wasm')}, []);
/* challenge, signin */
const __chunk_14 = makeLoad(${fetcher('chunk_14.wasm')}, []);
`;
const files = { 'chunk_6.wasm': READ, 'chunk_14.wasm': Buffer.alloc(5000) };
const options = { bytes: async (n) => files[n], limit: 2048 };

test('a small chunk is inlined and a large one still fetched', async () => {
  const { js, inlined } = await inlineChunks(LOADER, options);
  assert.deepEqual(inlined, ['chunk_6.wasm']);
  assert.ok(!js.includes('"./chunk_6.wasm"'), 'the small chunk is no longer fetched');
  assert.ok(js.includes('fetch(new URL("./chunk_14.wasm", import.meta.url))'), 'the large chunk still is');
  assert.ok(js.startsWith('import { initSync } from "./riskgate.js";\nconst inlineWasm'), 'the decoder follows the import');
  assert.deepEqual(inlinedModules(js), [READ], 'the inlined module reads back as it was');
});

/** The inlined chunk_6's loader from `js`, run: resolves to what it instantiated. */
function instantiate(js, imports, debugWrap = (p) => p) {
  const decoder = js.match(/const inlineWasm = .*;\n/)[0];
  const load = js.match(/const __chunk_6 = makeLoad\(([^\n]*)\s*, \[\]\);/)[1];
  return new Function('debugWrap', `${decoder} return (${load})();`)(debugWrap)(imports);
}

test('the inlined chunk instantiates with the imports it is given', async () => {
  const { js } = await inlineChunks(LOADER, options);
  const { instance } = await instantiate(js, { m: { g: 7 } });
  assert.equal(instance.exports.read(), 7);
  await assert.rejects(instantiate(js, {}), 'without its imports it does not link');
});

test("a debug build's wrap stays around the inlined chunk", async () => {
  const { js, inlined } = await inlineChunks(LOADER.replace(fetcher('chunk_6.wasm'), fetcher('chunk_6.wasm', 'debugWrap')), options);
  assert.deepEqual(inlined, ['chunk_6.wasm']);
  let wrapped = 0;
  const { instance } = await instantiate(js, { m: { g: 9 } }, (p) => (wrapped++, p));
  assert.equal(instance.exports.read(), 9);
  assert.equal(wrapped, 1);
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
