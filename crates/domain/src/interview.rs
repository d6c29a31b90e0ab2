//! The mock interview's life: its states and the moves between them, the rules
//! for picking a start time when claiming, for starting, for showing the meeting
//! link, for the feedback rubric, and the interviewer's share of the price.

use std::fmt;
use std::str::FromStr;

use time::{Duration, OffsetDateTime, UtcOffset};

use crate::money::Money;
use crate::role::UnknownName;
use crate::validation::{FieldError, Validation};

/// Where a mock interview stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InterviewStatus {
    /// Requested, waiting for the seeker's payment.
    AwaitingPayment,
    /// Paid (or free) and waiting for an interviewer to claim it.
    Open,
    /// Claimed: an interviewer and a start time are fixed.
    Scheduled,
    /// The interviewer started it.
    InProgress,
    /// The interviewer submitted feedback.
    Completed,
    /// Cancelled by a participant or an admin.
    Cancelled,
    /// Nobody claimed it in time.
    Expired,
}

impl InterviewStatus {
    /// Every status, in the order of a normal life.
    pub const ALL: [InterviewStatus; 7] = [
        InterviewStatus::AwaitingPayment,
        InterviewStatus::Open,
        InterviewStatus::Scheduled,
        InterviewStatus::InProgress,
        InterviewStatus::Completed,
        InterviewStatus::Cancelled,
        InterviewStatus::Expired,
    ];

    /// The stored and serialized name.
    pub fn as_str(self) -> &'static str {
        match self {
            InterviewStatus::AwaitingPayment => "awaiting_payment",
            InterviewStatus::Open => "open",
            InterviewStatus::Scheduled => "scheduled",
            InterviewStatus::InProgress => "in_progress",
            InterviewStatus::Completed => "completed",
            InterviewStatus::Cancelled => "cancelled",
            InterviewStatus::Expired => "expired",
        }
    }

    /// A human label for pages.
    pub fn label(self) -> &'static str {
        match self {
            InterviewStatus::AwaitingPayment => "Awaiting payment",
            InterviewStatus::Open => "Waiting for an interviewer",
            InterviewStatus::Scheduled => "Scheduled",
            InterviewStatus::InProgress => "In progress",
            InterviewStatus::Completed => "Completed",
            InterviewStatus::Cancelled => "Cancelled",
            InterviewStatus::Expired => "Expired",
        }
    }

    /// Whether a status may follow this one.
    ///
    /// An interviewer who cancels a scheduled interview sends it back to `open`.
    pub fn can_become(self, next: InterviewStatus) -> bool {
        use InterviewStatus::*;
        matches!(
            (self, next),
            (AwaitingPayment, Open | Cancelled | Expired)
                | (Open, Scheduled | Cancelled | Expired)
                | (Scheduled, InProgress | Cancelled | Open)
                | (InProgress, Completed)
        )
    }

    /// Whether nothing can happen to the interview any more.
    pub fn is_final(self) -> bool {
        Self::ALL.iter().all(|next| !self.can_become(*next))
    }

    /// Whether the interview occupies its participants' calendars.
    pub fn blocks_calendar(self) -> bool {
        matches!(
            self,
            InterviewStatus::Scheduled | InterviewStatus::InProgress
        )
    }
}

impl fmt::Display for InterviewStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for InterviewStatus {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

/// The durations a seeker may book, in minutes.
pub const DURATIONS_MINUTES: [i64; 4] = [30, 45, 60, 90];
/// How far ahead an interviewer may schedule a claimed interview.
pub const MAX_SCHEDULE_AHEAD: Duration = Duration::days(60);
/// How long before the start the interviewer may start, and both see the link.
pub const EARLY_ACCESS: Duration = Duration::minutes(10);

/// A half-open time interval `[start, end)` in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub start: OffsetDateTime,
    pub end: OffsetDateTime,
}

impl Slot {
    /// Whether the two intervals share any instant. Back-to-back slots do not.
    pub fn overlaps(&self, other: &Slot) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Why a start time cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("The start time must be in the future.")]
    InPast,
    #[error("The start time must be at most 60 days ahead.")]
    TooFarAhead,
    #[error("The interview has an invalid duration.")]
    BadDuration,
}

/// The slot a claim at `start` would occupy, for an interview of `duration_minutes`.
///
/// The start is kept to whole minutes (seconds are dropped), stored in UTC, must
/// lie strictly after `now` and at most [`MAX_SCHEDULE_AHEAD`] from it.
pub fn plan_slot(
    now: OffsetDateTime,
    start: OffsetDateTime,
    duration_minutes: i64,
) -> Result<Slot, ScheduleError> {
    if !(1..=24 * 60).contains(&duration_minutes) {
        return Err(ScheduleError::BadDuration);
    }
    let start = whole_minute(start.to_offset(UtcOffset::UTC));
    if start <= now {
        return Err(ScheduleError::InPast);
    }
    if start - now > MAX_SCHEDULE_AHEAD {
        return Err(ScheduleError::TooFarAhead);
    }
    Ok(Slot {
        start,
        end: start + Duration::minutes(duration_minutes),
    })
}

