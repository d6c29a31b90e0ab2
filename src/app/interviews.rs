//! Mock interviews after payment: matching, claiming, running, feedback.
