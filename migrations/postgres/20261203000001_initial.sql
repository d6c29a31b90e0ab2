-- Mockomi initial schema (PostgreSQL). Kept in step with ../sqlite/ of the same name.
-- Money is BIGINT paise; times are TIMESTAMPTZ in UTC; ids are UUID v7.

CREATE TABLE users (
    id UUID PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('job_seeker', 'employer', 'interviewer', 'admin')),
    status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT,
    email_verified_at TIMESTAMPTZ,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX users_role_status ON users (role, status);

-- One row per login: an API session (a family of rotating refresh tokens) or a browser session.
CREATE TABLE auth_sessions (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('api', 'web')),
    token_hash TEXT UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ,
    revoked_reason TEXT
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);

CREATE TABLE refresh_tokens (
    id UUID PRIMARY KEY,
    session_id UUID NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Single-use links sent by e-mail (verification, password reset).
CREATE TABLE email_tokens (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);

CREATE TABLE seeker_profiles (
    user_id UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    headline TEXT,
    summary TEXT,
    location TEXT,
    skills TEXT NOT NULL,
    education TEXT NOT NULL,
    open_to_work BOOLEAN NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE companies (
    id UUID PRIMARY KEY,
    owner_id UUID NOT NULL UNIQUE REFERENCES users (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    website TEXT,
    industry TEXT,
    size_band TEXT,
    founded_year INTEGER,
    headquarters TEXT,
    description TEXT,
    verified BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE jobs (
    id UUID PRIMARY KEY,
    company_id UUID NOT NULL REFERENCES companies (id),
    employer_id UUID NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    requirements TEXT,
    responsibilities TEXT,
    benefits TEXT,
    skills TEXT NOT NULL,
    experience_level TEXT NOT NULL,
    employment_type TEXT NOT NULL,
    salary_min BIGINT,
    salary_max BIGINT,
    salary_negotiable BOOLEAN NOT NULL,
    salary_visible BOOLEAN NOT NULL,
    city TEXT NOT NULL,
    state TEXT,
    country TEXT NOT NULL,
    remote BOOLEAN NOT NULL,
    hybrid BOOLEAN NOT NULL,
    openings INTEGER NOT NULL,
    deadline TIMESTAMPTZ,
    status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'paused', 'closed', 'expired')),
    search_text TEXT NOT NULL,
    published_at TIMESTAMPTZ,
    expires_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CHECK (salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max)
);
CREATE INDEX jobs_status_published ON jobs (status, published_at DESC);
CREATE INDEX jobs_employer ON jobs (employer_id, status);

CREATE TABLE applications (
    id UUID PRIMARY KEY,
    job_id UUID NOT NULL REFERENCES jobs (id),
    seeker_id UUID NOT NULL REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('applied', 'reviewing', 'shortlisted', 'interview', 'offered', 'hired', 'rejected', 'withdrawn')),
    cover_letter TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT applications_one_per_job UNIQUE (job_id, seeker_id)
);
CREATE INDEX applications_seeker ON applications (seeker_id, created_at DESC);

CREATE TABLE application_events (
    id UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES applications (id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor_id UUID NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX application_events_application ON application_events (application_id, created_at);

CREATE TABLE interviewer_profiles (
    user_id UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    years_experience INTEGER NOT NULL,
    current_title TEXT,
    current_company TEXT,
    bio TEXT,
    timezone TEXT NOT NULL,
    approval_status TEXT NOT NULL CHECK (approval_status IN ('pending', 'approved', 'rejected')),
    rejection_reason TEXT,
    decided_by UUID REFERENCES users (id),
    decided_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Normalised (trimmed, lower-cased) skill names an interviewer can interview for.
CREATE TABLE interviewer_skills (
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    PRIMARY KEY (user_id, skill)
);
CREATE INDEX interviewer_skills_skill ON interviewer_skills (skill);

CREATE TABLE coupons (
    id UUID PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('percent', 'flat')),
    value BIGINT NOT NULL CHECK (value >= 0),
    active BOOLEAN NOT NULL,
    starts_at TIMESTAMPTZ,
    expires_at TIMESTAMPTZ,
    per_user_limit INTEGER NOT NULL CHECK (per_user_limit >= 1),
    global_limit INTEGER,
    used_count INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CHECK (kind <> 'percent' OR value <= 100)
);

-- A mock interview from its request to its feedback.
CREATE TABLE interviews (
    id UUID PRIMARY KEY,
    seeker_id UUID NOT NULL REFERENCES users (id),
    interviewer_id UUID REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('awaiting_payment', 'open', 'scheduled', 'in_progress', 'completed', 'cancelled', 'expired')),
    duration_minutes INTEGER NOT NULL,
    notes TEXT,
    list_price BIGINT NOT NULL,
    amount_due BIGINT NOT NULL,
    coupon_id UUID REFERENCES coupons (id),
    open_until TIMESTAMPTZ,
    scheduled_start TIMESTAMPTZ,
    scheduled_end TIMESTAMPTZ,
    meeting_url TEXT,
    claimed_at TIMESTAMPTZ,
    started_at TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX interviews_seeker ON interviews (seeker_id, created_at DESC);
CREATE INDEX interviews_interviewer ON interviews (interviewer_id, scheduled_start);
CREATE INDEX interviews_status ON interviews (status, created_at);

CREATE TABLE interview_skills (
    interview_id UUID NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    PRIMARY KEY (interview_id, skill)
);
CREATE INDEX interview_skills_skill ON interview_skills (skill);

CREATE TABLE interview_feedback (
    interview_id UUID PRIMARY KEY REFERENCES interviews (id),
    technical INTEGER NOT NULL CHECK (technical BETWEEN 1 AND 5),
    communication INTEGER NOT NULL CHECK (communication BETWEEN 1 AND 5),
    problem_solving INTEGER NOT NULL CHECK (problem_solving BETWEEN 1 AND 5),
    overall INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5),
    strengths TEXT NOT NULL,
    areas_to_improve TEXT NOT NULL,
    comments TEXT NOT NULL,
    recommendation TEXT NOT NULL,
    public BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE coupon_uses (
    id UUID PRIMARY KEY,
    coupon_id UUID NOT NULL REFERENCES coupons (id),
    user_id UUID NOT NULL REFERENCES users (id),
    interview_id UUID NOT NULL REFERENCES interviews (id),
    status TEXT NOT NULL CHECK (status IN ('reserved', 'committed', 'released')),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX coupon_uses_coupon_user ON coupon_uses (coupon_id, user_id, status);

CREATE TABLE payments (
    id UUID PRIMARY KEY,
    interview_id UUID NOT NULL REFERENCES interviews (id),
    user_id UUID NOT NULL REFERENCES users (id),
    amount BIGINT NOT NULL CHECK (amount > 0),
    currency TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('creating', 'created', 'captured', 'failed')),
    gateway_order_id TEXT UNIQUE,
    gateway_payment_id TEXT UNIQUE,
    checkout_verified_at TIMESTAMPTZ,
    captured_at TIMESTAMPTZ,
    failure_reason TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX payments_interview ON payments (interview_id);
CREATE INDEX payments_status ON payments (status, created_at);

-- Every verified gateway webhook, stored once by its event id before it is applied.
CREATE TABLE webhook_events (
    id UUID PRIMARY KEY,
    provider TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT webhook_events_once UNIQUE (provider, event_id)
);

-- Stored answers of money-moving POSTs, keyed per caller (Idempotency-Key header).
CREATE TABLE idempotency_keys (
    user_id UUID NOT NULL REFERENCES users (id),
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response_status INTEGER,
    response_body TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, key)
);

-- Double-entry ledger: a transaction's postings sum to zero; balances are sums.
CREATE TABLE ledger_transactions (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE ledger_postings (
    id UUID PRIMARY KEY,
    transaction_id UUID NOT NULL REFERENCES ledger_transactions (id),
    account TEXT NOT NULL,
    amount BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ledger_postings_account ON ledger_postings (account, created_at);

CREATE TABLE notifications (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    read_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);

-- The durable job queue (transactional outbox).
CREATE TABLE background_jobs (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'dead')),
    attempts INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    run_at TIMESTAMPTZ NOT NULL,
    locked_until TIMESTAMPTZ,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX background_jobs_due ON background_jobs (status, run_at);

-- State of the sandbox payment gateway that runs inside `mockomi serve` by default.
CREATE TABLE sandbox_orders (
    id TEXT PRIMARY KEY,
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    receipt TEXT,
    notes TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE sandbox_payments (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES sandbox_orders (id),
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    method TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sandbox_payments_order ON sandbox_payments (order_id);
