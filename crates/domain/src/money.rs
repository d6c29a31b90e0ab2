//! Money: integer paise, never floats.

use std::fmt;
use std::ops::{Add, Sub};

use serde::{Deserialize, Serialize};

/// An amount of Indian rupees held as integer paise (₹1 = 100 paise).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(i64);

impl Money {
    /// Zero rupees.
    pub const ZERO: Money = Money(0);

    /// An amount in paise.
    pub const fn from_paise(paise: i64) -> Self {
        Self(paise)
    }

    /// An amount in whole rupees.
    pub const fn from_rupees(rupees: i64) -> Self {
        Self(rupees * 100)
    }

    /// The amount in paise.
    pub const fn paise(self) -> i64 {
        self.0
    }

    /// `self × numerator / denominator`, rounded half up. Used for shares and
    /// percentage discounts, which must never go through floating point.
    pub fn share(self, numerator: i64, denominator: i64) -> Money {
        debug_assert!(denominator > 0);
        let product = i128::from(self.0) * i128::from(numerator);
        let denominator = i128::from(denominator);
        let rounded = (2 * product + denominator).div_euclid(2 * denominator);
        Money(i64::try_from(rounded).unwrap_or(i64::MAX))
    }

    /// Whole rupees (paise dropped) with Indian digit grouping, e.g. `₹12,34,567`;
    /// for salaries and other amounts where paise would be noise.
    pub fn whole_rupees(self) -> String {
        let digits = (self.0 / 100).unsigned_abs().to_string();
        let (head, tail) = digits.split_at(digits.len().saturating_sub(3));
        let mut groups: Vec<&str> = Vec::new();
        let mut rest = head;
        while rest.len() > 2 {
            let (left, right) = rest.split_at(rest.len() - 2);
            groups.insert(0, right);
            rest = left;
        }
        if !rest.is_empty() {
            groups.insert(0, rest);
        }
        groups.push(tail);
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}₹{}", groups.join(","))
    }

    /// The larger of the two amounts.
    pub fn max(self, other: Money) -> Money {
        if self >= other { self } else { other }
    }
}

impl Add for Money {
    type Output = Money;

    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;

    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl fmt::Display for Money {
    /// Formats as rupees, e.g. `₹100.00` or `-₹5.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}₹{}.{:02}", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_as_rupees_and_paise() {
        assert_eq!(Money::from_rupees(100).to_string(), "₹100.00");
        assert_eq!(Money::from_paise(550).to_string(), "₹5.50");
        assert_eq!(Money::from_paise(-5).to_string(), "-₹0.05");
    }

    #[test]
    fn share_rounds_half_up() {
        assert_eq!(
            Money::from_paise(10_000).share(80, 100),
            Money::from_paise(8_000)
        );
        assert_eq!(
            Money::from_paise(10_000).share(95, 100),
            Money::from_paise(9_500)
        );
        assert_eq!(Money::from_paise(5).share(1, 2), Money::from_paise(3));
        assert_eq!(Money::from_paise(3).share(1, 2), Money::from_paise(2));
        assert_eq!(Money::from_paise(1).share(1, 3), Money::from_paise(0));
    }

    proptest! {
        #[test]
        fn share_never_exceeds_whole(paise in 0i64..10_000_000, pct in 0i64..=100) {
            let part = Money::from_paise(paise).share(pct, 100);
            prop_assert!(part <= Money::from_paise(paise));
            prop_assert!(part >= Money::ZERO);
        }
    }
}
