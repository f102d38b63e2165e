//! The service from several threads at once, over rows held behind one lock.
use super::*;
use crate::engine::{BlockReason, Step};
use crate::platform::OsEntropy;
use crate::store::DECOY_KEY;
use crate::{seed, totp};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

const START: u64 = 1_800_000_000_000;

/// A clock threads can share; tests move it by hand.
struct AtomicClock(AtomicU64);

impl Clock for AtomicClock {
    fn now_ms(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

fn service() -> Service<MutexRows> {
    service_over(|rows| rows)
}

/// The seeded service over the rows `wrap` makes of the seeded memory rows.
fn service_over<F: RowsFactory>(wrap: impl FnOnce(MutexRows) -> F) -> Service<F> {
    let (tenants, accounts) = seed::directory(START, &OsEntropy);
    let mut rows = MemoryRows::new(tenants, accounts);
    rows.put_secret(DECOY_KEY, &[7; 32]).unwrap();
    rows.commit().unwrap();
    let rp = RelyingParty { id: "localhost".into(), origin: "http://localhost:8080".into() };
    let rows = wrap(MutexRows(Mutex::new(rows)));
    Service::new(rows, Arc::new(AtomicClock(START.into())), Arc::new(OsEntropy), rp)
}

fn password_of(username: &str) -> &'static str {
    seed::PERSONAS.iter().find(|p| p.username == username).expect(username).password
}

fn sign_in(s: &Service<MutexRows>, username: &str, password: &str) -> Result<Reply, BackendError> {
    s.sign_in(SignInRequest::new(username, password))
}

fn account(s: &Service<MutexRows>, username: &str) -> crate::directory::Account {
    let rows = s.rows().0.lock().unwrap();
    rows.accounts().iter().find(|a| a.username == username).unwrap().clone()
}

#[test]
fn sign_ins_from_several_threads_each_get_their_own_session() {
    let s = service();
    let user = "ada@contoso.example";
    let sessions: Vec<String> = thread::scope(|scope| {
        let runs: Vec<_> = (0..8)
            .map(|_| {
                let s = &s;
                scope.spawn(move || sign_in(s, user, password_of(user)).unwrap())
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).map(|r| r.session.expect("signed in")).collect()
    });
    let mut distinct = sessions.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 8);
    let rows = s.rows().0.lock().unwrap();
    assert_eq!(rows.log().count(), 8, "a line for every sign-in, none lost");
    assert_eq!(rows.sessions.len(), 8);
}

#[test]
fn sixteen_answers_of_one_right_code_at_once_sign_in_once() {
    let s = service();
    let user = "ravi@contoso.example";
    let r = sign_in(&s, user, password_of(user)).unwrap();
    let r = s.send(&r.flow_id, r.seq, Input::Continue).unwrap();
    assert!(matches!(r.step, Step::MfaChallenge { .. }), "{:?}", r.step);
    let secret = account(&s, user).totp.unwrap().secret;
    let code = totp::code_at(&secret, START / 1000);
    let input = Input::Code { method: MethodKind::AuthenticatorApp, code };
    let answers: Vec<_> = thread::scope(|scope| {
        let runs: Vec<_> = (0..16)
            .map(|_| {
                let (s, r, input) = (&s, &r, input.clone());
                scope.spawn(move || s.send(&r.flow_id, r.seq, input))
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    let won: Vec<_> = answers.iter().filter_map(|a| a.as_ref().ok()).collect();
    assert_eq!(won.len(), 1, "{answers:?}");
    assert!(won[0].session.is_some());
    let stale = answers.iter().filter(|a| **a == Err(BackendError::StaleStep { expected: r.seq + 1 }));
    assert_eq!(stale.count(), 15);
    assert_eq!(s.rows().0.lock().unwrap().sessions.len(), 1);
}

#[test]
fn twenty_wrong_passwords_at_once_lock_as_twenty_in_a_row_do() {
    let user = "ada@contoso.example";
    let wrong = |i: usize| format!("not-the-password-{i}");
    let at_once = service();
    thread::scope(|scope| {
        for i in 0..20 {
            let (s, typed) = (&at_once, wrong(i));
            scope.spawn(move || assert_eq!(sign_in(s, user, &typed), Err(BackendError::InvalidCredentials)));
        }
    });
    let in_a_row = service();
    for i in 0..20 {
        assert_eq!(sign_in(&in_a_row, user, &wrong(i)), Err(BackendError::InvalidCredentials));
    }
    let (a, b) = (account(&at_once, user), account(&in_a_row, user));
    assert_eq!(a.lockout.times_locked, b.lockout.times_locked);
    assert_eq!(a.state.locked_until_ms, b.state.locked_until_ms);
    assert!(a.state.locked_until_ms.is_some());
    let r = sign_in(&at_once, user, password_of(user)).unwrap();
    assert!(matches!(r.step, Step::Blocked { reason: BlockReason::LockedOut { .. }, .. }), "{:?}", r.step);
}

#[test]
fn a_seeded_pbkdf2_hash_moves_to_argon2id_at_the_next_good_sign_in() {
    let s = service();
    let user = "ada@contoso.example";
    let before = account(&s, user).password_hash;
    assert!(before.starts_with("pbkdf2-sha256$"), "{before}");
    // A wrong password changes nothing about the stored hash.
    assert_eq!(sign_in(&s, user, "Not-Her-Password-1"), Err(BackendError::InvalidCredentials));
    assert_eq!(account(&s, user).password_hash, before);

    sign_in(&s, user, password_of(user)).unwrap();
    let after = account(&s, user).password_hash;
    assert!(after.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{after}");
    assert!(!crate::hash::needs_rehash(&after));
    // Once moved it stays; the password still works and a wrong one still does not.
    let reply = sign_in(&s, user, password_of(user)).unwrap();
    assert!(reply.session.is_some());
    assert_eq!(account(&s, user).password_hash, after);
    assert_eq!(sign_in(&s, user, "Not-Her-Password-2"), Err(BackendError::InvalidCredentials));
}

#[test]
fn the_browser_mock_form_keeps_pbkdf2() {
    let s = service();
    let s = Service { hashing: Hashing::Pbkdf2, ..s };
    let user = "ada@contoso.example";
    let before = account(&s, user).password_hash;
    sign_in(&s, user, password_of(user)).unwrap();
    assert_eq!(account(&s, user).password_hash, before);
}

/// Rows that add up the hashing this thread did while one of their transactions was open.
struct Watched {
    rows: MutexRows,
    inside: AtomicU64,
}

struct WatchedRows<'a> {
    rows: Box<dyn Rows + 'a>,
    at_begin: u64,
    inside: &'a AtomicU64,
}

impl<'a> WatchedRows<'a> {
    fn rows(&mut self) -> Fallible<&mut (dyn Rows + 'a)> {
        Ok(self.rows.as_mut())
    }
    fn base(&mut self) -> &mut (dyn Rows + 'a) {
        self.rows.as_mut()
    }
}

rows_through!(WatchedRows<'_>, rows, rows, base);

impl Drop for WatchedRows<'_> {
    fn drop(&mut self) {
        self.inside.fetch_add(crate::hash::rounds_derived() - self.at_begin, Ordering::SeqCst);
    }
}

impl RowsFactory for Watched {
    fn begin(&self) -> Fallible<Box<dyn Rows + '_>> {
        let rows = self.rows.begin()?;
        Ok(Box::new(WatchedRows { rows, at_begin: crate::hash::rounds_derived(), inside: &self.inside }))
    }
}

#[test]
fn no_password_is_hashed_while_a_transaction_is_open() {
    let s = service_over(|rows| Watched { rows, inside: AtomicU64::new(0) });
    let ada = "ada@contoso.example";
    let before = crate::hash::rounds_derived();
    // A right password on a seeded PBKDF2 hash (checked, then moved to argon2id), a
    // wrong one (checked, fingerprinted), and a name that signs in nowhere (decoy work).
    assert!(s.sign_in(SignInRequest::new(ada, password_of(ada))).unwrap().session.is_some());
    assert_eq!(
        s.sign_in(SignInRequest::new(ada, "Not-Her-Password-9")),
        Err(BackendError::InvalidCredentials)
    );
    let nobody = SignInRequest::new("nobody@contoso.example", "Whatever-It-Is-1");
    assert_eq!(s.sign_in(nobody), Err(BackendError::InvalidCredentials));
    assert!(crate::hash::rounds_derived() - before > 3 * crate::hash::ITERATIONS as u64, "the work was done");
    assert_eq!(s.rows().inside.load(Ordering::SeqCst), 0, "none of it inside a transaction");
    let stored =
        s.rows().rows.0.lock().unwrap().accounts().iter().find(|a| a.username == ada).unwrap().clone();
    assert!(stored.password_hash.starts_with("$argon2id$"), "rehashed all the same");
    assert_eq!(stored.lockout.recent_wrong.len(), 1, "the wrong one counted once");
}
