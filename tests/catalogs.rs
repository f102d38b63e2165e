//! The translations, natively: src/ui/text/'s own unit tests, which live in a
//! browser-only module and so would otherwise not run, and checks of the files in
//! locales/: every locale has English's keys and placeholders and is really translated,
//! the texts the app holds and the files the component fetches are the locale files',
//! the build refuses what would break them, and every key is used.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../src/ui/text/mod.rs"]
#[allow(dead_code, unused_imports)]
mod text;

// The build script's reader and checks, so the tests read the files as the build does.
#[path = "../build.rs"]
#[allow(dead_code)]
mod build;

use build::{placeholders, Entries};
use std::collections::BTreeSet;
use std::path::Path;
use text::{t, Key, Locale};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `locale`'s file, entry by entry as written.
fn catalog(locale: Locale) -> Entries {
    build::read(&root().join("locales").join(format!("{}.json", locale.tag()))).unwrap()
}

fn keys(entries: &Entries) -> Vec<&str> {
    entries.iter().map(|(k, _)| k.as_str()).collect()
}

fn english(key: &str) -> String {
    catalog(Locale::En).into_iter().find(|(k, _)| k == key).map(|(_, v)| v).unwrap()
}

/// Every file in locales/, as (tag, entries), English first; the files the build packs
/// and those it does not yet (they are fetched when chosen) are held to the same rules.
fn files() -> Vec<(String, Entries)> {
    let mut tags: Vec<String> = std::fs::read_dir(root().join("locales"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    tags.sort_by_key(|t| (t != "en", t.clone()));
    tags.into_iter()
        .map(|t| (t.clone(), build::read(&root().join(format!("locales/{t}.json"))).unwrap()))
        .collect()
}

fn translations() -> Vec<(String, Entries)> {
    files().into_iter().filter(|(tag, _)| tag != "en").collect()
}

#[test]
fn the_locale_files_are_the_ten_we_write_two_of_them_right_to_left() {
    let tags: BTreeSet<String> = files().into_iter().map(|(t, _)| t).collect();
    let want = ["ar", "de", "en", "es", "fr", "he", "hi", "ja", "pt", "zh"];
    assert_eq!(tags, want.iter().map(|t| t.to_string()).collect());
    for locale in Locale::ALL {
        assert!(tags.contains(locale.tag()), "{locale:?} is packed but has no file");
    }
}

#[test]
fn keys_are_unique() {
    for (tag, entries) in files() {
        let unique: BTreeSet<_> = keys(&entries).into_iter().collect();
        assert_eq!(unique.len(), entries.len(), "{tag} has a duplicate key");
    }
}

#[test]
fn every_locale_has_exactly_the_english_keys() {
    let en: BTreeSet<_> = keys(&catalog(Locale::En)).into_iter().map(String::from).collect();
    for (tag, entries) in files() {
        let found: BTreeSet<_> = keys(&entries).into_iter().map(String::from).collect();
        let missing: Vec<_> = en.difference(&found).collect();
        let extra: Vec<_> = found.difference(&en).collect();
        assert!(missing.is_empty(), "{tag} is missing {missing:?}");
        assert!(extra.is_empty(), "{tag} has keys English lacks: {extra:?}");
        assert_eq!(entries.len(), en.len(), "{tag} repeats a key");
    }
}

#[test]
fn every_locale_lists_its_keys_in_the_english_order() {
    let en = catalog(Locale::En);
    for (tag, entries) in translations() {
        assert_eq!(keys(&entries), keys(&en), "{tag} is not in locales/en.json's order");
    }
}

#[test]
fn translations_keep_the_english_placeholders() {
    for (tag, entries) in files() {
        for (key, text) in entries {
            assert_eq!(
                placeholders(&text),
                placeholders(&english(&key)),
                "{tag} {key}: placeholders differ from English"
            );
        }
    }
}

/// Words that read the same in a language as in English, by locale.
const SAME_AS_ENGLISH: [(&str, &str); 5] = [
    ("de", "mfa.code"),
    ("de", "method.Passkey"),
    ("fr", "col.actions"),
    ("fr", "policy.action"),
    ("es", "policy.reset.no"),
];

#[test]
fn translations_are_not_empty_or_left_in_english() {
    for (tag, entries) in translations() {
        for (key, text) in entries {
            assert!(!text.trim().is_empty(), "{tag} {key} is empty");
            if !SAME_AS_ENGLISH.contains(&(tag.as_str(), key.as_str())) {
                assert_ne!(text, english(&key), "{tag} {key} is still English");
            }
        }
    }
}

/// The letters of the locales not written in the Latin alphabet.
fn in_script(tag: &str, c: char) -> bool {
    let cjk = ('\u{4E00}'..='\u{9FFF}').contains(&c);
    match tag {
        "ar" => ('\u{0600}'..='\u{06FF}').contains(&c),
        "he" => ('\u{0590}'..='\u{05FF}').contains(&c),
        "hi" => ('\u{0900}'..='\u{097F}').contains(&c),
        "ja" => cjk || ('\u{3040}'..='\u{30FF}').contains(&c),
        "zh" => cjk,
        _ => unreachable!("{tag} is written in Latin letters"),
    }
}

#[test]
fn texts_in_other_scripts_are_written_in_them() {
    // Latin letters may appear only in placeholders and in the abbreviations each
    // language keeps.
    let kept = [
        ("ar", &["QR"][..]),
        ("he", &["QR"]),
        ("hi", &["QR"]),
        ("ja", &["QR", "SMS", "ID"]),
        ("zh", &["QR", "ID"]),
    ];
    for (tag, abbreviations) in kept {
        let entries = files().into_iter().find(|(t, _)| t == tag).unwrap().1;
        for (key, text) in entries {
            let mut stripped = text.clone();
            for name in placeholders(&text) {
                stripped = stripped.replace(&format!("{{{name}}}"), "");
            }
            for word in abbreviations.iter() {
                stripped = stripped.replace(word, "");
            }
            assert!(
                !stripped.chars().any(|c| c.is_ascii_alphabetic()),
                "Latin letters in {tag} {key}: {text}"
            );
            let letters = stripped.chars().filter(|c| c.is_alphabetic()).count();
            let native = stripped.chars().filter(|&c| in_script(tag, c)).count();
            assert!(letters == 0 || native > 0, "{tag} {key} has no letters of its script: {text}");
        }
    }
}

#[test]
fn the_packed_catalogs_give_every_text_as_written() {
    let en = catalog(Locale::En);
    assert_eq!(Key::ALL.len(), en.len());
    for (key, (name, _)) in Key::ALL.into_iter().zip(&en) {
        assert_eq!(key.name(), name, "Key::{key:?} is not locales/en.json's key in its place");
    }
    for locale in Locale::ALL {
        for (name, written) in catalog(locale) {
            let key = Key::ALL.into_iter().find(|k| k.name() == name).unwrap();
            assert_eq!(t(locale, key), written, "{locale:?} {name}");
        }
    }
}

/// The file build.rs wrote for the component to fetch for `locale`.
fn fetched_file(locale: Locale) -> text::Fetched {
    let path = Path::new(env!("OUT_DIR")).join(format!("locales/{}.json", locale.tag()));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_files_the_component_fetches_are_this_builds_and_hold_each_locales_texts() {
    for locale in Locale::ALL.into_iter().skip(1) {
        let file = fetched_file(locale);
        let by_key: Vec<(Key, String)> = Key::ALL.into_iter().zip(file.texts.iter().cloned()).collect();
        assert_eq!(by_key.len(), Key::ALL.len(), "{locale:?}");
        for (key, fetched) in by_key {
            assert_eq!(fetched, t(locale, key), "{locale:?} {}", key.name());
        }
        // Hindi is left to text/fetched.rs's own test, which installs made-up texts.
        if locale != Locale::Hi {
            text::install(locale, file).unwrap_or_else(|e| panic!("{locale:?}'s file was refused: {e:?}"));
        }
    }
    assert!(!Path::new(env!("OUT_DIR")).join("locales/en.json").exists(), "English is always packed");
}

#[test]
fn the_build_refuses_a_key_english_lacks_and_other_placeholders() {
    let entries = |pairs: &[(&str, &str)]| -> Entries {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    let en = entries(&[("mfa.sent", "We sent a code to {phone}."), ("a.b", "x"), ("a_b", "y")]);
    let de = entries(&[("mfa.sent", "Code an {telefon} gesendet."), ("mfa.extra", "Extra")]);
    let ar = entries(&[("mfa.sent", "{phone}"), ("mfa.sent", "{phone}")]);
    let problems = build::check(&["en", "de", "ar"], &[en, de, ar]).join("\n");
    assert!(problems.contains("locales/de.json \"mfa.sent\" has placeholders"), "{problems}");
    assert!(
        problems.contains("locales/de.json has \"mfa.extra\", which locales/en.json lacks"),
        "{problems}"
    );
    assert!(problems.contains("locales/ar.json has \"mfa.sent\" twice"), "{problems}");
    assert!(problems.contains("Key::AB"), "two keys, one variant: {problems}");
    let tags = Locale::ALL.map(Locale::tag);
    assert!(build::check(&tags, &Locale::ALL.map(catalog)).is_empty());
}

/// Every `.rs` file under `dir`, as (path, source without `//` comments).
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            let code: Vec<&str> = source.lines().map(|l| l.split("//").next().unwrap_or("")).collect();
            out.push((path.display().to_string(), code.join("\n")));
        }
    }
}

/// Whether `source` names `Key::{variant}` itself, not a longer variant it begins.
fn uses(source: &str, variant: &str) -> bool {
    source.match_indices(variant).any(|(at, _)| {
        let next = source[at + variant.len()..].chars().next();
        !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn every_english_key_is_used_by_the_code() {
    let mut files = vec![];
    sources(&root().join("src"), &mut files);
    // src/ui/text/ holds the catalog's own tests, which use keys as examples.
    files.retain(|(path, _)| !path.contains("/ui/text/"));
    let unused: Vec<&str> = Key::ALL
        .into_iter()
        .filter(|key| !files.iter().any(|(_, source)| uses(source, &format!("Key::{key:?}"))))
        .map(Key::name)
        .collect();
    assert!(unused.is_empty(), "keys in locales/en.json that no source under src/ uses: {unused:?}");
}
