//! The fault matrix, through the real screens: every backend operation, at every step of
//! every flow that calls it, under every fault kind. One table per flow; one helper walks
//! them. At each step that calls the backend:
//! - a failure (service down, timeout, malformed reply) shows its own message, keeps what
//!   was typed and signs nobody in;
//! - then, with only latency left, the same action from the same screen shows the busy
//!   state while it waits and then goes on with the flow.
//!
//! Passkeys are answered by a software authenticator standing in for the browser's.
#![cfg(target_arch = "wasm32")]
mod support;

use riskgate::backend::api::SignInOutcome;
use riskgate::backend::mock::{Fault, Operation};
use riskgate::backend::{IdentityBackend, Input, SignInRequest};
use riskgate::engine::MethodKind;
use support::soft_authenticator::SoftAuthenticator;
use support::Page;
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

/// Long enough to see the busy state, short enough to keep the run quick.
const LATENCY_MS: u32 = 150;
const OMAR_PASSWORD: &str = "Velvet-Canyon-35";
const NEW_PASSWORD: &str = "Lantern-Bicycle-Ocean-93";
const SIGNED_IN: &str = "You're signed in";

/// Each failing fault and the words the person must see for it.
fn failures() -> [(Fault, &'static str); 3] {
    [
        (Fault { failure_percent: 100, ..Fault::default() }, "We couldn't reach the sign-in service."),
        (Fault { timeout: true, ..Fault::default() }, "The sign-in service took too long to answer."),
        (
            Fault { malformed: true, ..Fault::default() },
            "The sign-in service sent an answer we couldn't read.",
        ),
    ]
}

/// What is typed into a field before the step's action.
#[derive(Clone, Copy)]
enum Val {
    Text(&'static str),
    /// The persona's authenticator app, now.
    AppCode(&'static str),
    /// The last code the simulated phone got.
    PhoneCode,
    /// An app set up from the key on screen, now.
    ShownKey,
}

#[derive(Clone, Copy)]
enum Act {
    /// The button with this accessible name or text.
    Press(&'static str),
    /// Type the first field's value again (live password feedback asks on typing).
    Retype,
}

struct Step {
    /// The backend operation the action calls; `None` for a step that calls nothing.
    op: Option<Operation>,
    typed: &'static [(&'static str, Val)],
    act: Act,
    /// The button that tries again once the first attempt has failed, if not the same.
    again: Option<&'static str>,
    /// Shown once the step has gone through.
    then: &'static str,
}

struct Walk {
    user: &'static str,
    steps: &'static [Step],
    /// The step whose success signs in, if any: before it, nobody may be signed in.
    signs_in_at: Option<usize>,
}

const fn step(op: Operation, typed: &'static [(&'static str, Val)], act: Act, then: &'static str) -> Step {
    Step { op: Some(op), typed, act, again: None, then }
}

const fn quiet(typed: &'static [(&'static str, Val)], label: &'static str, then: &'static str) -> Step {
    Step { op: None, typed, act: Act::Press(label), again: None, then }
}

use Act::Press;
use Operation::*;
use Val::*;

const ADA: Walk = Walk {
    user: "ada@contoso.example",
    steps: &[step(SignIn, &[("#rg-password", Text("Harbor-Lantern-61"))], Press("Sign in"), SIGNED_IN)],
    signs_in_at: Some(0),
};

const OMAR_TEXT_MESSAGE: Walk = Walk {
    user: "omar@contoso.example",
    steps: &[
        step(
            SignIn,
            &[("#rg-password", Text(OMAR_PASSWORD))],
            Press("Sign in"),
            "We noticed something unusual",
        ),
        step(Send, &[], Press("Continue"), "Confirm it's you"),
        step(Send, &[], Press("Text me a code"), "We sent a code to •••• 47."),
        step(Send, &[("#rg-code", PhoneCode)], Press("Verify"), SIGNED_IN),
    ],
    signs_in_at: Some(3),
};

