// Puts the splitter's small chunks inside its loader (__wasm_split.js), which every page
// fetches with the module. The splitter writes one file per set of parts that share
// code, so a part came with up to ten files, most under 1 KB: over HTTP/1.1's six
// connections a transition waited on two rounds of fetches for a few hundred bytes each.
// A chunk under LIMIT bytes is instantiated from its bytes in the loader instead; the
// larger ones are fetched as before. Run on the unminified loader, after wasm-opt.
// Usage: node scripts/inline-chunks.mjs DIR [LIMIT]   (default 2048 bytes)
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The splitter's fetcher for a chunk on the web target (wasm_split_cli_support 0.2.4,
// src/js.rs), as written there, spaces and all; `debugWrap` where the build has debug
// assertions.
const FETCHER =
  /\(\)\s*=>\s*\{\s*const src = fetch\(new URL\("\.\/(chunk_\d+\.wasm)", import\.meta\.url\)\);\s*src\.catch\(\(\) => \{\}\);\s*return async \(imports\) => (debugWrap)?\(WebAssembly\.instantiateStreaming\(src, imports\)\);\s*\}/g;

const DECODE = `const inlineWasm = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));\n`;

/**
 * The loader `js` with each chunk whose bytes (`bytes(name)`) are under `limit` put
 * into it; resolves to { js, inlined: [names] }.
 */
export async function inlineChunks(js, { bytes, limit }) {
  const names = [...js.matchAll(FETCHER)].map((m) => m[1]);
  const files = js.match(/"\.\/chunk_\d+\.wasm"/g) ?? [];
  if (files.length !== names.length) {
    throw new Error(`inline-chunks: ${files.length} chunks in the loader, ${names.length} in the form known here; has the splitter changed?`);
  }
  const b64 = new Map();
  for (const name of names) {
    const wasm = await bytes(name);
    if (wasm.length < limit) b64.set(name, wasm.toString('base64'));
  }
  if (!b64.size) return { js, inlined: [] };
  const out = js.replace(FETCHER, (whole, name, wrap = '') =>
    b64.has(name)
      ? `() => async (imports) => ${wrap}(WebAssembly.instantiate(inlineWasm("${b64.get(name)}"), imports))`
      : whole);
  const at = out.indexOf('\n', out.indexOf('import ')) + 1;
  return { js: out.slice(0, at) + DECODE + out.slice(at), inlined: [...b64.keys()] };
}

/** The Wasm modules a loader carries inline, as Buffers (minified or not). */
export function inlinedModules(js) {
  // "AGFzbQ" is "\0asm", the start of every Wasm module, in base64.
  return [...js.matchAll(/"(AGFzbQ[A-Za-z0-9+/]*=*)"/g)].map((m) => Buffer.from(m[1], 'base64'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, limit = '2048'] = process.argv.slice(2);
  if (!dir) throw new Error('usage: node scripts/inline-chunks.mjs DIR [LIMIT]');
  const loader = join(dir, '__wasm_split.js');
  const js = await readFile(loader, 'utf8');
  const { js: out, inlined } = await inlineChunks(js, {
    bytes: (name) => readFile(join(dir, name)),
    limit: Number(limit),
  });
  await writeFile(loader, out);
  for (const name of inlined) await rm(join(dir, name));
  console.log(`inline-chunks: ${inlined.length} chunks inside the loader (${inlined.join(', ') || 'none'})`);
}
