// Tests of scripts/wasm-breakdown.mjs: v0 names demangled as rustc-demangle does, names
// sorted into the parts, and a small module read end to end.
// Usage: node --test scripts/wasm-breakdown.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARTS, breakdown, demangle, functionsOf, partOf, readableName, v0Identifiers } from './wasm-breakdown.mjs';

const part = (word) => {
  const found = PARTS.find(([label]) => label.startsWith(word))?.[0];
  assert.ok(found, `no part starts with ${word}`);
  return found;
};

// Names from a split build (KEEP_NAMES=DIR/ scripts/component.sh ... --features embed,split),
// parts and chunks, but the first, the example, from before SignInCalls. Each
// expected name is rustc-demangle 0.1.28's `{:#}` of it (the crate wasm-bindgen demangles with).
const REAL = [
  ['_RNvXs3_NtNtCshUdPuXM1SYf_8riskgate7backend4httpNtB5_11HttpBackendNtCslk1NUl9F994_12riskgate_api15IdentityBackend10set_policy',
    '<riskgate::backend::http::HttpBackend as riskgate_api::IdentityBackend>::set_policy', 'HTTP'],
  ['_RNvXs0_NtNtCshUdPuXM1SYf_8riskgate7backend9lazy_httpNtNtB7_4http11HttpBackendNtB5_11SignInCalls21begin_passkey_sign_in',
    '<riskgate::backend::http::HttpBackend as riskgate::backend::lazy_http::SignInCalls>::begin_passkey_sign_in', 'HTTP'],
  ['_RINvNtNtCshUdPuXM1SYf_8riskgate7backend4read5fieldINtNtCs3pRfAIqob2O_4core6option6OptionNtNtCs1p96IQuFZ06_15riskgate_engine8password7VerdictEEB6_',
    'riskgate::backend::read::field::<core::option::Option<riskgate_engine::password::Verdict>>', 'JSON'],
  ['_RNvXsa_NtCscfHUcDWuRl7_18serde_wasm_bindgen3serRNtB5_10SerializerNtNtCs4eWSroDmEg0_10serde_core3ser10Serializer22serialize_unit_variant',
    '<&serde_wasm_bindgen::ser::Serializer as serde_core::ser::Serializer>::serialize_unit_variant', 'JSON'],
  ['_RNSNvYNCNCNCNvNtNtNtCshUdPuXM1SYf_8riskgate2ui5parts14code_challenge25___component_method_switch000INtNtNtCs3pRfAIqob2O_4core3ops8function6FnOnceuE9call_once6vtableBi_',
    '<riskgate::ui::parts::code_challenge::__component_method_switch::{closure#0}::{closure#0}::{closure#0} as core::ops::function::FnOnce<()>>::call_once::{shim:vtable#0}', 'Screens'],
  ['_RNCINvNtNtNtCshUdPuXM1SYf_8riskgate2ui5parts12new_password13live_feedbackNCNvNtNtB8_7screens5reset24___component_new_password0NCB1b_s_0E0Ba_',
    'riskgate::ui::parts::new_password::live_feedback::<riskgate::ui::screens::reset::__component_new_password::{closure#0}, riskgate::ui::screens::reset::__component_new_password::{closure#1}>::{closure#0}', 'Screens'],
  ['_RNvXs7_NtCs5jQFqx4JvkJ_14reactive_graph6traitsINtNtNtB7_6signal2rw8RwSignalbENtB5_3Set3setCs4Br2WpEufy7_6leptos',
    '<reactive_graph::signal::rw::RwSignal<bool> as reactive_graph::traits::Set>::set', 'Leptos'],
  ['_RINvNtNtCsd9wOZjL1AEa_6tachys4html5event2onNtB2_5clickINtNtCs3b4fO2xu3Je_5alloc5boxed3BoxDINtNtNtCs3pRfAIqob2O_4core3ops8function5FnMutTNtNtNtCs5poUL0IhGYc_7web_sys8features14gen_MouseEvent10MouseEventEEp6OutputuEL_EECshUdPuXM1SYf_8riskgate',
    'tachys::html::event::on::<tachys::html::event::click, alloc::boxed::Box<dyn core::ops::function::FnMut<(web_sys::features::gen_MouseEvent::MouseEvent,), Output = ()>>>', 'Leptos'],
  ['_RINvNvNtCs6zJfaFqfsIX_12wasm_bindgen4___rt8wbg_cast17breaks_if_inlinedINtNtB6_7closure12OwnedClosureDINtNtNtCs3pRfAIqob2O_4core3ops8function5FnMutTNtB6_7JsValueEEp6OutputINtNtB1I_6result6ResultuNtB6_7JsErrorEEL_Kb1_ENtB19_9JsClosureECsdc6ToGxfyBg_6js_sys',
    'wasm_bindgen::__rt::wbg_cast::breaks_if_inlined::<wasm_bindgen::closure::OwnedClosure<dyn core::ops::function::FnMut<(wasm_bindgen::JsValue,), Output = core::result::Result<(), wasm_bindgen::JsError>>, true>, wasm_bindgen::closure::JsClosure>', 'Browser'],
  ['_RINvNtCs3pRfAIqob2O_4core3ptr13drop_in_placeATReNtCs6zJfaFqfsIX_12wasm_bindgen7JsValueEj2_ECshUdPuXM1SYf_8riskgate',
    'core::ptr::drop_in_place::<[(&str, wasm_bindgen::JsValue); 2]>', 'Browser'],
  ['_RNvNvMso_NtNtCs5poUL0IhGYc_7web_sys8features11gen_HeadersNtB7_7Headers3set26___wbg_set_bcb0ec2400cfa22e',
    '<web_sys::features::gen_Headers::Headers>::set::__wbg_set_bcb0ec2400cfa22e', 'Browser'],
  ['_RNvXs2_NtNtNtCs3pRfAIqob2O_4core3fmt3num3imptNtB9_7Display3fmt', '<u16 as core::fmt::Display>::fmt', 'Rust standard library'],
  ['_RNvMNtCs3b4fO2xu3Je_5alloc6stringNtB2_6String4push.1973', '<alloc::string::String>::push.1973', 'Rust standard library'],
  ['_RNvMs3_NtCs2ci24PYZBkm_6qrcode5typesNtB5_4Mode17length_bits_count', '<qrcode::types::Mode>::length_bits_count', 'QR code'],
  ['_RNvMs_NtCslk1NUl9F994_12riskgate_api8brandingNtB4_8Branding5check', '<riskgate_api::branding::Branding>::check', 'Engine'],
  // The splitter's stubs: named after what they call, counted apart.
  ['_RNvMs_NtNtCs5jQFqx4JvkJ_14reactive_graph5graph10subscriberNtB4_8Observer3get indirect_call_shim',
    '<reactive_graph::graph::subscriber::Observer>::get indirect_call_shim', 'Calls between modules'],
  ['_RNvNvMsyD_Csdc6ToGxfyBg_6js_sysINtB8_7PromiseppE16then_with_reject27___wbg_then_656f253a5dd7d8ea local_shim',
    '<js_sys::Promise<_, _>>::then_with_reject::__wbg_then_656f253a5dd7d8ea local_shim', 'Calls between modules'],
];

