//! Demo companies, 50 jobs in every state and 100 applications along the pipeline.

use sea_orm::{ActiveValue::Set, EntityTrait};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::people::People;
use crate::domain::job::{JOB_LIFETIME, JobInput, search_text};
use crate::store::WriteTx;
use crate::store::entity::{application_events, applications, companies, jobs};

const COMPANIES: [(&str, &str, &str); 5] = [
    ("Kaveri Software", "Information technology", "Bengaluru"),
    ("Ganga Fintech", "Financial services", "Mumbai"),
    ("Nilgiri Health", "Healthcare", "Chennai"),
    ("Sahyadri Logistics", "Logistics", "Pune"),
    ("Deccan Games", "Gaming", "Hyderabad"),
];
const TITLES: [(&str, &[&str]); 10] = [
    (
        "Backend Engineer (Rust)",
        &["rust", "postgresql", "system design"],
    ),
    ("Java Developer", &["java", "spring", "sql"]),
    ("Frontend Engineer", &["react", "typescript", "javascript"]),
    ("Data Scientist", &["python", "machine learning", "sql"]),
    ("Site Reliability Engineer", &["go", "kubernetes", "devops"]),
    ("Full Stack Developer", &["react", "node.js", "postgresql"]),
    ("QA Automation Engineer", &["python", "selenium", "ci"]),
    ("Mobile Developer", &["kotlin", "android", "rest api"]),
    ("Data Engineer", &["python", "spark", "sql"]),
    (
        "Engineering Manager",
        &["leadership", "system design", "hiring"],
    ),
];
/// Job states in the proportions a live board has: mostly active.
const STATES: [&str; 10] = [
    "active", "active", "active", "active", "active", "draft", "paused", "closed", "expired",
    "active",
];
const PIPELINE: [&str; 8] = [
    "applied",
    "applied",
    "reviewing",
    "shortlisted",
    "interview",
    "offered",
    "hired",
    "rejected",
];

/// Counts of what was created.
pub struct Market {
    pub jobs: usize,
    pub applications: usize,
}

/// Creates companies, jobs and applications.
pub async fn create(tx: &WriteTx, people: &People, now: OffsetDateTime) -> anyhow::Result<Market> {
    let mut company_ids = Vec::new();
    for (i, (employer, (name, industry, city))) in
        people.employers.iter().zip(COMPANIES).enumerate()
    {
        let id = Uuid::now_v7();
        let row = companies::ActiveModel {
            id: Set(id),
            owner_id: Set(*employer),
            name: Set(name.into()),
            email: Set(format!("careers{}@demo.mockomi.in", i + 1)),
            phone: Set(None),
            website: Set(Some(format!(
                "https://{}.example.in",
                name.to_lowercase().replace(' ', "-")
            ))),
            industry: Set(Some(industry.into())),
            size_band: Set(Some(
                ["11-50", "51-200", "201-500", "1-10", "501-1000"][i].into(),
            )),
            founded_year: Set(Some(2005 + i as i32 * 3)),
            headquarters: Set(Some(city.into())),
            description: Set(Some(format!("{name} builds products for India."))),
            verified: Set(i < 3),
            created_at: Set(now),
            updated_at: Set(now),
        };
        companies::Entity::insert(row)
            .exec_without_returning(tx)
            .await?;
        company_ids.push((id, *employer, name, city));
    }
    let mut active_jobs = Vec::new();
    for n in 0..50 {
        let (company_id, employer, company, city) = company_ids[n % company_ids.len()];
        let (title, skills) = TITLES[n % TITLES.len()];
        let status = STATES[n % STATES.len()];
        let id = job(
            tx,
            JobSeed {
                n,
                company_id,
                employer,
                company,
                city,
                title,
                skills,
                status,
            },
            now,
        )
        .await?;
        if status == "active" {
            active_jobs.push((id, employer));
        }
    }
    // Spread 100 applications over the active jobs, every seeker applying to several.
    let pairs = active_jobs.iter().enumerate().flat_map(|(j, job)| {
        people
            .seekers
            .iter()
            .enumerate()
            .map(move |(s, seeker)| (s, j, *job, *seeker))
    });
    let mut count = 0;
    for (s, j, (job_id, employer), seeker) in pairs.filter(|(s, j, ..)| (s + j) % 3 != 0).take(100)
    {
        let status = PIPELINE[(s * 7 + j) % PIPELINE.len()];
        let at = now - Duration::hours((count % 72) as i64);
        application(tx, job_id, seeker, employer, status, at).await?;
        count += 1;
    }
    Ok(Market {
        jobs: 50,
        applications: count,
    })
}

