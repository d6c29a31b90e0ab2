//! The payment state of an interview as its pages show it ("confirming payment"
//! while the browser came back from checkout but the capture is not known yet).

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::super::AppError;
use crate::domain::{InterviewId, PaymentId};
use crate::store::entity::payments;

/// Where an interview's latest payment stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PaymentState {
    pub payment_id: PaymentId,
    /// `creating`, `created`, `captured` or `failed`.
    pub status: String,
    /// Paise.
    pub amount: i64,
    /// The browser returned from checkout with a valid signature, and the
    /// capture is not recorded yet: show "confirming payment".
    pub confirming: bool,
}

/// The latest payment of `interview`, if it has any (a free interview has none).
pub async fn latest_payment(
    conn: &impl ConnectionTrait,
    interview: InterviewId,
) -> Result<Option<PaymentState>, AppError> {
    let payment = payments::Entity::find()
        .filter(payments::Column::InterviewId.eq(interview.0))
        .order_by_desc(payments::Column::CreatedAt)
        .one(conn)
        .await?;
    Ok(payment.map(|p| PaymentState {
        payment_id: PaymentId(p.id),
        confirming: p.checkout_verified_at.is_some() && p.status == "created",
        status: p.status,
        amount: p.amount,
    }))
}
