//! Demo users: 10 job seekers at different profile completion, 5 employers,
//! 5 interviewers (approved and pending) and 2 admins.

use sea_orm::{ActiveValue::Set, EntityTrait};
use time::OffsetDateTime;
use uuid::Uuid;

use super::DEMO_DOMAIN;
use crate::store::WriteTx;
use crate::store::entity::{interviewer_profiles, interviewer_skills, seeker_profiles, users};

const SEEKERS: [(&str, &str); 10] = [
    ("Aarav", "Sharma"),
    ("Diya", "Iyer"),
    ("Vihaan", "Reddy"),
    ("Ananya", "Nair"),
    ("Kabir", "Mehta"),
    ("Ishita", "Banerjee"),
    ("Arjun", "Pillai"),
    ("Meera", "Kulkarni"),
    ("Rohan", "Gupta"),
    ("Sneha", "Das"),
];
const EMPLOYERS: [(&str, &str); 5] = [
    ("Priya", "Menon"),
    ("Rahul", "Verma"),
    ("Kavya", "Rao"),
    ("Siddharth", "Joshi"),
    ("Neha", "Kapoor"),
];
const INTERVIEWERS: [(&str, &str, &[&str]); 5] = [
    ("Vikram", "Singh", &["rust", "system design", "postgresql"]),
    ("Lakshmi", "Krishnan", &["java", "spring", "system design"]),
    ("Farhan", "Qureshi", &["react", "typescript", "javascript"]),
    ("Pooja", "Hegde", &["python", "machine learning", "sql"]),
    ("Manish", "Tiwari", &["go", "kubernetes", "devops"]),
];

/// The ids of everyone created, by role.
pub struct People {
    pub seekers: Vec<Uuid>,
    pub employers: Vec<Uuid>,
    /// (user id, approved, normalised skills)
    pub interviewers: Vec<(Uuid, bool, Vec<String>)>,
    pub admins: Vec<Uuid>,
    emails: Vec<(String, String)>,
}

impl People {
    /// (description, e-mail) pairs to print.
    pub fn logins(&self) -> Vec<(String, String)> {
        self.emails.clone()
    }
}

/// Creates every demo user with the shared password hash.
pub async fn create(tx: &WriteTx, hash: &str, now: OffsetDateTime) -> anyhow::Result<People> {
    let mut people = People {
        seekers: vec![],
        employers: vec![],
        interviewers: vec![],
        admins: vec![],
        emails: vec![],
    };
    for (i, (first, last)) in SEEKERS.iter().enumerate() {
        let email = format!("seeker{}@{DEMO_DOMAIN}", i + 1);
        let phone = (i % 3 != 2).then(|| format!("+9198{:08}", 76_543_210 + i));
        let id = user(tx, &email, hash, "job_seeker", first, last, phone, now).await?;
        seeker_profile(tx, id, i, now).await?;
        let label = if i % 3 == 2 {
            "job seeker (incomplete profile)"
        } else {
            "job seeker (complete profile)"
        };
        people.emails.push((label.into(), email));
        people.seekers.push(id);
    }
    for (i, (first, last)) in EMPLOYERS.iter().enumerate() {
        let email = format!("employer{}@{DEMO_DOMAIN}", i + 1);
        let id = user(tx, &email, hash, "employer", first, last, None, now).await?;
        let label = if i < 3 {
            "employer (verified company)"
        } else {
            "employer (unverified company)"
        };
        people.emails.push((label.into(), email));
        people.employers.push(id);
    }
    for (i, (first, last, skills)) in INTERVIEWERS.iter().enumerate() {
        let email = format!("interviewer{}@{DEMO_DOMAIN}", i + 1);
        let id = user(tx, &email, hash, "interviewer", first, last, None, now).await?;
        let approved = i < 3;
        interviewer(tx, id, approved, skills, i, now).await?;
        let label = if approved {
            "interviewer (approved)"
        } else {
            "interviewer (pending approval)"
        };
        people.emails.push((label.into(), email));
        people
            .interviewers
            .push((id, approved, skills.iter().map(|s| s.to_string()).collect()));
    }
    for (i, (first, last)) in [("Asha", "Admin"), ("Dev", "Admin")].iter().enumerate() {
        let email = format!("admin{}@{DEMO_DOMAIN}", i + 1);
        let id = user(tx, &email, hash, "admin", first, last, None, now).await?;
        people.emails.push(("admin".into(), email));
        people.admins.push(id);
    }
    Ok(people)
}

