//! The clock. Rules that depend on time (lockouts, expiries, token lifetimes)
//! read it from here so tests can move time forward instead of sleeping.

use std::sync::Mutex;

use time::{Duration, OffsetDateTime};

/// A source of the current UTC time.
pub trait Clock: Send + Sync {
    /// Now, in UTC, to the microsecond (what both databases store).
    fn now(&self) -> OffsetDateTime;
}

/// The operating system's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the one place that reads the operating system's clock
    fn now(&self) -> OffsetDateTime {
        truncate_to_micros(OffsetDateTime::now_utc())
    }
}

/// The system clock shifted by an adjustable offset, for tests of time-based rules.
#[derive(Debug, Default)]
pub struct ShiftedClock {
    offset: Mutex<Duration>,
}

impl ShiftedClock {
    /// Moves this clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        let mut offset = self.offset.lock().unwrap_or_else(|e| e.into_inner());
        *offset += by;
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> OffsetDateTime {
        let offset = *self.offset.lock().unwrap_or_else(|e| e.into_inner());
        SystemClock.now() + offset
    }
}

/// Drops nanoseconds so values survive a round trip through either database unchanged.
pub fn truncate_to_micros(at: OffsetDateTime) -> OffsetDateTime {
    let micros = at.microsecond();
    at.replace_microsecond(micros).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_clock_moves_forward() {
        let clock = ShiftedClock::default();
        let before = clock.now();
        clock.advance(Duration::minutes(31));
        assert!(clock.now() - before >= Duration::minutes(31));
        assert_eq!(clock.now().nanosecond() % 1_000, 0);
    }
}
