//! Ten demo coupons of every kind and state.

use sea_orm::{ActiveValue::Set, EntityTrait};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::store::WriteTx;
use crate::store::entity::coupons;

/// (code, description, kind, value, active, expires in days (negative: expired), global limit)
type CouponSeed = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    bool,
    Option<i64>,
    Option<i32>,
);

const COUPONS: [CouponSeed; 10] = [
    (
        "WELCOME50",
        "Half off your first mock interview",
        "percent",
        50,
        true,
        Some(60),
        None,
    ),
    (
        "FREEPRACTICE",
        "One free mock interview",
        "percent",
        100,
        true,
        Some(30),
        Some(100),
    ),
    (
        "STUDENT95",
        "95 % off for students (pay ₹5)",
        "percent",
        95,
        true,
        None,
        Some(500),
    ),
    ("FLAT20", "₹20 off", "flat", 2_000, true, None, None),
    (
        "FLAT150",
        "₹150 off: more than the price, so free",
        "flat",
        15_000,
        true,
        Some(10),
        Some(10),
    ),
    (
        "DIWALI25",
        "Festival offer",
        "percent",
        25,
        false,
        Some(20),
        None,
    ),
    (
        "EXPIRED10",
        "An offer that has ended",
        "percent",
        10,
        true,
        Some(-5),
        None,
    ),
    (
        "LIMITED1",
        "Only one use in total",
        "percent",
        30,
        true,
        None,
        Some(1),
    ),
    (
        "PAISE99",
        "Leaves 99 paise, so ₹1 is charged",
        "flat",
        9_901,
        true,
        None,
        None,
    ),
    (
        "CAMPUS15",
        "Campus drive",
        "percent",
        15,
        true,
        Some(90),
        Some(1_000),
    ),
];

/// Creates the coupons and returns how many.
pub async fn create(tx: &WriteTx, now: OffsetDateTime) -> anyhow::Result<usize> {
    for (code, description, kind, value, active, expires_in, global_limit) in COUPONS {
        let row = coupons::ActiveModel {
            id: Set(Uuid::now_v7()),
            code: Set(code.into()),
            description: Set(description.into()),
            kind: Set(kind.into()),
            value: Set(value),
            active: Set(active),
            starts_at: Set(None),
            expires_at: Set(expires_in.map(|days| now + Duration::days(days))),
            per_user_limit: Set(1),
            global_limit: Set(global_limit),
            used_count: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
        };
        coupons::Entity::insert(row)
            .exec_without_returning(tx)
            .await?;
    }
    Ok(COUPONS.len())
}
