//! Orders left unpaid for 30 minutes: asked about once more, then expired.

use axum::http::StatusCode;
use mockomi::store::entity::{coupon_uses, coupons, sandbox_orders};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use time::Duration;

use super::{
    interview_row, interviewer, live_app, notices, paid_request, payment_of_order,
    request_interview,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unpaid_order_expires_and_gives_the_coupon_back() {
    let live = live_app().await;
    let app = &live.app;
    let now = mockomi::adapters::clock::Clock::now(app.state.clock.as_ref());
    let coupon = uuid::Uuid::now_v7();
    let row = coupons::ActiveModel {
        id: Set(coupon),
        code: Set("HALF".into()),
        description: Set("half price".into()),
        kind: Set("percent".into()),
        value: Set(50),
        active: Set(true),
        starts_at: Set(None),
        expires_at: Set(None),
        per_user_limit: Set(1),
        global_limit: Set(Some(1)),
        used_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    };
    coupons::Entity::insert(row)
        .exec_without_returning(app.state.db.conn())
        .await
        .expect("coupon");
    let seeker = app.seeker().await;
    let body = json!({"skills": ["Go"], "duration_minutes": 30, "coupon_code": "half"});
    let response = request_interview(app, &seeker, "exp-1", &body).await;
    response.assert_status(StatusCode::CREATED);
    let interview = response.json()["interview"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let order = response.json()["payment"]["order_id"]
        .as_str()
        .expect("order")
        .to_owned();

    // Not yet due: nothing happens.
    app.run_jobs().await;
    assert_eq!(
        interview_row(app, &interview).await.status,
        "awaiting_payment"
    );

    app.clock.advance(Duration::minutes(31));
    app.run_jobs().await;
    let payment = payment_of_order(app, &order).await;
    assert_eq!(payment.status, "failed");
    assert_eq!(payment.failure_reason.as_deref(), Some("expired"));
    assert_eq!(interview_row(app, &interview).await.status, "expired");
    assert_eq!(
        notices(app, seeker.id, "interview_request_expired").await,
        1
    );
    let released = coupon_uses::Entity::find()
        .filter(coupon_uses::Column::CouponId.eq(coupon))
        .filter(coupon_uses::Column::Status.eq("released"))
        .all(app.state.db.conn())
        .await
        .expect("uses");
    assert_eq!(released.len(), 1);

    // The one allowed use is free again for someone else.
    let other = app.seeker().await;
    let response = request_interview(app, &other, "exp-2", &body).await;
    response.assert_status(StatusCode::CREATED);
    assert_eq!(response.json()["interview"]["amount_due"], 5_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_paid_without_a_webhook_is_captured_when_it_is_checked() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;
    let expert = interviewer(app, &["rust"], true).await;
    let (interview, order) = paid_request(app, &seeker).await;

    // The gateway took the money, but its webhook never arrived.
    sandbox_orders::Entity::update_many()
        .col_expr(sandbox_orders::Column::Status, Expr::value("paid"))
        .filter(sandbox_orders::Column::Id.eq(order.clone()))
        .exec(app.state.db.conn())
        .await
        .expect("update");
    app.clock.advance(Duration::minutes(31));
    app.run_jobs().await;

    assert_eq!(payment_of_order(app, &order).await.status, "captured");
    assert_eq!(interview_row(app, &interview).await.status, "open");
    assert_eq!(notices(app, seeker.id, "payment_succeeded").await, 1);
    assert_eq!(notices(app, expert.id, "interview_requested").await, 1);
}
