//! Unpaid orders expire: 30 minutes after an order is created, the gateway is
//! asked about it once more (the webhook may never have come). A paid order is
//! captured like any other report; an unpaid one ends its payment, and when the
//! interview has no other payment under way, the request expires and its coupon
//! use is given back.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use time::Duration;

use super::super::AppError;
use super::super::notifications::{Notice, notify};
use super::capture::{CaptureReport, apply_capture};
use super::coupons::release_use;
use crate::domain::interview::InterviewStatus;
use crate::domain::{InterviewId, PaymentId, UserId};
use crate::jobs::BackgroundJob;
use crate::jobs::registry::Perform;
use crate::state::AppState;
use crate::store::WriteTx;
use crate::store::entity::{interviews, payments};

/// How long an order may stay unpaid.
pub const ORDER_TTL: Duration = Duration::minutes(30);

/// Expires one payment's order if it is still unpaid when due.
#[derive(Debug, Serialize, Deserialize)]
pub struct ExpireUnpaidPayment {
    pub payment_id: PaymentId,
}

impl BackgroundJob for ExpireUnpaidPayment {
    const KIND: &'static str = "expire_unpaid_payment";
    const MAX_ATTEMPTS: i32 = 12;
}

impl Perform for ExpireUnpaidPayment {
    async fn perform(self, state: &AppState) -> anyhow::Result<()> {
        let Some(payment) = payments::Entity::find_by_id(self.payment_id.0)
            .one(state.db.conn())
            .await?
        else {
            return Ok(());
        };
        let Some(order_id) = payment.gateway_order_id.clone() else {
            return Ok(());
        };
        if payment.status != "created" {
            return Ok(());
        }
        let order = state.gateway.fetch_order(&order_id).await?;
        if order.status == "attempted" && payment.checkout_verified_at.is_some() {
            // The browser came back from a payment the gateway has not settled yet.
            anyhow::bail!("a payment on the order is still in flight; will ask again");
        }
        let tx = state.db.begin().await?;
        if order.status == "paid" {
            let report = CaptureReport {
                gateway_order_id: order_id,
                gateway_payment_id: None,
                amount: order.amount,
                currency: order.currency,
            };
            apply_capture(state, &tx, &report).await?;
        } else {
            expire(state, &tx, &payment).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Ends an unpaid payment and, if it was the interview's last hope, the request.
async fn expire(state: &AppState, tx: &WriteTx, payment: &payments::Model) -> Result<(), AppError> {
    let now = state.clock.now();
    let ended = payments::Entity::update_many()
        .col_expr(payments::Column::Status, Expr::value("failed"))
        .col_expr(payments::Column::FailureReason, Expr::value("expired"))
        .col_expr(payments::Column::UpdatedAt, Expr::value(now))
        .filter(payments::Column::Id.eq(payment.id))
        .filter(payments::Column::Status.eq("created"))
        .exec(tx)
        .await?
        .rows_affected;
    let others_under_way = payments::Entity::find()
        .filter(payments::Column::InterviewId.eq(payment.interview_id))
        .filter(payments::Column::Status.is_in(["creating", "created"]))
        .count(tx)
        .await?;
    if ended != 1 || others_under_way > 0 {
        return Ok(());
    }
    let interview = InterviewId(payment.interview_id);
    let expired = interviews::Entity::update_many()
        .col_expr(
            interviews::Column::Status,
            Expr::value(InterviewStatus::Expired.as_str()),
        )
        .col_expr(interviews::Column::UpdatedAt, Expr::value(now))
        .filter(interviews::Column::Id.eq(interview.0))
        .filter(interviews::Column::Status.eq(InterviewStatus::AwaitingPayment.as_str()))
        .exec(tx)
        .await?
        .rows_affected;
    if expired != 1 {
        return Ok(());
    }
    release_use(tx, interview, now).await?;
    let notice = Notice {
        kind: "interview_request_expired",
        title: "Your mock interview request expired unpaid".into(),
        body: "The payment was not completed within 30 minutes, so the request was closed. \
               No money was taken; you can make a new request at any time."
            .into(),
        link: Some("/me/interviews/new".into()),
    };
    notify(state, tx, UserId(payment.user_id), notice).await
}