const KIM_USER_RISK: Walk = Walk {
    user: "kim@contoso.example",
    steps: &[
        step(
            SignIn,
            &[("#rg-password", Text("Silver-Orchard-44"))],
            Press("Sign in"),
            "Your account may be at risk",
        ),
        step(Send, &[], Press("Continue"), "Confirm it's you"),
        step(Send, &[("#rg-code", AppCode("kim@contoso.example"))], Press("Verify"), "Choose a new password"),
        step(
            CheckPassword,
            &[("#rg-new-password", Text(NEW_PASSWORD))],
            Act::Retype,
            "This password meets the requirements.",
        ),
        step(
            Send,
            &[("#rg-new-password", Text(NEW_PASSWORD)), ("#rg-confirm-password", Text(NEW_PASSWORD))],
            Press("Change password"),
            SIGNED_IN,
        ),
    ],
    signs_in_at: Some(4),
};

const LENA_FORCED_REGISTRATION: Walk = Walk {
    user: "lena@contoso.example",
    steps: &[
        step(
            SignIn,
            &[("#rg-password", Text("Cobalt-Prairie-86"))],
            Press("Sign in"),
            "More information required",
        ),
        step(Send, &[], Press("Next"), "Set up a way to confirm it's you"),
        step(Send, &[], Press("Authenticator app"), "Scan this QR code"),
        step(Send, &[("#rg-code", ShownKey)], Press("Verify"), SIGNED_IN),
    ],
    signs_in_at: Some(3),
};

const NOOR_SKIPS_REGISTRATION: Walk = Walk {
    user: "noor@contoso.example",
    steps: &[
        step(
            SignIn,
            &[("#rg-password", Text("Amber-Glacier-52"))],
            Press("Sign in"),
            "More information required",
        ),
        step(Send, &[], Press("Skip for now"), SIGNED_IN),
    ],
    signs_in_at: Some(1),
};

const TOMAS_REGISTERS_A_PHONE: Walk = Walk {
    user: "tomas@contoso.example",
    steps: &[
        step(
            SignIn,
            &[("#rg-password", Text("Maple-Thunder-73"))],
            Press("Sign in"),
            "More information required",
        ),
        step(Send, &[], Press("Next"), "Set up a way to confirm it's you"),
        quiet(&[], "Text message / Phone call", "Phone number"),
        step(
            Send,
            &[("#rg-phone", Text("+1 425 555 0100"))],
            Press("Text me a code"),
            "We sent a code to •••• 00.",
        ),
        step(Send, &[("#rg-code", PhoneCode)], Press("Verify"), SIGNED_IN),
    ],
    signs_in_at: Some(4),
};

const PAT_TEMPORARY_PASSWORD: Walk = Walk {
    user: "pat@contoso.example",
    steps: &[
        step(
            SignIn,
            &[("#rg-password", Text("Temp-Kestrel-2468"))],
            Press("Sign in"),
            "Update your password",
        ),
        step(
            CheckPassword,
            &[("#rg-new-password", Text(NEW_PASSWORD))],
            Act::Retype,
            "This password meets the requirements.",
        ),
        step(
            Send,
            &[("#rg-new-password", Text(NEW_PASSWORD)), ("#rg-confirm-password", Text(NEW_PASSWORD))],
            Press("Change password"),
            SIGNED_IN,
        ),
    ],
    signs_in_at: Some(2),
};

const SAM_BLOCKED: Walk = Walk {
    user: "sam@woodgrove.example",
    steps: &[step(
        SignIn,
        &[("#rg-password", Text("Ivory-Summit-64"))],
        Press("Sign in"),
        "You can't sign in right now",
    )],
    signs_in_at: None,
};

