//! Razorpay's two signatures, made and checked here only.
//!
//! - Webhooks: `X-Razorpay-Signature` = lowercase hex HMAC-SHA256 of the raw
//!   request body under the webhook secret.
//! - Checkout: `razorpay_signature` = lowercase hex HMAC-SHA256 of
//!   `order_id + "|" + payment_id` under the API key secret.
//!
//! Verification compares in constant time and accepts only the exact 64-character
//! lowercase hex form; anything else (empty, short, odd, non-hex, upper-case) fails.

use subtle::ConstantTimeEq;

use crate::state::sign;

/// The length of a hex HMAC-SHA256 digest.
const HEX_LEN: usize = 64;

/// The webhook signature of `body` under `secret`.
pub fn webhook_signature(secret: &str, body: &[u8]) -> String {
    hex::encode(sign(secret.as_bytes(), body))
}

/// The checkout signature of an order and payment under the API key secret.
pub fn checkout_signature(key_secret: &str, order_id: &str, payment_id: &str) -> String {
    let message = format!("{order_id}|{payment_id}");
    hex::encode(sign(key_secret.as_bytes(), message.as_bytes()))
}

/// Whether `signature` signs `body` under any of `secrets` (current and previous
/// webhook secret during a rotation). Blank secrets are ignored.
pub fn verify_webhook(secrets: &[&str], body: &[u8], signature: Option<&str>) -> bool {
    let Some(signature) = signature.filter(|s| well_formed(s)) else {
        return false;
    };
    // Every secret is tried, so the time taken does not reveal which one matched.
    secrets
        .iter()
        .filter(|secret| !secret.is_empty())
        .fold(false, |found, secret| {
            found | equal(&webhook_signature(secret, body), signature)
        })
}

/// Whether `signature` is the checkout signature of `order_id|payment_id`.
/// `order_id` must be the one we stored, never one the browser sent.
pub fn verify_checkout(
    key_secret: &str,
    order_id: &str,
    payment_id: &str,
    signature: &str,
) -> bool {
    well_formed(signature)
        && equal(
            &checkout_signature(key_secret, order_id, payment_id),
            signature,
        )
}

