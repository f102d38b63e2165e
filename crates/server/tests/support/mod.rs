//! Shared by the server's tests: a server in this process (its own runtime, a temporary
//! SQLite file or a database on a throwaway PostgreSQL cluster, a free loopback port,
//! stopped on drop) or the built binary (killed on drop), and a small blocking HTTP/1.1
//! client over a raw TcpStream.
#![allow(dead_code)]
use riskgate_server::config::Config;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const HOST_SECRET: &str = "test-host-secret-0123456789";

pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The reply is the API's JSON error `error` with this status (and a request id).
    pub fn assert_error(&self, status: u16, error: Value, what: &str) {
        assert_eq!(self.status, status, "{what}: status, body {}", self.body);
        assert_eq!(self.header("content-type"), Some("application/json"), "{what}: content type");
        let body = self.json();
        assert_eq!(body["error"], error, "{what}: {}", self.body);
        let id = body["request_id"].as_str().unwrap_or_default();
        assert!(
            !id.is_empty() && self.header("x-request-id") == Some(id),
            "{what}: request id {}",
            self.body
        );
    }
}

/// One request; `Connection: close`, so the reply ends with the stream.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Resp {
    try_request(addr, method, path, headers, body).expect("a reply")
}

/// One request, or nothing when the server is not there or goes away mid-reply.
pub fn try_request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Option<Resp> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body.unwrap_or_default());
    // A server may answer (413) before reading a large body and close: that is fine.
    let _ = stream.write_all(&bytes);
    let mut raw = vec![];
    let _ = stream.read_to_end(&mut raw);
    parse(&raw)
}

fn parse(raw: &[u8]) -> Option<Resp> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    let length = headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse().ok());
    if length.is_some_and(|n: usize| n != body.len()) {
        return None;
    }
    Some(Resp { status, headers, body: String::from_utf8_lossy(&body).to_string() })
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = vec![];
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
    out
}

/// A client for one server.
#[derive(Clone, Copy)]
pub struct Client(pub SocketAddr);

impl Client {
    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        request(self.0, "GET", path, headers, None)
    }

    pub fn post(&self, path: &str, headers: &[(&str, &str)], body: &Value) -> Resp {
        let mut all = vec![("Content-Type", "application/json")];
        all.extend_from_slice(headers);
        request(self.0, "POST", path, &all, Some(body.to_string().as_bytes()))
    }

    /// A sign-in, or nothing once the server is gone.
    pub fn try_sign_in(&self, username: &str, password: &str) -> Option<Resp> {
        let body = json!({"username": username, "password": password, "source": null}).to_string();
        try_request(
            self.0,
            "POST",
            "/api/sign-in",
            &[("Content-Type", "application/json")],
            Some(body.as_bytes()),
        )
    }

    pub fn sign_in(&self, username: &str, password: &str) -> Resp {
        self.post("/api/sign-in", &[], &json!({"username": username, "password": password, "source": null}))
    }

    /// Sends `input` to the flow's step `seq`, with its secret.
    pub fn step(&self, flow: &Flow, seq: u64, input: Value) -> Resp {
        let path = format!("/api/flows/{}/steps/{seq}", flow.id);
        self.post(&path, &[("Riskgate-Flow-Secret", &flow.secret)], &input)
    }

    pub fn exchange(&self, code: &str, secret: &str) -> Resp {
        let auth = format!("Bearer {secret}");
        self.post("/api/handoffs/exchange", &[("Authorization", &auth)], &json!({ "code": code }))
    }

    pub fn demo_code(&self, username: &str) -> String {
        let r = self.get(&format!("/api/demo/authenticator/{username}"), &[]);
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["code"].as_str().unwrap().to_string()
    }

    /// A person with no method skips the registration interrupt and starts adding an
    /// authenticator app from account health: their bearer header, and the body that
    /// confirms the app with its current code.
    pub fn start_adding_an_app(&self, username: &str, password: &str) -> (String, Value) {
        let r = self.sign_in(username, password);
        let flow = Flow::of(&r);
        let r = self.step(&flow, r.json()["seq"].as_u64().unwrap(), json!("Skip"));
        assert_eq!(step_name(&r.json()), "SignedIn", "{}", r.body);
        let auth = format!("Bearer {}", r.json()["session"].as_str().unwrap());
        let body = json!({"method": "AuthenticatorApp", "phone": null});
        let r = self.post("/api/account/methods", &[("Authorization", &auth)], &body);
        assert_eq!(r.status, 200, "{}", r.body);
        let key = r.json()["key"].as_str().unwrap().replace(' ', "");
        let secret = riskgate_service::totp::base32_decode(&key).expect("a base32 key");
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
        (auth, json!({"code": riskgate_service::totp::code_at(&secret, now)}))
    }

    /// An admin session that passed a step-up, for the admin API.
    pub fn admin_session(&self, username: &str, password: &str, code: impl Fn() -> String) -> String {
        let r = self.sign_in(username, password);
        assert_eq!(r.status, 200, "{}", r.body);
        let session = r.json()["session"].as_str().expect("the admin signs in at once").to_string();
        let r = self.post(
            "/api/session/step-up",
            &[("Authorization", &format!("Bearer {session}"))],
            &json!(null),
        );
        assert_eq!(r.status, 200, "step-up: {}", r.body);
        let flow = Flow::of(&r);
        let r = self.step(&flow, 0, json!({"Code": {"method": "AuthenticatorApp", "code": code()}}));
        assert_eq!(r.status, 200, "step-up code: {}", r.body);
        r.json()["session"].as_str().expect("a fresh session").to_string()
    }
}