const KIM_RESETS: Walk = Walk {
    user: "kim@contoso.example",
    steps: &[
        quiet(&[], "Forgot your password?", "Reset your password"),
        step(
            StartReset,
            &[("#rg-reset-username", Text("kim@contoso.example"))],
            Press("Next"),
            "Check 1 of 1",
        ),
        step(
            SendReset,
            &[("#rg-reset-code", AppCode("kim@contoso.example"))],
            Press("Verify"),
            "Choose a new password",
        ),
        step(
            CheckPassword,
            &[("#rg-new-password", Text(NEW_PASSWORD))],
            Act::Retype,
            "This password meets the requirements.",
        ),
        step(
            SendReset,
            &[("#rg-new-password", Text(NEW_PASSWORD)), ("#rg-confirm-password", Text(NEW_PASSWORD))],
            Press("Change password"),
            "Your password has been reset",
        ),
    ],
    signs_in_at: None,
};

const OMAR_RESETS_BY_TEXT: Walk = Walk {
    user: "omar@contoso.example",
    steps: &[
        quiet(&[], "Forgot your password?", "Reset your password"),
        step(
            StartReset,
            &[("#rg-reset-username", Text("omar@contoso.example"))],
            Press("Next"),
            "Check 1 of 1",
        ),
        step(SendReset, &[], Press("Text me a code"), "We sent a code to •••• 47."),
    ],
    signs_in_at: None,
};

const MIA_CANT_USE_ANY: Walk = Walk {
    user: "mia@contoso.example",
    steps: &[
        step(
            SignIn,
            &[("#rg-password", Text("Copper-Falcon-28"))],
            Press("Sign in"),
            "We noticed something unusual",
        ),
        step(Send, &[], Press("Continue"), "Confirm it's you"),
        quiet(&[], "I can't use any of these", ""),
        step(Send, &[], Press("Cancel"), "Sign-in cancelled"),
    ],
    signs_in_at: None,
};

const LOU_CANCELS_A_RESET: Walk = Walk {
    user: "lou@contoso.example",
    steps: &[
        quiet(&[], "Forgot your password?", "Reset your password"),
        step(
            StartReset,
            &[("#rg-reset-username", Text("lou@contoso.example"))],
            Press("Next"),
            "Check 1 of 1",
        ),
        step(SendReset, &[], Press("Cancel"), "Password reset cancelled"),
    ],
    signs_in_at: None,
};

const RAVI_ACCOUNT_HEALTH: Walk = Walk {
    user: "ravi@contoso.example",
    steps: &[
        step(
            SignIn,
            &[("#rg-password", Text("Quiet-Meadow-17"))],
            Press("Sign in"),
            "We noticed something unusual",
        ),
        step(Send, &[], Press("Continue"), "Confirm it's you"),
        step(Send, &[("#rg-code", AppCode("ravi@contoso.example"))], Press("Verify"), SIGNED_IN),
        Step { again: Some("Retry"), ..step(Account, &[], Press("Review your account"), "This was me") },
        step(Account, &[], Press("This was me"), "Thank you. The sign-in is marked as yours."),
        quiet(&[], "Add a phone", "Phone number"),
        step(
            Account,
            &[("#rg-add-phone", Text("+1 425 555 0199"))],
            Press("Text me a code"),
            "We sent a code to •••• 99.",
        ),
        step(Account, &[("#rg-add-code", PhoneCode)], Press("Verify"), "Added."),
        step(Account, &[], Press("Remove Text message to •••• 99"), "Text message was removed."),
        step(Account, &[], Press("Add an authenticator app"), "Scan this QR code"),
        step(Account, &[("#rg-add-code", ShownKey)], Press("Verify"), "Added."),
    ],
    signs_in_at: Some(2),
};

/// The admin's password alone gets `StepUpRequired` from the admin view (shown as the
/// step-up panel), then the step-up: its start faulted, then its challenge's answer.
const ADMIN_VIEW: Walk = Walk {
    user: "admin@contoso.example",
    steps: &[
        step(SignIn, &[("#rg-password", Text("Steady-Compass-27"))], Press("Sign in"), SIGNED_IN),
        Step { again: Some("Retry"), ..step(Admin, &[], Press("Open admin view"), "One more check") },
        step(StepUp, &[], Press("Confirm it's you"), "You're already signed in."),
        step(Send, &[("#rg-code", AppCode("admin@contoso.example"))], Press("Verify"), "Kim Park"),
        step(Admin, &[], Press("Dismiss risk for Kim Park"), "Done: Dismiss risk for Kim Park."),
        step(Admin, &[], Press("Save policy"), "Policy saved."),
    ],
    signs_in_at: Some(0),
};

