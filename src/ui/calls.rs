//! The backend calls screens make through `Ui`: each runs through `Ui::run`, the one place
//! for pending state, double submits, host errors and unmounted screens.
use super::text::{self, Key};
use super::{errors, passkey, Screen, Ui, SHOW_PROGRESS_AFTER};
use crate::backend::{
    AccountView, AdminAction, AdminReceipt, AdminView, BackendError, BackendFuture, Enrollment,
    IdentityBackend, Input, Reply, SignInRequest,
};
use crate::backend::{PasskeyCreated, PasskeyOptions};
use crate::embed::events::HostEvent;
use crate::engine::password::{BannedList, Verdict};
use crate::engine::{MethodKind, Step, TenantPolicy};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;

/// A backend call, boxed, and what is done with its result. `run`'s task is then built
/// once per result type instead of once per call site (about 1.5 KB of Wasm each).
pub(crate) type Work<T> = Pin<Box<dyn Future<Output = Result<T, BackendError>>>>;
pub(crate) type Done<T> = Box<dyn FnOnce(Result<T, BackendError>)>;
pub(crate) type OnError = Box<dyn FnOnce(BackendError)>;

impl Ui {
    pub fn sign_in(self, request: SignInRequest, on_error: impl FnOnce(BackendError) + 'static) {
        let backend = self.backend.get_value();
        self.call(Box::pin(async move { backend.sign_in(request).await }), Box::new(on_error));
    }

    /// Sends `input` for the step on screen.
    pub fn send(self, input: Input, on_error: impl FnOnce(BackendError) + 'static) {
        self.send_boxed(input, Box::new(on_error));
    }

    fn send_boxed(self, input: Input, on_error: OnError) {
        let Some((flow_id, seq)) =
            self.reply.with_untracked(|r| r.as_ref().map(|r| (r.flow_id.clone(), r.seq)))
        else {
            return;
        };
        let backend = self.backend.get_value();
        let ui = self;
        let flow = flow_id.clone();
        let on_error: OnError = Box::new(move |e| match e {
            // The service took an earlier answer whose reply was lost: show where it stands.
            BackendError::StaleStep { .. } => ui.catch_up(flow_id, on_error),
            e => on_error(e),
        });
        self.call(Box::pin(async move { backend.send(&flow, seq, input).await }), on_error);
    }

    /// Shows the flow's current step, or why it could not be read. A flow that finished
    /// there comes without its session (see `finished_elsewhere`).
    fn catch_up(self, flow_id: String, on_error: OnError) {
        let backend = self.backend.get_value();
        self.call(Box::pin(async move { backend.current(&flow_id).await }), on_error);
    }

    fn call(self, work: Work<Reply>, on_error: OnError) {
        let ui = self;
        self.run_boxed(
            work,
            Box::new(move |result| match result {
                Ok(reply) => ui.show(reply),
                Err(e) => on_error(e),
            }),
        );
    }

    /// Shows a flow's reply and keeps the session it brings. A step-up that passed goes
    /// back to the view that asked for it instead: the person was signed in all along,
    /// so there is no signed-in screen (and no `riskgate:signed-in` for the host).
    fn show(self, reply: Reply) {
        if let Some(session) = &reply.session {
            self.session.try_set(Some(session.clone()));
        }
        if let Some(back) = self.stepped_up(&reply) {
            self.stepping_up.try_set_value(None);
            self.screen.try_set(back);
            return;
        }
        self.reply.try_set(Some(reply));
        self.screen.try_set(Screen::Flow);
    }

    /// The view to go back to, if `reply` is the end of this page's step-up.
    fn stepped_up(self, reply: &Reply) -> Option<Screen> {
        let (flow_id, back) = self.stepping_up.try_get_value().flatten()?;
        let passed = matches!(reply.step, Step::SignedIn { .. }) && reply.session.is_some();
        (passed && flow_id == reply.flow_id).then_some(back)
    }

    /// Asks the signed-in person to prove themselves again (the backend answered
    /// `StepUpRequired`): the flow screens show the challenge, and once it is passed,
    /// the new session is kept and `back` is shown again.
    pub fn step_up(self, back: Screen, on_error: impl FnOnce(BackendError) + 'static) {
        let Some(session) = self.session.get_untracked() else {
            return on_error(BackendError::NotAuthorized);
        };
        let backend = self.backend.get_value();
        let ui = self;
        self.run(async move { backend.step_up(&session).await }, move |result| match result {
            Ok(reply) => {
                ui.stepping_up.try_set_value(Some((reply.flow_id.clone(), back)));
                ui.show(reply);
            }
            Err(e) => on_error(e),
        });
    }

