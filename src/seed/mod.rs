//! `mockomi seed --demo`: a demonstration data set shaped like appendix A of the
//! production-readiness review. Demo accounts exist only after this command runs,
//! and share one password generated for the run and printed once.

mod coupons;
mod interviews;
mod market;
mod people;

use anyhow::{Context, bail};
use argon2::PasswordHasher;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::state::AppState;
use crate::store::entity::users;

/// The domain all demo e-mail addresses use (reserved for examples, so nothing is ever delivered).
pub const DEMO_DOMAIN: &str = "demo.mockomi.in";

/// What the demo seed created, for the printed summary.
#[derive(Debug, Default)]
pub struct Seeded {
    pub password: String,
    pub logins: Vec<(String, String)>,
    pub jobs: usize,
    pub applications: usize,
    pub interviews: usize,
    pub coupons: usize,
}

/// Loads the demo data set in one transaction; refuses to run twice.
pub async fn demo(state: &AppState) -> anyhow::Result<Seeded> {
    let existing = users::Entity::find()
        .filter(users::Column::Email.like(format!("%@{DEMO_DOMAIN}")))
        .count(state.db.conn())
        .await?;
    if existing > 0 {
        bail!("demo data is already loaded ({existing} demo accounts exist)");
    }
    let password = demo_password();
    let hash = argon2::Argon2::default()
        .hash_password(password.as_bytes())
        .map_err(|e| anyhow::anyhow!("hashing the demo password: {e}"))?
        .to_string();
    let now = state.clock.now();
    let tx = state.db.begin().await?;
    let people = people::create(&tx, &hash, now)
        .await
        .context("demo users")?;
    let market = market::create(&tx, &people, now)
        .await
        .context("demo jobs")?;
    let coupons = coupons::create(&tx, now).await.context("demo coupons")?;
    let interviews = interviews::create(&tx, &people, &state.config, now)
        .await
        .context("demo interviews")?;
    tx.commit().await?;
    Ok(Seeded {
        password,
        logins: people.logins(),
        jobs: market.jobs,
        applications: market.applications,
        interviews,
        coupons,
    })
}

/// A password that satisfies the policy and differs on every run.
fn demo_password() -> String {
    let token = crate::state::random_token();
    let letters: String = token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(10)
        .collect();
    format!("Demo-{letters}-7a")
}

/// Prints how to log in after seeding.
pub fn print_summary(seeded: &Seeded, public_url: &str) {
    println!(
        "Demo data loaded: {} jobs, {} applications, {} interviews, {} coupons.",
        seeded.jobs, seeded.applications, seeded.interviews, seeded.coupons
    );
    println!(
        "Open {public_url}/login and sign in with any of these (password for all: {}):",
        seeded.password
    );
    for (what, email) in &seeded.logins {
        println!("  {what:<34} {email}");
    }
    println!("Keep the password: it is not stored anywhere in readable form.");
}
