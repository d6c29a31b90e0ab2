//! Argon2id password hashes, computed off the async runtime.
//!
//! Hashing is deliberately slow, so it runs on the blocking pool. A login for an
//! unknown e-mail verifies against a dummy hash so it takes as long as a real one
//! and timing does not reveal who is registered.

use std::sync::OnceLock;

use argon2::password_hash::phc::PasswordHash;
use argon2::{Argon2, PasswordHasher, PasswordVerifier};

use crate::app::AppError;

/// Hashes `password` with Argon2id and a fresh salt (PHC string).
pub async fn hash(password: String) -> Result<String, AppError> {
    blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|e| AppError::Internal(anyhow::anyhow!("hashing failed: {e}")))
    })
    .await?
}

/// Whether `password` matches the stored PHC `hash`.
pub async fn verify(password: String, hash: String) -> Result<bool, AppError> {
    blocking(move || check(&password, &hash)).await?
}

/// Spends the time of one verification without any account behind it.
pub async fn verify_nothing(password: String) -> Result<(), AppError> {
    blocking(move || {
        let _ = check(&password, dummy_hash()?);
        Ok(())
    })
    .await?
}

fn check(password: &str, hash: &str) -> Result<bool, AppError> {
    let parsed = PasswordHash::new(hash)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored hash unreadable: {e}")))?;
    Ok(Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok())
}

fn dummy_hash() -> Result<&'static str, AppError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash);
    }
    let hash = Argon2::default()
        .hash_password(b"no account has this password")
        .map_err(|e| AppError::Internal(anyhow::anyhow!("hashing failed: {e}")))?
        .to_string();
    Ok(DUMMY.get_or_init(|| hash))
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("hashing task failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_password() {
        let hash = hash("Tiger$Lake42x".into()).await.expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify("Tiger$Lake42x".into(), hash.clone())
                .await
                .expect("verify")
        );
        assert!(!verify("Tiger$Lake42y".into(), hash).await.expect("verify"));
        verify_nothing("anything".into()).await.expect("dummy");
    }
}
