//! The TypeScript declarations host pages get (src/embed/types.d.ts, added to
//! riskgate.d.ts by wasm-bindgen) name what the code sends: every error, block reason and
//! risk detail, and every option `mount` reads. scripts/types-check.mjs type-checks a
//! host project against the built package.
#![cfg(not(target_arch = "wasm32"))]
mod api_examples;

use riskgate_api::BackendError;
use riskgate_engine::{BlockReason, RiskDetail};
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;

fn declarations() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/embed/types.d.ts")).unwrap()
}

/// The string members of `export type {name} = "a" | "b" ...;`.
fn union(name: &str) -> BTreeSet<String> {
    let text = declarations();
    let start = text.find(&format!("export type {name} =")).unwrap_or_else(|| panic!("no type {name}"));
    let body = &text[start..start + text[start..].find(';').unwrap()];
    body.split('"').skip(1).step_by(2).map(String::from).collect()
}

/// Every variant's name of `T` on the wire, as serde's error for an unknown one lists them,
/// so a variant added to the code is missing here until it is declared.
fn variants<T: DeserializeOwned + std::fmt::Debug>() -> BTreeSet<String> {
    let error = serde_json::from_str::<T>("\"?\"").unwrap_err().to_string();
    let list = &error[error.find("expected one of").expect(&error)..];
    list.split('`').skip(1).step_by(2).map(String::from).collect()
}

#[test]
fn every_error_name_is_declared() {
    assert_eq!(union("ErrorName"), variants::<BackendError>());
    // The names host pages hear are the wire's.
    assert!(api_examples::errors().iter().all(|e| union("ErrorName").contains(e.name())));
}

#[test]
fn every_block_reason_is_declared() {
    assert_eq!(union("BlockReasonName"), variants::<BlockReason>());
    assert!(union("BlockReasonName").contains(BlockReason::LockedOut { until_ms: 0 }.name()));
}

#[test]
fn every_risk_detail_is_declared_as_it_is_serialized() {
    assert_eq!(union("RiskDetail"), variants::<RiskDetail>());
    let sent = serde_json::to_value(RiskDetail::UserPassedMfaDrivenByRiskPolicy).unwrap();
    assert!(union("RiskDetail").contains(sent.as_str().unwrap()));
}

#[test]
fn the_declared_options_are_the_ones_mount_reads() {
    let text = declarations();
    let start = text.find("export interface MountOptions {").unwrap();
    let body = &text[start..start + text[start..].find("\n}").unwrap()];
    let declared: BTreeSet<&str> = body
        .lines()
        .filter_map(|l| l.trim().split_once("?:").map(|(key, _)| key))
        .filter(|key| !key.contains(' '))
        .collect();
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/embed/mod.rs")).unwrap();
    let read: BTreeSet<&str> =
        source.split("(options, \"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect();
    assert_eq!(declared, read);
    assert!(declared.contains("locales") && declared.contains("backend"), "{declared:?}");
}

/// The keys between `export interface <name> {` and its closing brace.
fn declared_keys(text: &str, name: &str) -> BTreeSet<String> {
    let start = text.find(&format!("export interface {name} {{")).unwrap();
    let body = &text[start..start + text[start..].find("\n}").unwrap()];
    let key = |l: &str| l.trim().split_once(['?', ':']).map(|(key, _)| key.to_string());
    body.lines().skip(1).filter_map(key).filter(|key| !key.is_empty() && !key.contains(' ')).collect()
}

#[test]
fn the_declared_branding_is_what_mount_reads() {
    let text = declarations();
    let source =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/embed/branding.rs")).unwrap();
    let read: BTreeSet<String> =
        source.split("at(\"").skip(1).map(|rest| rest[..rest.find('"').unwrap()].to_string()).collect();
    let mut declared = declared_keys(&text, "Branding");
    declared.extend(declared_keys(&text, "BrandingText"));
    // The logo's two keys are declared inline.
    declared.extend(["url".to_string(), "alt".to_string()]);
    declared.remove("logo");
    declared.remove("texts");
    assert_eq!(declared, read);
    assert!(read.contains("usernameHint") && read.contains("backgroundImage"), "{read:?}");
}
