// What takes the space in a Wasm file that still has its function names (bound by
// wasm-bindgen, before wasm-opt): code bytes by the part of the program they belong to,
// and the data (text catalogs, the stylesheet, other strings and tables).
// Usage: node scripts/wasm-breakdown.mjs FILE   (prints a markdown table)
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

// First match wins; a function's name says which crate's generic code it is.
const PARTS = [
  ['JSON (serde, serde_json, the derived code of the API types, the replies\' readers)', /serde|riskgate(_api)?::backend::(read|replies)/],
  ['Leptos (tachys, reactive_graph, leptos and their closures)', /tachys|reactive_graph|leptos|either_of|guardian|send_wrapper|any_spawner|throw_error|oco_ref|^<F as |^F$/],
  ['Screens and embedding (riskgate::ui, riskgate::embed)', /riskgate::ui|riskgate::embed/],
  ['HTTP adapter (riskgate::backend::http)', /riskgate::backend::http/],
  ['Engine, mock and API types (riskgate_engine, riskgate_api, riskgate::backend)', /riskgate(_engine|_api|_service)?::/],
  ['Browser bindings (wasm-bindgen, js-sys, web-sys, gloo)', /wasm_bindgen|js_sys|web_sys|gloo|wasm_streams|__wbg|__wbindgen/],
  ['QR code (qrcode)', /qrcode/],
  ['Crypto (p256, sha2, hmac, pbkdf2)', /p256|primeorder|elliptic_curve|sha1|sha2|hmac|pbkdf2|crypto_bigint|der::|ecdsa/],
  ['Rust standard library (core, alloc, std, dlmalloc, hashbrown)', /core::|alloc::|std::|core\[|alloc\[|std\[|__rustc|__rdl|dlmalloc|hashbrown|indexmap|compiler_builtins|<str>|<char>|<\[/],
];

/** An unsigned LEB128 number at `at`: [value, the offset after it]. */
export function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

/** Each section of a Wasm module: its id and where its body starts and ends. */
export function sections(bytes) {
  const found = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++];
    let size;
    [size, at] = leb(bytes, at);
    found.push({ id, start: at, end: at + size });
    at += size;
  }
  return found;
}

/** Function index to name, from the "name" custom section. */
function functionNames(bytes, custom) {
  const names = new Map();
  for (const s of custom) {
    let at = s.start;
    let len;
    [len, at] = leb(bytes, at);
    if (new TextDecoder().decode(bytes.subarray(at, at + len)) !== 'name') continue;
    at += len;
    while (at < s.end) {
      const kind = bytes[at++];
      let size;
      [size, at] = leb(bytes, at);
      if (kind === 1) {
        let count;
        let p = at;
        [count, p] = leb(bytes, p);
        for (let i = 0; i < count; i++) {
          let index;
          let n;
          [index, p] = leb(bytes, p);
          [n, p] = leb(bytes, p);
          names.set(index, new TextDecoder().decode(bytes.subarray(p, p + n)));
          p += n;
        }
      }
      at += size;
    }
  }
  return names;
}

function importedFunctions(bytes, section) {
  if (!section) return 0;
  let [count, at] = leb(bytes, section.start);
  let functions = 0;
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < 2; j++) {
      let n;
      [n, at] = leb(bytes, at);
      at += n;
    }
    const kind = bytes[at++];
    if (kind === 0) { functions++; [, at] = leb(bytes, at); }
    else if (kind === 1) { at++; const flags = bytes[at++]; [, at] = leb(bytes, at); if (flags & 1) [, at] = leb(bytes, at); }
    else if (kind === 2) { const flags = bytes[at++]; [, at] = leb(bytes, at); if (flags & 1) [, at] = leb(bytes, at); }
    else if (kind === 3) { at += 2; }
    else if (kind === 4) { at++; [, at] = leb(bytes, at); }
  }
  return functions;
}

export async function breakdown(file) {
  const bytes = new Uint8Array(await readFile(file));
  const all = sections(bytes);
  const names = functionNames(bytes, all.filter((s) => s.id === 0));
  const firstLocal = importedFunctions(bytes, all.find((s) => s.id === 2));
  const code = all.find((s) => s.id === 10);
  const data = all.find((s) => s.id === 11);
  const totals = new Map(PARTS.map(([label]) => [label, 0]));
  totals.set('Other', 0);
  let [count, at] = leb(bytes, code.start);
  for (let i = 0; i < count; i++) {
    let size;
    const begin = at;
    [size, at] = leb(bytes, at);
    // Symbols carry their crate's hash (`riskgate[d09264e6c75b7309]::ui`): matched without it.
    const name = (names.get(firstLocal + i) ?? '').replace(/\[[0-9a-f]{16}\]/g, '');
    const part = PARTS.find(([, pattern]) => pattern.test(name))?.[0] ?? 'Other';
    totals.set(part, totals.get(part) + (at - begin) + size);
    at += size;
  }
  const rows = [...totals].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const dataBytes = data ? bytes.subarray(data.start, data.end) : new Uint8Array();
  rows.push(['Data (text catalogs of every locale, the stylesheet, other strings and tables)', dataBytes.length]);
  const codeAndData = rows.reduce((sum, [, n]) => sum + n, 0);
  return { rows, codeAndData, dataGzip: gzipSync(dataBytes, { level: 9 }).length };
}

export function breakdownTable({ rows, codeAndData }) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [
    line(['Part', 'Bytes (before wasm-opt)', 'Share']),
    line(['---', '---:', '---:']),
    ...rows.map(([label, n]) => line([label, n.toLocaleString('en'), `${((100 * n) / codeAndData).toFixed(1)} %`])),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node scripts/wasm-breakdown.mjs FILE.wasm');
  console.log(breakdownTable(await breakdown(file)));
}
