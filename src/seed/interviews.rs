//! Twenty demo mock interviews across every state, with captured payments, and
//! feedback plus earnings (through the same ledger path as real completions) for the
//! completed ones.

use sea_orm::{ActiveValue::Set, EntityTrait};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::people::People;
use crate::app::earnings::record_interview_credit;
use crate::config::Config;
use crate::domain::interview::interviewer_credit;
use crate::domain::{InterviewId, UserId};
use crate::store::WriteTx;
use crate::store::entity::{interview_feedback, interview_skills, interviews, payments};

/// How many interviews of each state (20 in all).
const STATES: [(&str, usize); 6] = [
    ("open", 6),
    ("scheduled", 4),
    ("in_progress", 1),
    ("completed", 5),
    ("cancelled", 2),
    ("expired", 2),
];

/// Creates the interviews and returns how many.
pub async fn create(
    tx: &WriteTx,
    people: &People,
    config: &Config,
    now: OffsetDateTime,
) -> anyhow::Result<usize> {
    let approved: Vec<_> = people
        .interviewers
        .iter()
        .filter(|(_, ok, _)| *ok)
        .collect();
    let price = config.market.interview_price.paise();
    let mut n = 0;
    for (status, count) in STATES {
        for _ in 0..count {
            let (interviewer, _, skills) = approved[n % approved.len()];
            let seeker = people.seekers[n % people.seekers.len()];
            let claimed = !matches!(status, "open" | "expired");
            let start = match status {
                "scheduled" => now + Duration::days(1 + n as i64 % 5),
                "in_progress" => now - Duration::minutes(10),
                _ => now - Duration::days(2 + n as i64),
            };
            let id = Uuid::now_v7();
            let row = interviews::ActiveModel {
                id: Set(id),
                seeker_id: Set(seeker),
                interviewer_id: Set(claimed.then_some(*interviewer)),
                status: Set(status.into()),
                duration_minutes: Set(60),
                notes: Set(Some("Focus on problem solving, please.".into())),
                list_price: Set(price),
                amount_due: Set(price),
                coupon_id: Set(None),
                open_until: Set(Some(match status {
                    "expired" => now - Duration::days(1),
                    _ => now + Duration::days(config.market.request_open_days),
                })),
                scheduled_start: Set(claimed.then_some(start)),
                scheduled_end: Set(claimed.then_some(start + Duration::minutes(60))),
                meeting_url: Set(
                    claimed.then(|| format!("{}/mockomi-demo-{n}", config.meeting_base_url))
                ),
                claimed_at: Set(claimed.then_some(now - Duration::days(3))),
                started_at: Set(matches!(status, "in_progress" | "completed").then_some(start)),
                completed_at: Set((status == "completed").then_some(start + Duration::minutes(60))),
                created_at: Set(now - Duration::days(4)),
                updated_at: Set(now),
            };
            interviews::Entity::insert(row)
                .exec_without_returning(tx)
                .await?;
            let skill = &skills[n % skills.len()];
            interview_skills::Entity::insert(interview_skills::ActiveModel {
                interview_id: Set(id),
                skill: Set(skill.clone()),
            })
            .exec_without_returning(tx)
            .await?;
            payment(tx, id, seeker, price, now).await?;
            if status == "completed" {
                feedback(tx, id, n, now).await?;
                let credit = interviewer_credit(
                    config.market.interview_price,
                    config.market.interviewer_share_percent,
                );
                let (interview, interviewer) = (InterviewId(id), UserId(*interviewer));
                record_interview_credit(tx, interview, interviewer, credit, now).await?;
            }
            n += 1;
        }
    }
    Ok(n)
}

async fn payment(
    tx: &WriteTx,
    interview: Uuid,
    seeker: Uuid,
    amount: i64,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    let id = Uuid::now_v7();
    let row = payments::ActiveModel {
        id: Set(id),
        interview_id: Set(interview),
        user_id: Set(seeker),
        amount: Set(amount),
        currency: Set("INR".into()),
        status: Set("captured".into()),
        gateway_order_id: Set(Some(format!(
            "order_demo{}",
            &id.simple().to_string()[20..]
        ))),
        gateway_payment_id: Set(Some(format!("pay_demo{}", &id.simple().to_string()[20..]))),
        checkout_verified_at: Set(Some(now - Duration::days(4))),
        captured_at: Set(Some(now - Duration::days(4))),
        failure_reason: Set(None),
        created_at: Set(now - Duration::days(4)),
        updated_at: Set(now - Duration::days(4)),
    };
    payments::Entity::insert(row)
        .exec_without_returning(tx)
        .await?;
    Ok(())
}

async fn feedback(
    tx: &WriteTx,
    interview: Uuid,
    n: usize,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    let score = 3 + (n % 3) as i32;
    let row = interview_feedback::ActiveModel {
        interview_id: Set(interview),
        technical: Set(score),
        communication: Set(4),
        problem_solving: Set(score),
        overall: Set(score),
        strengths: Set("Clear reasoning; asked good clarifying questions.".into()),
        areas_to_improve: Set("Talk through trade-offs before coding.".into()),
        comments: Set("A solid session. Practise estimating complexity aloud.".into()),
        recommendation: Set(["maybe", "yes", "strong_yes"][n % 3].into()),
        public: Set(true),
        created_at: Set(now - Duration::days(1)),
    };
    interview_feedback::Entity::insert(row)
        .exec_without_returning(tx)
        .await?;
    Ok(())
}
