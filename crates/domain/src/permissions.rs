//! Who may do what: the single place where role and ownership rules live.
//!
//! Every handler turns its caller into an [`Actor`] and asks [`Actor::require`]
//! for the action it is about to perform, and [`Actor::require_owner`] for the
//! resource it is about to touch. Nothing else in the code base checks roles.

use crate::ids::UserId;
use crate::role::Role;

/// The authenticated caller of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub role: Role,
    pub email_verified: bool,
}

/// Something a caller wants to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Edit the job seeker profile.
    EditSeekerProfile,
    /// Apply to a job.
    ApplyToJob,
    /// Read one's own applications.
    ListOwnApplications,
    /// Request and pay for a mock interview.
    BookInterview,
    /// Read one's own interviews as a job seeker.
    ListOwnInterviews,
    /// Create or edit the company profile.
    EditCompany,
    /// Create, edit and publish jobs.
    PostJob,
    /// Read and move applicants of one's own jobs.
    ManagePipeline,
    /// Edit the interviewer profile.
    EditInterviewerProfile,
    /// See and claim open interview requests (approval is checked separately).
    ClaimInterview,
    /// Start and complete claimed interviews, see earnings.
    RunInterview,
    /// Use the admin console.
    Administer,
}

impl Action {
    /// The role that may perform the action.
    pub fn role(self) -> Role {
        match self {
            Action::EditSeekerProfile
            | Action::ApplyToJob
            | Action::ListOwnApplications
            | Action::BookInterview
            | Action::ListOwnInterviews => Role::JobSeeker,
            Action::EditCompany | Action::PostJob | Action::ManagePipeline => Role::Employer,
            Action::EditInterviewerProfile | Action::ClaimInterview | Action::RunInterview => {
                Role::Interviewer
            }
            Action::Administer => Role::Admin,
        }
    }

    /// Marketplace actions need a verified e-mail address first.
    pub fn needs_verified_email(self) -> bool {
        matches!(
            self,
            Action::ApplyToJob | Action::BookInterview | Action::PostJob | Action::ClaimInterview
        )
    }
}

/// Why an actor was turned away.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("this action needs the {required} role")]
    WrongRole { required: Role },
    #[error("verify your e-mail address first")]
    EmailNotVerified,
    #[error("the resource belongs to someone else")]
    NotOwner,
}

impl Actor {
    /// Checks that the actor may perform `action`.
    pub fn require(&self, action: Action) -> Result<(), Denied> {
        let required = action.role();
        if self.role != required {
            return Err(Denied::WrongRole { required });
        }
        if action.needs_verified_email() && !self.email_verified {
            return Err(Denied::EmailNotVerified);
        }
        Ok(())
    }

    /// Checks that the resource owned by `owner` is the actor's own. Admins may
    /// read everything; writes by admins go through admin actions instead.
    pub fn require_owner(&self, owner: UserId) -> Result<(), Denied> {
        if self.user_id == owner || self.role == Role::Admin {
            Ok(())
        } else {
            Err(Denied::NotOwner)
        }
    }

    /// Whether this actor is an admin.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, verified: bool) -> Actor {
        Actor {
            user_id: UserId::new(),
            role,
            email_verified: verified,
        }
    }

    #[test]
    fn roles_are_enforced() {
        let seeker = actor(Role::JobSeeker, true);
        assert_eq!(seeker.require(Action::ApplyToJob), Ok(()));
        assert_eq!(
            seeker.require(Action::Administer),
            Err(Denied::WrongRole {
                required: Role::Admin
            })
        );
        assert_eq!(
            seeker.require(Action::PostJob),
            Err(Denied::WrongRole {
                required: Role::Employer
            })
        );
    }

    #[test]
    fn marketplace_actions_need_verified_email() {
        let seeker = actor(Role::JobSeeker, false);
        assert_eq!(
            seeker.require(Action::ApplyToJob),
            Err(Denied::EmailNotVerified)
        );
        assert_eq!(seeker.require(Action::EditSeekerProfile), Ok(()));
        let employer = actor(Role::Employer, false);
        assert_eq!(
            employer.require(Action::PostJob),
            Err(Denied::EmailNotVerified)
        );
        assert_eq!(employer.require(Action::EditCompany), Ok(()));
    }

    #[test]
    fn only_owners_and_admins_reach_a_resource() {
        let owner = actor(Role::JobSeeker, true);
        let other = actor(Role::JobSeeker, true);
        let admin = actor(Role::Admin, true);
        assert_eq!(owner.require_owner(owner.user_id), Ok(()));
        assert_eq!(other.require_owner(owner.user_id), Err(Denied::NotOwner));
        assert_eq!(admin.require_owner(owner.user_id), Ok(()));
    }
}
