//! The double-entry ledger: money moves between named accounts in transactions
//! whose postings sum to zero, and balances are sums of postings.
//!
//! Sign convention: a posting's amount is seen from its own account. A positive
//! amount adds to what the account holds (for `interviewer:<id>:earnings`, what
//! Mockomi owes that interviewer); a negative amount takes from it (the platform's
//! `platform:interview_payouts_expense` goes negative by what it paid out). So an
//! interviewer's balance is the plain sum of their account's postings, and every
//! transaction, being balanced, leaves the sum over all accounts at zero.

use std::fmt;

use crate::ids::{InterviewId, UserId};
use crate::money::Money;

/// A ledger account name, such as `interviewer:<uuid>:earnings`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Account(String);

impl Account {
    /// What Mockomi owes one interviewer for interviews they ran.
    pub fn interviewer_earnings(interviewer: UserId) -> Account {
        Account(format!("interviewer:{interviewer}:earnings"))
    }

    /// The platform's cost of paying interviewers for completed interviews.
    pub fn interview_payouts_expense() -> Account {
        Account("platform:interview_payouts_expense".into())
    }

    /// The stored name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One side of a transaction: an amount added to (positive) or taken from
/// (negative) an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posting {
    pub account: Account,
    pub amount: Money,
}

/// Why a set of postings cannot form a transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("a ledger transaction needs at least two postings")]
    TooFewPostings,
    #[error("a posting of zero moves no money")]
    ZeroPosting,
    #[error("the postings do not sum to zero")]
    Unbalanced,
}

/// A balanced group of postings with a kind and a unique reference that makes
/// recording it idempotent (`interview_completed:<id>` is written at most once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerTransaction {
    kind: &'static str,
    reference: String,
    postings: Vec<Posting>,
}

impl LedgerTransaction {
    /// Builds a transaction, refusing postings that do not sum to exactly zero.
    pub fn new(
        kind: &'static str,
        reference: String,
        postings: Vec<Posting>,
    ) -> Result<Self, LedgerError> {
        if postings.len() < 2 {
            return Err(LedgerError::TooFewPostings);
        }
        if postings.iter().any(|p| p.amount == Money::ZERO) {
            return Err(LedgerError::ZeroPosting);
        }
        let sum = postings
            .iter()
            .try_fold(0i64, |sum, p| sum.checked_add(p.amount.paise()));
        if sum != Some(0) {
            return Err(LedgerError::Unbalanced);
        }
        Ok(LedgerTransaction {
            kind,
            reference,
            postings,
        })
    }

    /// The interviewer's credit for completing `interview`: `credit` moves from
    /// the platform's payout expense to the interviewer's earnings.
    pub fn interview_completed(
        interview: InterviewId,
        interviewer: UserId,
        credit: Money,
    ) -> Result<Self, LedgerError> {
        Self::new(
            "interview_completed",
            format!("interview_completed:{interview}"),
            vec![
                Posting {
                    account: Account::interviewer_earnings(interviewer),
                    amount: credit,
                },
                Posting {
                    account: Account::interview_payouts_expense(),
                    amount: Money::ZERO - credit,
                },
            ],
        )
    }

    /// What kind of movement this is.
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The unique reference.
    pub fn reference(&self) -> &str {
        &self.reference
    }

    /// The postings, which sum to zero.
    pub fn postings(&self) -> &[Posting] {
        &self.postings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn posting(account: &str, paise: i64) -> Posting {
        Posting {
            account: Account(account.into()),
            amount: Money::from_paise(paise),
        }
    }

    #[test]
    fn completing_an_interview_credits_the_interviewer() {
        let interviewer = UserId::new();
        let interview = InterviewId::new();
        let tx = LedgerTransaction::interview_completed(
            interview,
            interviewer,
            Money::from_paise(8_000),
        )
        .expect("balanced");
        assert_eq!(tx.reference(), format!("interview_completed:{interview}"));
        assert_eq!(
            tx.postings()[0].account.as_str(),
            format!("interviewer:{interviewer}:earnings")
        );
        assert_eq!(tx.postings()[0].amount, Money::from_paise(8_000));
        assert_eq!(tx.postings()[1].amount, Money::from_paise(-8_000));
    }

    #[test]
    fn unbalanced_or_degenerate_postings_are_refused() {
        let refuse = |postings| LedgerTransaction::new("test", "r".into(), postings);
        assert_eq!(
            refuse(vec![posting("a", 5), posting("b", -4)]),
            Err(LedgerError::Unbalanced)
        );
        assert_eq!(
            refuse(vec![posting("a", 0)]),
            Err(LedgerError::TooFewPostings)
        );
        assert_eq!(
            refuse(vec![posting("a", 0), posting("b", 0)]),
            Err(LedgerError::ZeroPosting)
        );
        assert_eq!(
            refuse(vec![
                posting("a", i64::MAX),
                posting("b", i64::MAX),
                posting("c", 2)
            ]),
            Err(LedgerError::Unbalanced)
        );
        assert_eq!(
            LedgerTransaction::interview_completed(InterviewId::new(), UserId::new(), Money::ZERO),
            Err(LedgerError::ZeroPosting)
        );
    }

    proptest! {
        #[test]
        fn accepted_transactions_always_balance(
            amounts in proptest::collection::vec(-1_000_000i64..1_000_000, 0..8)
        ) {
            let postings: Vec<Posting> =
                amounts.iter().enumerate().map(|(i, a)| posting(&format!("acct{i}"), *a)).collect();
            let sum: i64 = amounts.iter().sum();
            let result = LedgerTransaction::new("test", "r".into(), postings);
            match result {
                Ok(tx) => {
                    let total: i64 = tx.postings().iter().map(|p| p.amount.paise()).sum();
                    prop_assert_eq!(total, 0);
                }
                Err(_) => prop_assert!(
                    sum != 0 || amounts.len() < 2 || amounts.contains(&0)
                ),
            }
        }

        #[test]
        fn interview_credits_balance_for_any_price(price in 1i64..100_000_000, share in 1i64..=100) {
            let credit = crate::interview::interviewer_credit(Money::from_paise(price), share);
            prop_assume!(credit != Money::ZERO);
            let tx = LedgerTransaction::interview_completed(InterviewId::new(), UserId::new(), credit)
                .expect("balanced");
            let total: i64 = tx.postings().iter().map(|p| p.amount.paise()).sum();
            prop_assert_eq!(total, 0);
            prop_assert!(tx.postings()[0].amount.paise() <= price);
        }
    }
}
