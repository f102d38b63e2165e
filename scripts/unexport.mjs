// Takes out of a wasm-bindgen output the classes a dependency exports that the component
// never uses, so that wasm-opt can drop their code. Leptos depends on server_fn, which
// always brings wasm-streams, whose three stream adapters are exported to JavaScript
// (about 9 KB of Wasm before wasm-opt) and declared in riskgate.d.ts, though nothing here
// streams. Run after wasm-bindgen and before wasm-opt.
// Usage: node scripts/unexport.mjs DIR NAME   (DIR/NAME.js, NAME_bg.wasm, the .d.ts files)
// Fails if the glue still calls a Wasm export that is gone.
import { readFile, writeFile } from 'node:fs/promises';
import { minify } from 'terser';
import { leb, sections } from './wasm-breakdown.mjs';

const CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];
const [dir, name] = process.argv.slice(2);
if (!dir || !name) throw new Error('usage: node scripts/unexport.mjs DIR NAME');

/** Whether a Wasm export belongs to one of the classes (`intounderlyingsink_write`...). */
const prefixes = CLASSES.map((c) => c.toLowerCase());
const dropped = (exportName) =>
  prefixes.some((p) => exportName.startsWith(`${p}_`) || exportName.startsWith(`__wbg_${p}_`));

function toLeb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** The export section (id 7) without the dropped exports; the names kept go to `kept`. */
function exportSection(bytes, section, kept) {
  let [count, at] = leb(bytes, section.start);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const entryStart = at;
    let len;
    [len, at] = leb(bytes, at);
    const exportName = new TextDecoder().decode(bytes.subarray(at, at + len));
    at += len + 1;
    [, at] = leb(bytes, at);
    if (!dropped(exportName)) {
      entries.push(bytes.subarray(entryStart, at));
      kept.push(exportName);
    }
  }
  const body = [...toLeb(entries.length), ...entries.flatMap((e) => [...e])];
  return Uint8Array.from([7, ...toLeb(body.length), ...body]);
}

/** The module with its export section rewritten without the dropped exports. */
function withoutExports(bytes) {
  const parts = [bytes.subarray(0, 8)];
  const kept = [];
  let sectionStart = 8; // sections follow one another from the header on
  for (const section of sections(bytes)) {
    parts.push(section.id === 7 ? exportSection(bytes, section, kept) : bytes.subarray(sectionStart, section.end));
    sectionStart = section.end;
  }
  return { bytes: Buffer.concat(parts), kept };
}

/** `text` without each `export class C {...}` block (to its closing brace at column 0). */
function withoutClasses(text) {
  for (const c of CLASSES) {
    text = text.replace(new RegExp(`^export (?:declare )?class ${c} \\{[\\s\\S]*?^\\}\\n`, 'm'), '');
    text = text.replace(new RegExp(`^if \\(Symbol\\.dispose\\) ${c}\\.prototype.*\\n`, 'm'), '');
    text = text.replace(new RegExp(`^const ${c}Finalization = [\\s\\S]*?\\);\\n`, 'm'), '');
  }
  // The stream type only those classes take, with its doc comment.
  text = text.replace(/^\/\*\*\n \* The `ReadableStreamType` enum\.\n(?: \*.*\n)* \*\/\n\nexport type ReadableStreamType = .*\n/m, '');
  // Declarations of the raw exports (riskgate.d.ts's InitOutput, riskgate_bg.wasm.d.ts).
  return text.replace(/^.*\b(?:__wbg_)?intounderlying\w*.*\n/gm, '');
}

const wasmFile = `${dir}/${name}_bg.wasm`;
const { bytes, kept } = withoutExports(new Uint8Array(await readFile(wasmFile)));
await writeFile(wasmFile, bytes);
for (const file of [`${dir}/${name}.js`, `${dir}/${name}.d.ts`, `${dir}/${name}_bg.wasm.d.ts`]) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    continue;
  }
  await writeFile(file, withoutClasses(text));
}

const glue = await readFile(`${dir}/${name}.js`, 'utf8');
// Lines were cut out of the glue: it must still parse (terser throws if it does not).
await minify(glue, { module: true, compress: false, mangle: false });
const exported = new Set(kept);
const missing = [...new Set([...glue.matchAll(/\bwasm\.(\w+)/g)].map((m) => m[1]))].filter((e) => !exported.has(e));
const leftover = CLASSES.filter((c) => glue.includes(c));
if (missing.length || leftover.length) {
  console.error(`unexport.mjs: the glue still uses ${[...missing, ...leftover].join(', ')}`);
  process.exit(1);
}
