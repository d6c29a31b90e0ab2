-- Mockomi initial schema (SQLite). Kept in step with ../postgres/ of the same name.
-- Money is INTEGER paise; times are UTC text; ids are 16-byte UUID v7 blobs.

CREATE TABLE users (
    id BLOB PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('job_seeker', 'employer', 'interviewer', 'admin')),
    status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT,
    email_verified_at TEXT,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX users_role_status ON users (role, status);

-- One row per login: an API session (a family of rotating refresh tokens) or a browser session.
CREATE TABLE auth_sessions (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('api', 'web')),
    token_hash TEXT UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT,
    revoked_reason TEXT
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);

CREATE TABLE refresh_tokens (
    id BLOB PRIMARY KEY,
    session_id BLOB NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Single-use links sent by e-mail (verification, password reset).
CREATE TABLE email_tokens (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    expires_at TEXT NOT NULL,
    used_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);

CREATE TABLE seeker_profiles (
    user_id BLOB PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    headline TEXT,
    summary TEXT,
    location TEXT,
    skills TEXT NOT NULL,
    education TEXT NOT NULL,
    open_to_work INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE companies (
    id BLOB PRIMARY KEY,
    owner_id BLOB NOT NULL UNIQUE REFERENCES users (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    website TEXT,
    industry TEXT,
    size_band TEXT,
    founded_year INTEGER,
    headquarters TEXT,
    description TEXT,
    verified INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE jobs (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies (id),
    employer_id BLOB NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    requirements TEXT,
    responsibilities TEXT,
    benefits TEXT,
    skills TEXT NOT NULL,
    experience_level TEXT NOT NULL,
    employment_type TEXT NOT NULL,
    salary_min INTEGER,
    salary_max INTEGER,
    salary_negotiable INTEGER NOT NULL,
    salary_visible INTEGER NOT NULL,
    city TEXT NOT NULL,
    state TEXT,
    country TEXT NOT NULL,
    remote INTEGER NOT NULL,
    hybrid INTEGER NOT NULL,
    openings INTEGER NOT NULL,
    deadline TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'paused', 'closed', 'expired')),
    search_text TEXT NOT NULL,
    published_at TEXT,
    expires_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max)
);
CREATE INDEX jobs_status_published ON jobs (status, published_at DESC);
CREATE INDEX jobs_employer ON jobs (employer_id, status);

CREATE TABLE applications (
    id BLOB PRIMARY KEY,
    job_id BLOB NOT NULL REFERENCES jobs (id),
    seeker_id BLOB NOT NULL REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('applied', 'reviewing', 'shortlisted', 'interview', 'offered', 'hired', 'rejected', 'withdrawn')),
    cover_letter TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT applications_one_per_job UNIQUE (job_id, seeker_id)
);
CREATE INDEX applications_seeker ON applications (seeker_id, created_at DESC);

