//! Creating the gateway order for a payment row, outside any transaction.
//!
//! The payment row is committed as `creating` first, so a crash during the call
//! leaves a visible trace; the order id is written in a second transaction.

use std::collections::BTreeMap;

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::super::AppError;
use super::expiry::{ExpireUnpaidPayment, ORDER_TTL};
use super::{CURRENCY, PaymentView};
use crate::config::GatewayMode;
use crate::domain::interview::InterviewStatus;
use crate::domain::{InterviewId, Money, PaymentId, UserId};
use crate::jobs::enqueue_at;
use crate::state::AppState;
use crate::store::WriteTx;
use crate::store::entity::payments::{self, Column};

/// Inserts a payment row in status `creating` within `tx`.
pub async fn insert_payment(
    state: &AppState,
    tx: &WriteTx,
    interview: InterviewId,
    user: UserId,
    amount: Money,
) -> Result<PaymentId, AppError> {
    let now = state.clock.now();
    let id = PaymentId::new();
    let row = payments::ActiveModel {
        id: Set(id.0),
        interview_id: Set(interview.0),
        user_id: Set(user.0),
        amount: Set(amount.paise()),
        currency: Set(CURRENCY.to_owned()),
        status: Set("creating".to_owned()),
        gateway_order_id: Set(None),
        gateway_payment_id: Set(None),
        checkout_verified_at: Set(None),
        captured_at: Set(None),
        failure_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    payments::Entity::insert(row)
        .exec_without_returning(tx)
        .await?;
    Ok(id)
}

/// Creates the gateway order for a committed `creating` payment and records it.
/// On failure the payment is marked failed and the caller gets 503.
pub async fn open_order(
    state: &AppState,
    payment: PaymentId,
    interview: InterviewId,
    amount: Money,
) -> Result<PaymentView, AppError> {
    let notes = BTreeMap::from([
        ("interview_id".to_owned(), interview.to_string()),
        ("payment_id".to_owned(), payment.to_string()),
    ]);
    let receipt = payment.0.simple().to_string();
    let result = state.gateway.create_order(amount, &receipt, &notes).await;
    let order = match result {
        Ok(order) if order.amount == amount => order,
        Ok(_) => return Err(fail(state, payment, "gateway_amount_mismatch").await),
        Err(error) => {
            tracing::warn!(payment.id = %payment, error = %error, "gateway order failed");
            return Err(fail(state, payment, "gateway_unavailable").await);
        }
    };
    let now = state.clock.now();
    let tx = state.db.begin().await?;
    payments::Entity::update_many()
        .col_expr(Column::GatewayOrderId, Expr::value(order.id.clone()))
        .col_expr(Column::Status, Expr::value("created"))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(payment.0))
        .filter(Column::Status.eq("creating"))
        .exec(&tx)
        .await?;
    let expiry = ExpireUnpaidPayment {
        payment_id: payment,
    };
    enqueue_at(&tx, &expiry, now + ORDER_TTL, now).await?;
    tx.commit().await?;
    Ok(PaymentView {
        id: payment,
        checkout_url: checkout_url(state, interview, &order.id),
        order_id: order.id,
        amount: amount.paise(),
        currency: CURRENCY,
        key_id: state.gateway.key_id().to_owned(),
    })
}

/// Marks the payment failed and returns the error for the caller.
async fn fail(state: &AppState, payment: PaymentId, reason: &str) -> AppError {
    let marked = async {
        let tx = state.db.begin().await?;
        payments::Entity::update_many()
            .col_expr(Column::Status, Expr::value("failed"))
            .col_expr(Column::FailureReason, Expr::value(reason.to_owned()))
            .col_expr(Column::UpdatedAt, Expr::value(state.clock.now()))
            .filter(Column::Id.eq(payment.0))
            .filter(Column::Status.eq("creating"))
            .exec(&tx)
            .await?;
        tx.commit().await
    };
    if let Err(error) = marked.await {
        tracing::error!(payment.id = %payment, error = %error, "cannot mark payment failed");
    }
    AppError::Unavailable {
        code: "gateway_unavailable",
        detail: "The payment gateway is unavailable. Your request was saved; try paying again \
                 in a moment."
            .into(),
    }
}

/// Where the browser pays: the sandbox's checkout page, or our page that opens
/// Razorpay Checkout.
pub fn checkout_url(state: &AppState, interview: InterviewId, order_id: &str) -> String {
    let public = &state.config.public_url;
    match state.config.gateway.mode {
        GatewayMode::Sandbox => {
            let callback = format!("{public}/interviews/{interview}/payment/callback");
            let query = [("order_id", order_id), ("callback_url", callback.as_str())];
            let query = serde_urlencoded::to_string(query).unwrap_or_default();
            format!("{}/checkout?{query}", state.config.gateway.api_base)
        }
        GatewayMode::Razorpay => format!("{public}/interviews/{interview}/pay"),
    }
}

/// The open payment of an interview that awaits payment, as the checkout needs it.
pub async fn pending_payment(
    state: &AppState,
    actor: &crate::domain::permissions::Actor,
    interview: InterviewId,
) -> Result<PaymentView, AppError> {
    use sea_orm::QueryOrder;

    let conn = state.db.conn();
    let Some(row) = crate::store::entity::interviews::Entity::find_by_id(interview.0)
        .one(conn)
        .await?
    else {
        return Err(AppError::NotFound("interview"));
    };
    actor.require_owner(UserId(row.seeker_id))?;
    let payment = payments::Entity::find()
        .filter(Column::InterviewId.eq(interview.0))
        .filter(Column::Status.eq("created"))
        .order_by_desc(Column::CreatedAt)
        .one(conn)
        .await?;
    let (Some(payment), true) = (
        payment,
        row.status == InterviewStatus::AwaitingPayment.as_str(),
    ) else {
        return Err(AppError::conflict(
            "interview_not_awaiting_payment",
            "This interview is not waiting for a payment.",
        ));
    };
    let order_id = payment.gateway_order_id.unwrap_or_default();
    Ok(PaymentView {
        id: PaymentId(payment.id),
        checkout_url: checkout_url(state, interview, &order_id),
        order_id,
        amount: payment.amount,
        currency: CURRENCY,
        key_id: state.gateway.key_id().to_owned(),
    })
}
