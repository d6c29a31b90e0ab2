//! Row type of the `coupons` table: a discount coupon for mock interviews.

use sea_orm::entity::prelude::*;

/// A discount coupon for mock interviews.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "coupons")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub code: String,
    pub description: String,
    pub kind: String,
    pub value: i64,
    pub active: bool,
    pub starts_at: Option<TimeDateTimeWithTimeZone>,
    pub expires_at: Option<TimeDateTimeWithTimeZone>,
    pub per_user_limit: i32,
    pub global_limit: Option<i32>,
    pub used_count: i32,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
