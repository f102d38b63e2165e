//! The engine's decision trace for the last sign-in, as the lab shows it.
use crate::backend::mock::Trace;
use crate::engine::Step;
use leptos::prelude::*;

/// One step as the trace shows it: its kind and the rule behind it.
fn step_line(step: &Step) -> String {
    let why = |w: &crate::engine::Why| {
        format!(" (policy {:?}, level {:?}, detections {:?})", w.policy, w.level, w.detections)
    };
    match step {
        Step::Notice { kind, why: w } => format!("Notice {kind:?}{}", why(w)),
        Step::MfaChallenge { methods, failures, why: w, phishing_resistant } => format!(
            "MFA challenge {methods:?}, {failures} wrong{}{}",
            if *phishing_resistant { ", phishing-resistant only" } else { "" },
            why(w)
        ),
        Step::RegistrationInterrupt { days_left, can_skip } => {
            format!(
                "Registration interrupt: {days_left} days left, skip {}",
                if *can_skip { "allowed" } else { "not allowed" }
            )
        }
        Step::Register { allowed, attacker_risk, why: w } => format!(
            "Register {allowed:?}{}{}",
            if *attacker_risk { ", during a risky sign-in" } else { "" },
            w.as_ref().map(why).unwrap_or_default()
        ),
        Step::ChangePassword { reason, rejected } => {
            format!("Change password ({reason:?}){}", if *rejected { ", last one rejected" } else { "" })
        }
        Step::Blocked { reason, why: w } => format!("Blocked {reason:?}{}", why(w)),
        Step::SignedIn { remediations } => format!("Signed in, {} remediation(s)", remediations.len()),
        Step::Cancelled => "Cancelled".into(),
        Step::Failed => "Failed".into(),
    }
}

#[component]
pub(super) fn TraceView(trace: Trace) -> impl IntoView {
    let s = &trace.source;
    let source = format!("{}, {} · {} · {} · {}", s.location.city, s.location.country, s.ip, s.device, s.app);
    let detections: Vec<String> = trace
        .detections
        .iter()
        .map(|d| format!("{:?}: {:?}, {:?}, {:?}", d.kind, d.level, d.timing, d.state))
        .collect();
    let o = &trace.outcome;
    let remediations: Vec<String> =
        o.remediations.iter().map(|r| format!("{:?}: {:?}", r.risk, r.detail)).collect();
    let report_only: Vec<String> =
        o.report_only.iter().map(|h| format!("{:?} at {:?}", h.policy, h.level)).collect();
    view! {
        <dl class="rg-lab-trace">
            <dt>"Who"</dt>
            <dd>{format!("{} signing in to {}", trace.username, trace.tenant)}</dd>
            <dt>"From"</dt>
            <dd>{source}</dd>
            <dt>"Detections"</dt>
            <dd>{list(detections, "none")}</dd>
            <dt>"Levels"</dt>
            <dd>{format!("sign-in risk {:?}, user risk {:?}", trace.sign_in_risk, trace.user_risk)}</dd>
            <dt>"Steps"</dt>
            <dd>
                <ol>{trace.steps.iter().map(|s| view! { <li>{step_line(s)}</li> }).collect_view()}</ol>
            </dd>
            <dt>"Report-only policies that would have fired"</dt>
            <dd>{list(report_only, "none")}</dd>
            <dt>"Recorded"</dt>
            <dd>
                {format!(
                    "signed in: {}, proved with a method: {}, sessions revoked: {}",
                    o.signed_in,
                    o.verified,
                    o.revoke_sessions,
                )} {list(remediations, "no remediation")}
            </dd>
        </dl>
    }
}

fn list(items: Vec<String>, empty: &'static str) -> impl IntoView {
    if items.is_empty() {
        return view! { <span>{empty}</span> }.into_any();
    }
    view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
}
