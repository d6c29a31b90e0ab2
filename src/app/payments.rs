//! Paying for mock interviews: orders, checkout verification, webhooks, confirmation.
