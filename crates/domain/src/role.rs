//! Roles and account statuses.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a user is on the platform. Fixed at registration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    JobSeeker,
    Employer,
    Interviewer,
    Admin,
}

impl Role {
    /// The stored and serialized name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::JobSeeker => "job_seeker",
            Role::Employer => "employer",
            Role::Interviewer => "interviewer",
            Role::Admin => "admin",
        }
    }

    /// Roles a person may choose when signing up; admins come from the command line only.
    pub fn self_service(self) -> bool {
        !matches!(self, Role::Admin)
    }

    /// A human label for pages.
    pub fn label(self) -> &'static str {
        match self {
            Role::JobSeeker => "Job seeker",
            Role::Employer => "Employer",
            Role::Interviewer => "Interviewer",
            Role::Admin => "Admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown role or status name.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown value `{0}`")]
pub struct UnknownName(pub String);

impl FromStr for Role {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "job_seeker" => Ok(Role::JobSeeker),
            "employer" => Ok(Role::Employer),
            "interviewer" => Ok(Role::Interviewer),
            "admin" => Ok(Role::Admin),
            other => Err(UnknownName(other.to_owned())),
        }
    }
}

/// Whether an account may be used at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    Active,
    Suspended,
}

impl AccountStatus {
    /// The stored and serialized name.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::Suspended => "suspended",
        }
    }
}

impl FromStr for AccountStatus {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "active" => Ok(AccountStatus::Active),
            "suspended" => Ok(AccountStatus::Suspended),
            other => Err(UnknownName(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_admin_is_not_self_service() {
        for role in [
            Role::JobSeeker,
            Role::Employer,
            Role::Interviewer,
            Role::Admin,
        ] {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!(!Role::Admin.self_service());
        assert!(Role::Interviewer.self_service());
        assert!("root".parse::<Role>().is_err());
    }
}
