//! What a mock interview costs: the list price, a coupon's discount, and the
//! gateway's minimum charge. Every amount is integer paise.
//!
//! A percentage coupon takes `round_half_up(price × p / 100)` off, a flat coupon
//! its own value; the result never goes below zero. Nothing left to pay means a
//! free booking that skips the gateway; a remainder under ₹1 is charged ₹1,
//! because the gateway refuses smaller orders.

use time::OffsetDateTime;

use crate::money::Money;

/// The smallest order the gateway accepts (₹1).
pub const GATEWAY_MINIMUM: Money = Money::from_paise(100);

/// How a coupon lowers the price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Discount {
    /// A percentage of the price, 0 to 100.
    Percent(i64),
    /// A fixed amount.
    Flat(Money),
}

impl Discount {
    /// The amount taken off `price`, never more than the price and never negative.
    pub fn amount_off(self, price: Money) -> Money {
        let off = match self {
            Discount::Percent(percent) => price.share(percent.clamp(0, 100), 100),
            Discount::Flat(amount) => amount,
        };
        off.max(Money::ZERO).min(price.max(Money::ZERO))
    }
}

/// What the seeker pays for one interview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charge {
    /// Nothing to pay: the request opens without the gateway.
    Free,
    /// An order of this amount (at least [`GATEWAY_MINIMUM`]).
    Pay(Money),
}

impl Charge {
    /// The amount due (zero when free).
    pub fn amount(self) -> Money {
        match self {
            Charge::Free => Money::ZERO,
            Charge::Pay(amount) => amount,
        }
    }
}

/// The charge for an interview at `price`, after an optional coupon.
pub fn charge_for(price: Money, discount: Option<Discount>) -> Charge {
    let off = discount.map_or(Money::ZERO, |d| d.amount_off(price));
    let due = (price - off).max(Money::ZERO);
    if due == Money::ZERO {
        Charge::Free
    } else {
        Charge::Pay(due.max(GATEWAY_MINIMUM))
    }
}

/// The facts about a coupon that decide whether it may be used now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CouponTerms {
    pub active: bool,
    pub starts_at: Option<OffsetDateTime>,
    pub expires_at: Option<OffsetDateTime>,
    pub per_user_limit: i32,
    pub global_limit: Option<i32>,
    pub used_count: i32,
}

/// Why a coupon cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CouponRefusal {
    #[error("this coupon is not active")]
    Inactive,
    #[error("this coupon is not valid yet")]
    NotStarted,
    #[error("this coupon has expired")]
    Expired,
    #[error("this coupon has been used up")]
    Exhausted,
    #[error("you have already used this coupon as often as allowed")]
    UserLimitReached,
}

impl CouponRefusal {
    /// A stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            CouponRefusal::Inactive => "coupon_inactive",
            CouponRefusal::NotStarted => "coupon_not_started",
            CouponRefusal::Expired => "coupon_expired",
            CouponRefusal::Exhausted => "coupon_exhausted",
            CouponRefusal::UserLimitReached => "coupon_user_limit_reached",
        }
    }
}

