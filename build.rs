//! Turns the translations in locales/ into Rust: `OUT_DIR/catalog.rs`, which
//! src/ui/text.rs includes. It holds `Key`, one variant per key of locales/en.json
//! ("mfa.heading" is `Key::MfaHeading`), and every locale's texts packed end to end, so
//! a text is found by index. The build fails, naming the file and key, when a locale has
//! a key twice, a key English lacks, or a text whose placeholders differ from English's;
//! a key a locale lacks shows English, with a warning. tests/catalogs.rs reads the files
//! with `read` too.
use serde::de::{Deserializer, MapAccess, Visitor};
use std::collections::BTreeSet;
use std::fmt::{self, Write};
use std::path::Path;

/// The locale files, in `Locale::ALL`'s order; English, first, is the source.
const LOCALES: [&str; 3] = ["en", "de", "ar"];

/// A locale file's entries, in the order written.
pub type Entries = Vec<(String, String)>;

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let catalogs: Vec<Entries> = LOCALES
        .iter()
        .map(|tag| read(&dir.join(format!("{tag}.json"))).unwrap_or_else(|e| fail(&[e])))
        .collect();
    let problems = check(&catalogs);
    if !problems.is_empty() {
        fail(&problems);
    }
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalog.rs");
    std::fs::write(out, generate(&catalogs)).unwrap();
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

/// What is wrong with the translations (`catalogs` in `LOCALES`' order): keys written
/// twice, keys English lacks, placeholders that differ, and keys that would make the
/// same `Key` variant.
pub fn check(catalogs: &[Entries]) -> Vec<String> {
    let english = &catalogs[0];
    let mut problems = vec![];
    for (tag, catalog) in LOCALES.iter().zip(catalogs) {
        for key in repeated(catalog) {
            problems.push(format!("locales/{tag}.json has \"{key}\" twice"));
        }
    }
    for (tag, catalog) in LOCALES.iter().zip(catalogs).skip(1) {
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

/// Every locale's texts end to end, in `Key`'s order, and where each ends.
fn pack(catalogs: &[Entries]) -> (String, Vec<usize>) {
    let english = &catalogs[0];
    let mut text = String::new();
    let mut ends = vec![];
    for (tag, catalog) in LOCALES.iter().zip(catalogs) {
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

fn generate(catalogs: &[Entries]) -> String {
    let english = &catalogs[0];
    let (text, ends) = pack(catalogs);
    let mut out = key_enum(english);
    writeln!(out, "const KEYS: usize = {};\n", english.len()).unwrap();
    out += "/// Every locale's texts end to end, in `Locale::ALL`'s order, each in `Key`'s order.\n";
    writeln!(out, "static TEXT: &str = {text:?};\n").unwrap();
    out += "/// Where each text ends in `TEXT`: locale `l`'s text of key `k` at `l * KEYS + k`.\n";
    writeln!(out, "static ENDS: [u32; {}] = {ends:?};\n", ends.len()).unwrap();
    out + &names(english)
}

/// `Key`, each variant documented with its key and English text.
fn key_enum(english: &Entries) -> String {
    let mut out = String::from("/// A text's key: one per entry of locales/en.json, in its order.\n");
    // A variant is its key's words: "register.app.key" makes `RegisterAppKey`.
    out += "#[allow(clippy::enum_variant_names)]\n";
    out += "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum Key {\n";
    for (key, source) in english {
        writeln!(out, "    #[doc = {:?}]\n    {},", format!("\"{key}\": {source}"), variant(key)).unwrap();
    }
    out + "}\n\n"
}

/// Every key and its name, for the native tests; not built into the Wasm.
fn names(english: &Entries) -> String {
    let variants: Vec<String> = english.iter().map(|(k, _)| format!("Key::{}", variant(k))).collect();
    let names: Vec<&str> = english.iter().map(|(k, _)| k.as_str()).collect();
    format!(
        "#[cfg(not(target_arch = \"wasm32\"))]\nimpl Key {{\n    \
         /// Every key, in locales/en.json's order.\n    \
         pub const ALL: [Key; KEYS] = [{}];\n\n    \
         /// The key as the locale files write it.\n    \
         pub fn name(self) -> &'static str {{\n        \
         const NAMES: [&str; KEYS] = {names:?};\n        \
         NAMES[self as usize]\n    }}\n}}\n",
        variants.join(", ")
    )
}
