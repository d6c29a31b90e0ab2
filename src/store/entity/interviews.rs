//! Row type of the `interviews` table: a mock interview from its paid request to its feedback.

use sea_orm::entity::prelude::*;

/// A mock interview from its paid request to its feedback.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "interviews")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub seeker_id: Uuid,
    pub interviewer_id: Option<Uuid>,
    pub status: String,
    pub duration_minutes: i32,
    pub notes: Option<String>,
    pub list_price: i64,
    pub amount_due: i64,
    pub coupon_id: Option<Uuid>,
    pub open_until: Option<TimeDateTimeWithTimeZone>,
    pub scheduled_start: Option<TimeDateTimeWithTimeZone>,
    pub scheduled_end: Option<TimeDateTimeWithTimeZone>,
    pub meeting_url: Option<String>,
    pub claimed_at: Option<TimeDateTimeWithTimeZone>,
    pub started_at: Option<TimeDateTimeWithTimeZone>,
    pub completed_at: Option<TimeDateTimeWithTimeZone>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
