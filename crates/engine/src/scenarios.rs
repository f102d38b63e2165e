//! Sample sign-in contexts, one per kind of first decision, and sample passwords: shared by
//! the benchmarks (native and in the browser) and handy for demos. Pure data and engine
//! calls only; nothing here measures time.
use super::flow::{Event, Flow, MethodKind, Refused, SignInContext, Step, UserState};
use super::password::{BannedList, PersonalTerms};
use super::policy::{SignInAction, TenantPolicy};
use super::risk::{Detection, DetectionKind, RiskLevel, Timing, DAY_MS};

/// A fixed "now", far enough from zero for ages and grace periods to mean something.
pub const NOW_MS: u64 = 1_000 * DAY_MS;

/// A named context and the events a person sends after the first step.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub name: &'static str,
    pub context: SignInContext,
    pub events: &'static [Event],
}

/// Registered, no risk: signed in at once.
pub fn clean_user() -> SignInContext {
    context(registered("ada"))
}

/// Unfamiliar place and device at medium risk: a notice, then MFA.
pub fn risky_sign_in() -> SignInContext {
    with_sign_in_risk(context(registered("ravi")), RiskLevel::Medium)
}

/// Leaked credentials (user risk high): a notice, MFA, then a new password.
pub fn risky_user() -> SignInContext {
    let mut c = context(registered("kim"));
    c.user_detections.push(Detection::new(
        DetectionKind::LeakedCredentials,
        RiskLevel::High,
        Timing::Offline,
        NOW_MS - DAY_MS,
    ));
    c
}

/// A guest at sign-in risk whose home tenant allows self-remediation.
pub fn guest() -> SignInContext {
    let mut user = registered("tech");
    user.home_tenant = Some("fabrikam".into());
    let mut c = with_sign_in_risk(context(user), RiskLevel::Medium);
    c.home_policy = Some(TenantPolicy::default());
    c
}

/// The sign-in risk policy set to block, and a high-risk sign-in.
pub fn blocked() -> SignInContext {
    let mut c = with_sign_in_risk(context(registered("sam")), RiskLevel::High);
    c.policy.sign_in_risk.action = SignInAction::Block;
    c
}

/// What `risky_user` sends to get from its first step to signed in.
pub const RISKY_USER_WALK: &[Event] =
    &[Event::Continue, Event::MfaPassed(MethodKind::AuthenticatorApp), Event::PasswordChanged];

/// Every first decision, then the full walk of the risky user.
pub fn all() -> Vec<Scenario> {
    let start = |name, context| Scenario { name, context, events: &[] };
    vec![
        start("clean_user", clean_user()),
        start("risky_sign_in", risky_sign_in()),
        start("risky_user", risky_user()),
        start("guest", guest()),
        start("blocked", blocked()),
        Scenario { name: "risky_user", context: risky_user(), events: RISKY_USER_WALK },
    ]
}

/// Starts the flow and sends each event in turn; the step reached, or the first refusal.
pub fn walk(context: SignInContext, events: &[Event]) -> Result<Step, Refused> {
    let (mut flow, mut step) = Flow::start(context);
    for &event in events {
        step = flow.advance(event)?;
    }
    Ok(step)
}

/// A password of `length` characters built on a banned word in look-alikes and the tenant's name.
pub fn password(length: usize) -> String {
    "Summ3r-Contoso!9".chars().cycle().take(length).collect()
}

/// The personal terms of the user who types [`password`].
pub fn personal_terms() -> PersonalTerms {
    PersonalTerms {
        names: vec!["Ravi".into(), "Sharma".into(), "ravi@contoso.example".into()],
        tenant_name: "Contoso".into(),
    }
}

/// A tenant's custom banned list, as an administrator might write it.
pub fn banned_list() -> BannedList {
    BannedList { custom: vec!["contoso".into(), "riskgate".into(), "seattle".into()] }
}

fn registered(id: &str) -> UserState {
    UserState { methods: vec![MethodKind::AuthenticatorApp], ..UserState::new(id) }
}

fn context(user: UserState) -> SignInContext {
    SignInContext {
        now_ms: NOW_MS,
        user,
        sign_in_detections: vec![],
        user_detections: vec![],
        policy: TenantPolicy::default(),
        home_policy: None,
        signed_in_with: None,
        step_up: false,
    }
}

fn with_sign_in_risk(mut c: SignInContext, level: RiskLevel) -> SignInContext {
    c.sign_in_detections.push(Detection::new(
        DetectionKind::UnfamiliarProperties,
        level,
        Timing::RealTime,
        NOW_MS,
    ));
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::{BlockReason, NoticeKind};
    use crate::password;

    fn first_step(c: SignInContext) -> Step {
        Flow::start(c).1
    }

    #[test]
    fn each_scenario_reaches_the_decision_it_is_named_for() {
        assert!(matches!(first_step(clean_user()), Step::SignedIn { .. }));
        assert!(matches!(first_step(risky_sign_in()), Step::Notice { kind: NoticeKind::SignInRisk, .. }));
        assert!(matches!(first_step(risky_user()), Step::Notice { kind: NoticeKind::UserRisk, .. }));
        assert!(matches!(first_step(guest()), Step::Notice { kind: NoticeKind::SignInRisk, .. }));
        assert!(matches!(first_step(blocked()), Step::Blocked { reason: BlockReason::SignInRisk, .. }));
    }

    #[test]
    fn every_scenario_walks_without_a_refusal() {
        for s in all() {
            assert!(walk(s.context, s.events).is_ok(), "{}", s.name);
        }
    }

    #[test]
    fn the_risky_user_walk_ends_signed_in() {
        let step = walk(risky_user(), RISKY_USER_WALK).unwrap();
        assert!(matches!(step, Step::SignedIn { ref remediations } if !remediations.is_empty()));
    }

    #[test]
    fn sample_passwords_have_the_asked_length_and_are_checked_in_full() {
        for length in [16, password::MAX_LENGTH] {
            let p = password(length);
            assert_eq!(p.chars().count(), length);
            let verdict = password::check(&p, false, &banned_list(), &personal_terms());
            assert!(verdict.banned_terms > 0 && verdict.personal_terms > 0, "{verdict:?}");
        }
    }
}
