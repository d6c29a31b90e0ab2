//! Employers' company profiles.
