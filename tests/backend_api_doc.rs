//! docs/backend-api.md cannot drift from the types: every JSON block in it is the serde
//! form of a value in `api_examples`, every example is in it, and every error has its
//! status in the error table. `BLESS=1 cargo test --test backend_api_doc` rewrites the
//! blocks from the values (then read the diff).
#![cfg(not(target_arch = "wasm32"))]
mod api_examples;

use std::collections::BTreeMap;

const DOC_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/backend-api.md");
const MARK: &str = "<!-- example: ";

/// One example block in the doc: the lines its body spans.
struct Block {
    body: String,
    first_line: usize,
    end_line: usize,
}

/// The doc's example blocks by name: a `<!-- example: name -->` line, then a fenced
/// json block. Panics on a mark without its block, or a name used twice.
fn blocks(doc: &str) -> BTreeMap<String, Block> {
    let lines: Vec<&str> = doc.lines().collect();
    let mut found = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = line.strip_prefix(MARK).and_then(|r| r.strip_suffix(" -->")) else { continue };
        assert_eq!(lines.get(i + 1), Some(&"```json"), "example {name}: no ```json on the next line");
        let end = (i + 2..lines.len()).find(|&j| lines[j] == "```").expect("an example block is closed");
        let body = lines[i + 2..end].join("\n");
        let block = Block { body, first_line: i + 2, end_line: end };
        assert!(found.insert(name.to_string(), block).is_none(), "example {name} appears twice");
    }
    found
}

#[test]
fn every_json_block_is_the_serde_form_of_its_example() {
    let doc = std::fs::read_to_string(DOC_PATH).unwrap();
    if std::env::var_os("BLESS").is_some() {
        bless(&doc);
        return;
    }
    let found = blocks(&doc);
    let examples = api_examples::all();
    let mut problems = vec![];
    for example in &examples {
        match found.get(&example.name) {
            None => problems.push(format!("{}: missing from the doc", example.name)),
            Some(block) if block.body != example.json => problems.push(format!(
                "{}: the doc says\n{}\nthe types say\n{}",
                example.name, block.body, example.json
            )),
            Some(block) => {
                if let Err(e) = (example.decodes_back)(&block.body) {
                    problems.push(format!("{}: does not decode back: {e}", example.name));
                }
            }
        }
    }
    for name in found.keys().filter(|n| !examples.iter().any(|e| &e.name == *n)) {
        problems.push(format!("{name}: in the doc but not in api_examples"));
    }
    assert!(
        problems.is_empty(),
        "docs/backend-api.md has drifted (BLESS=1 rewrites it):\n{}",
        problems.join("\n")
    );
}

/// Rewrites every marked block from its example; marks must already be in place.
fn bless(doc: &str) {
    let found = blocks(doc);
    let examples: BTreeMap<String, String> =
        api_examples::all().into_iter().map(|e| (e.name, e.json)).collect();
    let mut lines: Vec<String> = doc.lines().map(String::from).collect();
    // From the bottom up, so earlier line numbers stay right.
    let mut spans: Vec<(&String, &Block)> = found.iter().collect();
    spans.sort_by_key(|(_, b)| std::cmp::Reverse(b.first_line));
    for (name, block) in spans {
        let json = examples.get(name).unwrap_or_else(|| panic!("{name}: no such example"));
        lines.splice(block.first_line..block.end_line, json.lines().map(String::from));
    }
    std::fs::write(DOC_PATH, lines.join("\n") + "\n").unwrap();
}

#[test]
fn every_error_has_its_status_in_the_error_table() {
    let doc = std::fs::read_to_string(DOC_PATH).unwrap();
    for error in api_examples::errors() {
        let row = format!("| `{}` | {} |", error.name(), error.http_status());
        assert!(doc.contains(&row), "the error table lacks the row starting {row:?}");
    }
}

#[test]
fn every_errors_name_is_its_json_tag() {
    for error in api_examples::errors() {
        let json = serde_json::to_value(&error).unwrap();
        let tag = match &json {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Object(o) if o.len() == 1 => o.keys().next().unwrap().clone(),
            other => panic!("{other}"),
        };
        assert_eq!(error.name(), tag);
    }
}

#[test]
fn every_field_and_problem_is_named_in_the_doc() {
    let doc = std::fs::read_to_string(DOC_PATH).unwrap();
    for error in api_examples::fields_and_problems() {
        let json = serde_json::to_value(&error).unwrap();
        let input = &json["InvalidInput"];
        for name in [&input["field"], &input["problem"]].map(|v| v.as_str().unwrap().to_string()) {
            assert!(doc.contains(&format!("`{name}`")), "the doc never names `{name}`");
        }
    }
}

#[test]
fn every_type_that_crosses_the_wire_is_named_in_the_doc() {
    let doc = std::fs::read_to_string(DOC_PATH).unwrap();
    let types = [
        "SignInRequest",
        "SignInSource",
        "Input",
        "Reply",
        "Step",
        "ResetRequest",
        "ResetInput",
        "ResetReply",
        "ResetStep",
        "PasswordCheck",
        "Verdict",
        "AccountView",
        "SignInReport",
        "MethodRequest",
        "Enrollment",
        "MethodCode",
        "AdminView",
        "AdminActRequest",
        "AdminAction",
        "AdminReceipt",
        "PolicyUpdate",
        "TenantPolicy",
        "BannedList",
        "ErrorReply",
        "BackendError",
        "WithFlowSecret",
        "HandoffExchange",
        "HandoffSession",
    ];
    for name in types {
        assert!(doc.contains(&format!("`{name}`")), "the doc never names `{name}`");
    }
}

#[test]
fn error_bodies_are_the_wrapped_error() {
    // The wrapper is what every non-2xx body must be; a bare error is not accepted.
    let body = serde_json::to_string(&riskgate::backend::api::ErrorReply::new(
        riskgate::backend::BackendError::StaleStep { expected: 3 },
    ))
    .unwrap();
    assert_eq!(body, r#"{"error":{"StaleStep":{"expected":3}}}"#);
    let bare = serde_json::from_str::<riskgate::backend::api::ErrorReply>(r#""UnknownFlow""#);
    assert!(bare.is_err());
}