test('v0 names from the build demangle as rustc-demangle prints them', () => {
  for (const [mangled, expected] of REAL) assert.equal(demangle(mangled), expected, mangled);
});

test('v0 names from the build go to their parts', () => {
  for (const [mangled, , word] of REAL) assert.equal(partOf(mangled), part(word), demangle(mangled));
});

// From rustc-demangle's own tests (`{:#}`): grammar the build's names do not use.
test('the rest of the v0 grammar', () => {
  const cases = [
    ['_RNvC6_123foo3bar', '123foo::bar'],
    ['_RNCNCNgCs6DXkGYLi8lr_2cc5spawn00B5_', 'cc::spawn::{closure#0}::{closure#0}'],
    ['_RNCINkXs25_NgCsbmNqQUJIY6D_4core5sliceINyB9_4IterhENuNgNoBb_4iter8iterator8Iterator9rpositionNCNgNpB9_6memchr7memrchrs_0E0Bb_',
      '<core::slice::Iter<u8> as core::iter::iterator::Iterator>::rposition::<core::slice::memchr::memrchr::{closure#1}>::{closure#0}'],
    ['_RINbNbCskIICzLVDPPb_5alloc5alloc8box_freeDINbNiB4_5boxed5FnBoxuEp6OutputuEL_ECs1iopQbuBiw2_3std',
      'alloc::alloc::box_free::<dyn alloc::boxed::FnBox<(), Output = ()>>'],
    ['_RMC0INtC8arrayvec8ArrayVechKj7b_E', '<arrayvec::ArrayVec<u8, 123>>'],
    ['_RMC0DNtC5krate5Traitp1NKj0_EL_', '<dyn krate::Trait<N = 0>>'],
    ['_RMC0WmORm1_m2_Rm5_m6_E', '<u32 is 1..=2 | 5..=6>'],
    ['_RNvMNtCs5CcWRJzwAYz_4core6optionINtB2_6OptionFwTlEEuE6unwrapCsiksvdpJ6Jnj_14splat_mangling',
      '<core::option::Option<fn(#[splat] (i32,))>>::unwrap'],
    ['_RIC0Kanb_E', '::<-11>'],
    ['_RIC0Kb1_E', '::<true>'],
    ['_RIC0Kc76_E', "::<'v'>"],
    ['_RIC0Koff00ff00ff00ff00ff_E', '::<0xff00ff00ff00ff00ff>'],
    ['_RIC0Ke616263_E', '::<{*"abc"}>'],
    ['_RIC0KVNtC3foo3BarS1sRe616263_2chc78_5sliceRAh1_h2_h3_EEE', '::<{foo::Bar { s: "abc", ch: \'x\', slice: &[1, 2, 3] }}>'],
    ['_RNvNtNtNtNtCs92dm3009vxr_4rand4rngs7adapter9reseeding4fork23FORK_HANDLER_REGISTERED.0.0',
      'rand::rngs::adapter::reseeding::fork::FORK_HANDLER_REGISTERED.0.0'],
  ];
  for (const [mangled, expected] of cases) assert.equal(demangle(mangled), expected, mangled);
});

