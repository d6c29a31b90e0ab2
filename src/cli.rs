//! The command line: `mockomi serve | migrate | admin create`.

use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::app::AppError;
use crate::app::accounts::{NewAdmin, create_admin};
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
    /// Administer accounts from the command line.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Create an admin account (e-mail verified, password policy applied).
    ///
    /// The password is read from MOCKOMI_ADMIN_PASSWORD or, when that is unset,
    /// from the first line of standard input. Admins can only be created this way.
    Create {
        /// The admin's e-mail address (must not be registered yet).
        #[arg(long)]
        email: String,
        /// The admin's first name.
        #[arg(long)]
        first_name: String,
        /// The admin's last name.
        #[arg(long)]
        last_name: String,
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
        Command::Admin {
            command:
                AdminCommand::Create {
                    email,
                    first_name,
                    last_name,
                },
        } => {
            let password = admin_password()?;
            let state = server::build_state(config).await?;
            let input = NewAdmin {
                email,
                first_name,
                last_name,
                password,
            };
            let account = create_admin(&state, input)
                .await
                .map_err(describe_app_error)?;
            println!("admin {} created ({})", account.id.0, account.email);
            Ok(())
        }
    }
}

/// The new admin's password: `MOCKOMI_ADMIN_PASSWORD`, else one line of standard input.
fn admin_password() -> anyhow::Result<String> {
    if let Ok(password) = std::env::var("MOCKOMI_ADMIN_PASSWORD")
        && !password.is_empty()
    {
        return Ok(password);
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    anyhow::ensure!(
        !password.is_empty(),
        "no password: set MOCKOMI_ADMIN_PASSWORD or pipe one line on standard input"
    );
    Ok(password)
}

/// Turns a refused use case into a message naming each field problem.
fn describe_app_error(error: AppError) -> anyhow::Error {
    match error {
        AppError::Validation(fields) => {
            let problems: Vec<String> = fields
                .iter()
                .map(|f| format!("{} ({}): {}", f.field, f.code, f.message))
                .collect();
            anyhow::anyhow!("refused: {}", problems.join("; "))
        }
        other => anyhow::anyhow!("refused: {other}"),
    }
}
