//! Applying the gateway's word about a payment, at most once.
//!
//! `payment.captured` and `order.paid` both arrive for the same money, each may
//! arrive many times and in any order, and the `ConfirmPayment` job may learn the
//! same fact by asking the gateway. All of them end in [`apply_capture`], whose
//! conditional update of the payment row lets exactly one caller through to the
//! effects: the interview opens, the coupon use is committed, people are told.

use crate::app::interviews::announce::enqueue_announcement;
use crate::domain::interview::InterviewStatus;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use time::Duration;

use super::super::AppError;
use super::super::notifications::{Notice, notify};
use super::coupons::commit_use;
use crate::domain::{InterviewId, Money, UserId};
use crate::state::AppState;
use crate::store::WriteTx;
use crate::store::entity::{interviews, payments};

/// A captured payment as the gateway reported it.
#[derive(Clone, Debug)]
pub struct CaptureReport {
    pub gateway_order_id: String,
    pub gateway_payment_id: Option<String>,
    pub amount: Money,
    pub currency: String,
}

/// What [`apply_capture`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureOutcome {
    /// This call captured the payment and applied its effects.
    Applied,
    /// The payment was already captured; nothing changed.
    AlreadyCaptured,
    /// No payment of ours has this order id.
    UnknownOrder,
    /// The amount or currency differs from ours; refused.
    Mismatch,
}

/// Records a capture within `tx` and, the first time only, opens the interview
/// and tells the seeker and the matching interviewers.
#[tracing::instrument(skip_all)]
pub async fn apply_capture(
    state: &AppState,
    tx: &WriteTx,
    report: &CaptureReport,
) -> Result<CaptureOutcome, AppError> {
    let Some(payment) = payments::Entity::find()
        .filter(payments::Column::GatewayOrderId.eq(report.gateway_order_id.clone()))
        .one(tx)
        .await?
    else {
        return Ok(CaptureOutcome::UnknownOrder);
    };
    if payment.amount != report.amount.paise() || payment.currency != report.currency {
        tracing::warn!(payment.id = %payment.id, "captured amount or currency differs; refused");
        return Ok(CaptureOutcome::Mismatch);
    }
    let now = state.clock.now();
    let gateway_payment_id = Func::if_null(
        Expr::col(payments::Column::GatewayPaymentId),
        Expr::val(report.gateway_payment_id.clone()),
    );
    let captured = payments::Entity::update_many()
        .col_expr(payments::Column::Status, Expr::value("captured"))
        .col_expr(payments::Column::CapturedAt, Expr::value(now))
        .col_expr(
            payments::Column::GatewayPaymentId,
            gateway_payment_id.into(),
        )
        .col_expr(payments::Column::UpdatedAt, Expr::value(now))
        .filter(payments::Column::Id.eq(payment.id))
        .filter(payments::Column::Status.is_in(["created", "failed"]))
        .exec(tx)
        .await?
        .rows_affected;
    if captured != 1 {
        return Ok(CaptureOutcome::AlreadyCaptured);
    }
    let interview = InterviewId(payment.interview_id);
    let open_until = now + Duration::days(state.config.market.request_open_days);
    let opened = interviews::Entity::update_many()
        .col_expr(
            interviews::Column::Status,
            Expr::value(InterviewStatus::Open.as_str()),
        )
        .col_expr(interviews::Column::OpenUntil, Expr::value(open_until))
        .col_expr(interviews::Column::UpdatedAt, Expr::value(now))
        .filter(interviews::Column::Id.eq(interview.0))
        .filter(interviews::Column::Status.eq(InterviewStatus::AwaitingPayment.as_str()))
        .exec(tx)
        .await?
        .rows_affected;
    if opened != 1 {
        // FIXME: a second captured payment for an interview that was already paid is
        // kept but not refunded: refunds do not exist yet (docs/ARCHITECTURE.md, Known quirks).
        tracing::warn!(payment.id = %payment.id, "payment captured for an interview no longer awaiting payment");
        return Ok(CaptureOutcome::Applied);
    }
    commit_use(tx, interview, now).await?;
    let paid = Money::from_paise(payment.amount);
    announce_open(state, tx, interview, UserId(payment.user_id), Some(paid)).await?;
    Ok(CaptureOutcome::Applied)
}

/// Marks the payment of `gateway_order_id` failed unless it was captured (a later
/// capture still wins). Tells the seeker the first time.
pub async fn apply_failure(
    state: &AppState,
    tx: &WriteTx,
    gateway_order_id: &str,
    reason: &str,
) -> Result<bool, AppError> {
    let Some(payment) = payments::Entity::find()
        .filter(payments::Column::GatewayOrderId.eq(gateway_order_id.to_owned()))
        .one(tx)
        .await?
    else {
        return Ok(false);
    };
    let now = state.clock.now();
    let failed = payments::Entity::update_many()
        .col_expr(payments::Column::Status, Expr::value("failed"))
        .col_expr(
            payments::Column::FailureReason,
            Expr::value(reason.to_owned()),
        )
        .col_expr(payments::Column::UpdatedAt, Expr::value(now))
        .filter(payments::Column::Id.eq(payment.id))
        .filter(payments::Column::Status.eq("created"))
        .exec(tx)
        .await?
        .rows_affected;
    if failed != 1 {
        return Ok(false);
    }
    let notice = Notice {
        kind: "payment_failed",
        title: "Your payment did not go through".into(),
        body: "The payment for your mock interview failed. No money was taken; you can try \
               again from your interview page."
            .into(),
        link: Some(format!("/me/interviews/{}", payment.interview_id)),
    };
    notify(state, tx, UserId(payment.user_id), notice).await?;
    Ok(true)
}

/// Tells the seeker their request is open (`paid` says what they paid, if
/// anything) and queues the announcement to every approved interviewer whose skills match.
pub async fn announce_open(
    state: &AppState,
    tx: &WriteTx,
    interview: InterviewId,
    seeker: UserId,
    paid: Option<Money>,
) -> Result<(), AppError> {
    let link = Some(format!("/me/interviews/{interview}"));
    let seeker_notice = match paid {
        Some(amount) => Notice {
            kind: "payment_succeeded",
            title: "Payment received".into(),
            body: format!(
                "We received your payment of {amount}. Your mock interview request is open \
                 and matching interviewers have been told."
            ),
            link,
        },
        None => Notice {
            kind: "interview_request_opened",
            title: "Your mock interview request is open".into(),
            body: "Your coupon covered the price. Matching interviewers have been told.".into(),
            link,
        },
    };
    notify(state, tx, seeker, seeker_notice).await?;
    // Interviewers are told by a job, so a webhook answers fast however many match.
    enqueue_announcement(state, tx, interview).await?;
    Ok(())
}
