//! Applications and the hiring pipeline.
//!
//! applied → reviewing → shortlisted → interview → offered → hired, or rejected
//! from any step before a final one. The employer moves an application forward
//! (steps may be skipped, never gone back) or rejects it; the seeker may withdraw
//! until a final state and re-open a withdrawn application by applying again.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::role::UnknownName;

/// How many applications one seeker may send in 24 hours (*setting*).
pub const DAILY_APPLICATION_LIMIT: u64 = 20;
/// The longest cover letter accepted, in characters.
pub const MAX_COVER_LETTER: usize = 5_000;

/// Where an application stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    Applied,
    Reviewing,
    Shortlisted,
    Interview,
    Offered,
    Hired,
    Rejected,
    Withdrawn,
}

/// A status change the pipeline does not allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("an application cannot go from {from} to {to}")]
pub struct PipelineDenied {
    pub from: ApplicationStatus,
    pub to: ApplicationStatus,
}

const ALL: [ApplicationStatus; 8] = [
    ApplicationStatus::Applied,
    ApplicationStatus::Reviewing,
    ApplicationStatus::Shortlisted,
    ApplicationStatus::Interview,
    ApplicationStatus::Offered,
    ApplicationStatus::Hired,
    ApplicationStatus::Rejected,
    ApplicationStatus::Withdrawn,
];

impl ApplicationStatus {
    /// Every status, pipeline order first.
    pub fn all() -> [ApplicationStatus; 8] {
        ALL
    }

    /// The stored and serialized name.
    pub fn as_str(self) -> &'static str {
        use ApplicationStatus::*;
        match self {
            Applied => "applied",
            Reviewing => "reviewing",
            Shortlisted => "shortlisted",
            Interview => "interview",
            Offered => "offered",
            Hired => "hired",
            Rejected => "rejected",
            Withdrawn => "withdrawn",
        }
    }

    /// The position on the forward pipeline; `None` for rejected and withdrawn.
    fn step(self) -> Option<u8> {
        use ApplicationStatus::*;
        match self {
            Applied => Some(0),
            Reviewing => Some(1),
            Shortlisted => Some(2),
            Interview => Some(3),
            Offered => Some(4),
            Hired => Some(5),
            Rejected | Withdrawn => None,
        }
    }

    /// Hired and rejected end the pipeline.
    pub fn is_final(self) -> bool {
        matches!(self, ApplicationStatus::Hired | ApplicationStatus::Rejected)
    }

    /// Whether the application is still being considered.
    fn in_progress(self) -> bool {
        self.step().is_some() && !self.is_final()
    }

    /// Checks an employer's move from `self` to `to`: forward on the pipeline
    /// (skipping allowed) or to rejected, from a step that is not final.
    pub fn employer_move(self, to: ApplicationStatus) -> Result<(), PipelineDenied> {
        let allowed = self.in_progress()
            && match (self.step(), to.step()) {
                (_, None) => to == ApplicationStatus::Rejected,
                (Some(from), Some(next)) => next > from,
                (None, Some(_)) => false,
            };
        if allowed {
            Ok(())
        } else {
            Err(PipelineDenied { from: self, to })
        }
    }

    /// Checks the seeker's withdrawal from `self`.
    pub fn withdraw(self) -> Result<ApplicationStatus, PipelineDenied> {
        let to = ApplicationStatus::Withdrawn;
        if self.in_progress() {
            Ok(to)
        } else {
            Err(PipelineDenied { from: self, to })
        }
    }

    /// Whether applying again re-opens this application (only a withdrawn one).
    pub fn can_reapply(self) -> bool {
        self == ApplicationStatus::Withdrawn
    }
}

impl fmt::Display for ApplicationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ApplicationStatus {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ALL.into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::ApplicationStatus::*;
    use super::*;

    #[test]
    fn employers_move_forward_or_reject_until_a_final_state() {
        let forward = [Applied, Reviewing, Shortlisted, Interview, Offered, Hired];
        for (i, from) in forward.iter().enumerate() {
            for (j, to) in forward.iter().enumerate() {
                let expected = j > i && !from.is_final();
                assert_eq!(from.employer_move(*to).is_ok(), expected, "{from} → {to}");
            }
            assert_eq!(
                from.employer_move(Rejected).is_ok(),
                *from != Hired,
                "{from} → rejected"
            );
            assert!(from.employer_move(Withdrawn).is_err(), "{from} → withdrawn");
        }
        for ended in [Rejected, Withdrawn] {
            for to in ApplicationStatus::all() {
                assert!(ended.employer_move(to).is_err(), "{ended} → {to}");
            }
        }
    }

    #[test]
    fn skipping_forward_is_allowed_but_going_back_is_not() {
        assert!(Applied.employer_move(Offered).is_ok());
        assert_eq!(
            Interview.employer_move(Reviewing),
            Err(PipelineDenied {
                from: Interview,
                to: Reviewing
            })
        );
        assert!(Shortlisted.employer_move(Shortlisted).is_err());
    }

    #[test]
    fn seekers_withdraw_until_a_final_state_and_reapply_after() {
        let table = [
            (Applied, true),
            (Reviewing, true),
            (Shortlisted, true),
            (Interview, true),
            (Offered, true),
            (Hired, false),
            (Rejected, false),
            (Withdrawn, false),
        ];
        for (from, allowed) in table {
            assert_eq!(from.withdraw().is_ok(), allowed, "{from}");
            assert_eq!(from.can_reapply(), from == Withdrawn, "{from}");
        }
    }

    #[test]
    fn statuses_round_trip() {
        for status in ApplicationStatus::all() {
            assert_eq!(status.as_str().parse::<ApplicationStatus>(), Ok(status));
        }
        assert!("pending".parse::<ApplicationStatus>().is_err());
    }
}
