//! Accounts: sign-up, verification links, login and lockout, tokens, pages, and
//! the admin command. Helpers shared by those tests live here.

mod cli;
mod links;
mod lockout;
mod pages;
mod signup;
mod tokens;

use serde_json::{Value, json};

use crate::harness::{TestApp, TestResponse};

/// A password that passes the policy for any address used in these tests.
pub const GOOD_PASSWORD: &str = "Tiger$Lake42x";

/// Registers `email` as `role` with valid details.
pub async fn register(app: &TestApp, role: &str, email: &str) -> TestResponse {
    app.post("/api/v1/auth/register")
        .json(&json!({
            "email": email,
            "password": GOOD_PASSWORD,
            "role": role,
            "first_name": "Asha",
            "last_name": "Rao",
            "phone": "+91 98765 43210",
        }))
        .send()
        .await
}

/// Logs in through the API.
pub async fn login(app: &TestApp, email: &str, password: &str) -> TestResponse {
    app.post("/api/v1/auth/login")
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
}

/// Delivers queued mail, then returns the tokens of every verification link sent
/// to `email`, read from the raw `.eml` files exactly as a mail client sees them.
pub async fn verification_tokens(app: &TestApp, email: &str) -> Vec<String> {
    app.run_jobs().await;
    let marker = "http://mockomi.test/verify-email?token=";
    app.outbox()
        .iter()
        .filter(|raw| raw.contains(&format!("To: {email}")))
        .flat_map(|raw| raw.lines().map(str::to_owned).collect::<Vec<_>>())
        .filter_map(|line| line.strip_prefix(marker).map(str::to_owned))
        .collect()
}

/// The token of the one verification link sent to `email`.
pub async fn verification_token(app: &TestApp, email: &str) -> String {
    let mut tokens = verification_tokens(app, email).await;
    assert_eq!(tokens.len(), 1, "expected one link for {email}: {tokens:?}");
    tokens.remove(0)
}

/// The value of cookie `name` set by `response`.
pub fn cookie(response: &TestResponse, name: &str) -> Option<String> {
    response.cookies().iter().find_map(|header| {
        let pair = header.split(';').next()?;
        let (key, value) = pair.split_once('=')?;
        (key.trim() == name).then(|| value.to_owned())
    })
}

/// The field codes of a validation problem.
pub fn field_codes(body: &Value, field: &str) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .filter(|e| e["field"] == field)
                .filter_map(|e| e["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
