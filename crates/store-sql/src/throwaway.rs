//! A PostgreSQL cluster of a test's own (`scripts/pg-throwaway`): a temporary folder,
//! an unprivileged user, a free loopback port. It goes when the `Postgres` is dropped
//! or the process ends, however it ends: the script stops the server and removes the
//! folder when its standard input closes.
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

pub struct Postgres {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    port: u16,
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pg-throwaway")
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    listener.local_addr().expect("its address").port()
}

impl Postgres {
    /// Starts a new cluster; panics with the script's words if it cannot.
    pub fn start() -> Postgres {
        let mut last = String::new();
        // A port found free can be taken before the server binds it: try another.
        for _ in 0..3 {
            let port = free_port();
            let mut child = Command::new(script())
                .arg(port.to_string())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("starting {}: {e}", script().display()));
            let stdin = child.stdin.take().expect("piped");
            let stdout = BufReader::new(child.stdout.take().expect("piped"));
            let mut pg = Postgres { child, stdin: Some(stdin), stdout, port };
            match pg.line() {
                Some(line) if line.starts_with("ready ") => return pg,
                other => last = format!("{other:?}"),
            }
        }
        panic!("scripts/pg-throwaway did not start PostgreSQL (last said {last}); see its messages above")
    }

    fn line(&mut self) -> Option<String> {
        let mut line = String::new();
        match self.stdout.read_line(&mut line) {
            Ok(n) if n > 0 => Some(line.trim_end().to_string()),
            _ => None,
        }
    }

    /// Sends one command and checks its one-line answer.
    fn command(&mut self, command: &str, answer: &str) {
        let stdin = self.stdin.as_mut().expect("the cluster's script is running");
        writeln!(stdin, "{command}").and_then(|_| stdin.flush()).expect("the cluster's script is running");
        let got = self.line();
        assert_eq!(got.as_deref(), Some(answer), "scripts/pg-throwaway: {command}");
    }

    /// A new empty database; its URL.
    pub fn database(&mut self, name: &str) -> String {
        self.command(&format!("create {name}"), &format!("created {name}"));
        self.url(name)
    }

    pub fn url(&self, database: &str) -> String {
        format!("postgres://riskgate@127.0.0.1:{}/{database}", self.port)
    }

    /// Stops the server at once, as a crash would; the data stays.
    pub fn stop(&mut self) {
        self.command("stop", "stopped");
    }

    pub fn start_again(&mut self) {
        self.command("start", "started");
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        // Closing its input is what ends the script; wait so the folder is gone.
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

/// A new database on this process's one shared cluster (started on first use), for
/// tests that need their own database but do not stop the server.
pub fn shared_database() -> String {
    static SHARED: OnceLock<Mutex<Postgres>> = OnceLock::new();
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let cluster = SHARED.get_or_init(|| Mutex::new(Postgres::start()));
    let name = format!("test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
    cluster.lock().unwrap_or_else(|e| e.into_inner()).database(&name)
}
