//! The seam between the routes and the authority: `riskgate_service::Service` over the
//! SQL rows. Each call is one transaction, run off the async workers
//! (`spawn_blocking`: the authority is synchronous and hashes passwords), with a bound
//! on how many run at once and on how many may wait.
use riskgate_api::passkey::RelyingParty;
use riskgate_api::{BackendError, BackendFuture, IdentityBackend};
use riskgate_service::directory::Account;
use riskgate_service::mock::PhoneMessage;
use riskgate_service::platform::{Clock, Entropy, OsEntropy, SystemClock};
use riskgate_service::seed;
use riskgate_service::service::{RowsFactory, Service};
use riskgate_service::store::{Rows, DECOY_KEY};
use riskgate_store_sql::SqlStore;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Calls waiting for the authority beyond this are refused (`Unavailable`), not queued.
pub const QUEUE: usize = 512;

/// How the authority is opened.
pub struct Opening {
    pub store: SqlStore,
    pub seed_demo: bool,
    /// Load-test accounts seeded with the demo directory (`seed::bench_accounts`).
    pub bench_accounts: u32,
    pub relying_party: RelyingParty,
    /// Calls that may run at once (each may hash a password: a core's worth of work).
    pub workers: usize,
}

#[derive(Clone)]
pub struct AuthorityHandle {
    service: Arc<Service<SqlStore>>,
    /// One permit per call running.
    running: Arc<Semaphore>,
    /// One permit per call running or waiting.
    admitted: Arc<Semaphore>,
}

impl AuthorityHandle {
    /// Opens the authority over `opening.store`, seeding the demo directory into an
    /// empty database with `seed_demo`, and making the key for decoys if there is none.
    pub async fn start(opening: Opening) -> Result<AuthorityHandle, String> {
        let Opening { store, seed_demo, bench_accounts, relying_party, workers } = opening;
        let empty = store.is_empty().await?;
        if empty && !seed_demo {
            // Nothing could sign in, and the API has no call that adds a tenant.
            return Err(
                "the database is empty: start once with --seed demo to load the demo directory".into()
            );
        }
        if !empty && seed_demo {
            tracing::info!("--seed demo: the database already holds a directory; nothing was seeded");
        }
        let seeding = store.clone();
        let seed = (empty && seed_demo).then_some(bench_accounts);
        tokio::task::spawn_blocking(move || prepare(&seeding, seed))
            .await
            .map_err(|e| format!("preparing the directory: {e}"))??;
        let service = Service::new(store, Arc::new(SystemClock), Arc::new(OsEntropy), relying_party)
            // The routes set each sign-in's source: the connection's, or in demo mode the
            // request's (see `routes::sign_in`).
            .accept_client_sources(true);
        let workers = workers.max(1);
        Ok(AuthorityHandle {
            service: Arc::new(service),
            running: Arc::new(Semaphore::new(workers)),
            admitted: Arc::new(Semaphore::new(workers + QUEUE)),
        })
    }

    /// Runs `job` with the service, off the async workers, and returns what it
    /// returned. A full queue or a panic is `Unavailable`.
    pub async fn call<T, F>(&self, job: F) -> Result<T, BackendError>
    where
        T: Send + 'static,
        F: FnOnce(&Service<SqlStore>) -> Result<T, BackendError> + Send + 'static,
    {
        let admitted = self.admitted.clone().try_acquire_owned().map_err(|_| BackendError::Unavailable)?;
        let running = self.running.clone().acquire_owned().await.map_err(|_| BackendError::Unavailable)?;
        let service = self.service.clone();
        // The permits go with the job, not with this future: a request that timed out
        // still holds its place until its unit ends.
        let job = move || {
            let _permits = (admitted, running);
            job(&service)
        };
        match tokio::task::spawn_blocking(job).await {
            Ok(out) => out,
            Err(e) => {
                tracing::error!(error = %e, "an authority call panicked");
                Err(BackendError::Unavailable)
            }
        }
    }

