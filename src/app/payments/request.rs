//! Requesting a mock interview and paying for it: the price is computed here,
//! never taken from the client, and the gateway is called outside transactions.

use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use time::{Duration, OffsetDateTime};

use super::super::AppError;
use super::capture::announce_open;
use super::coupons;
use super::order::{insert_payment, open_order};
use super::{InterviewView, RequestCreated};
use crate::app::profiles::load_profile;
use crate::domain::booking::BookingRequest;
use crate::domain::interview::InterviewStatus;
use crate::domain::permissions::Actor;
use crate::domain::pricing::{Charge, charge_for};
use crate::domain::{CouponId, InterviewId, Money, UserId};
use crate::state::AppState;
use crate::store::WriteTx;
use crate::store::entity::{interview_skills, interviews};

/// Records a request for `actor` and, unless a coupon made it free, creates the
/// gateway order for it. A free request opens at once.
#[tracing::instrument(skip_all, fields(user.id = %actor.user_id))]
pub async fn request_interview(
    state: &AppState,
    actor: &Actor,
    booking: BookingRequest,
    coupon_code: Option<&str>,
) -> Result<RequestCreated, AppError> {
    let now = state.clock.now();
    let list_price = state.config.market.interview_price;
    let tx = state.db.begin().await?;
    require_complete_profile(&tx, actor.user_id).await?;

    let coupon = match coupon_code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => Some(coupons::find_usable(&tx, code, actor.user_id, now).await?),
        None => None,
    };
    let charge = charge_for(list_price, coupon.as_ref().map(|c| c.discount));
    let free = charge == Charge::Free;
    let open_until = free.then(|| now + Duration::days(state.config.market.request_open_days));
    let new = NewInterview {
        seeker: actor.user_id,
        booking: &booking,
        list_price,
        charge,
        coupon: coupon.as_ref().map(|c| c.id),
        open_until,
    };
    let interview = insert_interview(&tx, &new, now).await?;
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

    let payment = match payment {
        Some(payment) => Some(open_order(state, payment, interview, charge.amount()).await?),
        None => None,
    };
    let view = InterviewView {
        id: interview,
        status: status_of(charge).to_owned(),
        skills: booking.skills,
        duration_minutes: booking.duration_minutes,
        list_price: list_price.paise(),
        amount_due: charge.amount().paise(),
    };
    Ok(RequestCreated {
        interview: view,
        payment,
    })
}

/// What a new interview row holds.
struct NewInterview<'a> {
    seeker: UserId,
    booking: &'a BookingRequest,
    list_price: Money,
    charge: Charge,
    coupon: Option<CouponId>,
    open_until: Option<OffsetDateTime>,
}

/// A free request opens at once; a paid one waits for its payment.
fn status_of(charge: Charge) -> &'static str {
    match charge {
        Charge::Free => InterviewStatus::Open.as_str(),
        Charge::Pay(_) => InterviewStatus::AwaitingPayment.as_str(),
    }
}

async fn insert_interview(
    tx: &WriteTx,
    new: &NewInterview<'_>,
    now: OffsetDateTime,
) -> Result<InterviewId, AppError> {
    let id = InterviewId::new();
    let row = interviews::ActiveModel {
        id: Set(id.0),
        seeker_id: Set(new.seeker.0),
        interviewer_id: Set(None),
        status: Set(status_of(new.charge).to_owned()),
        duration_minutes: Set(new.booking.duration_minutes),
        notes: Set(new.booking.notes.clone()),
        list_price: Set(new.list_price.paise()),
        amount_due: Set(new.charge.amount().paise()),
        coupon_id: Set(new.coupon.map(|c| c.0)),
        open_until: Set(new.open_until),
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
        .exec_without_returning(tx)
        .await?;
    let skills = new
        .booking
        .skills
        .iter()
        .map(|skill| interview_skills::ActiveModel {
            interview_id: Set(id.0),
            skill: Set(skill.clone()),
        });
    interview_skills::Entity::insert_many(skills)
        .exec_without_returning(tx)
        .await?;
    Ok(id)
}

/// Starts a new payment attempt (a new gateway order) for an interview that is
/// still awaiting payment, e.g. after the gateway was unavailable.
#[tracing::instrument(skip_all, fields(interview.id = %interview))]
pub async fn retry_payment(
    state: &AppState,
    actor: &Actor,
    interview: InterviewId,
) -> Result<RequestCreated, AppError> {
    let conn = state.db.conn();
    let Some(row) = interviews::Entity::find_by_id(interview.0)
        .one(conn)
        .await?
    else {
        return Err(AppError::NotFound("interview"));
    };
    actor.require_owner(UserId(row.seeker_id))?;
    if row.status != InterviewStatus::AwaitingPayment.as_str() {
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
        .all(conn)
        .await?;
    let view = InterviewView {
        id: interview,
        status: row.status,
        skills: skills.into_iter().map(|s| s.skill).collect(),
        duration_minutes: row.duration_minutes,
        list_price: row.list_price,
        amount_due: row.amount_due,
    };
    Ok(RequestCreated {
        interview: view,
        payment: Some(payment),
    })
}

/// Booking needs a complete profile, like applying (enforced here, not only in pages).
async fn require_complete_profile(tx: &WriteTx, seeker: UserId) -> Result<(), AppError> {
    let profile = load_profile(tx, seeker).await?;
    if profile.complete {
        return Ok(());
    }
    Err(AppError::rule(
        "profile_incomplete",
        format!(
            "Complete your profile before booking a mock interview; missing: {}.",
            profile.missing.join(", ")
        ),
    ))
}