test('a symbol the parser refuses still gives its identifiers', () => {
  const [brief] = REAL[0];
  assert.equal(v0Identifiers(brief), 'riskgate::backend::http::HttpBackend::riskgate_api::IdentityBackend::set_policy');
  assert.equal(v0Identifiers(`${REAL[15][0]}`), 'reactive_graph::graph::subscriber::Observer::get indirect_call_shim');
  // Cut short: the last identifier runs past the end, so the parser gives up.
  const cut = brief.slice(0, -4);
  assert.equal(demangle(cut), 'riskgate::backend::http::HttpBackend::riskgate_api::IdentityBackend::set_po');
  assert.equal(partOf(cut), part('HTTP'));
});

test('names that are not v0 symbols keep working as before', () => {
  // The main module's, demangled by wasm-bindgen, with crate hashes.
  const message = 'core[27cd0353e63fa9bc]::ptr::drop_in_place::<riskgate[d09264e6c75b7309]::ui::text::Message>';
  assert.equal(readableName(message), 'core::ptr::drop_in_place::<riskgate::ui::text::Message>');
  assert.equal(partOf(message), part('Screens'));
  // A hash printed without its leading zeros is dropped too, a slice of f32 is not.
  assert.equal(readableName('<[f32] as core[7cd0353e63fa9bc]::fmt::Debug>::fmt'), '<[f32] as core::fmt::Debug>::fmt');
  assert.equal(partOf('<hashbrown[50bf943e9520225d]::raw::RawTableInner>::find_insert_index.758'), part('Rust standard library'));
  assert.equal(partOf('<alloc[2505b2eafb3ee1e2]::sync::Arc<tachys[99359344177a3614]::x> as core::clone::Clone>::clone'), part('Leptos'));
  // Exports named by their JavaScript names, and the parts' entries.
  assert.equal(partOf('mount'), part('Screens'));
  assert.equal(partOf('mount externref shim'), part('Screens'));
  assert.equal(partOf('handle_unmount'), part('Screens'));
  assert.equal(partOf('__wasm_split_00challenge00_export_7f3caa1f56f91b49e5a2ea7d0654cb23_mfa_view'), part('Screens'));
  assert.equal(partOf('__wasm_split_00locale00_export_11215bfbb2fbbbe1a7f0ee076473907e_loader'), part('Screens'));
  assert.equal(partOf('__wasm_split_00signin00_export_5518b5539b20b947d5961348c90b26a6_adapter_for'), part('HTTP'));
  assert.equal(partOf('__wasm_split_00signin00_export_5518b5539b20b947d5961348c90b26a6_adapter_for indirect_call_shim'), part('Calls between modules'));
  assert.equal(partOf('intounderlyingsink_write'), part('Browser'));
  assert.equal(partOf('__externref_table_alloc'), part('Browser'));
  assert.equal(partOf('<unknown> externref shim'), part('Browser'));
  assert.equal(partOf('memcmp'), 'Other');
  assert.equal(demangle('memcmp'), 'memcmp');
});

test('a module read end to end: imports counted, names read, data measured', async () => {
  const leb = (n) => {
    const out = [];
    do {
      out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
      n >>>= 7;
    } while (n);
    return out;
  };
  const text = (s) => [...leb(s.length), ...Buffer.from(s)];
  const section = (id, body) => [id, ...leb(body.length), ...body];
  const [mangled] = REAL[1];
  const bytes = new Uint8Array([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, 0x60, 0, 0]), // one type: () -> ()
    ...section(2, [1, ...text('m'), ...text('f'), 0, 0]), // one imported function: index 0
    ...section(3, [2, 0, 0]), // two functions: indexes 1 and 2
    ...section(10, [2, 2, 0, 0x0b, 4, 0, 0x01, 0x01, 0x0b]), // 3 and 5 bytes with their sizes
    ...section(11, [1, 0, 0x41, 0, 0x0b, 3, ...Buffer.from('abc')]), // 9 bytes
    ...section(0, [...text('name'), 1, ...leb(1 + leb(mangled.length).length + mangled.length + 1 + 1 + 6),
      2, 1, ...text(mangled), 2, ...text('mount')]),
  ]);
  const { functions, data } = functionsOf(bytes);
  assert.deepEqual(functions.map((f) => [f.index, f.part, f.bytes]), [[1, part('HTTP'), 3], [2, part('Screens'), 5]]);
  assert.equal(functions[0].readable, REAL[1][1]);
  assert.equal(data.length, 9);
  const dir = await mkdtemp(join(tmpdir(), 'wasm-breakdown-'));
  try {
    await writeFile(join(dir, 'm.wasm'), bytes);
    const { rows, codeAndData } = await breakdown(join(dir, 'm.wasm'));
    assert.deepEqual(rows.map(([label, n]) => [label.split(' ')[0], n]), [['Screens', 5], ['HTTP', 3], ['Data', 9]]);
    assert.equal(codeAndData, 17);
  } finally {
    await rm(dir, { recursive: true });
  }
});