/// 64 characters of lowercase hex.
fn well_formed(signature: &str) -> bool {
    signature.len() == HEX_LEN
        && signature
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn equal(expected: &str, given: &str) -> bool {
    bool::from(expected.as_bytes().ct_eq(given.as_bytes()))
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use super::*;

    const F1: &[u8] = include_bytes!("../../tests/fixtures/razorpay/payment_authorized_f1.json");
    const F2: &[u8] = include_bytes!("../../tests/fixtures/razorpay/payment_authorized_f2.json");

    fn sha256_hex(bytes: &[u8]) -> String {
        hex::encode(Sha256::digest(bytes))
    }

    fn assert_webhook(body: &[u8], secret: &str, expected: &str) {
        assert_eq!(webhook_signature(secret, body), expected);
        assert!(verify_webhook(&[secret], body, Some(expected)));
    }

    #[test]
    fn fixtures_are_byte_exact() {
        assert_eq!(F1.len(), 971);
        assert_eq!(
            sha256_hex(F1),
            "9cc0236491299f34a154292eaed46d94b010f44b22095c034f884ca6a1862bef"
        );
        assert_eq!(F2.len(), 771);
        assert_eq!(
            sha256_hex(F2),
            "57b360252332e64b1aa12e6833cddd2fa58087058fb1467fe72497044d67b716"
        );
    }

    #[test]
    fn sdk_webhook_vectors_verify() {
        assert_webhook(
            br#"{"a":1,"b":2,"c":{"d":3}}"#,
            "123456",
            "2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc",
        );
        assert_webhook(
            F1,
            "key_secret",
            "d60e67fd884556c045e9be7dad57903e33efc7172c17c6e3ef77db42d2b366e9",
        );
        assert_webhook(
            F1,
            "chosen_webhook_secret",
            "dda9ca344c56ccbd90167b1be0fd99dfa92fe2b827020f27e2a46024e31c7c99",
        );
        assert_webhook(
            F2,
            "123456",
            "56df260ab4647b07b729b0b48d2a95b71de42f109884949e5ec387a2bb8b6919",
        );
    }

    #[test]
    fn derived_webhook_vectors_verify() {
        let secret = "test_webhook_secret";
        assert_webhook(
            br#"{"event":"payment.authorized"}"#,
            secret,
            "82b52dca4eee3d6d26324639333c7a95371abde973cacf5efd6f23f4fcafb051",
        );
        assert_webhook(
            br#"{"event":"payment","data":{"notes":"Test & <script>alert(1)</script>"}}"#,
            secret,
            "ec6879b28f857f01c782649173a37d710f17ea74612e7eb86f3fd560656c8764",
        );
        let japanese = r#"{"event":"payment","data":{"name":"日本語テスト"}}"#.as_bytes();
        assert_eq!(japanese.len(), 56);
        assert_webhook(
            japanese,
            secret,
            "2f4049dc47013977acaa2aa28e44eb348e283044b50c7d94823bf8d44e5e0481",
        );
        assert_webhook(
            b"test body",
            "test_secret",
            "7ac01dae8a2ac188f7c08c26b22407ca3034974b984130f1664f2ba56d6a3c82",
        );
        assert_webhook(
            b"hello",
            "secret",
            "88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b",
        );
    }

    #[test]
    fn checkout_vectors_verify() {
        let p1 = "0d4e745a1838664ad6c9c9902212a32d627d68e917290b0ad5f08ff4561bc50f";
        let key = "EnLs21M47BllR3X8PSFtjtbd";
        assert_eq!(
            checkout_signature(key, "order_IEIaMR65cu6nz3", "pay_IH4NVgf4Dreq1l"),
            p1
        );
        assert!(verify_checkout(
            key,
            "order_IEIaMR65cu6nz3",
            "pay_IH4NVgf4Dreq1l",
            p1
        ));
        let p2 = "b2335e3b0801106b84a7faff035df56ecffde06918c9ddd1f0fafbb37a51cc89";
        assert!(verify_checkout(
            "key_secret",
            "fake_order_id",
            "fake_payment_id",
            p2
        ));
        let p3 = "965ee2de4c5c4e6f006fb0a5a1736d992e5d4d52f9fe10b98c9b97ee169ebe18";
        assert!(verify_checkout(
            "key_secret",
            "fake_other_id",
            "fake_payment_id",
            p3
        ));
        // The stored order id decides: the same signature fails for another order.
        assert!(!verify_checkout(
            "key_secret",
            "fake_order_id",
            "fake_payment_id",
            p3
        ));
    }

    #[test]
    fn swapped_ids_fail_checkout_verification() {
        let good = checkout_signature("secret", "order_456", "pay_123");
        assert!(verify_checkout("secret", "order_456", "pay_123", &good));
        assert!(!verify_checkout("secret", "order_456", "pay_999", &good));
        assert!(!verify_checkout("secret", "order_999", "pay_123", &good));
        assert!(!verify_checkout("other", "order_456", "pay_123", &good));
    }

    #[test]
    fn malformed_and_wrong_webhook_signatures_fail() {
        let body = br#"{"event":"payment.authorized"}"#;
        let secret = "test_webhook_secret";
        let good = webhook_signature(secret, body);
        let z64 = "z".repeat(64);
        let a64 = "a".repeat(64);
        let ab32 = "ab".repeat(32);
        let upper = good.to_uppercase();
        for bad in [
            "",
            "abc123",
            "abc",
            z64.as_str(),
            "not-valid-hex!@#$%^&*()",
            a64.as_str(),
            ab32.as_str(),
            upper.as_str(),
        ] {
            assert!(
                !verify_webhook(&[secret], body, Some(bad)),
                "accepted {bad:?}"
            );
        }
        assert!(!verify_webhook(&[secret], body, None));
        assert!(!verify_webhook(&["wrong_secret"], body, Some(&good)));
        assert!(!verify_webhook(
            &[secret],
            br#"{"event":"payment.captured"}"#,
            Some(&good)
        ));
        assert!(!verify_webhook(
            &[""],
            body,
            Some(&webhook_signature("", body))
        ));
    }

    #[test]
    fn either_webhook_secret_verifies_during_rotation() {
        let body = b"rotation";
        let old = webhook_signature("old_secret", body);
        let new = webhook_signature("new_secret", body);
        assert!(verify_webhook(
            &["new_secret", "old_secret"],
            body,
            Some(&old)
        ));
        assert!(verify_webhook(
            &["new_secret", "old_secret"],
            body,
            Some(&new)
        ));
        assert!(!verify_webhook(&["new_secret"], body, Some(&old)));
    }

    #[test]
    fn empty_and_large_bodies_verify() {
        let empty = webhook_signature("s", b"");
        assert!(verify_webhook(&["s"], b"", Some(&empty)));
        let large = vec![b'x'; 10_000];
        let signature = webhook_signature("s", &large);
        assert!(verify_webhook(&["s"], &large, Some(&signature)));
    }
}
