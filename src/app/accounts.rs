//! Accounts: registration, e-mail verification, login with lockout, logout, the admin bootstrap.