    /// One call of the `IdentityBackend` trait, e.g. `auth.backend(|b| b.sign_in(request))`.
    pub async fn backend<T, F>(&self, f: F) -> Result<T, BackendError>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(&'a dyn IdentityBackend) -> BackendFuture<'a, T> + Send + 'static,
    {
        self.call(move |s| block_on(f(s)).unwrap_or(Err(BackendError::Unavailable))).await
    }

    /// The account's canonical username and the tenant it signs in to.
    pub async fn subject(&self, username: String) -> Result<Option<(String, String)>, BackendError> {
        self.call(move |s| Ok(account(s, &username)?.map(|a| (a.username, a.signs_in_to)))).await
    }

    /// Demo tools: the current code of a persona's authenticator app.
    pub async fn authenticator_code(&self, username: String) -> Result<Option<String>, BackendError> {
        let secret = self.authenticator_secret(username).await?;
        Ok(secret.map(|secret| riskgate_service::totp::code_at(&secret, SystemClock.now_ms() / 1000)))
    }

    /// Demo tools: what the simulated phone received.
    pub async fn phone(&self) -> Result<Vec<PhoneMessage>, BackendError> {
        self.call(|s| read(s, |rows| rows.phone())).await
    }

    /// For tests: the account's secret inside its authenticator app.
    pub async fn authenticator_secret(&self, username: String) -> Result<Option<Vec<u8>>, BackendError> {
        self.call(move |s| Ok(account(s, &username)?.and_then(|a| a.totp.map(|t| t.secret)))).await
    }

    /// Whether a call can run now: a worker is free and a transaction opens.
    pub async fn check(&self) -> Result<(), BackendError> {
        self.call(|s| read(s, |_| Ok(()))).await
    }

    /// Whether the database answers: for readiness.
    pub async fn ping(&self) -> bool {
        self.service.rows().ping().await
    }

    pub fn store(&self) -> &SqlStore {
        self.service.rows()
    }
}

/// A read outside the authority's rules (demo tools, the hand-off's subject).
fn read<T>(
    s: &Service<SqlStore>,
    f: impl FnOnce(&mut dyn Rows) -> riskgate_service::store::Fallible<T>,
) -> Result<T, BackendError> {
    let mut rows = s.rows().begin().map_err(|_| BackendError::Unavailable)?;
    f(rows.as_mut()).map_err(|_| BackendError::Unavailable)
}

fn account(s: &Service<SqlStore>, username: &str) -> Result<Option<Account>, BackendError> {
    read(s, |rows| match rows.account_named(username)? {
        Some(id) => rows.account(id),
        None => Ok(None),
    })
}

/// Seeds the demo directory and `seed`'s number of load-test accounts (if asked and
/// still empty) and makes the decoy key (if missing), in one transaction: a database is
/// never left half seeded.
fn prepare(store: &SqlStore, seed: Option<u32>) -> Result<(), String> {
    let mut rows = store.transaction().map_err(|e| format!("opening the directory: {e:?}"))?;
    let mut write = || -> riskgate_service::store::Fallible<()> {
        // Asked again under the write lock: of several servers started at once on one
        // empty database, one seeds it.
        let seeding = match seed {
            Some(bench_accounts) => rows.tenant_ids()?.is_empty().then_some(bench_accounts),
            None => None,
        };
        if let Some(bench_accounts) = seeding {
            let now_ms = SystemClock.now_ms();
            let (tenants, mut accounts) = seed::directory(now_ms, &OsEntropy);
            if bench_accounts > 0 {
                accounts.extend(seed::bench_accounts(bench_accounts, &bench_hash(), now_ms));
            }
            for tenant in &tenants {
                rows.put_tenant(tenant)?;
            }
            for (id, account) in accounts.iter().enumerate() {
                rows.put_account(id as u64, account)?;
            }
        }
        if rows.secret(DECOY_KEY)?.is_none() {
            let mut key = [0u8; 32];
            OsEntropy.fill(&mut key);
            rows.put_secret(DECOY_KEY, &key)?;
        }
        rows.commit()
    };
    write().map_err(|e| format!("seeding the directory: {e:?}"))
}

/// One argon2id hash of the load-test password, shared by every load-test account.
fn bench_hash() -> String {
    let mut salt = [0u8; 16];
    OsEntropy.fill(&mut salt);
    riskgate_service::hash::hash_new(seed::BENCH_PASSWORD, &salt)
}

/// The output of a future that is ready at once (the service answers synchronously);
/// `None` if it was not.
fn block_on<F: std::future::Future>(future: F) -> Option<F::Output> {
    use std::task::{Context, Poll, Waker};
    let mut cx = Context::from_waker(Waker::noop());
    match std::pin::pin!(future).poll(&mut cx) {
        Poll::Ready(out) => Some(out),
        Poll::Pending => None,
    }
}
