//! The command line: `mockomi serve | migrate | seed | admin`.

use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::server;
use crate::store::{Db, migrate};

/// Mockomi: a job portal with a paid mock-interview marketplace.
///
/// Configuration comes from environment variables (and a `.env` file in
/// development); see `.env.example`. With none set, Mockomi uses a SQLite file
/// under ./data, writes e-mail into ./data/outbox and takes payments through its
/// built-in sandbox gateway.
#[derive(Debug, Parser)]
#[command(name = "mockomi", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web server and the background job worker.
    Serve,
    /// Run only the background job worker (for deployments that scale it separately).
    Worker,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load data into the database.
    Seed {
        /// Load the demonstration data set (users of every role, jobs, applications,
        /// interviews, coupons) and print how to log in. Runs once per database.
        #[arg(long)]
        demo: bool,
    },
}

/// Parses arguments, runs the command, and maps failure to a non-zero exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("mockomi: {error}");
            return ExitCode::from(2);
        }
    };
    crate::telemetry::init(config.log_format);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("mockomi: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command, config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("mockomi: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve => {
            let listener = tokio::net::TcpListener::bind(config.bind)
                .await
                .with_context(|| format!("cannot listen on {} (MOCKOMI_BIND)", config.bind))?;
            let state = server::build_state(config).await?;
            server::serve(state, listener, server::shutdown_signal()).await
        }
        Command::Worker => {
            let concurrency = config.worker_concurrency;
            let state = server::build_state(config).await?;
            let (stop, stopped) = tokio::sync::watch::channel(false);
            tokio::spawn(async move {
                server::shutdown_signal().await;
                let _ = stop.send(true);
            });
            tracing::info!(worker.concurrency = concurrency, "worker running");
            crate::jobs::worker::run(state, concurrency, stopped).await;
            Ok(())
        }
        Command::Migrate => {
            let db = Db::connect(&config.database_url, 2)
                .await
                .context("cannot open the database")?;
            let applied = migrate::run(&db).await?;
            println!("{applied} migration(s) applied");
            Ok(())
        }
        Command::Seed { demo } => {
            if !demo {
                anyhow::bail!("say what to load: `mockomi seed --demo`");
            }
            let public_url = config.public_url.clone();
            let state = server::build_state(config).await?;
            let seeded = crate::seed::demo(&state).await?;
            crate::seed::print_summary(&seeded, &public_url);
            Ok(())
        }
    }
}
