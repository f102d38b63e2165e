//! The command line, parsed by hand (no argument-parsing crate to build).
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub const HELP: &str = "\
riskgate-server: Riskgate's reference identity service (docs/backend-api.md, API v1)

USAGE:
    riskgate-server [OPTIONS]

OPTIONS:
    --listen ADDR             where to listen [default: 127.0.0.1:8081]
    --database URL            sqlite://FILE (created if missing) or postgres://USER@HOST/DB
                              (shared by several servers); migrated on start
                              [default: sqlite://riskgate.db]
    --max-connections N       database connections in the pool [default: 8]
    --seed demo               load the demo tenants and personas into an EMPTY database
                              (once; a database that holds a directory is left alone)
    --seed bench:N            the demo seed and N load-test accounts, load-00001@contoso.example
                              and on (seed::bench_accounts; for `make bench`)
    --static DIR              also serve DIR (a built component and host page) at /;
                              the API is always under /api
    --allow-origin ORIGIN     allow cross-origin calls from ORIGIN (repeatable), e.g.
                              https://login.example.com; none by default
    --host-secret-file PATH   the host's secret for POST /api/handoffs/exchange; without
                              it no hand-off codes are issued
    --origin URL              the page origin passkeys are made for (the relying party)
                              [default: http://localhost:<port of --listen>]
    --places FILE             networks and their places, one per line:
                              network,city,country,latitude,longitude (e.g.
                              198.51.100.0/24,Lisbon,PT,38.72,-9.14): a sign-in from a
                              listed address is placed there; from any other, at the
                              person's last known place
    --demo-sources            honour the `source` a sign-in request names (demos and
                              tests only: a client could name a familiar place)
    --demo-tools              serve /api/demo/phone and /api/demo/authenticator/{user}
                              (the simulated phone and authenticator apps; demos, tests)
    --telemetry FILE|-        write each sign-in and risk detection, and each later change
                              to one, as a JSON line to FILE (resumed after its last line)
                              or - (standard output; the server's own log goes to
                              standard error then); see docs/telemetry.md
    --body-limit BYTES        the largest request body [default: 65536]
    --request-timeout SECS    a request taking longer answers 504 Timeout [default: 10]
    -h, --help                print this and exit

ENVIRONMENT:
    RUST_LOG                  log filter, e.g. info or riskgate_server=debug [default: info]
";

#[derive(Clone, Debug)]
pub struct Config {
    pub listen: SocketAddr,
    pub database: String,
    pub seed_demo: bool,
    /// Load-test accounts seeded beside the demo directory (`--seed bench:N`).
    pub bench_accounts: u32,
    pub static_dir: Option<PathBuf>,
    pub allow_origins: Vec<String>,
    pub host_secret: Option<String>,
    pub origin: Option<String>,
    pub demo_sources: bool,
    pub demo_tools: bool,
    pub body_limit: usize,
    pub request_timeout: Duration,
    pub max_connections: u32,
    pub places: crate::places::Places,
    pub telemetry: Option<crate::telemetry::Target>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8081)),
            database: "sqlite://riskgate.db".into(),
            seed_demo: false,
            bench_accounts: 0,
            static_dir: None,
            allow_origins: vec![],
            host_secret: None,
            origin: None,
            demo_sources: false,
            demo_tools: false,
            body_limit: 64 * 1024,
            request_timeout: Duration::from_secs(10),
            max_connections: 8,
            places: crate::places::Places::default(),
            telemetry: None,
        }
    }
}

/// What the command line asks for.
pub enum Command {
    Run(Box<Config>),
    Help,
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut c = Config::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if name == "-h" || name == "--help" {
            return Ok(Command::Help);
        }
        let mut value =
            |what: &str| inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{name} needs {what}"));
        set(&mut c, &name, &mut value)?;
    }
    Ok(Command::Run(Box::new(c)))
}

/// Sets option `name`, reading its value (if it takes one) through `value`.
fn set(
    c: &mut Config,
    name: &str,
    value: &mut dyn FnMut(&str) -> Result<String, String>,
) -> Result<(), String> {
    match name {
        "--listen" => {
            let v = value("an address")?;
            c.listen = v.parse().map_err(|_| format!("--listen {v}: not an address like 127.0.0.1:8081"))?;
        }
        "--database" => c.database = value("a URL")?,
        "--max-connections" => c.max_connections = max_connections(&value("a number")?)?,
        "--seed" => {
            let v = value("a seed name")?;
            c.bench_accounts = if v == "demo" { 0 } else { bench_count(&v)? };
            c.seed_demo = true;
        }
        "--static" => c.static_dir = Some(PathBuf::from(value("a directory")?)),
        "--allow-origin" => c.allow_origins.push(allowed_origin(value("an origin")?)?),
        "--host-secret-file" => c.host_secret = Some(host_secret(&value("a file")?)?),
        "--origin" => c.origin = Some(value("a URL")?),
        "--places" => {
            let path = value("a file")?;
            let text = std::fs::read_to_string(&path).map_err(|e| format!("--places {path}: {e}"))?;
            c.places = crate::places::Places::parse(&text).map_err(|e| format!("--places {path}: {e}"))?;
        }
        "--telemetry" => c.telemetry = Some(crate::telemetry::Target::parse(&value("a file or -")?)),
        "--demo-sources" => c.demo_sources = true,
        "--demo-tools" => c.demo_tools = true,
        "--body-limit" => c.body_limit = number("--body-limit", &value("a number of bytes")?)?,
        "--request-timeout" => {
            let secs: u64 = number("--request-timeout", &value("seconds")?)?;
            c.request_timeout = Duration::from_secs(secs.max(1));
        }
        other => return Err(format!("unknown option {other} (see --help)")),
    }
    Ok(())
}

fn number<T: std::str::FromStr>(option: &str, v: &str) -> Result<T, String> {
    v.parse().map_err(|_| format!("{option} {v}: not a number"))
}

fn max_connections(v: &str) -> Result<u32, String> {
    match number("--max-connections", v)? {
        0 => Err("--max-connections 0: at least one connection is needed".into()),
        n => Ok(n),
    }
}

fn allowed_origin(v: String) -> Result<String, String> {
    if !(v.starts_with("http://") || v.starts_with("https://")) || v.ends_with('/') {
        return Err(format!("--allow-origin {v}: an origin is scheme://host[:port], no path"));
    }
    Ok(v)
}

fn host_secret(path: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("--host-secret-file {path}: {e}"))?;
    let secret = text.trim().to_string();
    if secret.len() < 16 {
        return Err(format!("--host-secret-file {path}: the secret must be at least 16 characters"));
    }
    Ok(secret)
}

/// N of `bench:N`: how many load-test accounts to seed.
fn bench_count(seed: &str) -> Result<u32, String> {
    let wrong = || format!("--seed {seed}: the seeds are `demo` and `bench:N` (N accounts, 1 to 1000000)");
    let n: u32 = seed.strip_prefix("bench:").ok_or_else(wrong)?.parse().map_err(|_| wrong())?;
    if n == 0 || n > 1_000_000 {
        return Err(wrong());
    }
    Ok(n)
}
