//! Row type of the `sandbox_orders` table: an order held by the sandbox payment gateway.

use sea_orm::entity::prelude::*;

/// An order held by the sandbox payment gateway.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sandbox_orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub amount: i64,
    pub currency: String,
    pub receipt: Option<String>,
    pub notes: String,
    pub status: String,
    pub attempts: i32,
    pub created_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
