//! Outgoing e-mail. The default writes each message as an `.eml` file into an
//! outbox directory; an SMTP implementation of the same trait comes later.

use std::path::PathBuf;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
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
        .body(encode_body(&email.body))
        .map_err(|e| MailError::Invalid(e.to_string()))
}

/// Encodes a plain-text body. lettre switches to quoted-printable for any line of
/// 76 characters or more, which wraps long links and escapes their `=`; ASCII
/// text whose lines fit SMTP's 998-byte limit is sent as 7bit, byte for byte.
fn encode_body(text: &str) -> Body {
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let plain = crlf.is_ascii()
        && !crlf.contains('\0')
        && crlf
            .split("\r\n")
            .all(|line| line.len() <= 998 && !line.contains('\r'));
    if plain {
        Body::dangerous_pre_encoded(crlf.into_bytes(), ContentTransferEncoding::SevenBit)
    } else {
        Body::new(text.to_owned())
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_ascii_links_stay_verbatim_on_one_line() {
        let link = format!("http://mockomi.test/verify-email?token={}", "ab".repeat(60));
        let email = Email {
            to: "asha@example.com".into(),
            subject: "Confirm".into(),
            body: format!("Hello,\n\n{link}\n"),
        };
        let raw = build_message("Mockomi <no-reply@mockomi.local>", &email)
            .expect("message")
            .formatted();
        let raw = String::from_utf8(raw).expect("ascii");
        assert!(raw.contains(&format!("\r\n{link}\r\n")), "{raw}");
        assert!(raw.contains("Content-Transfer-Encoding: 7bit"));
    }
}
