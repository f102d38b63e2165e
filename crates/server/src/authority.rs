//! The seam between the routes and the authority. Stage A: `MockBackend` (not `Send`)
//! lives on one thread of its own, an actor; a route sends it a job over a bounded
//! channel and awaits the answer. Routes see only `AuthorityHandle`, so a later
//! per-row service (`Send + Sync`, called through `spawn_blocking`) can take the
//! actor's place without a route changing.
use crate::db::{Database, SqliteStore};
use riskgate_api::passkey::RelyingParty;
use riskgate_api::{BackendError, BackendFuture, IdentityBackend};
use riskgate_service::mock::{PhoneMessage, StoreStatus};
use riskgate_service::platform::{OsEntropy, SystemClock};
use riskgate_service::MockBackend;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::task::{Context, Poll, Wake, Waker};
use tokio::sync::oneshot;

/// Jobs waiting for the authority beyond this are refused (`Unavailable`), not queued.
pub const QUEUE: usize = 512;

type Job = Box<dyn FnOnce(&Actor) + Send>;

/// What the actor thread owns.
pub struct Actor {
    backend: MockBackend,
    store: Rc<SqliteStore>,
}

/// How the authority is opened.
pub struct Opening {
    pub db: Database,
    pub seed_demo: bool,
    pub demo_sources: bool,
    pub relying_party: RelyingParty,
}

#[derive(Clone)]
pub struct AuthorityHandle {
    jobs: mpsc::SyncSender<Job>,
    /// Set once a save failed: every later call is `Unavailable`.
    broken: Arc<AtomicBool>,
}

/// Runs a future to its end on this thread. The authority's futures are ready at
/// once natively (no timers), so this rarely parks.
pub fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
        std::thread::park();
    }
}

impl AuthorityHandle {
    /// Starts the authority's thread over `opening.db`. An empty database is seeded
    /// only with `seed_demo`; without it, starting is refused (stage A's authority
    /// has no empty directory). A directory this version cannot read is refused too,
    /// never replaced.
    pub async fn start(opening: Opening) -> Result<AuthorityHandle, String> {
        let Opening { db, seed_demo, demo_sources, relying_party } = opening;
        let existing = db.load_directory().await.map_err(|e| format!("reading the directory: {e}"))?;
        if existing.is_none() && !seed_demo {
            return Err("the database is empty: start once with --seed demo to load the demo directory \
                 (stage A's authority cannot start from an empty directory)"
                .into());
        }
        if existing.is_some() && seed_demo {
            tracing::info!("--seed demo: the database already holds a directory; nothing was seeded");
        }
        let rt = tokio::runtime::Handle::current();
        let (tx, rx) = mpsc::sync_channel::<Job>(QUEUE);
        let (ready_tx, ready_rx) = oneshot::channel::<Result<(), String>>();
        let broken = Arc::new(AtomicBool::new(false));
        let broken_in_actor = broken.clone();
        std::thread::Builder::new()
            .name("riskgate-authority".into())
            .spawn(move || {
                let store = Rc::new(SqliteStore::new(db, rt));
                // Read once through a store that writes nothing, so that a directory
                // this version cannot read is reported, not overwritten by the seed.
                if let Some(text) = existing {
                    let probe = Rc::new(riskgate_service::mock::MemoryStore(Some(text).into()));
                    let look = MockBackend::open(Rc::new(SystemClock), Rc::new(OsEntropy), probe);
                    if let StoreStatus::Reset(problem) = look.store_status() {
                        let _ = ready_tx.send(Err(format!(
                            "the database holds a directory this server cannot read ({problem}); \
                             refusing to overwrite it"
                        )));
                        return;
                    }
                }
                let backend = MockBackend::open(Rc::new(SystemClock), Rc::new(OsEntropy), store.clone());
                if store.failed() {
                    let _ = ready_tx.send(Err("the directory could not be saved".into()));
                    return;
                }
                backend.accept_client_sources(demo_sources);
                backend.set_relying_party(relying_party);
                let actor = Actor { backend, store };
                let _ = ready_tx.send(Ok(()));
                while let Ok(job) = rx.recv() {
                    // A panicking job answers nothing (its caller sees `Unavailable`);
                    // the authority goes on with the next.
                    if std::panic::catch_unwind(AssertUnwindSafe(|| job(&actor))).is_err() {
                        tracing::error!("an authority job panicked");
                    }
                    if actor.store.failed() {
                        broken_in_actor.store(true, Ordering::SeqCst);
                    }
                }
            })
            .map_err(|e| format!("starting the authority's thread: {e}"))?;
        ready_rx.await.map_err(|_| "the authority's thread ended while opening".to_string())??;
        Ok(AuthorityHandle { jobs: tx, broken })
    }

    pub fn is_broken(&self) -> bool {
        self.broken.load(Ordering::SeqCst)
    }

    /// Runs `job` on the authority's thread and returns what it returned. A full
    /// queue, a broken store or a panic is `Unavailable`.
    pub async fn call<T, F>(&self, job: F) -> Result<T, BackendError>
    where
        T: Send + 'static,
        F: FnOnce(&Actor) -> T + Send + 'static,
    {
        if self.is_broken() {
            return Err(BackendError::Unavailable);
        }
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move |actor: &Actor| {
            let out = job(actor);
            // A change that did not reach the disk is not acknowledged.
            let out = if actor.store.failed() { Err(BackendError::Unavailable) } else { Ok(out) };
            let _ = tx.send(out);
        });
        self.jobs.try_send(job).map_err(|_| BackendError::Unavailable)?;
        rx.await.map_err(|_| BackendError::Unavailable)?
    }

    /// One call of the `IdentityBackend` trait, e.g. `auth.backend(|b| b.sign_in(request))`.
    pub async fn backend<T, F>(&self, f: F) -> Result<T, BackendError>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(&'a dyn IdentityBackend) -> BackendFuture<'a, T> + Send + 'static,
    {
        self.call(move |a| block_on(f(&a.backend))).await?
    }

    /// The account's canonical username and the tenant it signs in to.
    pub async fn subject(&self, username: String) -> Result<Option<(String, String)>, BackendError> {
        self.call(move |a| a.backend.account_of(&username).map(|acc| (acc.username, acc.signs_in_to))).await
    }

    /// Demo tools: the current code of a persona's authenticator app.
    pub async fn authenticator_code(&self, username: String) -> Result<Option<String>, BackendError> {
        self.call(move |a| {
            let secret = a.backend.authenticator_secret(&username)?;
            Some(riskgate_service::totp::code_at(&secret, crate::db::now_ms() / 1000))
        })
        .await
    }

    /// Demo tools: what the simulated phone received.
    pub async fn phone(&self) -> Result<Vec<PhoneMessage>, BackendError> {
        self.call(|a| a.backend.phone_messages()).await
    }

    /// For tests: the account's secret inside its authenticator app.
    pub async fn authenticator_secret(&self, username: String) -> Result<Option<Vec<u8>>, BackendError> {
        self.call(move |a| a.backend.authenticator_secret(&username)).await
    }
}