fn whole_minute(at: OffsetDateTime) -> OffsetDateTime {
    at.replace_second(0)
        .and_then(|t| t.replace_nanosecond(0))
        .unwrap_or(at)
}

/// Whether the interviewer may start an interview scheduled at `scheduled_start` now.
pub fn may_start(now: OffsetDateTime, scheduled_start: OffsetDateTime) -> bool {
    now >= scheduled_start - EARLY_ACCESS
}

/// Whether the participants may see the meeting link now.
pub fn meeting_link_visible(now: OffsetDateTime, scheduled_start: OffsetDateTime) -> bool {
    now >= scheduled_start - EARLY_ACCESS
}

/// The interviewer's credit for a completed interview: `share_percent` of the
/// list price at booking, rounded half up. Coupon discounts are the platform's cost.
pub fn interviewer_credit(list_price: Money, share_percent: i64) -> Money {
    list_price.share(share_percent.clamp(0, 100), 100)
}

/// The interviewer's hiring recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recommendation {
    StrongYes,
    Yes,
    Maybe,
    No,
    StrongNo,
}

impl Recommendation {
    /// Every recommendation, strongest yes first.
    pub const ALL: [Recommendation; 5] = [
        Recommendation::StrongYes,
        Recommendation::Yes,
        Recommendation::Maybe,
        Recommendation::No,
        Recommendation::StrongNo,
    ];

    /// The stored and serialized name.
    pub fn as_str(self) -> &'static str {
        match self {
            Recommendation::StrongYes => "strong_yes",
            Recommendation::Yes => "yes",
            Recommendation::Maybe => "maybe",
            Recommendation::No => "no",
            Recommendation::StrongNo => "strong_no",
        }
    }

    /// A human label for pages.
    pub fn label(self) -> &'static str {
        match self {
            Recommendation::StrongYes => "Strong yes",
            Recommendation::Yes => "Yes",
            Recommendation::Maybe => "Maybe",
            Recommendation::No => "No",
            Recommendation::StrongNo => "Strong no",
        }
    }
}

impl FromStr for Recommendation {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

/// The feedback rubric as submitted, before it is checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedbackDraft {
    pub technical: i64,
    pub communication: i64,
    pub problem_solving: i64,
    pub overall: i64,
    pub strengths: String,
    pub areas_to_improve: String,
    pub comments: String,
    pub recommendation: String,
    pub public: bool,
}

/// Checked feedback, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feedback {
    pub technical: i32,
    pub communication: i32,
    pub problem_solving: i32,
    pub overall: i32,
    pub strengths: String,
    pub areas_to_improve: String,
    pub comments: String,
    pub recommendation: Recommendation,
    pub public: bool,
}

