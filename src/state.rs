//! The shared application state handed to every handler and job.

use std::sync::Arc;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::adapters::clock::Clock;
use crate::adapters::mailer::Mailer;
use crate::adapters::payment_gateway::PaymentGateway;
use crate::config::Config;
use crate::store::Db;

/// Everything a request or a job needs. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub mailer: Arc<dyn Mailer>,
    pub gateway: Arc<dyn PaymentGateway>,
    pub keys: Arc<Keys>,
}

/// Keys derived from the one configured secret, one per purpose, so a token made
/// for one purpose can never pass as another.
pub struct Keys {
    /// Signs access tokens (JWT, HS256).
    pub access_token: Vec<u8>,
    /// Signs CSRF cookies of the HTML pages.
    pub csrf: Vec<u8>,
    /// Signs links sent by e-mail.
    pub email_link: Vec<u8>,
    /// Keys hashes of stored secrets (refresh tokens, session cookies).
    pub token_hash: Vec<u8>,
}

impl Keys {
    /// Derives the purpose keys from `secret` with HMAC-SHA256.
    pub fn derive(secret: &[u8]) -> Keys {
        let derive = |purpose: &str| {
            let mut mac =
                Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
            mac.update(purpose.as_bytes());
            mac.finalize().into_bytes().to_vec()
        };
        Keys {
            access_token: derive("mockomi access token v1"),
            csrf: derive("mockomi csrf v1"),
            email_link: derive("mockomi email link v1"),
            token_hash: derive("mockomi token hash v1"),
        }
    }

    /// The stored form of a bearer secret: HMAC-SHA256 under `token_hash`, hex.
    pub fn hash_token(&self, token: &str) -> String {
        hex::encode(sign(&self.token_hash, token.as_bytes()))
    }
}

/// HMAC-SHA256 of `message` under `key`.
pub fn sign(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

/// A random URL-safe secret of 32 bytes.
pub fn random_token() -> String {
    use base64::Engine;
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