CREATE TABLE application_events (
    id BLOB PRIMARY KEY,
    application_id BLOB NOT NULL REFERENCES applications (id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor_id BLOB NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX application_events_application ON application_events (application_id, created_at);

CREATE TABLE interviewer_profiles (
    user_id BLOB PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    years_experience INTEGER NOT NULL,
    current_title TEXT,
    current_company TEXT,
    bio TEXT,
    timezone TEXT NOT NULL,
    approval_status TEXT NOT NULL CHECK (approval_status IN ('pending', 'approved', 'rejected')),
    rejection_reason TEXT,
    decided_by BLOB REFERENCES users (id),
    decided_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Normalised (trimmed, lower-cased) skill names an interviewer can interview for.
CREATE TABLE interviewer_skills (
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    PRIMARY KEY (user_id, skill)
);
CREATE INDEX interviewer_skills_skill ON interviewer_skills (skill);

CREATE TABLE coupons (
    id BLOB PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('percent', 'flat')),
    value INTEGER NOT NULL CHECK (value >= 0),
    active INTEGER NOT NULL,
    starts_at TEXT,
    expires_at TEXT,
    per_user_limit INTEGER NOT NULL CHECK (per_user_limit >= 1),
    global_limit INTEGER,
    used_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (kind <> 'percent' OR value <= 100)
);

-- A mock interview from its request to its feedback.
CREATE TABLE interviews (
    id BLOB PRIMARY KEY,
    seeker_id BLOB NOT NULL REFERENCES users (id),
    interviewer_id BLOB REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('awaiting_payment', 'open', 'scheduled', 'in_progress', 'completed', 'cancelled', 'expired')),
    duration_minutes INTEGER NOT NULL,
    notes TEXT,
    list_price INTEGER NOT NULL,
    amount_due INTEGER NOT NULL,
    coupon_id BLOB REFERENCES coupons (id),
    open_until TEXT,
    scheduled_start TEXT,
    scheduled_end TEXT,
    meeting_url TEXT,
    claimed_at TEXT,
    started_at TEXT,
    completed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX interviews_seeker ON interviews (seeker_id, created_at DESC);
CREATE INDEX interviews_interviewer ON interviews (interviewer_id, scheduled_start);
CREATE INDEX interviews_status ON interviews (status, created_at);

CREATE TABLE interview_skills (
    interview_id BLOB NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    PRIMARY KEY (interview_id, skill)
);
CREATE INDEX interview_skills_skill ON interview_skills (skill);

CREATE TABLE interview_feedback (
    interview_id BLOB PRIMARY KEY REFERENCES interviews (id),
    technical INTEGER NOT NULL CHECK (technical BETWEEN 1 AND 5),
    communication INTEGER NOT NULL CHECK (communication BETWEEN 1 AND 5),
    problem_solving INTEGER NOT NULL CHECK (problem_solving BETWEEN 1 AND 5),
    overall INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5),
    strengths TEXT NOT NULL,
    areas_to_improve TEXT NOT NULL,
    comments TEXT NOT NULL,
    recommendation TEXT NOT NULL,
    public INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE coupon_uses (
    id BLOB PRIMARY KEY,
    coupon_id BLOB NOT NULL REFERENCES coupons (id),
    user_id BLOB NOT NULL REFERENCES users (id),
    interview_id BLOB NOT NULL REFERENCES interviews (id),
    status TEXT NOT NULL CHECK (status IN ('reserved', 'committed', 'released')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX coupon_uses_coupon_user ON coupon_uses (coupon_id, user_id, status);

CREATE TABLE payments (
    id BLOB PRIMARY KEY,
    interview_id BLOB NOT NULL REFERENCES interviews (id),
    user_id BLOB NOT NULL REFERENCES users (id),
    amount INTEGER NOT NULL CHECK (amount > 0),
    currency TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('creating', 'created', 'captured', 'failed')),
    gateway_order_id TEXT UNIQUE,
    gateway_payment_id TEXT UNIQUE,
    checkout_verified_at TEXT,
    captured_at TEXT,
    failure_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX payments_interview ON payments (interview_id);
CREATE INDEX payments_status ON payments (status, created_at);

-- Every verified gateway webhook, stored once by its event id before it is applied.
CREATE TABLE webhook_events (
    id BLOB PRIMARY KEY,
    provider TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    received_at TEXT NOT NULL,
    CONSTRAINT webhook_events_once UNIQUE (provider, event_id)
);

-- Stored answers of money-moving POSTs, keyed per caller (Idempotency-Key header).
CREATE TABLE idempotency_keys (
    user_id BLOB NOT NULL REFERENCES users (id),
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response_status INTEGER,
    response_body TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);

-- Double-entry ledger: a transaction's postings sum to zero; balances are sums.
CREATE TABLE ledger_transactions (
    id BLOB PRIMARY KEY,
    kind TEXT NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE ledger_postings (
    id BLOB PRIMARY KEY,
    transaction_id BLOB NOT NULL REFERENCES ledger_transactions (id),
    account TEXT NOT NULL,
    amount INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ledger_postings_account ON ledger_postings (account, created_at);

CREATE TABLE notifications (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    read_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);

-- The durable job queue (transactional outbox).
CREATE TABLE background_jobs (
    id BLOB PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'dead')),
    attempts INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    run_at TEXT NOT NULL,
    locked_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX background_jobs_due ON background_jobs (status, run_at);

-- State of the sandbox payment gateway that runs inside `mockomi serve` by default.
CREATE TABLE sandbox_orders (
    id TEXT PRIMARY KEY,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    receipt TEXT,
    notes TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE sandbox_payments (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES sandbox_orders (id),
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    method TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX sandbox_payments_order ON sandbox_payments (order_id);
