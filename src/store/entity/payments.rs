//! Row type of the `payments` table: a payment attempt for an interview.

use sea_orm::entity::prelude::*;

/// A payment attempt for an interview.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub interview_id: Uuid,
    pub user_id: Uuid,
    pub amount: i64,
    pub currency: String,
    pub status: String,
    pub gateway_order_id: Option<String>,
    pub gateway_payment_id: Option<String>,
    pub checkout_verified_at: Option<TimeDateTimeWithTimeZone>,
    pub captured_at: Option<TimeDateTimeWithTimeZone>,
    pub failure_reason: Option<String>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
