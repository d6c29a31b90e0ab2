//! The browser's return from checkout: its signature is checked against the order
//! id we stored, never the one posted, and only queues a look-up at the gateway.
//! The interview opens when the payment is captured ([`super::capture`]).

use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::super::AppError;
use super::capture::{CaptureReport, apply_capture, apply_failure};
use crate::adapters::payment_gateway::{GatewayError, GatewayPaymentStatus};
use crate::adapters::razorpay_signature::verify_checkout as signature_matches;
use crate::domain::permissions::Actor;
use crate::domain::{InterviewId, PaymentId, UserId};
use crate::jobs::registry::Perform;
use crate::jobs::{BackgroundJob, enqueue};
use crate::state::AppState;
use crate::store::entity::{interviews, payments};

/// What checkout hands back on success.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct CheckoutResult {
    pub razorpay_order_id: Option<String>,
    pub razorpay_payment_id: String,
    pub razorpay_signature: String,
}

/// The state after a verified checkout.
#[derive(Clone, Debug, Serialize)]
pub struct CheckoutVerified {
    pub interview_id: InterviewId,
    pub payment_id: PaymentId,
    pub payment_status: String,
    pub interview_status: String,
}

/// Verifies the checkout signature for the interview's latest payment, records
/// the gateway payment id and queues [`ConfirmPayment`]. `caller` is the API
/// client, who must own the interview; the gateway's callback has none.
#[tracing::instrument(skip_all, fields(interview.id = %interview))]
pub async fn verify_checkout(
    state: &AppState,
    caller: Option<&Actor>,
    interview: InterviewId,
    result: &CheckoutResult,
) -> Result<CheckoutVerified, AppError> {
    if let Some(actor) = caller {
        let Some(row) = interviews::Entity::find_by_id(interview.0)
            .one(state.db.conn())
            .await?
        else {
            return Err(AppError::NotFound("interview"));
        };
        actor.require_owner(UserId(row.seeker_id))?;
    }
    let invalid = || {
        AppError::bad_request(
            "invalid_signature",
            "The payment confirmation could not be verified.",
        )
    };
    let Some(payment) = payments::Entity::find()
        .filter(payments::Column::InterviewId.eq(interview.0))
        .filter(payments::Column::GatewayOrderId.is_not_null())
        .order_by_desc(payments::Column::CreatedAt)
        .one(state.db.conn())
        .await?
    else {
        return Err(invalid());
    };
    let stored_order = payment.gateway_order_id.clone().unwrap_or_default();
    let payment_id = result.razorpay_payment_id.trim();
    if !signature_matches(
        &state.config.gateway.key_secret,
        &stored_order,
        payment_id,
        result.razorpay_signature.trim(),
    ) {
        return Err(invalid());
    }

    let now = state.clock.now();
    let tx = state.db.begin().await?;
    let recorded = payments::Entity::update_many()
        .col_expr(
            payments::Column::GatewayPaymentId,
            Func::if_null(
                Expr::col(payments::Column::GatewayPaymentId),
                Expr::val(payment_id.to_owned()),
            )
            .into(),
        )
        .col_expr(payments::Column::CheckoutVerifiedAt, Expr::value(now))
        .col_expr(payments::Column::UpdatedAt, Expr::value(now))
        .filter(payments::Column::Id.eq(payment.id))
        .filter(payments::Column::CheckoutVerifiedAt.is_null())
        .exec(&tx)
        .await?
        .rows_affected;
    if recorded == 1 {
        let job = ConfirmPayment {
            payment_id: PaymentId(payment.id),
            gateway_payment_id: payment_id.to_owned(),
        };
        enqueue(&tx, &job, now).await?;
    }
    tx.commit().await?;
    current_state(state, interview, PaymentId(payment.id)).await
}

async fn current_state(
    state: &AppState,
    interview: InterviewId,
    payment: PaymentId,
) -> Result<CheckoutVerified, AppError> {
    let conn = state.db.conn();
    let payment_row = payments::Entity::find_by_id(payment.0).one(conn).await?;
    let interview_row = interviews::Entity::find_by_id(interview.0)
        .one(conn)
        .await?;
    let (Some(payment_row), Some(interview_row)) = (payment_row, interview_row) else {
        return Err(AppError::NotFound("interview"));
    };
    Ok(CheckoutVerified {
        interview_id: interview,
        payment_id: payment,
        payment_status: payment_row.status,
        interview_status: interview_row.status,
    })
}

/// Asks the gateway about a payment the browser reported, and applies a capture
/// if the gateway confirms one. Covers a webhook that never arrives.
#[derive(Debug, Serialize, Deserialize)]
pub struct ConfirmPayment {
    pub payment_id: PaymentId,
    pub gateway_payment_id: String,
}

impl BackgroundJob for ConfirmPayment {
    const KIND: &'static str = "confirm_payment";
    const MAX_ATTEMPTS: i32 = 12;
}

impl Perform for ConfirmPayment {
    async fn perform(self, state: &AppState) -> anyhow::Result<()> {
        let Some(payment) = payments::Entity::find_by_id(self.payment_id.0)
            .one(state.db.conn())
            .await?
        else {
            tracing::info!(payment.id = %self.payment_id, "payment is gone; nothing to confirm");
            return Ok(());
        };
        let Some(order_id) = payment
            .gateway_order_id
            .filter(|_| payment.status != "captured")
        else {
            return Ok(());
        };
        let reported = match state.gateway.fetch_payment(&self.gateway_payment_id).await {
            Ok(reported) => reported,
            Err(GatewayError::Rejected { code, .. }) => {
                tracing::warn!(payment.id = %self.payment_id, gateway.code = %code, "gateway does not know the payment");
                return Ok(());
            }
            Err(error) => return Err(error.into()),
        };
        if reported.order_id.as_deref() != Some(order_id.as_str()) {
            tracing::warn!(payment.id = %self.payment_id, "gateway payment belongs to another order");
            return Ok(());
        }
        let tx = state.db.begin().await?;
        match reported.status {
            GatewayPaymentStatus::Captured => {
                let report = CaptureReport {
                    gateway_order_id: order_id,
                    gateway_payment_id: Some(reported.id),
                    amount: reported.amount,
                    currency: reported.currency,
                };
                apply_capture(state, &tx, &report).await?;
            }
            GatewayPaymentStatus::Failed => {
                apply_failure(state, &tx, &order_id, "payment_failed").await?;
            }
            GatewayPaymentStatus::Refunded => {}
            GatewayPaymentStatus::Created | GatewayPaymentStatus::Authorized => {
                anyhow::bail!("payment not captured yet; will ask again");
            }
        }
        tx.commit().await?;
        Ok(())
    }
}
