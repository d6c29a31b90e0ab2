//! Building the application state from configuration and running the server.

use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::adapters::clock::{Clock, SystemClock};
use crate::adapters::mailer::OutboxMailer;
use crate::adapters::razorpay::RazorpayClient;
use crate::config::Config;
use crate::state::{AppState, Keys};
use crate::store::{Db, migrate};

/// How long in-flight requests and jobs may take to finish after a shutdown signal.
const DRAIN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// Connects, migrates and assembles the state (with the system clock).
pub async fn build_state(config: Config) -> anyhow::Result<AppState> {
    build_state_with_clock(config, Arc::new(SystemClock)).await
}

/// Connects, migrates and assembles the state around `clock`.
pub async fn build_state_with_clock(
    mut config: Config,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<AppState> {
    config
        .ensure_dev_secret()
        .context("cannot create the development secret key")?;
    let db = Db::connect(&config.database_url, config.database_max_connections)
        .await
        .context("cannot open the database (DATABASE_URL)")?;
    let applied = migrate::run(&db)
        .await
        .context("database migrations failed")?;
    if applied > 0 {
        tracing::info!(migrations.applied = applied, "database migrated");
    }
    let mailer = OutboxMailer::new(config.outbox_dir.clone(), config.mail_from.clone())
        .context("cannot create the mail outbox directory (MOCKOMI_MAIL_OUTBOX)")?;
    let gateway = RazorpayClient::new(&config.gateway).context("cannot build the HTTP client")?;
    Ok(AppState {
        keys: Arc::new(Keys::derive(&config.secret_key)),
        config: Arc::new(config),
        db,
        clock,
        mailer: Arc::new(mailer),
        gateway: Arc::new(gateway),
    })
}

/// Serves HTTP on `listener` (and runs the job worker unless disabled) until
/// `shutdown` resolves, then drains requests and jobs.
pub async fn serve(
    state: AppState,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (stop_tx, stop_rx) = watch::channel(false);
    let worker = state.config.run_worker.then(|| {
        tokio::spawn(crate::jobs::worker::run(
            state.clone(),
            state.config.worker_concurrency,
            stop_rx.clone(),
        ))
    });
    let app = crate::web::router(state.clone());
    let address = listener.local_addr()?;
    tracing::info!(http.address = %address, public_url = %state.config.public_url, "listening");
    let mut stop_http = stop_rx.clone();
    let signal = async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    };
    tokio::spawn(signal);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        let _ = stop_http.wait_for(|stop| *stop).await;
    })
    .await?;
    if let Some(worker) = worker
        && tokio::time::timeout(DRAIN_TIMEOUT, worker).await.is_err()
    {
        tracing::warn!("job worker did not finish in time; its jobs will be retried");
    }
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
    tracing::info!("shutdown requested; draining");
}