#[allow(clippy::too_many_arguments)]
async fn user(
    tx: &WriteTx,
    email: &str,
    hash: &str,
    role: &str,
    first: &str,
    last: &str,
    phone: Option<String>,
    now: OffsetDateTime,
) -> anyhow::Result<Uuid> {
    let id = Uuid::now_v7();
    let row = users::ActiveModel {
        id: Set(id),
        email: Set(email.to_owned()),
        password_hash: Set(hash.to_owned()),
        role: Set(role.to_owned()),
        status: Set("active".to_owned()),
        first_name: Set(first.to_owned()),
        last_name: Set(last.to_owned()),
        phone: Set(phone),
        email_verified_at: Set(Some(now)),
        failed_logins: Set(0),
        locked_until: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    users::Entity::insert(row)
        .exec_without_returning(tx)
        .await?;
    Ok(id)
}

/// Profiles at different completion: every third one lacks a phone, education and skills.
async fn seeker_profile(
    tx: &WriteTx,
    id: Uuid,
    i: usize,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    let complete = i % 3 != 2;
    let main_skill = ["rust", "java", "react", "python", "go"][i % 5];
    let skills = if complete {
        serde_json::json!([
            {"name": main_skill, "level": "intermediate", "years": 2 + i % 4},
            {"name": "sql", "level": "advanced", "years": 3}
        ])
    } else {
        serde_json::json!([])
    };
    let education = if complete {
        serde_json::json!([{"institution": "Anna University", "degree": "B.E.", "field": "Computer Science", "start_year": 2015 + i % 5, "end_year": 2019 + i % 5}])
    } else {
        serde_json::json!([])
    };
    let row = seeker_profiles::ActiveModel {
        user_id: Set(id),
        headline: Set(complete.then(|| "Software engineer looking for the next role".to_owned())),
        summary: Set(None),
        location: Set(Some(
            ["Bengaluru", "Chennai", "Pune", "Hyderabad", "Mumbai"][i % 5].to_owned(),
        )),
        skills: Set(skills.to_string()),
        education: Set(education.to_string()),
        open_to_work: Set(true),
        updated_at: Set(now),
    };
    seeker_profiles::Entity::insert(row)
        .exec_without_returning(tx)
        .await?;
    Ok(())
}

async fn interviewer(
    tx: &WriteTx,
    id: Uuid,
    approved: bool,
    skills: &[&str],
    i: usize,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    let row = interviewer_profiles::ActiveModel {
        user_id: Set(id),
        years_experience: Set(6 + i as i32),
        current_title: Set(Some("Senior Engineer".into())),
        current_company: Set(Some(
            ["Infosys", "Flipkart", "Zoho", "Freshworks", "Razorpay"][i].into(),
        )),
        bio: Set(Some("Has run hundreds of technical interviews.".into())),
        timezone: Set("Asia/Kolkata".into()),
        approval_status: Set(if approved { "approved" } else { "pending" }.into()),
        rejection_reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(approved.then_some(now)),
        created_at: Set(now),
        updated_at: Set(now),
    };
    interviewer_profiles::Entity::insert(row)
        .exec_without_returning(tx)
        .await?;
    for skill in skills {
        let row = interviewer_skills::ActiveModel {
            user_id: Set(id),
            skill: Set((*skill).into()),
        };
        interviewer_skills::Entity::insert(row)
            .exec_without_returning(tx)
            .await?;
    }
    Ok(())
}