/// A flow's id and secret, from the reply that started it.
#[derive(Clone, Debug)]
pub struct Flow {
    pub id: String,
    pub secret: String,
}

impl Flow {
    pub fn of(r: &Resp) -> Flow {
        let body = r.json();
        Flow {
            id: body["flow_id"].as_str().expect("a flow id").into(),
            secret: body["flow_secret"].as_str().expect("a flow secret").into(),
        }
    }
}

pub fn step_name(body: &Value) -> String {
    match &body["step"] {
        Value::String(s) => s.clone(),
        Value::Object(o) => o.keys().next().cloned().unwrap_or_default(),
        other => panic!("no step: {other}"),
    }
}

/// A temporary directory removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("riskgate-{name}-{}-{}", std::process::id(), nanos()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn database(&self) -> String {
        format!("sqlite://{}", self.0.join("riskgate.db").display())
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn nanos() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

/// A server in this process, on a runtime of its own; stopped on drop.
pub struct TestServer {
    pub client: Client,
    pub running: Option<riskgate_server::Running>,
    pub runtime: Option<tokio::runtime::Runtime>,
    pub dir: TempDir,
}

impl TestServer {
    pub fn start() -> TestServer {
        Self::with(|_| {})
    }

    /// On a new database of the shared throwaway PostgreSQL cluster.
    pub fn on_postgres() -> TestServer {
        Self::with(|c| c.database = riskgate_store_sql::throwaway::shared_database())
    }

    pub fn on(dialect: riskgate_store_sql::Dialect) -> TestServer {
        match dialect {
            riskgate_store_sql::Dialect::Sqlite => Self::start(),
            riskgate_store_sql::Dialect::Postgres => Self::on_postgres(),
        }
    }

    pub fn with(adjust: impl FnOnce(&mut Config)) -> TestServer {
        let dir = TempDir::new("server");
        let mut config = Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            database: dir.database(),
            seed_demo: true,
            host_secret: Some(HOST_SECRET.into()),
            demo_tools: true,
            ..Config::default()
        };
        adjust(&mut config);
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let running = runtime.block_on(riskgate_server::start(config)).expect("the server starts");
        TestServer { client: Client(running.addr), running: Some(running), runtime: Some(runtime), dir }
    }

    /// The current code of a persona's authenticator app, as the test's own device.
    pub fn app_code(&self, username: &str) -> String {
        let running = self.running.as_ref().unwrap();
        let rt = self.runtime.as_ref().unwrap();
        let secret =
            rt.block_on(running.auth.authenticator_secret(username.into())).unwrap().expect("an app");
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
        riskgate_service::totp::code_at(&secret, now)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let (Some(running), Some(rt)) = (self.running.take(), self.runtime.as_ref()) {
            rt.block_on(running.stop());
        }
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_timeout(Duration::from_secs(5));
        }
    }
}

/// The built `riskgate-server`, killed (SIGKILL) on drop.
pub struct Binary {
    pub child: Child,
    pub client: Client,
}

impl Binary {
    pub fn start(database: &str, dir: &Path) -> Binary {
        Self::with_args(database, dir, &[])
    }

    /// With more options on its command line.
    pub fn with_args(database: &str, dir: &Path, more: &[&str]) -> Binary {
        let port = free_port();
        let secret_file = dir.join("host-secret");
        std::fs::write(&secret_file, HOST_SECRET).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_riskgate-server"))
            .args(["--listen", &format!("127.0.0.1:{port}"), "--database", database, "--seed", "demo"])
            .args(["--demo-tools", "--host-secret-file"])
            .arg(&secret_file)
            .args(more)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server binary starts");
        let client = Client(SocketAddr::from(([127, 0, 0, 1], port)));
        let mut binary = Binary { child, client };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            // A connection the starting server drops is "not ready yet", not a failure; a
            // server that exited is.
            if let Ok(Some(status)) = binary.child.try_wait() {
                panic!("the server exited while starting: {status}");
            }
            let ready = try_request(client.0, "GET", "/health/ready", &[], None);
            if ready.is_some_and(|r| r.status == 200) {
                return binary;
            }
            assert!(Instant::now() < deadline, "the server never became ready");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Each named test `fn name(dialect: Dialect)` run once on SQLite and once on
/// PostgreSQL, as `sqlite::name` and `postgres::name`.
#[allow(unused_macros)]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $name() { super::$name(riskgate_store_sql::Dialect::Sqlite) })*
        }
        mod postgres {
            $(#[test] fn $name() { super::$name(riskgate_store_sql::Dialect::Postgres) })*
        }
    };
}

/// A database for a server binary: a file in `dir`, or a new one on the shared
/// throwaway PostgreSQL cluster.
pub fn database_for(dialect: riskgate_store_sql::Dialect, dir: &TempDir) -> String {
    match dialect {
        riskgate_store_sql::Dialect::Sqlite => dir.database(),
        riskgate_store_sql::Dialect::Postgres => riskgate_store_sql::throwaway::shared_database(),
    }
}
