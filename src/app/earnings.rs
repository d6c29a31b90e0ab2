//! Interviewer earnings from the double-entry ledger.
