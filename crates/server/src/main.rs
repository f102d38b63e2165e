//! `riskgate-server --help`.
use riskgate_server::config::{self, Command};

fn main() {
    let config = match config::parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            print!("{}", config::HELP);
            return;
        }
        Ok(Command::Run(config)) => *config,
        Err(problem) => {
            eprintln!("riskgate-server: {problem}");
            std::process::exit(2);
        }
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let log = tracing_subscriber::fmt().json().with_env_filter(filter).with_current_span(true);
    // Standard output carries the telemetry lines when asked to: the log moves aside.
    if config.telemetry == Some(riskgate_server::telemetry::Target::Stdout) {
        log.with_writer(std::io::stderr).init();
    } else {
        log.init();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("riskgate-server: starting the runtime: {e}");
            std::process::exit(1);
        }
    };
    let code = runtime.block_on(async move {
        let mut running = match riskgate_server::start(config).await {
            Ok(running) => running,
            Err(problem) => {
                tracing::error!(%problem, "not started");
                eprintln!("riskgate-server: {problem}");
                return 1;
            }
        };
        let stop = running.stopper();
        tokio::spawn(async move {
            shutdown_signal().await;
            tracing::info!("stopping");
            if let Some(stop) = stop {
                let _ = stop.send(());
            }
        });
        running.wait().await;
        0
    });
    std::process::exit(code);
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
