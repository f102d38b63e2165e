//! Turns the translations in locales/ into Rust: `OUT_DIR/catalog.rs`, which
//! src/ui/text/mod.rs includes. It holds `Key`, one variant per key of locales/en.json
//! ("mfa.heading" is `Key::MfaHeading`), and the packed locales' texts end to end, so a
//! text is found by index: every locale with the feature `packed-locales` (the demo app
//! and the tests), else English alone. For the others it writes
//! `OUT_DIR/locales/<tag>.json`, which scripts/component.sh ships beside the module for
//! it to fetch when a person picks one: `{"catalog": id, "texts": [...]}`, the texts in
//! `Key`'s order, `id` naming the key set so a file from another build is refused. The
//! build fails, naming the file and key, when a locale has a key twice, a key English
//! lacks, or a text whose placeholders differ from English's; a key a locale lacks shows
//! English, with a warning. tests/catalogs.rs reads the files with `read` too.
use serde::de::{Deserializer, MapAccess, Visitor};
use std::collections::BTreeSet;
use std::fmt::{self, Write};
use std::path::{Path, PathBuf};

/// The locale files, in `Locale::ALL`'s order; English, first, is the source.
const LOCALES: [&str; 10] = ["en", "de", "fr", "es", "pt", "ja", "zh", "ar", "he", "hi"];

/// A locale file's entries, in the order written.
pub type Entries = Vec<(String, String)>;

/// Keys (by their first word) that only a feature's views show: a build without the
/// feature has no `Key` for them, so they are neither packed nor fetched, and a screen
/// of that build that used one would not compile.
const ONLY_WITH: [(&str, &[&str]); 3] = [
    ("ACCOUNT", &["account", "stepup", "log", "logdetail", "col", "outcome", "riskstate"]),
    ("ADMIN", &["admin", "policy", "enforcement", "user_action", "signin_action"]),
    ("MOCK", &["store"]),
];

fn main() {
    // Each file: a directory alone is not always seen to change when a file in it is rewritten.
    println!("cargo:rerun-if-changed=locales");
    for tag in LOCALES {
        println!("cargo:rerun-if-changed=locales/{tag}.json");
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let catalogs: Vec<Entries> = LOCALES
        .iter()
        .map(|tag| read(&dir.join(format!("{tag}.json"))).unwrap_or_else(|e| fail(&[e])))
        .collect();
    let problems = check(&LOCALES, &catalogs);
    if !problems.is_empty() {
        fail(&problems);
    }
    let catalogs: Vec<Entries> = catalogs.into_iter().map(in_this_build).collect();
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let packed = if std::env::var_os("CARGO_FEATURE_PACKED_LOCALES").is_some() { LOCALES.len() } else { 1 };
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    std::fs::write(out.join("catalog.rs"), generate(&catalogs, packed, split)).unwrap();
    std::fs::create_dir_all(out.join("locales")).unwrap();
    for (tag, catalog) in LOCALES.iter().zip(&catalogs).skip(1) {
        std::fs::write(out.join(format!("locales/{tag}.json")), fetched(&catalogs[0], catalog)).unwrap();
    }
    println!("cargo:rerun-if-changed=style/riskgate.css");
    let css =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("style/riskgate.css")).unwrap();
    std::fs::write(out.join("riskgate.css"), minified_css(&css)).unwrap();
}

/// The stylesheet without its comments and the whitespace it does not need: the
/// component packs it into the first module, which has a budget (bench/size.md). Only
/// comments and whitespace go (tests/layout.rs holds it to that); the space before a
/// `:` stays, as it can be a descendant combinator.
fn minified_css(css: &str) -> String {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start + 2..].split_once("*/").map_or("", |(_, after)| after);
    }
    text.push_str(rest);
    let mut out = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for c in ['{', '}', ';', ','] {
        out = out.replace(&format!("{c} "), &c.to_string());
    }
    for c in ['{', '}', ';'] {
        out = out.replace(&format!(" {c}"), &c.to_string());
    }
    out.replace(";}", "}")
}

/// The entries whose views this build has (`ONLY_WITH`).
fn in_this_build(entries: Entries) -> Entries {
    let left_out: Vec<&str> = ONLY_WITH
        .iter()
        .filter(|(feature, _)| std::env::var_os(format!("CARGO_FEATURE_{feature}")).is_none())
        .flat_map(|(_, words)| words.iter().copied())
        .collect();
    entries
        .into_iter()
        .filter(|(key, _)| !left_out.contains(&key.split('.').next().unwrap_or_default()))
        .collect()
}

