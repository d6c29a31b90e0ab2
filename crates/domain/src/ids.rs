//! Typed identifiers: one UUID v7 newtype per entity, so ids of different
//! entities cannot be mixed up.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! entity_id {
    ($($(#[$doc:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// The underlying UUID.
            pub fn into_uuid(self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }
    )+};
}

entity_id!(
    /// A user account of any role.
    UserId,
    /// A login session (one family of rotating refresh tokens, or one browser session).
    SessionId,
    /// An employer's company profile.
    CompanyId,
    /// A job posting.
    JobId,
    /// A job seeker's application to a job.
    ApplicationId,
    /// A mock interview, from its paid request to its feedback.
    InterviewId,
    /// A payment attempt against the gateway.
    PaymentId,
    /// A coupon.
    CouponId,
    /// An in-app notification.
    NotificationId,
    /// A queued background job.
    JobRunId,
    /// A ledger transaction (a balanced group of postings).
    LedgerTxId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_time_ordered_and_round_trip_as_text() {
        let first = JobId::new();
        let second = JobId::new();
        assert!(first < second);
        let parsed: JobId = first.to_string().parse().expect("valid uuid");
        assert_eq!(parsed, first);
        assert_eq!(first.0.get_version_num(), 7);
    }
}
