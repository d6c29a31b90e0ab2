//! The job board's HTML pages driven like a browser: session cookie, CSRF token
//! from the form, POST, 303 back with a notice.

use axum::http::{StatusCode, header};
use mockomi::domain::Role;
use serde_json::json;

use crate::harness::{TestApp, TestResponse, TestUser};

/// A browser signed in as a harness user, with a fixed CSRF nonce.
struct Browser {
    cookies: String,
}

impl Browser {
    async fn for_user(app: &TestApp, user: &TestUser) -> Browser {
        let session = app.web_session(user).await;
        Browser {
            cookies: format!("mockomi_session={session}; mockomi_csrf={}", "n".repeat(43)),
        }
    }

    async fn get(&self, app: &TestApp, path: &str) -> TestResponse {
        app.get(path).header("cookie", &self.cookies).send().await
    }

    /// Submits a form after reading the CSRF token from `page`.
    async fn submit(
        &self,
        app: &TestApp,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> TestResponse {
        let html = self.get(app, page).await.text();
        let token = csrf_token(&html);
        let mut pairs = vec![("csrf_token", token.as_str())];
        pairs.extend_from_slice(fields);
        app.post(action)
            .header("cookie", &self.cookies)
            .form(&pairs)
            .send()
            .await
    }
}

fn csrf_token(html: &str) -> String {
    let marker = r#"name="csrf_token" value=""#;
    let start = html.find(marker).expect("a form with a CSRF token") + marker.len();
    html[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn location(response: &TestResponse) -> String {
    response.headers[header::LOCATION]
        .to_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn an_employer_posts_and_a_seeker_applies_through_the_pages() {
    let app = TestApp::spawn().await;
    let employer = app.user(Role::Employer).await;
    let boss = Browser::for_user(&app, &employer).await;

    let company = boss
        .submit(
            &app,
            "/employer/company",
            "/employer/company",
            &[
                ("name", "Tata Widgets"),
                ("email", "jobs@tatawidgets.in"),
                ("size_band", "51-200"),
            ],
        )
        .await;
    company.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(location(&company), "/employer/company?notice=company_saved");

    let job_fields = [
        ("title", "Firmware Engineer"),
        (
            "description",
            "Write firmware for widgets shipped across India.",
        ),
        ("skills", "C, Embedded"),
        ("experience_level", "mid"),
        ("employment_type", "full_time"),
        ("salary_min", "12,00,000"),
        ("salary_max", "9,00,000"),
        ("city", "Pune"),
        ("country", "India"),
        ("openings", "1"),
    ];
    let refused = boss
        .submit(
            &app,
            "/employer/jobs/new",
            "/employer/jobs/new",
            &job_fields,
        )
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .contains("The minimum salary cannot exceed the maximum.")
    );
    let mut fixed = job_fields.to_vec();
    fixed[6] = ("salary_max", "18,00,000");
    let created = boss
        .submit(&app, "/employer/jobs/new", "/employer/jobs/new", &fixed)
        .await;
    created.assert_status(StatusCode::SEE_OTHER);
    let jobs = app
        .get("/api/v1/employer/jobs")
        .auth(&employer)
        .send()
        .await
        .json();
    let job_id = jobs[0]["id"].as_str().expect("job id").to_owned();
    assert_eq!(jobs[0]["salary"]["max"], 180_000_000, "rupees become paise");
    let published = boss
        .submit(
            &app,
            "/employer/jobs",
            &format!("/employer/jobs/{job_id}/publish"),
            &[],
        )
        .await;
    assert_eq!(location(&published), "/employer/jobs?notice=job_published");

    let seeker = app.user(Role::JobSeeker).await;
    let candidate = Browser::for_user(&app, &seeker).await;
    let profile = candidate
        .submit(
            &app,
            "/me/profile",
            "/me/profile",
            &[
                ("phone", "+91 99887 76655"),
                ("skill_name_0", "C"),
                ("skill_level_0", "advanced"),
                ("skill_years_0", "4"),
                ("institution_0", "COEP"),
                ("degree_0", "B.E."),
                ("start_year_0", "2014"),
                ("end_year_0", "2018"),
            ],
        )
        .await;
    assert_eq!(location(&profile), "/me/profile?notice=profile_saved");
    let job_page = format!("/jobs/{job_id}");
    let applied = candidate
        .submit(
            &app,
            &job_page,
            &format!("{job_page}/apply"),
            &[("cover_letter", "Hi!")],
        )
        .await;
    assert_eq!(location(&applied), format!("{job_page}?notice=applied"));
    let after = candidate.get(&app, &location(&applied)).await.text();
    assert!(after.contains("Your application was sent."));
    assert!(after.contains("You have already applied"));

    let pipeline = format!("/employer/jobs/{job_id}/applications");
    let list = boss.get(&app, &pipeline).await.text();
    assert!(list.contains("Test Job seeker"));
    let mine = app
        .get("/api/v1/me/applications")
        .auth(&seeker)
        .send()
        .await
        .json();
    let application = mine[0]["id"].as_str().expect("application id").to_owned();
    let moved = boss
        .submit(
            &app,
            &pipeline,
            &format!("/employer/applications/{application}/status"),
            &[("status", "interview")],
        )
        .await;
    assert_eq!(
        location(&moved),
        format!("{pipeline}?notice=status_changed")
    );
    let status = candidate.get(&app, "/me/applications").await.text();
    assert!(status.contains("<strong>interview</strong>"), "{status}");
}

#[tokio::test]
async fn page_forms_without_a_csrf_token_are_refused() {
    let app = TestApp::spawn().await;
    let seeker = app.user(Role::JobSeeker).await;
    let browser = Browser::for_user(&app, &seeker).await;
    let forged = app
        .post("/me/profile")
        .header("cookie", &browser.cookies)
        .form(&[("phone", "+91 99887 76655")])
        .send()
        .await;
    forged.assert_status(StatusCode::FORBIDDEN);
    let profile = app
        .get("/api/v1/me/profile")
        .auth(&seeker)
        .send()
        .await
        .json();
    assert_eq!(profile["phone"], json!(null), "nothing was saved");
}
