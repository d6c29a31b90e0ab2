//! Coupon uses for interview requests: reserved when the request is made,
//! committed when its payment is captured (or at once for a free request).
//!
//! The global limit holds under any concurrency because the reservation is a
//! conditional `used_count + 1` on the coupon row; that update also locks the row
//! on PostgreSQL, so the per-user count taken after it sees every earlier use.

use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter,
};
use time::OffsetDateTime;

use super::super::AppError;
use crate::domain::pricing::{CouponRefusal, CouponTerms, Discount};
use crate::domain::{CouponId, InterviewId, Money, UserId};
use crate::store::WriteTx;
use crate::store::entity::{coupon_uses, coupons};

/// A coupon found by its code, ready to be reserved.
#[derive(Clone, Debug)]
pub struct FoundCoupon {
    pub id: CouponId,
    pub discount: Discount,
    terms: CouponTerms,
}

/// Finds the coupon `code` (case-insensitive) and checks it may be used by `user` now.
pub async fn find_usable(
    tx: &WriteTx,
    code: &str,
    user: UserId,
    now: OffsetDateTime,
) -> Result<FoundCoupon, AppError> {
    let code = code.trim().to_lowercase();
    let Some(row) = coupons::Entity::find()
        .filter(Expr::expr(Func::lower(Expr::col(coupons::Column::Code))).eq(code))
        .one(tx)
        .await?
    else {
        return Err(AppError::field(
            "coupon_code",
            "coupon_not_found",
            "There is no coupon with this code.",
        ));
    };
    let discount = match row.kind.as_str() {
        "percent" => Discount::Percent(row.value),
        _ => Discount::Flat(Money::from_paise(row.value)),
    };
    let terms = CouponTerms {
        active: row.active,
        starts_at: row.starts_at,
        expires_at: row.expires_at,
        per_user_limit: row.per_user_limit,
        global_limit: row.global_limit,
        used_count: row.used_count,
    };
    let id = CouponId(row.id);
    terms
        .check(now, uses_by(tx, id, user).await?)
        .map_err(refused)?;
    Ok(FoundCoupon {
        id,
        discount,
        terms,
    })
}

/// Reserves one use of `coupon` for `interview` (or commits it at once when
/// `committed`), within `tx`. Fails when a limit was reached meanwhile.
pub async fn reserve(
    tx: &WriteTx,
    coupon: &FoundCoupon,
    user: UserId,
    interview: InterviewId,
    committed: bool,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let under_limit = Condition::any()
        .add(coupons::Column::GlobalLimit.is_null())
        .add(Expr::col(coupons::Column::UsedCount).lt(Expr::col(coupons::Column::GlobalLimit)));
    let taken = coupons::Entity::update_many()
        .col_expr(
            coupons::Column::UsedCount,
            Expr::col(coupons::Column::UsedCount).add(1),
        )
        .col_expr(coupons::Column::UpdatedAt, Expr::value(now))
        .filter(coupons::Column::Id.eq(coupon.id.0))
        .filter(coupons::Column::Active.eq(true))
        .filter(under_limit)
        .exec(tx)
        .await?
        .rows_affected;
    if taken != 1 {
        return Err(refused(CouponRefusal::Exhausted));
    }
    // Counted after the update: on PostgreSQL the row lock orders concurrent uses.
    if uses_by(tx, coupon.id, user).await? >= i64::from(coupon.terms.per_user_limit) {
        return Err(refused(CouponRefusal::UserLimitReached));
    }
    let status = if committed { "committed" } else { "reserved" };
    let row = coupon_uses::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        coupon_id: Set(coupon.id.0),
        user_id: Set(user.0),
        interview_id: Set(interview.0),
        status: Set(status.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
    };
    coupon_uses::Entity::insert(row)
        .exec_without_returning(tx)
        .await?;
    Ok(())
}

/// Turns the reserved use of `interview` into a committed one (payment captured).
pub async fn commit_use(
    tx: &WriteTx,
    interview: InterviewId,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    coupon_uses::Entity::update_many()
        .col_expr(coupon_uses::Column::Status, Expr::value("committed"))
        .col_expr(coupon_uses::Column::UpdatedAt, Expr::value(now))
        .filter(coupon_uses::Column::InterviewId.eq(interview.0))
        .filter(coupon_uses::Column::Status.eq("reserved"))
        .exec(tx)
        .await?;
    Ok(())
}

/// Gives back the reserved use of `interview` (its order expired unpaid).
pub async fn release_use(
    tx: &WriteTx,
    interview: InterviewId,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let Some(reserved) = coupon_uses::Entity::find()
        .filter(coupon_uses::Column::InterviewId.eq(interview.0))
        .filter(coupon_uses::Column::Status.eq("reserved"))
        .one(tx)
        .await?
    else {
        return Ok(());
    };
    let released = coupon_uses::Entity::update_many()
        .col_expr(coupon_uses::Column::Status, Expr::value("released"))
        .col_expr(coupon_uses::Column::UpdatedAt, Expr::value(now))
        .filter(coupon_uses::Column::Id.eq(reserved.id))
        .filter(coupon_uses::Column::Status.eq("reserved"))
        .exec(tx)
        .await?
        .rows_affected;
    if released == 1 {
        coupons::Entity::update_many()
            .col_expr(
                coupons::Column::UsedCount,
                Expr::col(coupons::Column::UsedCount).sub(1),
            )
            .col_expr(coupons::Column::UpdatedAt, Expr::value(now))
            .filter(coupons::Column::Id.eq(reserved.coupon_id))
            .filter(coupons::Column::UsedCount.gt(0))
            .exec(tx)
            .await?;
    }
    Ok(())
}

/// Reserved and committed uses of `coupon` by `user`.
async fn uses_by(
    conn: &impl ConnectionTrait,
    coupon: CouponId,
    user: UserId,
) -> Result<i64, AppError> {
    let count = coupon_uses::Entity::find()
        .filter(coupon_uses::Column::CouponId.eq(coupon.0))
        .filter(coupon_uses::Column::UserId.eq(user.0))
        .filter(coupon_uses::Column::Status.is_in(["reserved", "committed"]))
        .count(conn)
        .await?;
    Ok(i64::try_from(count).unwrap_or(i64::MAX))
}

fn refused(refusal: CouponRefusal) -> AppError {
    let message = refusal.to_string();
    let mut first = message.chars();
    let sentence = first
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + first.as_str() + ".")
        .unwrap_or_default();
    AppError::field("coupon_code", refusal.code(), sentence)
}