struct JobSeed<'a> {
    n: usize,
    company_id: Uuid,
    employer: Uuid,
    company: &'a str,
    city: &'a str,
    title: &'a str,
    skills: &'a [&'a str],
    status: &'a str,
}

async fn job(tx: &WriteTx, seed: JobSeed<'_>, now: OffsetDateTime) -> anyhow::Result<Uuid> {
    let id = Uuid::now_v7();
    let published = (seed.status != "draft").then(|| now - Duration::days((seed.n % 30) as i64));
    let description = format!(
        "{} at {}: join a small team shipping software used across India. You will design, build and \
         run features end to end with {}.",
        seed.title,
        seed.company,
        seed.skills.join(", ")
    );
    // Yearly pay in paise: ₹6 lakh upwards in ₹2 lakh steps.
    let lakh = 100_000 * 100;
    let salary_min = 6 * lakh + (seed.n as i64 % 8) * 2 * lakh;
    let input = JobInput {
        title: seed.title.into(),
        description,
        requirements: Some("2+ years of professional experience.".into()),
        responsibilities: None,
        benefits: Some("Health insurance, learning budget.".into()),
        skills: seed.skills.iter().map(|s| s.to_string()).collect(),
        experience_level: ["junior", "mid", "senior", "lead"][seed.n % 4].into(),
        employment_type: ["full_time", "full_time", "contract", "internship"][seed.n % 4].into(),
        salary_min: Some(salary_min),
        salary_max: Some(salary_min + 4 * lakh),
        salary_negotiable: seed.n.is_multiple_of(2),
        salary_visible: !seed.n.is_multiple_of(5),
        city: seed.city.into(),
        state: None,
        country: "India".into(),
        remote: seed.n % 4 == 1,
        hybrid: seed.n % 4 == 2,
        openings: 1 + (seed.n % 3) as i32,
        deadline: None,
    };
    let row = jobs::ActiveModel {
        id: Set(id),
        company_id: Set(seed.company_id),
        employer_id: Set(seed.employer),
        search_text: Set(search_text(&input, seed.company)),
        skills: Set(serde_json::to_string(&input.skills)?),
        title: Set(input.title),
        description: Set(input.description),
        requirements: Set(input.requirements),
        responsibilities: Set(input.responsibilities),
        benefits: Set(input.benefits),
        experience_level: Set(input.experience_level),
        employment_type: Set(input.employment_type),
        salary_min: Set(input.salary_min),
        salary_max: Set(input.salary_max),
        salary_negotiable: Set(input.salary_negotiable),
        salary_visible: Set(input.salary_visible),
        city: Set(input.city),
        state: Set(input.state),
        country: Set(input.country),
        remote: Set(input.remote),
        hybrid: Set(input.hybrid),
        openings: Set(input.openings),
        deadline: Set(input.deadline),
        status: Set(seed.status.into()),
        published_at: Set(published),
        expires_at: Set(published.map(|p| p + JOB_LIFETIME)),
        created_at: Set(now - Duration::days(31)),
        updated_at: Set(now),
    };
    jobs::Entity::insert(row).exec_without_returning(tx).await?;
    Ok(id)
}

async fn application(
    tx: &WriteTx,
    job_id: Uuid,
    seeker: Uuid,
    employer: Uuid,
    status: &str,
    at: OffsetDateTime,
) -> anyhow::Result<()> {
    let id = Uuid::now_v7();
    let row = applications::ActiveModel {
        id: Set(id),
        job_id: Set(job_id),
        seeker_id: Set(seeker),
        status: Set(status.into()),
        cover_letter: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
    };
    applications::Entity::insert(row)
        .exec_without_returning(tx)
        .await?;
    let mut events = vec![(None, "applied", seeker)];
    if status != "applied" {
        events.push((Some("applied"), status, employer));
    }
    for (from, to, actor) in events {
        let row = application_events::ActiveModel {
            id: Set(Uuid::now_v7()),
            application_id: Set(id),
            from_status: Set(from.map(str::to_owned)),
            to_status: Set(to.into()),
            actor_id: Set(actor),
            created_at: Set(at),
        };
        application_events::Entity::insert(row)
            .exec_without_returning(tx)
            .await?;
    }
    Ok(())
}
