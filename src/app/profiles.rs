//! Job seeker profiles and their completeness.
