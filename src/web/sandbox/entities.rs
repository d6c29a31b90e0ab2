//! The sandbox's orders and payments as Razorpay's JSON entities, and its ids.

use serde_json::{Value, json};

use crate::store::entity::{sandbox_orders, sandbox_payments};

/// A Razorpay-style id: `prefix_` and 14 letters or digits.
pub fn new_id(prefix: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let bytes: [u8; 14] = rand::random();
    let tail: String = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    format!("{prefix}_{tail}")
}

/// The order entity.
pub fn order_json(order: &sandbox_orders::Model) -> Value {
    let paid = order.status == "paid";
    json!({
        "id": order.id,
        "entity": "order",
        "amount": order.amount,
        "amount_paid": if paid { order.amount } else { 0 },
        "amount_due": if paid { 0 } else { order.amount },
        "currency": order.currency,
        "receipt": order.receipt,
        "offer_id": null,
        "status": order.status,
        "attempts": order.attempts,
        "notes": notes(order),
        "created_at": order.created_at.unix_timestamp(),
    })
}

/// The payment entity (`order` gives the notes, as Razorpay copies them).
pub fn payment_json(payment: &sandbox_payments::Model, order: &sandbox_orders::Model) -> Value {
    let captured = payment.status == "captured";
    let failed = payment.status == "failed";
    json!({
        "id": payment.id,
        "entity": "payment",
        "amount": payment.amount,
        "currency": payment.currency,
        "status": payment.status,
        "order_id": payment.order_id,
        "invoice_id": null,
        "international": false,
        "method": payment.method,
        "amount_refunded": 0,
        "refund_status": null,
        "captured": captured,
        "description": "Mockomi sandbox payment",
        "card_id": null,
        "bank": null,
        "wallet": null,
        "vpa": null,
        "email": null,
        "contact": null,
        "notes": notes(order),
        "fee": if captured { json!(0) } else { Value::Null },
        "tax": if captured { json!(0) } else { Value::Null },
        "error_code": if failed { json!("BAD_REQUEST_ERROR") } else { Value::Null },
        "error_description": if failed { json!("Payment failed") } else { Value::Null },
        "error_source": if failed { json!("customer") } else { Value::Null },
        "error_step": if failed { json!("payment_authorization") } else { Value::Null },
        "error_reason": if failed { json!("payment_failed") } else { Value::Null },
        "acquirer_data": {},
        "created_at": payment.created_at.unix_timestamp(),
    })
}

fn notes(order: &sandbox_orders::Model) -> Value {
    serde_json::from_str(&order.notes).unwrap_or_else(|_| json!({}))
}

/// Razorpay's error body.
pub fn error_json(description: &str, field: Option<&str>) -> Value {
    json!({
        "error": {
            "code": "BAD_REQUEST_ERROR",
            "description": description,
            "source": "business",
            "step": "payment_initiation",
            "reason": "input_validation_failed",
            "metadata": {},
            "field": field,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_look_like_razorpay_ids() {
        let id = new_id("order");
        assert_eq!(id.len(), "order_".len() + 14);
        assert!(
            id["order_".len()..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric())
        );
        assert_ne!(new_id("pay"), new_id("pay"));
    }
}