impl CouponTerms {
    /// Whether a user who holds `uses_by_user` reserved or committed uses may use
    /// the coupon at `now`. The global limit is enforced again by the store's
    /// conditional update, which is what makes it hold under concurrency.
    pub fn check(&self, now: OffsetDateTime, uses_by_user: i64) -> Result<(), CouponRefusal> {
        if !self.active {
            return Err(CouponRefusal::Inactive);
        }
        if self.starts_at.is_some_and(|start| now < start) {
            return Err(CouponRefusal::NotStarted);
        }
        if self.expires_at.is_some_and(|end| now >= end) {
            return Err(CouponRefusal::Expired);
        }
        if self
            .global_limit
            .is_some_and(|limit| self.used_count >= limit)
        {
            return Err(CouponRefusal::Exhausted);
        }
        if uses_by_user >= i64::from(self.per_user_limit) {
            return Err(CouponRefusal::UserLimitReached);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::Duration;

    const PRICE: Money = Money::from_paise(10_000);

    #[test]
    fn no_coupon_charges_the_list_price() {
        assert_eq!(charge_for(PRICE, None), Charge::Pay(PRICE));
    }

    #[test]
    fn percent_coupons_round_half_up() {
        assert_eq!(
            charge_for(PRICE, Some(Discount::Percent(95))),
            Charge::Pay(Money::from_paise(500))
        );
        // 33 % of 999 paise is 329.67 → 330 off, 669 due.
        assert_eq!(
            charge_for(Money::from_paise(999), Some(Discount::Percent(33))),
            Charge::Pay(Money::from_paise(669))
        );
        // 50 % of 101 paise is 50.5 → 51 off.
        assert_eq!(
            Discount::Percent(50).amount_off(Money::from_paise(101)),
            Money::from_paise(51)
        );
    }

    #[test]
    fn a_full_discount_is_free_and_a_tiny_remainder_costs_one_rupee() {
        assert_eq!(
            charge_for(PRICE, Some(Discount::Percent(100))),
            Charge::Free
        );
        assert_eq!(
            charge_for(PRICE, Some(Discount::Flat(Money::from_paise(20_000)))),
            Charge::Free
        );
        assert_eq!(
            charge_for(PRICE, Some(Discount::Flat(Money::from_paise(9_999)))),
            Charge::Pay(GATEWAY_MINIMUM)
        );
        assert_eq!(
            charge_for(PRICE, Some(Discount::Flat(Money::from_paise(9_901)))),
            Charge::Pay(GATEWAY_MINIMUM)
        );
        assert_eq!(
            charge_for(PRICE, Some(Discount::Flat(Money::from_paise(9_900)))),
            Charge::Pay(Money::from_paise(100))
        );
    }

    fn terms() -> CouponTerms {
        CouponTerms {
            active: true,
            starts_at: None,
            expires_at: None,
            per_user_limit: 1,
            global_limit: Some(10),
            used_count: 0,
        }
    }

    #[test]
    fn coupon_terms_are_checked_in_order() {
        let now = OffsetDateTime::UNIX_EPOCH + Duration::days(10_000);
        assert_eq!(terms().check(now, 0), Ok(()));
        let inactive = CouponTerms {
            active: false,
            ..terms()
        };
        assert_eq!(inactive.check(now, 0), Err(CouponRefusal::Inactive));
        let early = CouponTerms {
            starts_at: Some(now + Duration::hours(1)),
            ..terms()
        };
        assert_eq!(early.check(now, 0), Err(CouponRefusal::NotStarted));
        let late = CouponTerms {
            expires_at: Some(now),
            ..terms()
        };
        assert_eq!(late.check(now, 0), Err(CouponRefusal::Expired));
        let used_up = CouponTerms {
            used_count: 10,
            ..terms()
        };
        assert_eq!(used_up.check(now, 0), Err(CouponRefusal::Exhausted));
        assert_eq!(terms().check(now, 1), Err(CouponRefusal::UserLimitReached));
    }

    proptest! {
        #[test]
        fn a_charge_is_free_or_between_the_minimum_and_the_price(
            price in 100i64..10_000_000,
            percent in 0i64..=100,
            flat in 0i64..20_000_000,
        ) {
            let price = Money::from_paise(price);
            for discount in [Discount::Percent(percent), Discount::Flat(Money::from_paise(flat))] {
                match charge_for(price, Some(discount)) {
                    Charge::Free => prop_assert!(discount.amount_off(price) == price),
                    Charge::Pay(due) => {
                        prop_assert!(due >= GATEWAY_MINIMUM);
                        prop_assert!(due <= price);
                        let exact = price - discount.amount_off(price);
                        prop_assert!(due == exact || (exact < GATEWAY_MINIMUM && due == GATEWAY_MINIMUM));
                    }
                }
            }
        }

        #[test]
        fn a_bigger_percentage_never_costs_more(price in 100i64..10_000_000, p in 0i64..100) {
            let price = Money::from_paise(price);
            let lower = charge_for(price, Some(Discount::Percent(p))).amount();
            let higher = charge_for(price, Some(Discount::Percent(p + 1))).amount();
            prop_assert!(higher <= lower || higher == GATEWAY_MINIMUM);
        }
    }
}
