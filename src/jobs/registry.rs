//! The list of every job kind the worker knows, and how each one runs.

use std::future::Future;

use anyhow::{Context, bail};

use super::BackgroundJob;
use super::queue::JobRow;
use crate::app::interviews::announce::AnnounceRequest;
use crate::app::notifications::SendEmail;
use crate::app::payments::checkout::ConfirmPayment;
use crate::app::payments::expiry::ExpireUnpaidPayment;
use crate::state::AppState;
use crate::web::sandbox::DeliverSandboxWebhooks;

/// A job the worker can run.
pub trait Perform: BackgroundJob {
    /// Does the work. Must be idempotent: it may run more than once.
    fn perform(self, state: &AppState) -> impl Future<Output = anyhow::Result<()>> + Send;
}

/// Runs the claimed `row` with the implementation registered for its kind.
pub async fn run(state: &AppState, row: &JobRow) -> anyhow::Result<()> {
    match row.kind.as_str() {
        SendEmail::KIND => dispatch::<SendEmail>(state, row).await,
        ConfirmPayment::KIND => dispatch::<ConfirmPayment>(state, row).await,
        ExpireUnpaidPayment::KIND => dispatch::<ExpireUnpaidPayment>(state, row).await,
        DeliverSandboxWebhooks::KIND => dispatch::<DeliverSandboxWebhooks>(state, row).await,
        AnnounceRequest::KIND => dispatch::<AnnounceRequest>(state, row).await,
        other => bail!("unknown job kind `{other}`"),
    }
}

async fn dispatch<J: Perform>(state: &AppState, row: &JobRow) -> anyhow::Result<()> {
    let job: J = serde_json::from_str(&row.payload)
        .with_context(|| format!("payload of `{}` does not parse", J::KIND))?;
    job.perform(state).await
}
