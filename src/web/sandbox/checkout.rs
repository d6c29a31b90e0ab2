//! The sandbox's hosted checkout: a page showing the order with "pay" and "fail"
//! buttons, and the hand-back to the merchant's `callback_url` that Razorpay
//! Checkout performs (an auto-submitting form with the signed result).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Deserialize;

use super::api::new_payment;
use super::entities::new_id;
use super::webhooks::DeliverSandboxWebhooks;
use crate::adapters::razorpay_signature::checkout_signature;
use crate::app::AppError;
use crate::domain::Money;
use crate::jobs::enqueue;
use crate::state::AppState;
use crate::store::entity::{sandbox_orders, sandbox_payments};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::extract::Path;
use crate::web::pages::{Layout, PageError};

/// The query string of the checkout page.
#[derive(Debug, Deserialize)]
pub struct CheckoutQuery {
    order_id: String,
    callback_url: String,
}

#[derive(Template)]
#[template(path = "sandbox/checkout.html")]
struct CheckoutPage {
    layout: Layout,
    order_id: String,
    amount: String,
    paid: bool,
    callback_url: String,
}

/// `GET /sandbox/razorpay/checkout?order_id=…&callback_url=…`.
pub async fn show_checkout(
    State(state): State<AppState>,
    csrf: CsrfToken,
    Query(query): Query<CheckoutQuery>,
) -> Result<Response, PageError> {
    check_callback(&state, &query.callback_url)?;
    let order = find_order(&state, &query.order_id).await?;
    let page = CheckoutPage {
        layout: Layout::new(None, &csrf),
        amount: Money::from_paise(order.amount).to_string(),
        paid: order.status == "paid",
        order_id: order.id,
        callback_url: query.callback_url,
    };
    Ok(render(&page))
}

/// The pay form.
#[derive(Debug, Deserialize)]
pub struct PayForm {
    callback_url: String,
    /// `success` or `failure`.
    outcome: String,
}

#[derive(Template)]
#[template(path = "sandbox/callback.html")]
struct CallbackPage {
    layout: Layout,
    callback_url: String,
    fields: Vec<(&'static str, String)>,
    succeeded: bool,
}

/// `POST /sandbox/razorpay/checkout/{id}/pay`: records the payment (captured at
/// once, like Razorpay's default auto-capture, or failed), queues the webhooks,
/// and hands the result back to the merchant's callback.
pub async fn pay(
    State(state): State<AppState>,
    csrf: CsrfToken,
    Path(order_id): Path<String>,
    CsrfForm(form): CsrfForm<PayForm>,
) -> Result<Response, PageError> {
    check_callback(&state, &form.callback_url)?;
    let succeeded = form.outcome == "success";
    let order = find_order(&state, &order_id).await?;
    let payment_id = record_payment(&state, &order, succeeded).await?;
    let fields = callback_fields(&state, &order.id, &payment_id, succeeded);
    Ok(render(&CallbackPage {
        layout: Layout::new(None, &csrf),
        callback_url: form.callback_url,
        fields,
        succeeded,
    }))
}

/// What Checkout posts back: the signed ids on success, Razorpay's error fields on failure.
fn callback_fields(
    state: &AppState,
    order_id: &str,
    payment_id: &str,
    succeeded: bool,
) -> Vec<(&'static str, String)> {
    if !succeeded {
        let metadata = serde_json::json!({"payment_id": payment_id, "order_id": order_id});
        return vec![
            ("error[code]", "BAD_REQUEST_ERROR".to_owned()),
            ("error[description]", "Payment failed".to_owned()),
            ("error[source]", "customer".to_owned()),
            ("error[step]", "payment_authorization".to_owned()),
            ("error[reason]", "payment_failed".to_owned()),
            ("error[metadata]", metadata.to_string()),
        ];
    }
    let key_secret = &state.config.gateway.key_secret;
    vec![
        ("razorpay_payment_id", payment_id.to_owned()),
        ("razorpay_order_id", order_id.to_owned()),
        (
            "razorpay_signature",
            checkout_signature(key_secret, order_id, payment_id),
        ),
    ]
}

/// In one transaction: the payment, the order's new state, and the webhook job.
async fn record_payment(
    state: &AppState,
    order: &sandbox_orders::Model,
    succeeded: bool,
) -> Result<String, AppError> {
    let now = state.clock.now();
    let status = if succeeded { "captured" } else { "failed" };
    let payment_id = new_id("pay");
    let payment = new_payment(order, &payment_id, status, now);
    let tx = state.db.begin().await?;
    let order_status = if succeeded { "paid" } else { "attempted" };
    let updated = sandbox_orders::Entity::update_many()
        .col_expr(sandbox_orders::Column::Status, Expr::value(order_status))
        .col_expr(
            sandbox_orders::Column::Attempts,
            Expr::col(sandbox_orders::Column::Attempts).add(1),
        )
        .filter(sandbox_orders::Column::Id.eq(order.id.clone()))
        .filter(sandbox_orders::Column::Status.ne("paid"))
        .exec(&tx)
        .await?
        .rows_affected;
    if updated != 1 {
        return Err(AppError::conflict(
            "order_already_paid",
            "This order has already been paid.",
        ));
    }
    sandbox_payments::Entity::insert(payment)
        .exec_without_returning(&tx)
        .await?;
    let job = DeliverSandboxWebhooks {
        payment_id: payment_id.clone(),
    };
    enqueue(&tx, &job, now).await?;
    tx.commit().await?;
    Ok(payment_id)
}

/// `GET /sandbox/razorpay/autosubmit.js`: submits the hand-back form (the page's
/// button does the same without JavaScript).
pub async fn autosubmit_script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        "document.getElementById('gateway-callback').submit();\n",
    )
}

async fn find_order(state: &AppState, id: &str) -> Result<sandbox_orders::Model, AppError> {
    sandbox_orders::Entity::find_by_id(id.to_owned())
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound("order"))
}

/// The sandbox hands results back only to Mockomi's own pages.
fn check_callback(state: &AppState, callback_url: &str) -> Result<(), AppError> {
    let own = format!("{}/", state.config.public_url);
    if callback_url.starts_with(&own) {
        Ok(())
    } else {
        Err(AppError::bad_request(
            "invalid_callback_url",
            "The callback address must be on this site.",
        ))
    }
}

fn render(page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(error) => {
            tracing::error!(error = %error, "sandbox template failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
