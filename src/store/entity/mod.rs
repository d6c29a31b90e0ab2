//! SeaORM row types, one module per table. They mirror `migrations/`.

pub mod application_events;
pub mod applications;
pub mod auth_sessions;
pub mod background_jobs;
pub mod companies;
pub mod coupon_uses;
pub mod coupons;
pub mod email_tokens;
pub mod idempotency_keys;
pub mod interview_feedback;
pub mod interview_skills;
pub mod interviewer_profiles;
pub mod interviewer_skills;
pub mod interviews;
pub mod jobs;
pub mod ledger_postings;
pub mod ledger_transactions;
pub mod login_throttles;
pub mod notifications;
pub mod payments;
pub mod refresh_tokens;
pub mod sandbox_orders;
pub mod sandbox_payments;
pub mod seeker_profiles;
pub mod users;
pub mod webhook_events;
