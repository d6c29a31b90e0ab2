//! Refuses the NUL character (U+0000) in the path, the query string, a form or a
//! JSON body before any handler runs. PostgreSQL cannot store it in text, so
//! letting it through turns a typo into a 500 deep in the store.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::middleware::MAX_BODY_BYTES;
use crate::app::AppError;

/// The middleware: a `400 nul_character` problem when any text carries U+0000.
pub async fn reject_nul(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let in_uri = percent_encodes_nul(uri.path().as_bytes())
        || uri
            .query()
            .is_some_and(|q| percent_encodes_nul(q.as_bytes()));
    if in_uri {
        return nul_problem();
    }
    let Some(body_kind) = BodyKind::of(&request) else {
        return next.run(request).await;
    };

    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
        // Over the limit (or cut off): the problem middleware words the status.
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if bytes.contains(&0) || body_kind.encodes_nul(&bytes) {
        return nul_problem();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The text bodies worth reading; uploads and other types pass untouched.
#[derive(Clone, Copy)]
enum BodyKind {
    Form,
    Json,
}

impl BodyKind {
    fn of(request: &Request) -> Option<BodyKind> {
        let kind = request
            .headers()
            .get(header::CONTENT_TYPE)?
            .to_str()
            .ok()?
            .to_ascii_lowercase();
        if kind.starts_with("application/x-www-form-urlencoded") {
            Some(BodyKind::Form)
        } else if kind.contains("json") {
            Some(BodyKind::Json)
        } else {
            None
        }
    }

    fn encodes_nul(self, bytes: &[u8]) -> bool {
        match self {
            BodyKind::Form => percent_encodes_nul(bytes),
            BodyKind::Json => json_escapes_nul(bytes),
        }
    }
}

fn nul_problem() -> Response {
    AppError::bad_request(
        "nul_character",
        "Text may not contain the NUL character (U+0000).",
    )
    .into_response()
}

/// Whether URL-encoded text decodes to a NUL (`%00`).
fn percent_encodes_nul(text: &[u8]) -> bool {
    text.windows(3).any(|w| w == b"%00")
}

/// Whether JSON text holds the escape `\u0000` (and not an escaped backslash
/// followed by the letters `u0000`).
fn json_escapes_nul(text: &[u8]) -> bool {
    text.windows(6).enumerate().any(|(at, w)| {
        let backslashes = text[..at + 1]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        w == br"\u0000" && backslashes % 2 == 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_escaped_nul_in_json() {
        assert!(json_escapes_nul(br#"{"name":"a\u0000b"}"#));
        assert!(json_escapes_nul(br#"{"name":"\\\u0000"}"#));
        assert!(!json_escapes_nul(br#"{"name":"a\\u0000b"}"#));
        assert!(!json_escapes_nul(br#"{"name":"u0000"}"#));
    }

    #[test]
    fn finds_percent_encoded_nul() {
        assert!(percent_encodes_nul(b"q=a%00b"));
        assert!(!percent_encodes_nul(b"q=a%2500b"));
        assert!(!percent_encodes_nul(b"q=100"));
    }
}
