// What takes the space in a Wasm file that still has its function names (bound by
// wasm-bindgen, before wasm-opt): code bytes by the part of the program they belong to,
// and the data (text catalogs, the stylesheet, other strings and tables).
// Usage:
//   node scripts/wasm-breakdown.mjs FILE        a markdown table
//   node scripts/wasm-breakdown.mjs DIR         one table per .wasm in DIR, then their total
//                                               (`KEEP_NAMES=DIR/ scripts/component.sh ...`
//                                               keeps the split build's parts and chunks there)
//   node scripts/wasm-breakdown.mjs --top N [--part WORD] FILE|DIR
//                                               the N largest functions, readable names; with
//                                               --part only those of the parts whose label
//                                               starts with WORD (`--part other`)
// wasm-bindgen writes the main module's names demangled (`riskgate[d09264e6c75b7309]::ui`),
// but the splitter leaves the parts' and chunks' names, and the few functions it makes
// in the main module, as Rust mangled them (v0, `_RNvXs3_NtNtCshUdPuXM1SYf_8riskgate...`):
// those are demangled here first (demangle below), so both read alike.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// First match wins; a function's name says which crate's generic code it is. Some names
// are not Rust paths: the exports wasm-bindgen names after their JavaScript names (the
// embedding's, src/embed/mod.rs; wasm-bindgen's own `__externref_*`; wasm-streams'
// `intounderlying*`, which unexport.mjs leaves for wasm-opt to drop), and the splitter's
// entries of the parts, `__wasm_split_00<part>00_export_<hash>_<function>`, one per
// `#[wasm_split]` function, into which that function's body is inlined: the screens'
// views (src/ui/split.rs), the locale loader (src/ui/parts/language.rs) and the HTTP
// adapter's constructor (src/backend/lazy_http.rs). The splitter's own stubs come
// first, whatever they call: a part's `X indirect_call_shim` calls X, defined in another
// module, through the shared table, and the main module's `X local_shim` puts its import
// X in that table; they hold none of X's code, only the cost of splitting.
export const PARTS = [
  ['Calls between modules (the splitter\'s shims)', / (indirect_call_shim|local_shim)$/],
  ['JSON (serde, serde_json, the derived code of the API types, the replies\' readers)', /serde|riskgate(_api)?::backend::(read|replies)/],
  ['Leptos (tachys, reactive_graph, leptos and their closures)', /tachys|reactive_graph|leptos|either_of|guardian|send_wrapper|any_spawner|throw_error|oco_ref|wasm_split_helpers|async_once_cell|^<F as |^F$/],
  ['Screens and embedding (riskgate::ui, riskgate::embed)', /riskgate::ui|riskgate::embed|^(mount|unmount|instance|handle_\w+|__wbg_handle_free)\b|^__wasm_split_00\w+00_export_[0-9a-f]{32}_(\w+_view|loader)\b/],
  ['HTTP adapter (riskgate::backend::http)', /riskgate::backend::http|^__wasm_split_00\w+00_export_[0-9a-f]{32}_adapter_for\b/],
  ['Engine, mock and API types (riskgate_engine, riskgate_api, riskgate::backend)', /riskgate(_engine|_api|_service)?::/],
  ['Browser bindings (wasm-bindgen, js-sys, web-sys, gloo)', /wasm_bindgen|js_sys|web_sys|gloo|wasm_streams|__wbg|__wbindgen|^__externref_|^intounderlying| externref shim$/],
  ['QR code (qrcode)', /qrcode/],
  ['Crypto (p256, sha2, hmac, pbkdf2)', /p256|primeorder|elliptic_curve|sha1|sha2|hmac|pbkdf2|crypto_bigint|der::|ecdsa/],
  ['Rust standard library (core, alloc, std, dlmalloc, hashbrown)', /core::|alloc::|std::|core\[|alloc\[|std\[|__rustc|__rdl|dlmalloc|hashbrown|indexmap|compiler_builtins|<str>|<char>|<\[/],
];
const DATA = 'Data (text catalogs of every locale, the stylesheet, other strings and tables)';

/** The name the parts' patterns are matched against: demangled, without crate hashes. */
export function readableName(name) {
  // Demangled symbols carry their crate's hash (`riskgate[d09264e6c75b7309]::ui`), in hex
  // without leading zeros; always right after an identifier, unlike `[f32]` or `[u8; 4]`.
  return demangle(name).replace(/(?<=\w)\[[0-9a-f]{1,16}\]/g, '');
}

/** The label of the part a function belongs to, by its name (mangled or not). */
export function partOf(name) {
  const readable = readableName(name);
  return PARTS.find(([, pattern]) => pattern.test(readable))?.[0] ?? 'Other';
}

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

/**
 * Each function defined in a module (bytes): its name as the file has it, its readable
 * name, its part and its bytes in the code section (body and size prefix); and the data.
 */
export function functionsOf(bytes) {
  const all = sections(bytes);
  const names = functionNames(bytes, all.filter((s) => s.id === 0));
  const firstLocal = importedFunctions(bytes, all.find((s) => s.id === 2));
  const code = all.find((s) => s.id === 10);
  const data = all.find((s) => s.id === 11);
  const functions = [];
  if (code) {
    let [count, at] = leb(bytes, code.start);
    for (let i = 0; i < count; i++) {
      let size;
      const begin = at;
      [size, at] = leb(bytes, at);
      const name = names.get(firstLocal + i) ?? '';
      const readable = readableName(name);
      const part = PARTS.find(([, pattern]) => pattern.test(readable))?.[0] ?? 'Other';
      functions.push({ index: firstLocal + i, name, readable, part, bytes: at - begin + size });
      at += size;
    }
  }
  return { functions, data: data ? bytes.subarray(data.start, data.end) : new Uint8Array() };
}

function summary(functions, dataBytes) {
  const totals = new Map(PARTS.map(([label]) => [label, 0]));
  totals.set('Other', 0);
  for (const f of functions) totals.set(f.part, totals.get(f.part) + f.bytes);
  const rows = [...totals].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  rows.push([DATA, dataBytes.length]);
  const codeAndData = rows.reduce((sum, [, n]) => sum + n, 0);
  return { rows, codeAndData, dataGzip: gzipSync(dataBytes, { level: 9 }).length };
}

export async function breakdown(file) {
  const { functions, data } = functionsOf(new Uint8Array(await readFile(file)));
  return summary(functions, data);
}

export function breakdownTable({ rows, codeAndData }) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [
    line(['Part', 'Bytes (before wasm-opt)', 'Share']),
    line(['---', '---:', '---:']),
    ...rows.map(([label, n]) => line([label, n.toLocaleString('en'), `${((100 * n) / codeAndData).toFixed(1)} %`])),
  ].join('\n');
}

// Rust's v0 symbols (RFC 2603), as rustc-demangle 0.1.28 prints them with `{:#}`, which
// is what wasm-bindgen wrote into the main module (there with the crate hashes, which
// readableName drops anyway): `_RNvXs3_NtNtCshUdPuXM1SYf_8riskgate7backend4httpNtB5_11HttpBackend
// NtCslk1NUl9F994_12riskgate_api15IdentityBackend10set_policy` (one word) is
// `<riskgate::backend::http::HttpBackend as riskgate_api::IdentityBackend>::set_policy`.
// A port of its printer (v0.rs), with two shortcuts: punycode identifiers (non-ASCII
// names) come out undecoded as `ascii` + `punycode{...}`, and str and char constants
// are escaped as JSON would. What follows the symbol is kept: LLVM's `.123` and the
// splitter's ` indirect_call_shim` or ` local_shim`.
const BASIC_TYPES = {
  b: 'bool', c: 'char', e: 'str', u: '()', a: 'i8', s: 'i16', l: 'i32', x: 'i64', n: 'i128',
  i: 'isize', h: 'u8', t: 'u16', m: 'u32', y: 'u64', o: 'u128', j: 'usize', f: 'f32',
  d: 'f64', z: '!', p: '_', v: '...',
};

/**
 * A v0 symbol (`_R...`) demangled; any other name as it is. A symbol the port refuses
 * gets v0Identifiers' approximation instead.
 */
export function demangle(name) {
  if (!/^_R[A-Z]/.test(name)) return name;
  try {
    return new V0(name.slice(2)).symbol();
  } catch {
    return v0Identifiers(name);
  }
}

/**
 * The approximation: a v0 symbol's identifiers in order, joined by `::`, and what follows
 * the symbol. Identifiers are `<decimal length>[_]<bytes>`; the disambiguators of crate
 * roots and impls (`s<base62>_`), back-references (`B<base62>_`), lifetimes (`L`) and
 * binders (`G`) are skipped, and so is every other letter (the grammar's tags). No `<`,
 * ` as ` or generic arguments, and a back-reference's path is not repeated, but the crate
 * and module names the parts' patterns look for come out; the last identifier may be the
 * instantiating crate's. A tag `s` (the type i16) followed by a letter can swallow the
 * next identifier. On the split build's 1,754 symbols it sorts 1,710 into the same part
 * as the parser; the parser is used first.
 */
export function v0Identifiers(name) {
  const [, sym, rest] = /^_R([0-9A-Za-z_]*)(.*)$/s.exec(name);
  const identifiers = [];
  for (let at = 0; at < sym.length;) {
    const skipped = /^[sBLG][0-9A-Za-z]*?_/.exec(sym.slice(at));
    const identifier = /^u?(\d+)_?/.exec(sym.slice(at));
    if (skipped) at += skipped[0].length;
    else if (identifier) {
      at += identifier[0].length;
      identifiers.push(sym.slice(at, at + Number(identifier[1])));
      at += Number(identifier[1]);
    } else at++;
  }
  return identifiers.filter((i) => i).join('::') + rest;
}

class V0 {
  constructor(sym) {
    this.sym = sym;
    this.at = 0;
    this.out = '';
    this.printing = true;
    this.bound = 0; // lifetimes bound by enclosing `for<...>`
    this.depth = 0;
  }

  fail() {
    throw new SyntaxError(`not a v0 symbol (at ${this.at} of ${this.sym})`);
  }

  eat(c) {
    if (this.sym[this.at] !== c) return false;
    this.at++;
    return true;
  }

  next() {
    if (this.at >= this.sym.length) this.fail();
    return this.sym[this.at++];
  }

  print(text) {
    if (this.printing) this.out += text;
  }

  push() {
    if (++this.depth > 500) this.fail();
  }

  pop() {
    this.depth--;
  }

  skipping(f) {
    const was = this.printing;
    this.printing = false;
    f();
    this.printing = was;
  }

  symbol() {
    this.path(true);
    // The instantiating crate, which rustc-demangle does not print.
    if (/[A-Z]/.test(this.sym[this.at] ?? '')) this.skipping(() => this.path(false));
    return this.out + this.sym.slice(this.at);
  }

  /** A base-62 number: `_` is 0, `<digits>_` is their value plus one (a BigInt). */
  integer62() {
    if (this.eat('_')) return 0n;
    let x = 0n;
    while (!this.eat('_')) {
      const d = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.indexOf(this.next());
      if (d < 0) this.fail();
      x = x * 62n + BigInt(d);
    }
    return x + 1n;
  }

  optInteger62(tag) {
    return this.eat(tag) ? this.integer62() + 1n : 0n;
  }

  ident() {
    const punycode = this.eat('u');
    if (!/\d/.test(this.sym[this.at] ?? '')) this.fail();
    let len = Number(this.next());
    if (len !== 0) while (/\d/.test(this.sym[this.at] ?? '')) len = len * 10 + Number(this.next());
    this.eat('_'); // the separator, there when the identifier starts with a digit or `_`
    const start = this.at;
    this.at += len;
    if (this.at > this.sym.length) this.fail();
    const text = this.sym.slice(start, this.at);
    if (!punycode) return text;
    const cut = text.lastIndexOf('_');
    return `${text.slice(0, Math.max(cut, 0))}punycode{${text.slice(cut + 1)}}`;
  }

  hexNibbles() {
    const m = /^([0-9a-f]*)_/.exec(this.sym.slice(this.at));
    if (!m) this.fail();
    this.at += m[0].length;
    return m[1];
  }

  /** Runs f at a back-reference's target (when printing), then comes back. */
  backref(f) {
    const start = this.at - 1; // the `B`, already read
    const target = this.integer62();
    if (target >= BigInt(start)) this.fail();
    if (!this.printing) return;
    const back = this.at;
    this.at = Number(target);
    this.push();
    f();
    this.pop();
    this.at = back;
  }

  list(f, separator) {
    let count = 0;
    while (!this.eat('E')) {
      if (this.at >= this.sym.length) this.fail();
      if (count > 0) this.print(separator);
      f();
      count++;
    }
    return count;
  }

  lifetime(index) {
    if (!this.printing) return;
    if (index === 0n) return this.print("'_");
    const depth = this.bound - Number(index);
    if (depth < 0) this.fail();
    this.print(depth < 26 ? `'${String.fromCharCode(97 + depth)}` : `'_${depth}`);
  }

  binder(f) {
    const bound = Number(this.optInteger62('G'));
    if (!this.printing) return f();
    if (bound > 0) {
      this.print('for<');
      for (let i = 0; i < bound; i++) {
        if (i > 0) this.print(', ');
        this.bound++;
        this.lifetime(1n);
      }
      this.print('> ');
    }
    f();
    this.bound -= bound;
  }

  path(inValue) {
    this.push();
    const tag = this.next();
    switch (tag) {
      case 'C': // crate root; its disambiguator is the hash, not printed
        this.optInteger62('s');
        this.print(this.ident());
        break;
      case 'N': { // nested: a namespace, the parent, an identifier
        const ns = this.next();
        if (!/[A-Za-z]/.test(ns)) this.fail();
        this.path(inValue);
        const dis = this.optInteger62('s');
        const name = this.ident();
        if (/[A-Z]/.test(ns)) {
          const kind = { C: 'closure', S: 'shim' }[ns] ?? ns;
          this.print(`::{${kind}${name ? `:${name}` : ''}#${dis}}`);
        } else if (name) {
          this.print(`::${name}`);
        }
        break;
      }
      case 'M': // <T>, inherent impl
      case 'X': // <T as Trait>, trait impl
      case 'Y': // <T as Trait>, trait's own item
        if (tag !== 'Y') {
          this.optInteger62('s');
          this.skipping(() => this.path(false)); // the impl's own path
        }
        this.print('<');
        this.type();
        if (tag !== 'M') {
          this.print(' as ');
          this.path(false);
        }
        this.print('>');
        break;
      case 'I': // generic arguments
        this.path(inValue);
        if (inValue) this.print('::');
        this.print('<');
        this.list(() => this.genericArg(), ', ');
        this.print('>');
        break;
      case 'B':
        this.backref(() => this.path(inValue));
        break;
      default:
        this.fail();
    }
    this.pop();
  }

  genericArg() {
    if (this.eat('L')) this.lifetime(this.integer62());
    else if (this.eat('K')) this.konst(false);
    else this.type();
  }

  type() {
    if (this.eat('w')) this.print('#[splat] ');
    const tag = this.next();
    if (BASIC_TYPES[tag]) return this.print(BASIC_TYPES[tag]);
    this.push();
    switch (tag) {
      case 'R':
      case 'Q':
        this.print('&');
        if (this.eat('L')) {
          const lt = this.integer62();
          if (lt !== 0n) {
            this.lifetime(lt);
            this.print(' ');
          }
        }
        if (tag === 'Q') this.print('mut ');
        this.type();
        break;
      case 'P':
      case 'O':
        this.print(tag === 'P' ? '*const ' : '*mut ');
        this.type();
        break;
      case 'A':
      case 'S':
        this.print('[');
        this.type();
        if (tag === 'A') {
          this.print('; ');
          this.konst(true);
        }
        this.print(']');
        break;
      case 'T': {
        this.print('(');
        if (this.list(() => this.type(), ', ') === 1) this.print(',');
        this.print(')');
        break;
      }
      case 'F':
        this.binder(() => {
          const unsafe = this.eat('U');
          let abi = null;
          if (this.eat('K')) abi = this.eat('C') ? 'C' : this.ident();
          if (abi === '') this.fail();
          if (unsafe) this.print('unsafe ');
          if (abi) this.print(`extern "${abi.replaceAll('_', '-')}" `);
          this.print('fn(');
          this.list(() => this.type(), ', ');
          this.print(')');
          if (!this.eat('u')) {
            this.print(' -> ');
            this.type();
          }
        });
        break;
      case 'D': {
        this.print('dyn ');
        this.binder(() => this.list(() => this.dynTrait(), ' + '));
        if (!this.eat('L')) this.fail();
        const lt = this.integer62();
        if (lt !== 0n) {
          this.print(' + ');
          this.lifetime(lt);
        }
        break;
      }
      case 'B':
        this.backref(() => this.type());
        break;
      case 'W':
        this.type();
        this.print(' is ');
        this.pattern();
        break;
      default: // a path: the tag is its first letter
        this.at--;
        this.path(false);
    }
    this.pop();
  }

  /** `dyn Trait<Assoc = T>`: the trait's `<...>` stays open for its bindings. */
  dynTrait() {
    let open = this.pathMaybeOpenGenerics();
    while (this.eat('p')) {
      this.print(open ? ', ' : '<');
      open = true;
      this.print(`${this.ident()} = `);
      if (this.eat('K')) this.konst(false);
      else this.type();
    }
    if (open) this.print('>');
  }

  pathMaybeOpenGenerics() {
    if (this.eat('B')) {
      let open = false;
      this.backref(() => {
        open = this.pathMaybeOpenGenerics();
      });
      return open;
    }
    if (this.eat('I')) {
      this.path(false);
      this.print('<');
      this.list(() => this.genericArg(), ', ');
      return true;
    }
    this.path(false);
    return false;
  }

  pattern() {
    const tag = this.next();
    if (tag === 'R') {
      this.konst(false);
      this.print('..=');
      this.konst(false);
    } else if (tag === 'O') {
      this.push();
      this.pattern();
      while (!this.eat('E')) {
        if (this.at >= this.sym.length) this.fail();
        this.print(' | ');
        this.pattern();
      }
      this.pop();
    } else if (tag === 'N') {
      this.print('!null');
    } else {
      this.fail();
    }
  }

  unsigned() {
    const hex = this.hexNibbles();
    const trimmed = hex.replace(/^0+/, '');
    this.print(trimmed.length > 16 ? `0x${hex}` : BigInt(`0x${trimmed || '0'}`).toString());
  }

  text() {
    const hex = this.hexNibbles();
    if (hex.length % 2) this.fail();
    const bytes = Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  }

  konst(inValue) {
    const tag = this.next();
    this.push();
    let braced = false;
    // Only literals go bare in generic arguments; other expressions take braces.
    const brace = () => {
      if (inValue) return;
      braced = true;
      this.print('{');
    };
    switch (tag) {
      case 'p':
        this.print('_');
        break;
      case 'h': case 't': case 'm': case 'y': case 'o': case 'j':
        this.unsigned();
        break;
      case 'a': case 's': case 'l': case 'x': case 'n': case 'i':
        if (this.eat('n')) this.print('-');
        this.unsigned();
        break;
      case 'b': {
        const v = this.hexNibbles().replace(/^0+/, '');
        if (v !== '' && v !== '1') this.fail();
        this.print(v === '1' ? 'true' : 'false');
        break;
      }
      case 'c': {
        const v = BigInt(`0x${this.hexNibbles() || '0'}`);
        if (v > 0x10ffffn || (v >= 0xd800n && v <= 0xdfffn)) this.fail();
        this.print(`'${JSON.stringify(String.fromCodePoint(Number(v))).slice(1, -1).replace(/'/g, "\\'")}'`);
        break;
      }
      case 'e':
        brace();
        this.print(`*${JSON.stringify(this.text())}`);
        break;
      case 'R':
      case 'Q':
        if (tag === 'R' && this.eat('e')) {
          this.print(JSON.stringify(this.text()));
        } else {
          brace();
          this.print(tag === 'Q' ? '&mut ' : '&');
          this.konst(true);
        }
        break;
      case 'A':
        brace();
        this.print('[');
        this.list(() => this.konst(true), ', ');
        this.print(']');
        break;
      case 'T':
        brace();
        this.print('(');
        if (this.list(() => this.konst(true), ', ') === 1) this.print(',');
        this.print(')');
        break;
      case 'V':
        brace();
        this.path(true);
        switch (this.next()) {
          case 'U':
            break;
          case 'T':
            this.print('(');
            this.list(() => this.konst(true), ', ');
            this.print(')');
            break;
          case 'S':
            this.print(' { ');
            this.list(() => {
              this.optInteger62('s');
              this.print(`${this.ident()}: `);
              this.konst(true);
            }, ', ');
            this.print(' }');
            break;
          default:
            this.fail();
        }
        break;
      case 'B':
        this.backref(() => this.konst(inValue));
        break;
      default:
        this.fail();
    }
    if (braced) this.print('}');
    this.pop();
  }
}

const modulesOf = async (path) =>
  (await stat(path)).isDirectory()
    ? (await readdir(path))
        .filter((f) => f.endsWith('.wasm'))
        // The main module first, then the parts and the chunks in their numbers' order.
        .sort((a, b) => (b === 'riskgate_bg.wasm') - (a === 'riskgate_bg.wasm') || a.localeCompare(b, 'en', { numeric: true }))
        .map((f) => ({ label: f, file: join(path, f) }))
    : [{ label: path, file: path }];

/** The share of code bytes (data left out) that no part's pattern claims. */
const otherOfCode = ({ rows }) => {
  const code = rows.filter(([label]) => label !== DATA).reduce((sum, [, n]) => sum + n, 0);
  const other = rows.find(([label]) => label === 'Other')?.[1] ?? 0;
  return `"Other" is ${code ? ((100 * other) / code).toFixed(1) : '0.0'} % of ${code.toLocaleString('en')} code bytes.`;
};

function topTable(functions, count, withModule) {
  // Generic instances can run to thousands of characters: the start and the end are kept.
  const shorten = (s) => (s.length <= 220 ? s : `${s.slice(0, 150)} … ${s.slice(-65)}`);
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [
    line(['Bytes', ...(withModule ? ['Module'] : []), 'Part', 'Function']),
    line(['---:', ...(withModule ? ['---'] : []), '---', '---']),
    ...functions
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, count)
      .map((f) => line([
        f.bytes.toLocaleString('en'),
        ...(withModule ? [f.module] : []),
        f.part.replace(/ \(.*/, ''),
        `\`${shorten(f.readable || `(function ${f.index}, no name)`).replace(/\|/g, '\\|')}\``,
      ])),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (flag) => {
    const at = args.indexOf(flag);
    return at < 0 ? undefined : args.splice(at, 2)[1];
  };
  const top = option('--top');
  const part = option('--part');
  const [path] = args;
  if (!path || args.length > 1 || (top !== undefined && !(Number(top) > 0))) {
    throw new Error('usage: node scripts/wasm-breakdown.mjs [--top N [--part WORD]] FILE.wasm|DIR');
  }
  const modules = await modulesOf(path);
  if (modules.length === 0) throw new Error(`${path}: no .wasm file in it`);
  const all = [];
  const datas = [];
  for (const { label, file } of modules) {
    const { functions, data } = functionsOf(new Uint8Array(await readFile(file)));
    all.push(...functions.map((f) => ({ ...f, module: label })));
    datas.push(data);
    if (top !== undefined) continue;
    const space = summary(functions, data);
    if (modules.length > 1) console.log(`## ${label}: ${space.codeAndData.toLocaleString('en')} bytes of code and data\n`);
    console.log(`${breakdownTable(space)}\n\n${otherOfCode(space)}\n`);
  }
  if (top !== undefined) {
    const chosen = part ? all.filter((f) => f.part.toLowerCase().startsWith(part.toLowerCase())) : all;
    console.log(topTable(chosen, Number(top), modules.length > 1));
  } else if (modules.length > 1) {
    const data = new Uint8Array(datas.reduce((n, d) => n + d.length, 0));
    datas.reduce((at, d) => (data.set(d, at), at + d.length), 0);
    const space = summary(all, data);
    console.log(`## All ${modules.length} modules: ${space.codeAndData.toLocaleString('en')} bytes of code and data\n`);
    console.log(`${breakdownTable(space)}\n\n${otherOfCode(space)}`);
  }
}
