//! Outgoing e-mail. The default writes each message as an `.eml` file into an
//! outbox directory; an SMTP implementation of the same trait comes later.

use std::path::PathBuf;

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncFileTransport, AsyncTransport, Message, Tokio1Executor};

/// One e-mail to send.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    /// Plain-text body.
    pub body: String,
}

/// Why an e-mail was not sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid address or message: {0}")]
    Invalid(String),
    #[error("mail transport failed: {0}")]
    Transport(String),
}

/// Sends e-mail.
#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, email: &Email) -> Result<(), MailError>;
}

/// Builds the MIME message shared by every transport.
pub fn build_message(from: &str, email: &Email) -> Result<Message, MailError> {
    let from: Mailbox = from
        .parse()
        .map_err(|e| MailError::Invalid(format!("from: {e}")))?;
    let to: Mailbox = email
        .to
        .parse()
        .map_err(|e| MailError::Invalid(format!("to: {e}")))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(email.body.clone())
        .map_err(|e| MailError::Invalid(e.to_string()))
}

/// Writes each message to `<outbox>/<uuid>.eml`.
pub struct OutboxMailer {
    from: String,
    transport: AsyncFileTransport<Tokio1Executor>,
}

impl OutboxMailer {
    /// Creates the outbox directory if needed.
    pub fn new(dir: PathBuf, from: String) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(Self {
            from,
            transport: AsyncFileTransport::new(dir),
        })
    }
}

#[async_trait::async_trait]
impl Mailer for OutboxMailer {
    async fn send(&self, email: &Email) -> Result<(), MailError> {
        let message = build_message(&self.from, email)?;
        self.transport
            .send(message)
            .await
            .map_err(|e| MailError::Transport(e.to_string()))?;
        Ok(())
    }
}
