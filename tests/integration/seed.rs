//! `mockomi seed --demo` loads a data set shaped like the review's appendix A, once.

use mockomi::domain::ledger::Account;
use mockomi::store::entity::{applications, coupons, interviews, jobs, ledger_postings, users};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::harness::TestApp;

#[tokio::test]
async fn demo_seed_loads_appendix_a_once() {
    let app = TestApp::spawn().await;
    let seeded = mockomi::seed::demo(&app.state).await.expect("seed");
    let conn = app.state.db.conn();
    let count_role = |role: &'static str| async move {
        users::Entity::find()
            .filter(users::Column::Role.eq(role))
            .count(conn)
            .await
            .expect("count")
    };
    assert_eq!(count_role("job_seeker").await, 10);
    assert_eq!(count_role("employer").await, 5);
    assert_eq!(count_role("interviewer").await, 5);
    assert_eq!(count_role("admin").await, 2);
    assert_eq!(jobs::Entity::find().count(conn).await.expect("jobs"), 50);
    let job_states = jobs::Entity::find().all(conn).await.expect("jobs");
    for state in ["draft", "active", "paused", "closed", "expired"] {
        assert!(
            job_states.iter().any(|j| j.status == state),
            "no {state} job"
        );
    }
    assert_eq!(
        applications::Entity::find()
            .count(conn)
            .await
            .expect("apps"),
        100
    );
    assert_eq!(
        interviews::Entity::find()
            .count(conn)
            .await
            .expect("interviews"),
        20
    );
    assert_eq!(
        coupons::Entity::find().count(conn).await.expect("coupons"),
        10
    );
    assert_eq!(seeded.logins.len(), 22);
    let postings = ledger_postings::Entity::find()
        .all(conn)
        .await
        .expect("postings");
    assert_eq!(
        postings.len(),
        10,
        "five completed interviews, two postings each"
    );
    assert_eq!(
        postings.iter().map(|p| p.amount).sum::<i64>(),
        0,
        "the ledger balances"
    );
    let expense = Account::interview_payouts_expense();
    assert!(
        postings
            .iter()
            .all(|p| p.account == expense.as_str() || p.account.starts_with("interviewer:"))
    );
    assert!(seeded.password.len() >= 12);

    let again = mockomi::seed::demo(&app.state).await;
    assert!(again.is_err(), "a second seed must refuse, not duplicate");
    assert_eq!(users::Entity::find().count(conn).await.expect("users"), 22);
}