/// Stops the build, saying why.
fn fail(problems: &[String]) -> ! {
    for p in problems {
        eprintln!("error: {p}");
    }
    std::process::exit(1);
}

/// A locale file as its entries, in the order written and with any key written twice,
/// which a map would lose.
pub fn read(path: &Path) -> Result<Entries, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut json = serde_json::Deserializer::from_str(&text);
    let entries = json.deserialize_map(EntriesVisitor).and_then(|e| json.end().map(|_| e));
    entries.map_err(|e| format!("{}: {e}", path.display()))
}

struct EntriesVisitor;

impl<'de> Visitor<'de> for EntriesVisitor {
    type Value = Entries;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of texts by key")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
        let mut entries = vec![];
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(entries)
    }
}

/// The keys `entries` holds more than once.
fn repeated(entries: &Entries) -> Vec<&str> {
    let mut seen = BTreeSet::new();
    entries.iter().map(|(k, _)| k.as_str()).filter(|k| !seen.insert(*k)).collect()
}

/// The `{name}` placeholders in `text`.
pub fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        found.insert(&after[..close]);
        rest = &after[close + 1..];
    }
    found
}

/// What is wrong with the translations (`catalogs` of the locales `tags`, English
/// first): keys written twice, keys English lacks, placeholders that differ, and keys
/// that would make the same `Key` variant.
pub fn check(tags: &[&str], catalogs: &[Entries]) -> Vec<String> {
    let english = &catalogs[0];
    let mut problems = vec![];
    for (tag, catalog) in tags.iter().zip(catalogs) {
        for key in repeated(catalog) {
            problems.push(format!("locales/{tag}.json has \"{key}\" twice"));
        }
    }
    for (tag, catalog) in tags.iter().zip(catalogs).skip(1) {
        for (key, text) in catalog {
            let Some((_, source)) = english.iter().find(|(k, _)| k == key) else {
                problems.push(format!("locales/{tag}.json has \"{key}\", which locales/en.json lacks"));
                continue;
            };
            let (want, got) = (placeholders(source), placeholders(text));
            if want != got {
                problems.push(format!(
                    "locales/{tag}.json \"{key}\" has placeholders {got:?}, English has {want:?}"
                ));
            }
        }
    }
    let mut variants = BTreeSet::new();
    for (key, _) in english {
        if !variants.insert(variant(key)) {
            problems
                .push(format!("locales/en.json \"{key}\" makes a Key::{} like another key", variant(key)));
        }
    }
    problems
}

