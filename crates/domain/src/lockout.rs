//! Login lockout: after a run of failed passwords an account refuses logins for
//! a while.
//!
//! The earlier system never reset its counter when a lock ended, so a single
//! later mistake locked the account again. Here an ended lock clears the counter:
//! the next failure starts a fresh run.

use time::{Duration, OffsetDateTime};

/// How many failures in a row lock an account, and for how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LockoutPolicy {
    pub threshold: i32,
    pub lock_for: Duration,
}

/// The stored login-failure state of an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailureCounter {
    pub failed: i32,
    pub locked_until: Option<OffsetDateTime>,
}

impl FailureCounter {
    /// A clean counter: no failures, no lock.
    pub const CLEAR: FailureCounter = FailureCounter {
        failed: 0,
        locked_until: None,
    };

    /// The counter as it stands at `now`: an ended lock counts as cleared.
    pub fn effective(self, now: OffsetDateTime) -> FailureCounter {
        match self.locked_until {
            Some(until) if until <= now => FailureCounter::CLEAR,
            _ => self,
        }
    }

    /// The end of the lock in force at `now`, if any.
    pub fn locked_at(self, now: OffsetDateTime) -> Option<OffsetDateTime> {
        self.locked_until.filter(|until| *until > now)
    }
}

impl LockoutPolicy {
    /// The counter after one more failed password at `now`; it carries a lock
    /// once the run reaches the threshold.
    pub fn after_failure(&self, counter: FailureCounter, now: OffsetDateTime) -> FailureCounter {
        let current = counter.effective(now);
        let failed = current.failed.saturating_add(1);
        let locked_until = if failed >= self.threshold {
            Some(now + self.lock_for)
        } else {
            current.locked_until
        };
        FailureCounter {
            failed,
            locked_until,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::datetime;

    use super::*;

    const POLICY: LockoutPolicy = LockoutPolicy {
        threshold: 5,
        lock_for: Duration::minutes(30),
    };
    const T0: OffsetDateTime = datetime!(2026-12-03 10:00 UTC);

    fn fail_times(n: usize, now: OffsetDateTime) -> FailureCounter {
        (0..n).fold(FailureCounter::CLEAR, |c, _| POLICY.after_failure(c, now))
    }

    #[test]
    fn five_failures_lock_for_thirty_minutes() {
        assert_eq!(fail_times(4, T0).locked_at(T0), None);
        let locked = fail_times(5, T0);
        assert_eq!(locked.locked_at(T0), Some(T0 + Duration::minutes(30)));
        assert_eq!(
            locked.locked_at(T0 + Duration::minutes(29)),
            Some(T0 + Duration::minutes(30))
        );
        assert_eq!(locked.locked_at(T0 + Duration::minutes(30)), None);
    }

    #[test]
    fn an_ended_lock_resets_the_counter() {
        let locked = fail_times(5, T0);
        let later = T0 + Duration::minutes(31);
        assert_eq!(locked.effective(later), FailureCounter::CLEAR);
        let one_more = POLICY.after_failure(locked, later);
        assert_eq!(one_more.failed, 1);
        assert_eq!(one_more.locked_at(later), None);
    }

    proptest! {
        #[test]
        fn fewer_failures_than_the_threshold_never_lock(n in 0usize..5) {
            prop_assert_eq!(fail_times(n, T0).locked_at(T0), None);
            prop_assert_eq!(fail_times(n, T0).failed, n as i32);
        }

        #[test]
        fn a_lock_never_outlives_its_duration(n in 5usize..50, minutes in 0i64..120) {
            let now = T0 + Duration::minutes(minutes);
            let counter = fail_times(n, T0);
            let locked = counter.locked_at(now).is_some();
            prop_assert_eq!(locked, minutes < 30);
        }
    }
}
