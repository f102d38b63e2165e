//! The TypeScript declarations host pages get (src/embed/types.d.ts, added to
//! riskgate.d.ts by wasm-bindgen) name what the code sends: every error, block reason and
//! risk detail, and every option `mount` reads. scripts/types-check.mjs type-checks a
//! host project against the built package.
#![cfg(not(target_arch = "wasm32"))]
mod api_examples;

use riskgate_engine::{BlockReason, RiskDetail};
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

fn every_block_reason() -> Vec<BlockReason> {
    use BlockReason::*;
    let all = vec![
        Disabled,
        LockedOut { until_ms: 0 },
        SignInRisk,
        UserRisk,
        UnregisteredAtRisk,
        HomeTenantMustRemediate,
        TooManyFailedCodes,
        NoPhishingResistantMethod,
    ];
    for reason in &all {
        // A new reason fails to compile here until it is added above and to the declarations.
        match reason {
            Disabled | LockedOut { .. } | SignInRisk | UserRisk | UnregisteredAtRisk => {}
            HomeTenantMustRemediate | TooManyFailedCodes | NoPhishingResistantMethod => {}
        }
    }
    all
}

fn every_risk_detail() -> Vec<RiskDetail> {
    use RiskDetail::*;
    let all = vec![
        UserPassedMfaDrivenByRiskPolicy,
        UserPerformedSecuredPasswordChange,
        UserPerformedSecuredPasswordReset,
        UserReauthenticatedPasswordless,
        AdminGeneratedTemporaryPassword,
        AdminResetPassword,
        AdminDismissedAllRisk,
        AdminConfirmedCompromised,
        AdminConfirmedSafe,
        UserReportedSuspicious,
        SignInBlocked,
    ];
    for detail in &all {
        match detail {
            UserPassedMfaDrivenByRiskPolicy | UserPerformedSecuredPasswordChange => {}
            UserPerformedSecuredPasswordReset | UserReauthenticatedPasswordless => {}
            AdminGeneratedTemporaryPassword | AdminResetPassword | AdminDismissedAllRisk => {}
            AdminConfirmedCompromised | AdminConfirmedSafe | UserReportedSuspicious | SignInBlocked => {}
        }
    }
    all
}

#[test]
fn every_error_name_is_declared() {
    let names: BTreeSet<String> = api_examples::errors().iter().map(|e| e.name().to_string()).collect();
    assert_eq!(union("ErrorName"), names);
}

#[test]
fn every_block_reason_is_declared() {
    let names: BTreeSet<String> = every_block_reason().into_iter().map(|r| r.name().to_string()).collect();
    assert_eq!(union("BlockReasonName"), names);
}

#[test]
fn every_risk_detail_is_declared_as_it_is_serialized() {
    let names: BTreeSet<String> = every_risk_detail()
        .into_iter()
        .map(|d| serde_json::to_value(d).unwrap().as_str().unwrap().to_string())
        .collect();
    assert_eq!(union("RiskDetail"), names);
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