/// The `Key` variant for a key: each part between dots and underscores capitalised,
/// "account.was_me.named" is `AccountWasMeNamed`.
pub fn variant(key: &str) -> String {
    key.split(['.', '_'])
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

/// The text of `key` in `catalog`, or English's when the locale lacks it.
fn text_of<'a>(catalog: &'a Entries, english: &'a str, key: &str) -> &'a str {
    catalog.iter().find(|(k, _)| k == key).map_or(english, |(_, v)| v.as_str())
}

/// The texts of the locales from `from` to `packed` end to end, each in `Key`'s order,
/// and where each ends.
fn pack(catalogs: &[Entries], from: usize, packed: usize) -> (String, Vec<usize>) {
    let english = &catalogs[0];
    let mut text = String::new();
    let mut ends = vec![];
    for (tag, catalog) in LOCALES.iter().zip(catalogs).take(packed).skip(from) {
        for (key, source) in english {
            if !catalog.iter().any(|(k, _)| k == key) {
                println!("cargo:warning=locales/{tag}.json lacks \"{key}\": English is shown");
            }
            text.push_str(text_of(catalog, source, key));
            ends.push(text.len());
        }
    }
    (text, ends)
}

fn generate(catalogs: &[Entries], packed: usize, split: bool) -> String {
    let english = &catalogs[0];
    let from = usize::from(split);
    let (text, ends) = pack(catalogs, from, packed);
    let mut out = key_type(english, split);
    writeln!(out, "const KEYS: usize = {};\n", english.len()).unwrap();
    out += "/// How many locales are inside the module, the first of `Locale::ALL`.\n";
    writeln!(out, "const PACKED: usize = {packed};\n").unwrap();
    out += "/// The first of them in `TEXT`: 1 when English is in the keys themselves.\n";
    writeln!(out, "const TEXT_FROM: usize = {from};\n").unwrap();
    out += "/// Names this build's key set; a fetched catalog must carry the same.\n";
    writeln!(out, "const CATALOG_ID: &str = {:?};\n", catalog_id(english)).unwrap();
    out += "/// The packed locales' texts from `TEXT_FROM` on, end to end, each in `Key`'s order.\n";
    writeln!(out, "static TEXT: &str = {text:?};\n").unwrap();
    out +=
        "/// Where each text ends in `TEXT`: locale `l`'s text of key `k` at `(l - TEXT_FROM) * KEYS + k`.\n";
    writeln!(out, "static ENDS: [u32; {}] = {ends:?};\n", ends.len()).unwrap();
    out + &names(english)
}

/// A locale's file to fetch: its texts in `Key`'s order (English's where it lacks one).
fn fetched(english: &Entries, catalog: &Entries) -> String {
    let texts: Vec<&str> = english.iter().map(|(key, source)| text_of(catalog, source, key)).collect();
    serde_json::json!({ "catalog": catalog_id(english), "texts": texts }).to_string()
}

/// FNV-1a over the keys in order: it changes when a key is added, removed or moved, as
/// the texts' places do.
fn catalog_id(english: &Entries) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (key, _) in english {
        for byte in key.bytes().chain([b'\n']) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// `Key`, one constant per key, each documented with its key and English text. In the
/// split build (feature `split`) a key is a reference to a static of its own, which holds
/// its index and its English text: the splitter (scripts/component.sh) puts a static,
/// like a function, in the module whose code uses it, so a screen in a part brings its
/// English texts with it and the first module holds only the first screen's (3.3 KB
/// lighter, bench/size.md). Other builds keep a key as an index into `TEXT`, where
/// English comes first: one string compresses better than texts apart, and the unsplit
/// console build came out 1.7 KB bigger with a static per key.
fn key_type(english: &Entries, split: bool) -> String {
    let mut out = String::from(
        "/// A text's key: one per entry of locales/en.json, in its order (\"mfa.heading\" is\n\
         /// `Key::MfaHeading`).\n#[derive(Clone, Copy)]\n",
    );
    let mut keys = String::from("#[allow(non_upper_case_globals)]\nimpl Key {\n");
    if split {
        out += "pub struct Key(&'static Entry);\n\n";
        out += "/// One entry of locales/en.json: its place in the key set and its English text.\n";
        out += "pub struct Entry {\n    index: u16,\n    english: &'static str,\n}\n\n";
        for (i, (_, source)) in english.iter().enumerate() {
            writeln!(out, "static E{i}: Entry = Entry {{ index: {i}, english: {source:?} }};").unwrap();
        }
        keys += "    fn place(self) -> u16 {\n        self.0.index\n    }\n\n";
        keys += "    fn english(self) -> &'static str {\n        self.0.english\n    }\n\n";
    } else {
        out += "pub struct Key(u16);\n\n";
        keys += "    fn place(self) -> u16 {\n        self.0\n    }\n\n";
        keys += "    fn english(self) -> &'static str {\n        text_at(self.index())\n    }\n\n";
    }
    for (i, (key, source)) in english.iter().enumerate() {
        let value = if split { format!("Key(&E{i})") } else { format!("Key({i})") };
        writeln!(
            keys,
            "    #[doc = {:?}]\n    pub const {}: Key = {value};",
            format!("\"{key}\": {source}"),
            variant(key)
        )
        .unwrap();
    }
    out + "\n" + &keys + "}\n\n"
}

/// Every key and its name, for the native tests; not built into the Wasm.
fn names(english: &Entries) -> String {
    let bare: Vec<String> = english.iter().map(|(k, _)| variant(k)).collect();
    let variants: Vec<String> = bare.iter().map(|v| format!("Key::{v}")).collect();
    let names: Vec<&str> = english.iter().map(|(k, _)| k.as_str()).collect();
    format!(
        "#[cfg(not(target_arch = \"wasm32\"))]\nimpl Key {{\n    \
         /// Every key, in locales/en.json's order.\n    \
         pub const ALL: [Key; KEYS] = [{}];\n\n    \
         /// The key as the locale files write it.\n    \
         pub fn name(self) -> &'static str {{\n        \
         const NAMES: [&str; KEYS] = {names:?};\n        \
         NAMES[self.index()]\n    }}\n\n    \
         /// The constant's name, `MfaHeading` for \"mfa.heading\".\n    \
         pub fn variant(self) -> &'static str {{\n        \
         const VARIANTS: [&str; KEYS] = {bare:?};\n        \
         VARIANTS[self.index()]\n    }}\n}}\n",
        variants.join(", ")
    )
}