/// Adding passkeys from account health: once with the answer faulted (the challenge
/// goes through, the device answers, checking the answer fails), once with the challenge.
const RAVI_ADDS_PASSKEYS: Walk = Walk {
    user: "ravi@contoso.example",
    steps: &[
        step(
            SignIn,
            &[("#rg-password", Text("Quiet-Meadow-17"))],
            Press("Sign in"),
            "We noticed something unusual",
        ),
        step(Send, &[], Press("Continue"), "Confirm it's you"),
        step(Send, &[("#rg-code", AppCode("ravi@contoso.example"))], Press("Verify"), SIGNED_IN),
        quiet(&[], "Review your account", "This was me"),
        step(PasskeyAnswer, &[], Press("Add a passkey"), "Added."),
        step(PasskeyChallenge, &[], Press("Add a passkey"), "Added."),
    ],
    signs_in_at: Some(2),
};

/// Omar signs in with a passkey instead of the password he began typing, which stays.
const TYPED: &[(&str, Val)] = &[("#rg-password", Text("Half-typed-passw"))];

const OMAR_PASSKEY_CHALLENGE: Walk = Walk {
    user: "omar@contoso.example",
    steps: &[step(PasskeyChallenge, TYPED, Press("Sign in with a passkey instead"), SIGNED_IN)],
    signs_in_at: Some(0),
};

const OMAR_PASSKEY_ANSWER: Walk = Walk {
    user: "omar@contoso.example",
    steps: &[step(PasskeyAnswer, TYPED, Press("Sign in with a passkey instead"), SIGNED_IN)],
    signs_in_at: Some(0),
};

/// A risky sign-in whose MFA is passed with Omar's passkey: the challenge and the
/// answer are flow steps (`send`).
const OMAR_PASSKEY_MFA: Walk = Walk {
    user: "omar@contoso.example",
    steps: &[
        step(
            SignIn,
            &[("#rg-password", Text(OMAR_PASSWORD))],
            Press("Sign in"),
            "We noticed something unusual",
        ),
        step(Send, &[], Press("Continue"), "Confirm it's you"),
        step(Send, &[], Press("Use a passkey"), SIGNED_IN),
    ],
    signs_in_at: Some(2),
};

const ALL: [&Walk; 18] = [
    &ADA,
    &MIA_CANT_USE_ANY,
    &LOU_CANCELS_A_RESET,
    &OMAR_TEXT_MESSAGE,
    &KIM_USER_RISK,
    &LENA_FORCED_REGISTRATION,
    &NOOR_SKIPS_REGISTRATION,
    &TOMAS_REGISTERS_A_PHONE,
    &PAT_TEMPORARY_PASSWORD,
    &SAM_BLOCKED,
    &KIM_RESETS,
    &OMAR_RESETS_BY_TEXT,
    &RAVI_ACCOUNT_HEALTH,
    &ADMIN_VIEW,
    &RAVI_ADDS_PASSKEYS,
    &OMAR_PASSKEY_CHALLENGE,
    &OMAR_PASSKEY_ANSWER,
    &OMAR_PASSKEY_MFA,
];

fn value(page: &Page, val: Val) -> String {
    match val {
        Text(t) => t.to_string(),
        AppCode(user) => page.app_code(user),
        PhoneCode => page.last_phone_code(),
        ShownKey => page.shown_key_code(),
    }
}

/// Types the step's values; returns what was typed where, to check it is kept.
async fn type_values(page: &Page, step: &Step) -> Vec<(&'static str, String)> {
    let mut typed = vec![];
    for (selector, val) in step.typed {
        let text = value(page, *val);
        page.wait_for(selector).await;
        page.type_into(selector, &text).await;
        typed.push((*selector, text));
    }
    typed
}