impl FeedbackDraft {
    /// Checks every field at once: ratings 1–5, texts 1–2000 (comments 1–5000)
    /// characters, a known recommendation. Texts are trimmed.
    pub fn validate(self) -> Result<Feedback, Vec<FieldError>> {
        let mut v = Validation::new();
        let ratings = [
            ("technical", self.technical),
            ("communication", self.communication),
            ("problem_solving", self.problem_solving),
            ("overall", self.overall),
        ];
        for (field, value) in ratings {
            v.check(
                !(1..=5).contains(&value),
                field,
                "out_of_range",
                "Rate from 1 to 5.",
            );
        }
        v.text("strengths", &self.strengths, 1, 2_000);
        v.text("areas_to_improve", &self.areas_to_improve, 1, 2_000);
        v.text("comments", &self.comments, 1, 5_000);
        let recommendation = self.recommendation.parse::<Recommendation>();
        v.check(
            recommendation.is_err(),
            "recommendation",
            "invalid_choice",
            "Choose strong_yes, yes, maybe, no or strong_no.",
        );
        v.finish()?;
        let Ok(recommendation) = recommendation else {
            return Err(Vec::new());
        };
        // The ratings were checked to lie in 1..=5 above.
        let rating = |value: i64| value as i32;
        Ok(Feedback {
            technical: rating(self.technical),
            communication: rating(self.communication),
            problem_solving: rating(self.problem_solving),
            overall: rating(self.overall),
            strengths: self.strengths.trim().to_owned(),
            areas_to_improve: self.areas_to_improve.trim().to_owned(),
            comments: self.comments.trim().to_owned(),
            recommendation,
            public: self.public,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-03 10:00:30 UTC);

    #[test]
    fn statuses_move_only_forward() {
        use InterviewStatus::*;
        assert!(Open.can_become(Scheduled));
        assert!(Scheduled.can_become(InProgress));
        assert!(InProgress.can_become(Completed));
        assert!(!Open.can_become(Completed));
        assert!(!Completed.can_become(Scheduled));
        assert!(!InProgress.can_become(Cancelled));
        assert!(Completed.is_final() && Cancelled.is_final() && Expired.is_final());
        assert!(!Open.is_final());
        for status in InterviewStatus::ALL {
            assert_eq!(status.as_str().parse::<InterviewStatus>(), Ok(status));
        }
    }

    #[test]
    fn a_claimed_slot_must_be_ahead_but_not_too_far() {
        assert_eq!(plan_slot(NOW, NOW, 60), Err(ScheduleError::InPast));
        assert_eq!(
            plan_slot(NOW, NOW - Duration::hours(1), 60),
            Err(ScheduleError::InPast)
        );
        assert_eq!(
            plan_slot(NOW, NOW + Duration::days(61), 60),
            Err(ScheduleError::TooFarAhead)
        );
        let slot = plan_slot(NOW, datetime!(2026-12-05 09:30:45 +05:30), 45).expect("valid");
        assert_eq!(slot.start, datetime!(2026-12-05 04:00 UTC));
        assert_eq!(slot.end, datetime!(2026-12-05 04:45 UTC));
        assert_eq!(slot.start.offset(), UtcOffset::UTC);
    }

    #[test]
    fn a_start_inside_the_current_minute_is_in_the_past() {
        // 10:00:50 becomes 10:00:00, which is before 10:00:30.
        let start = datetime!(2026-12-03 10:00:50 UTC);
        assert_eq!(plan_slot(NOW, start, 30), Err(ScheduleError::InPast));
    }

    #[test]
    fn back_to_back_slots_do_not_overlap() {
        let a = plan_slot(NOW, NOW + Duration::hours(1), 60).expect("a");
        let b = plan_slot(NOW, a.end, 60).expect("b");
        let c = plan_slot(NOW, a.start + Duration::minutes(59), 30).expect("c");
        assert!(!a.overlaps(&b) && !b.overlaps(&a));
        assert!(a.overlaps(&c) && c.overlaps(&a));
        assert!(a.overlaps(&a));
    }

    #[test]
    fn starting_and_the_link_open_ten_minutes_early() {
        let start = datetime!(2026-12-03 11:00 UTC);
        assert!(!may_start(datetime!(2026-12-03 10:49:59 UTC), start));
        assert!(may_start(datetime!(2026-12-03 10:50 UTC), start));
        assert!(may_start(datetime!(2026-12-03 12:00 UTC), start));
        assert!(!meeting_link_visible(
            datetime!(2026-12-03 10:49 UTC),
            start
        ));
        assert!(meeting_link_visible(datetime!(2026-12-03 10:51 UTC), start));
    }

    #[test]
    fn the_interviewer_gets_eighty_percent_of_list_price() {
        let credit = interviewer_credit(Money::from_paise(10_000), 80);
        assert_eq!(credit, Money::from_paise(8_000));
        assert_eq!(
            interviewer_credit(Money::from_paise(999), 80),
            Money::from_paise(799)
        );
    }

    fn draft() -> FeedbackDraft {
        FeedbackDraft {
            technical: 4,
            communication: 5,
            problem_solving: 3,
            overall: 4,
            strengths: " Clear thinking ".into(),
            areas_to_improve: "Testing".into(),
            comments: "Solid session.".into(),
            recommendation: "yes".into(),
            public: true,
        }
    }

    #[test]
    fn good_feedback_is_accepted_and_trimmed() {
        let feedback = draft().validate().expect("valid");
        assert_eq!(feedback.strengths, "Clear thinking");
        assert_eq!(feedback.recommendation, Recommendation::Yes);
        assert_eq!(feedback.technical, 4);
    }

    #[test]
    fn bad_feedback_reports_every_field() {
        let bad = FeedbackDraft {
            technical: 0,
            overall: 6,
            strengths: "  ".into(),
            comments: "x".repeat(5_001),
            recommendation: "perhaps".into(),
            ..draft()
        };
        let errors = bad.validate().expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "technical",
                "overall",
                "strengths",
                "comments",
                "recommendation"
            ]
        );
    }

    proptest! {
        #[test]
        fn planned_slots_last_the_duration(offset_min in 1i64..(60 * 24 * 59), dur_idx in 0usize..4) {
            let duration = DURATIONS_MINUTES[dur_idx];
            let slot = plan_slot(NOW, NOW + Duration::minutes(offset_min), duration)
                .expect("inside the window");
            prop_assert_eq!(slot.end - slot.start, Duration::minutes(duration));
            prop_assert!(slot.start > NOW);
            prop_assert_eq!(slot.start.second(), 0);
        }
    }
}
