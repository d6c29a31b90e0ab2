//! Requesting a mock interview and paying for it: the price is computed here,
//! never taken from the client, and the gateway is called outside transactions.

use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use time::Duration;

use super::super::AppError;
use super::capture::announce_open;
use super::coupons;
use super::order::{insert_payment, open_order};
use super::{InterviewView, RequestCreated};
use crate::domain::booking::BookingRequest;
use crate::domain::permissions::Actor;
use crate::domain::pricing::{Charge, charge_for};
use crate::domain::{InterviewId, Money};
use crate::state::AppState;
use crate::store::entity::{interview_skills, interviews};

/// Records a request for `actor` and, unless a coupon made it free, creates the
/// gateway order for it. A free request opens at once.
pub async fn request_interview(
    state: &AppState,
    actor: &Actor,
    booking: BookingRequest,
    coupon_code: Option<&str>,
) -> Result<RequestCreated, AppError> {
    let now = state.clock.now();
    let list_price = state.config.market.interview_price;
    let interview = InterviewId::new();
    let tx = state.db.begin().await?;

    let coupon = match coupon_code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => Some(coupons::find_usable(&tx, code, actor.user_id, now).await?),
        None => None,
    };
    let charge = charge_for(list_price, coupon.as_ref().map(|c| c.discount));
    let free = charge == Charge::Free;
    let open_until = free.then(|| now + Duration::days(state.config.market.request_open_days));
    let row = interviews::ActiveModel {
        id: Set(interview.0),
        seeker_id: Set(actor.user_id.0),
        interviewer_id: Set(None),
        status: Set(if free { "open" } else { "awaiting_payment" }.to_owned()),
        duration_minutes: Set(booking.duration_minutes),
        notes: Set(booking.notes.clone()),
        list_price: Set(list_price.paise()),
        amount_due: Set(charge.amount().paise()),
        coupon_id: Set(coupon.as_ref().map(|c| c.id.0)),
        open_until: Set(open_until),
        scheduled_start: Set(None),
        scheduled_end: Set(None),
        meeting_url: Set(None),
        claimed_at: Set(None),
        started_at: Set(None),
        completed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    interviews::Entity::insert(row)
        .exec_without_returning(&tx)
        .await?;
    let skills = booking
        .skills
        .iter()
        .map(|skill| interview_skills::ActiveModel {
            interview_id: Set(interview.0),
            skill: Set(skill.clone()),
        });
    interview_skills::Entity::insert_many(skills)
        .exec_without_returning(&tx)
        .await?;
    if let Some(coupon) = &coupon {
        coupons::reserve(&tx, coupon, actor.user_id, interview, free, now).await?;
    }
    let payment = match charge {
        Charge::Free => {
            announce_open(state, &tx, interview, actor.user_id, None).await?;
            None
        }
        Charge::Pay(amount) => {
            Some(insert_payment(state, &tx, interview, actor.user_id, amount).await?)
        }
    };
    tx.commit().await?;

    let view = InterviewView {
        id: interview,
        status: if free { "open" } else { "awaiting_payment" }.to_owned(),
        skills: booking.skills,
        duration_minutes: booking.duration_minutes,
        list_price: list_price.paise(),
        amount_due: charge.amount().paise(),
    };
    let payment = match payment {
        Some(payment) => Some(open_order(state, payment, interview, charge.amount()).await?),
        None => None,
    };
    Ok(RequestCreated {
        interview: view,
        payment,
    })
}

/// Starts a new payment attempt (a new gateway order) for an interview that is
/// still awaiting payment, e.g. after the gateway was unavailable.
pub async fn retry_payment(
    state: &AppState,
    actor: &Actor,
    interview: InterviewId,
) -> Result<RequestCreated, AppError> {
    let Some(row) = interviews::Entity::find_by_id(interview.0)
        .one(state.db.conn())
        .await?
    else {
        return Err(AppError::NotFound("interview"));
    };
    actor.require_owner(crate::domain::UserId(row.seeker_id))?;
    if row.status != "awaiting_payment" {
        return Err(AppError::conflict(
            "interview_not_awaiting_payment",
            "This interview is not waiting for a payment.",
        ));
    }
    let amount = Money::from_paise(row.amount_due);
    let tx = state.db.begin().await?;
    let payment = insert_payment(state, &tx, interview, actor.user_id, amount).await?;
    tx.commit().await?;

    let payment = open_order(state, payment, interview, amount).await?;
    let skills = interview_skills::Entity::find()
        .filter(interview_skills::Column::InterviewId.eq(interview.0))
        .all(state.db.conn())
        .await?;
    Ok(RequestCreated {
        interview: InterviewView {
            id: interview,
            status: row.status,
            skills: skills.into_iter().map(|s| s.skill).collect(),
            duration_minutes: row.duration_minutes,
            list_price: row.list_price,
            amount_due: row.amount_due,
        },
        payment: Some(payment),
    })
}
