//! Interviewer profiles and their approval by admins.