async fn act(page: &Page, step: &Step, typed: &[(&'static str, String)], again: bool) {
    match step.act {
        Press(label) => page.press(step.again.filter(|_| again).unwrap_or(label)).await,
        Act::Retype => {
            let (selector, text) = &typed[0];
            page.type_into(selector, text).await;
        }
    }
}

/// Nobody is signed in, on screen or in the backend's log since the walk began (when
/// `before` of the user's sign-ins were there).
fn assert_not_signed_in(page: &Page, walk: &Walk, before: usize, at: &str) {
    assert_eq!(page.sign_ins(walk.user), before, "{}: signed in at {at}", walk.user);
    assert_ne!(page.heading(), SIGNED_IN, "{}: the signed-in screen at {at}", walk.user);
}

async fn run_step(page: &Page, walk: &Walk, before: usize, index: usize, step: &Step) {
    let at = format!("step {index} ({:?})", step.op);
    let before_sign_in = walk.signs_in_at.is_none_or(|s| index <= s);
    let typed = type_values(page, step).await;
    let Some(op) = step.op else {
        act(page, step, &typed, false).await;
        page.expect_text(step.then).await;
        return;
    };
    for (attempt, (fault, words)) in failures().into_iter().enumerate() {
        page.backend.set_fault(op, fault);
        act(page, step, &typed, attempt > 0).await;
        page.expect_message(words).await;
        page.backend.clear_faults();
        for (selector, text) in &typed {
            assert_eq!(&page.value(selector), text, "{}: {selector} kept at {at} after {fault:?}", walk.user);
        }
        if before_sign_in {
            assert_not_signed_in(page, walk, before, &at);
        }
    }
    page.backend.set_fault(op, Fault { latency_ms: LATENCY_MS, ..Fault::default() });
    act(page, step, &typed, true).await;
    if matches!(step.act, Press(_)) {
        assert!(page.busy(), "{}: busy while waiting at {at}", walk.user);
    }
    page.expect_text(step.then).await;
    page.backend.clear_faults();
    page.wait_idle().await;
}

/// Walks one flow through the matrix, from a fresh page.
async fn walk(walk: &Walk) {
    walk_on(&support::open(), walk).await;
}

/// Walks one flow through the matrix on `page`, from its first screen.
async fn walk_on(page: &Page, walk: &Walk) {
    let before = page.sign_ins(walk.user);
    page.expect_heading("Sign in").await;
    page.type_into("#rg-username", walk.user).await;
    if matches!(walk.steps[0].op, Some(SignIn | PasskeyChallenge | PasskeyAnswer)) {
        page.press("Next").await;
        page.expect_heading("Enter your password").await;
    }
    for (index, step) in walk.steps.iter().enumerate() {
        run_step(page, walk, before, index, step).await;
        if walk.signs_in_at == Some(index) {
            let signed_in = page.sign_ins(walk.user) > before;
            assert!(signed_in, "{}: signed in once step {index} went through", walk.user);
        }
    }
    if walk.signs_in_at.is_none() {
        assert_not_signed_in(page, walk, before, "the end");
    }
}

/// Omar (on an anonymous network: every sign-in risky) has a passkey on this (software)
/// device from an earlier visit, in which he passed MFA by text message (only such a
/// session may add one) and signed out.
async fn omar_with_a_passkey(walk: &Walk) {
    let page = support::open();
    let device = SoftAuthenticator::install(&page.backend);
    let backend = page.backend.clone();
    let sms = MethodKind::Sms;
    let r = backend.sign_in(SignInRequest::new(walk.user, OMAR_PASSWORD)).await.unwrap();
    let r = backend.send(&r.flow_id, r.seq, Input::Continue).await.unwrap();
    let r = backend.send(&r.flow_id, r.seq, Input::SendCode { method: sms }).await.unwrap();
    let code = Input::Code { method: sms, code: page.last_phone_code() };
    let r = backend.send(&r.flow_id, r.seq, code).await.unwrap();
    let session = r.session.expect("signed in after MFA");
    device.register(&backend, &session).await;
    backend.sign_out(&session).await.unwrap();
    walk_on(&page, walk).await;
}

#[wasm_bindgen_test]
fn every_operation_is_in_the_matrix() {
    for op in Operation::ALL {
        let steps = ALL.iter().flat_map(|w| w.steps.iter());
        assert!(steps.clone().any(|s| s.op == Some(op)), "{op:?} is faulted at no step");
    }
}

#[wasm_bindgen_test]
async fn clean_sign_in() {
    walk(&ADA).await;
}

#[wasm_bindgen_test]
async fn risky_sign_in_with_a_text_message() {
    walk(&OMAR_TEXT_MESSAGE).await;
}

#[wasm_bindgen_test]
async fn risky_user_mfa_and_password_change() {
    walk(&KIM_USER_RISK).await;
}

#[wasm_bindgen_test]
async fn forced_registration_of_an_app() {
    walk(&LENA_FORCED_REGISTRATION).await;
}

#[wasm_bindgen_test]
async fn registration_skipped() {
    walk(&NOOR_SKIPS_REGISTRATION).await;
}

#[wasm_bindgen_test]
async fn registration_of_a_phone() {
    walk(&TOMAS_REGISTERS_A_PHONE).await;
}

#[wasm_bindgen_test]
async fn temporary_password() {
    walk(&PAT_TEMPORARY_PASSWORD).await;
}

#[wasm_bindgen_test]
async fn blocked() {
    walk(&SAM_BLOCKED).await;
}

#[wasm_bindgen_test]
async fn self_service_reset() {
    walk(&KIM_RESETS).await;
}

#[wasm_bindgen_test]
async fn self_service_reset_by_text_message() {
    walk(&OMAR_RESETS_BY_TEXT).await;
}

#[wasm_bindgen_test]
async fn no_method_usable_so_the_sign_in_is_cancelled() {
    walk(&MIA_CANT_USE_ANY).await;
}

#[wasm_bindgen_test]
async fn a_reset_cancelled() {
    walk(&LOU_CANCELS_A_RESET).await;
}

#[wasm_bindgen_test]
async fn account_health() {
    walk(&RAVI_ACCOUNT_HEALTH).await;
}

#[wasm_bindgen_test]
async fn admin_view() {
    walk(&ADMIN_VIEW).await;
}

#[wasm_bindgen_test]
async fn a_blocked_sign_in_after_faults_is_logged_as_blocked_once() {
    let page = support::open();
    page.expect_heading("Sign in").await;
    page.type_into("#rg-username", SAM_BLOCKED.user).await;
    page.press("Next").await;
    run_step(&page, &SAM_BLOCKED, 0, 0, &SAM_BLOCKED.steps[0]).await;
    let outcomes: Vec<SignInOutcome> = page.backend.sign_in_log().iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, vec![SignInOutcome::Blocked], "the failed attempts left no trace");
}

#[wasm_bindgen_test]
async fn passkeys_added_from_account_health() {
    let page = support::open();
    let _device = SoftAuthenticator::install(&page.backend);
    walk_on(&page, &RAVI_ADDS_PASSKEYS).await;
    let ravi = page.backend.account_of("ravi@contoso.example").unwrap();
    assert_eq!(ravi.passkeys.len(), 2, "each retried addition added one passkey");
}

#[wasm_bindgen_test]
async fn passkey_sign_in_with_the_challenge_faulted() {
    omar_with_a_passkey(&OMAR_PASSKEY_CHALLENGE).await;
}

#[wasm_bindgen_test]
async fn passkey_sign_in_with_the_answer_faulted() {
    omar_with_a_passkey(&OMAR_PASSKEY_ANSWER).await;
}

#[wasm_bindgen_test]
async fn risky_sign_in_passed_with_a_passkey() {
    omar_with_a_passkey(&OMAR_PASSKEY_MFA).await;
}
