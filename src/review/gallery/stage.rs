//! The stage an entry is prepared on: a fresh mock at the gallery's fixed time, with
//! shortcuts to move a flow along, and the presets that open the component there.
use crate::backend::mock::MockBackend;
use crate::backend::platform::{Clock, FixedClock, SeededEntropy};
use crate::backend::seed::PERSONAS;
use crate::backend::{totp, BackendError, Input, Reply, SignInRequest};
use crate::engine::MethodKind;
use crate::ui::{Preset, Screen};
use std::rc::Rc;

/// Saturday 21 November 2026, 09:30 UTC: the gallery's "now".
const NOW_MS: u64 = 1_795_253_400_000;

/// A fresh mock at the gallery's fixed time, and shortcuts to move a flow along.
pub struct Stage {
    pub mock: Rc<MockBackend>,
    clock: Rc<FixedClock>,
    /// Who signed in last, for the account the screens show as being signed in.
    username: std::cell::RefCell<String>,
}

pub(super) type Prepared = Result<Preset, BackendError>;

impl Stage {
    pub fn new() -> Stage {
        let clock = Rc::new(FixedClock::at(NOW_MS));
        let mock = Rc::new(MockBackend::seeded(clock.clone(), Rc::new(SeededEntropy::default())));
        Stage { mock, clock, username: Default::default() }
    }

    pub(super) fn sign_in(&self, username: &str) -> Result<Reply, BackendError> {
        let password = PERSONAS.iter().find(|p| p.username == username).map(|p| p.password);
        self.username.replace(username.into());
        let request = SignInRequest {
            username: username.into(),
            password: password.unwrap_or_default().into(),
            source: None,
            tenant: None,
        };
        self.mock.sign_in_now(request)
    }

    /// The username of the last sign-in, as the person would have typed it.
    pub(super) fn username(&self) -> String {
        self.username.borrow().clone()
    }

    pub(super) fn send(&self, reply: &Reply, input: Input) -> Result<Reply, BackendError> {
        self.mock.send_now(&reply.flow_id, reply.seq, input)
    }

    fn app_code(&self, username: &str) -> Result<String, BackendError> {
        let secret = self.mock.authenticator_secret(username).ok_or(BackendError::UnknownUser)?;
        Ok(totp::code_at(&secret, self.clock.now_ms() / 1000))
    }

    /// Signs `username` in and continues past the notice, to the MFA challenge.
    pub(super) fn challenge(&self, username: &str) -> Result<Reply, BackendError> {
        let notice = self.sign_in(username)?;
        self.send(&notice, Input::Continue)
    }

    /// The challenge of a step-up for `username`, signed in with the password alone.
    pub(super) fn step_up(&self, username: &str) -> Result<Reply, BackendError> {
        let session = self.sign_in(username)?.session.ok_or(BackendError::NotAuthorized)?;
        self.mock.step_up_now(&session)
    }

    /// A session of `username`'s that proved them just now (as the admin view needs).
    fn proven(&self, username: &str) -> Result<String, BackendError> {
        let challenge = self.step_up(username)?;
        let code = self.app_code(username)?;
        let done = self.send(&challenge, Input::Code { method: MethodKind::AuthenticatorApp, code })?;
        done.session.ok_or(BackendError::NotAuthorized)
    }

    /// Through the challenge with the persona's authenticator app.
    pub(super) fn pass_mfa(&self, username: &str) -> Result<Reply, BackendError> {
        let challenge = self.challenge(username)?;
        let code = self.app_code(username)?;
        self.send(&challenge, Input::Code { method: MethodKind::AuthenticatorApp, code })
    }
}

impl Default for Stage {
    fn default() -> Self {
        Stage::new()
    }
}

pub(super) fn flow(reply: Reply) -> Prepared {
    let session = reply.session.clone();
    Ok(Preset { screen: Screen::Flow, reply: Some(reply), session })
}

pub(super) fn screen(screen: Screen) -> Prepared {
    Ok(Preset { screen, reply: None, session: None })
}

/// Opens a view that needs a session (account health, admin) for `username`.
pub(super) fn signed_in_view(stage: &Stage, username: &str, view: Screen) -> Prepared {
    let reply = stage.sign_in(username)?;
    Ok(Preset { screen: view, session: reply.session.clone(), reply: Some(reply) })
}

/// The admin view for `username`, stepped up first, as it must be.
pub(super) fn admin_view(stage: &Stage, username: &str) -> Prepared {
    Ok(Preset { screen: Screen::Admin, reply: None, session: Some(stage.proven(username)?) })
}
