//! The text catalogs, natively: their own unit tests (complete in every locale, same
//! placeholders, really translated), which live in a browser-only module and so would
//! otherwise not run, and a check that every key the screens use has its text.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../src/ui/text.rs"]
#[allow(dead_code)]
mod text;

use std::collections::BTreeSet;

/// String literals shaped like text keys ("account.heading", "admin.action.Unblock.named").
fn key_literals(source: &str) -> Vec<String> {
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            let mut parts = s.split('.');
            let first = parts.next().unwrap_or("");
            let rest: Vec<_> = parts.collect();
            !first.is_empty()
                && first.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && !rest.is_empty()
                && rest
                    .iter()
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphabetic() || c == '_'))
        })
        .map(String::from)
        .collect()
}

/// `mod.rs` and the modules it declares: the files that are built into the app.
fn screen_modules(mod_rs: &str) -> Vec<String> {
    let mut out = vec!["mod".to_string()];
    for line in mod_rs.lines().map(str::trim) {
        let line = line.strip_prefix("pub ").unwrap_or(line);
        if let Some(name) = line.strip_prefix("mod ").and_then(|l| l.strip_suffix(';')) {
            out.push(name.trim().to_string());
        }
    }
    out
}

#[test]
fn every_key_the_screens_use_has_english_text() {
    let english: BTreeSet<&str> = text::EN.iter().map(|(k, _)| *k).collect();
    // Not text keys: where the mock keeps its directory.
    let not_keys = ["riskgate.mock"];
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui");
    let mut missing = vec![];
    for name in screen_modules(&std::fs::read_to_string(format!("{dir}/mod.rs")).unwrap()) {
        // The catalogs themselves, and the reviewer's panel, which is English-only by design.
        if name == "text" || name == "demo" {
            continue;
        }
        let file = format!("{name}.rs");
        let source = if name == "mod" {
            std::fs::read_to_string(format!("{dir}/mod.rs")).unwrap()
        } else {
            std::fs::read_to_string(format!("{dir}/{file}")).unwrap()
        };
        for key in key_literals(&source) {
            if !english.contains(key.as_str()) && !not_keys.contains(&key.as_str()) {
                missing.push(format!("{file}: {key}"));
            }
        }
    }
    assert!(missing.is_empty(), "keys without text: {missing:?}");
}
