//! The durable job queue: a mail outage loses nothing; failures are retried with
//! backoff; a job that keeps failing is kept as dead with its error.

use mockomi::adapters::mailer::Email;
use mockomi::app::notifications::send_email;
use mockomi::store::entity::background_jobs;
use sea_orm::EntityTrait;
use time::Duration;

use crate::harness::TestApp;

async fn queue_email(app: &TestApp, to: &str) {
    let tx = app.state.db.begin().await.expect("tx");
    let email = Email {
        to: to.into(),
        subject: "Hello".into(),
        body: "A message.".into(),
    };
    send_email(&app.state, &tx, email).await.expect("enqueue");
    tx.commit().await.expect("commit");
}

async fn jobs(app: &TestApp) -> Vec<background_jobs::Model> {
    background_jobs::Entity::find()
        .all(app.state.db.conn())
        .await
        .expect("jobs")
}

/// Makes the outbox unwritable by putting a file where the directory should be.
fn break_outbox(app: &TestApp) {
    let dir = &app.state.config.outbox_dir;
    std::fs::remove_dir_all(dir).expect("remove outbox");
    std::fs::write(dir, b"not a directory").expect("block outbox");
}

fn repair_outbox(app: &TestApp) {
    let dir = &app.state.config.outbox_dir;
    std::fs::remove_file(dir).expect("unblock outbox");
    std::fs::create_dir_all(dir).expect("outbox");
}

#[tokio::test]
async fn a_mail_outage_delays_mail_but_loses_none() {
    let app = TestApp::spawn().await;
    break_outbox(&app);
    queue_email(&app, "asha@example.com").await;

    assert_eq!(app.run_jobs().await, 1);
    let failed = jobs(&app).await;
    assert_eq!(failed.len(), 1, "the failed job is kept for a retry");
    assert_eq!(failed[0].status, "queued");
    assert_eq!(failed[0].attempts, 1);
    assert!(
        failed[0]
            .last_error
            .as_deref()
            .is_some_and(|e| !e.is_empty())
    );
    assert!(
        failed[0].run_at > failed[0].updated_at,
        "retry is scheduled later (backoff)"
    );
    assert_eq!(
        app.run_jobs().await,
        0,
        "not retried before its backoff ends"
    );

    repair_outbox(&app);
    app.clock.advance(Duration::minutes(5));
    assert_eq!(app.run_jobs().await, 1);
    assert!(
        jobs(&app).await.is_empty(),
        "a delivered job leaves the queue"
    );
    let outbox = app.outbox();
    assert_eq!(outbox.len(), 1);
    assert!(outbox[0].contains("asha@example.com"));
}

#[tokio::test]
async fn a_job_that_keeps_failing_is_kept_as_dead_with_its_error() {
    let app = TestApp::spawn().await;
    break_outbox(&app);
    queue_email(&app, "ravi@example.com").await;
    let mut runs = 0;
    for _ in 0..20 {
        runs += app.run_jobs().await;
        app.clock.advance(Duration::hours(2));
    }
    let dead = jobs(&app).await;
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].status, "dead");
    assert_eq!(
        runs as i32, dead[0].max_attempts,
        "tried exactly max_attempts times"
    );
    assert!(dead[0].last_error.is_some());
    repair_outbox(&app);
    app.clock.advance(Duration::hours(2));
    assert_eq!(app.run_jobs().await, 0, "dead jobs are not picked up again");
}