    /// Runs one backend call with the shared progress line; `done` gets its result unless
    /// the component has gone. One call at a time: returns false (and drops `done`) if
    /// another is still under way, so a double click does not send twice.
    pub(crate) fn run<T: 'static>(
        self,
        work: impl Future<Output = Result<T, BackendError>> + 'static,
        done: impl FnOnce(Result<T, BackendError>) + 'static,
    ) -> bool {
        self.run_boxed(Box::pin(work), Box::new(done))
    }

    pub(crate) fn run_boxed<T: 'static>(self, work: Work<T>, done: Done<T>) -> bool {
        if !self.begin_pending() {
            return false;
        }
        spawn_local(async move {
            let result = work.await;
            if self.end_pending(result.as_ref().err()) {
                done(result);
            }
        });
        true
    }

    /// The call is over: hides the progress line and tells the host page of an error.
    /// False if the component has gone meanwhile, and then nothing is left to update.
    fn end_pending(self, error: Option<&BackendError>) -> bool {
        if self.pending.try_set(false).is_some() {
            return false;
        }
        self.slow.try_set(false);
        // A stale answer is caught up at once; that call's result is the one to report.
        match error {
            Some(BackendError::StaleStep { .. }) | None => {}
            Some(e) => self.report_error(e),
        }
        true
    }

    /// Marks a call under way, and shows the progress line if it is still under way a
    /// moment later; false if another call already is. Not generic, so `run`'s copies
    /// share it.
    fn begin_pending(self) -> bool {
        if self.pending.get_untracked() {
            return false;
        }
        self.pending.set(true);
        // The component may be gone by the time this runs (unmounted by the host page):
        // `try_` leaves disposed signals alone instead of panicking.
        set_timeout(
            move || {
                self.slow.try_set(self.pending.try_get_untracked().unwrap_or(false));
            },
            SHOW_PROGRESS_AFTER,
        );
        true
    }

    /// Tells the host page about a failed call, with the words the person is shown.
    fn report_error(self, e: &BackendError) {
        let message = self.locale.try_get_untracked().map(|l| text::t(l, errors::error_text(e).1));
        self.emit(HostEvent::for_error(e, message.unwrap_or_default()));
    }

    /// A call made with the session, through `run`. Without a session it fails at once
    /// as the backend would.
    fn with_session<T: 'static>(
        self,
        work: impl for<'a> FnOnce(&'a dyn IdentityBackend, &str) -> BackendFuture<'a, T> + 'static,
        done: impl FnOnce(Result<T, BackendError>) + 'static,
    ) -> bool {
        let Some(session) = self.session.get_untracked() else {
            done(Err(BackendError::NotAuthorized));
            return false;
        };
        let backend = self.backend.get_value();
        self.run(async move { work(&*backend, &session).await }, done)
    }

    /// The person's own account.
    pub fn account(self, done: impl FnOnce(Result<AccountView, BackendError>) + 'static) -> bool {
        self.with_session(|b, s| b.account(s), done)
    }

    /// The account without the progress line or the one-call rule, for a quiet look
    /// (whether to offer the admin view); nothing is reported if the component has gone.
    pub fn peek_account(self, done: impl FnOnce(AccountView) + 'static) {
        let Some(session) = self.session.get_untracked() else { return };
        let backend = self.backend.get_value();
        let alive = self.pending;
        spawn_local(async move {
            if let Ok(view) = backend.account(&session).await {
                if alive.try_get_untracked().is_some() {
                    done(view);
                }
            }
        });
    }

    /// "This was me" (`true`) or "this wasn't me" about sign-in `id`.
    pub fn report_sign_in(
        self,
        id: u64,
        was_me: bool,
        done: impl FnOnce(Result<AccountView, BackendError>) + 'static,
    ) -> bool {
        self.with_session(move |b, s| b.report_sign_in(s, id, was_me), done)
    }

    pub fn remove_method(
        self,
        method: MethodKind,
        done: impl FnOnce(Result<AccountView, BackendError>) + 'static,
    ) -> bool {
        self.with_session(move |b, s| b.remove_method(s, method), done)
    }

    pub fn begin_method(
        self,
        method: MethodKind,
        phone: Option<String>,
        done: impl FnOnce(Result<Enrollment, BackendError>) + 'static,
    ) -> bool {
        self.with_session(move |b, s| b.begin_method(s, method, phone), done)
    }

    pub fn confirm_method(
        self,
        code: String,
        done: impl FnOnce(Result<AccountView, BackendError>) + 'static,
    ) -> bool {
        self.with_session(move |b, s| b.confirm_method(s, &code), done)
    }

    pub fn admin_overview(self, done: impl FnOnce(Result<AdminView, BackendError>) + 'static) -> bool {
        self.with_session(|b, s| b.admin_overview(s), done)
    }

    pub fn admin_act(
        self,
        username: String,
        action: AdminAction,
        done: impl FnOnce(Result<AdminReceipt, BackendError>) + 'static,
    ) -> bool {
        self.with_session(move |b, s| b.admin_act(s, &username, action), done)
    }

    pub fn set_policy(
        self,
        policy: TenantPolicy,
        banned: BannedList,
        done: impl FnOnce(Result<AdminView, BackendError>) + 'static,
    ) -> bool {
        self.with_session(move |b, s| b.set_policy(s, policy, banned), done)
    }

    /// Password protection's verdict on `candidate` for the flow on screen, for live
    /// feedback: no progress line and not held back by (nor holding back) a submit.
    pub fn check_password(
        self,
        flow_id: String,
        candidate: String,
        done: impl FnOnce(Result<Verdict, BackendError>) + 'static,
    ) {
        let backend = self.backend.get_value();
        let alive = self.pending;
        spawn_local(async move {
            let result = backend.check_password(&flow_id, &candidate).await;
            if alive.try_get_untracked().is_some() {
                done(result);
            }
        });
    }

    /// Shows the account or admin view (or any other screen).
    pub fn open(self, screen: Screen) {
        self.screen.set(screen);
    }

    /// Ends the session at the backend and goes back to the first screen with nothing
    /// filled in. The screen clears at once and the session is forgotten here either way;
    /// a backend that cannot be reached is reported to the host page.
    pub fn sign_out(self) {
        if let Some(session) = self.session.get_untracked() {
            let backend = self.backend.get_value();
            spawn_local(async move {
                if let Err(e) = backend.sign_out(&session).await {
                    self.report_error(&e);
                }
            });
        }
        self.session.set(None);
        self.reply.set(None);
        self.username.set(String::new());
        self.screen.set(Screen::Username);
    }

    /// Whether a signed-in person is proving themselves again (a step-up).
    pub fn stepping_up(self) -> bool {
        self.stepping_up.with_value(Option::is_some)
    }

    /// Back to the first screen, keeping the username.
    pub fn restart(self) {
        self.reply.set(None);
        self.screen.set(Screen::Username);
    }

    /// A challenge for adding a passkey from account health.
    pub fn begin_passkey(self, done: impl FnOnce(Result<PasskeyOptions, BackendError>) + 'static) -> bool {
        self.with_session(|b, s| b.begin_passkey(s), done)
    }

    /// The new passkey, for the backend to check and keep.
    pub fn confirm_passkey(
        self,
        created: PasskeyCreated,
        done: impl FnOnce(Result<AccountView, BackendError>) + 'static,
    ) -> bool {
        self.with_session(move |b, s| b.confirm_passkey(s, created), done)
    }

    /// Signs in with a passkey instead of the password: the backend's challenge, the
    /// browser's passkey, the backend's check. `on_error` gets the message's text key.
    pub fn passkey_sign_in(self, on_error: impl FnOnce(Key) + 'static) {
        let backend = self.backend.get_value();
        let username = self.username.get_untracked();
        let tenant = self.tenant.get_value();
        let ui = self;
        let work = async move {
            let words = |e: BackendError| errors::error_text(&e).1;
            let options = backend.begin_passkey_sign_in(&username, tenant.clone()).await.map_err(words)?;
            let answer = passkey::get(&options).await.map_err(passkey::Failure::key)?;
            backend.passkey_sign_in(&username, tenant, answer).await.map_err(words)
        };
        self.run(async move { Ok::<_, BackendError>(work.await) }, move |result| match result {
            Ok(Ok(reply)) => ui.show(reply),
            Ok(Err(key)) => on_error(key),
            Err(e) => on_error(errors::error_text(&e).1),
        });
    }
}
