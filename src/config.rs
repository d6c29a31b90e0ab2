//! Typed configuration read once from the environment (and `.env` in development).
//!
//! Every variable is documented in `.env.example`. A bad value stops startup
//! with a message naming the variable. With nothing set, Mockomi runs on its
//! embedded defaults: a SQLite file under `./data`, mail into `./data/outbox`,
//! and the sandbox payment gateway inside the same process.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;

use crate::domain::Money;

/// A configuration problem, naming the variable at fault.
#[derive(Debug, thiserror::Error)]
#[error("configuration variable {var}: {reason}")]
pub struct ConfigError {
    pub var: &'static str,
    pub reason: String,
}

/// Where the service runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Environment {
    /// Local use: secrets may be generated into the data directory, cookies need no TLS.
    Development,
    /// Real users: every secret must be given, cookies are `Secure`.
    Production,
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Which payment gateway the server talks to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GatewayMode {
    /// The Razorpay-compatible sandbox served by this process under `/sandbox/razorpay`.
    Sandbox,
    /// Razorpay itself (or any server speaking its API) at `api_base`.
    Razorpay,
}

/// Credentials and addresses of the payment gateway.
#[derive(Clone)]
pub struct GatewayConfig {
    pub mode: GatewayMode,
    /// Base URL of the Orders/Payments API, without the `/v1` suffix.
    pub api_base: String,
    pub key_id: String,
    pub key_secret: String,
    pub webhook_secret: String,
    /// Accepted as well during a webhook secret rotation.
    pub webhook_secret_previous: Option<String>,
}

impl fmt::Debug for GatewayConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GatewayConfig")
            .field("mode", &self.mode)
            .field("api_base", &self.api_base)
            .field("key_id", &self.key_id)
            .field("key_secret", &"<redacted>")
            .field("webhook_secret", &"<redacted>")
            .finish()
    }
}

/// Marketplace figures that admins will later change at run time.
#[derive(Clone, Debug)]
pub struct MarketSettings {
    pub interview_price: Money,
    pub interviewer_share_percent: i64,
    pub request_open_days: i64,
    pub login_lockout_threshold: i32,
    pub login_lockout_minutes: i64,
}

/// The whole configuration.
#[derive(Clone)]
pub struct Config {
    pub environment: Environment,
    pub bind: SocketAddr,
    /// The address users reach us at, used in e-mailed links and webhook targets.
    pub public_url: String,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub database_max_connections: u32,
    pub secret_key: Vec<u8>,
    pub log_format: LogFormat,
    pub outbox_dir: PathBuf,
    pub mail_from: String,
    pub gateway: GatewayConfig,
    pub meeting_base_url: String,
    pub run_worker: bool,
    pub worker_concurrency: usize,
    pub market: MarketSettings,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("environment", &self.environment)
            .field("bind", &self.bind)
            .field("public_url", &self.public_url)
            .field("data_dir", &self.data_dir)
            .field("database_url", &redact_url(&self.database_url))
            .field("secret_key", &"<redacted>")
            .field("gateway", &self.gateway)
            .finish_non_exhaustive()
    }
}

/// Hides a password in a connection URL.
fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://<redacted>@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

/// Reads variables through a lookup function so tests need not touch the process environment.
struct Vars<F: Fn(&str) -> Option<String>>(F);

impl<F: Fn(&str) -> Option<String>> Vars<F> {
    fn get(&self, var: &'static str) -> Option<String> {
        (self.0)(var)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    fn or(&self, var: &'static str, default: &str) -> String {
        self.get(var).unwrap_or_else(|| default.to_owned())
    }

    fn parse<T: FromStr>(&self, var: &'static str, default: T) -> Result<T, ConfigError>
    where
        T::Err: fmt::Display,
    {
        match self.get(var) {
            None => Ok(default),
            Some(raw) => raw.parse().map_err(|e| ConfigError {
                var,
                reason: format!("cannot parse `{raw}`: {e}"),
            }),
        }
    }

    fn bool(&self, var: &'static str, default: bool) -> Result<bool, ConfigError> {
        match self.get(var).as_deref() {
            None => Ok(default),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some("0" | "false" | "no" | "off") => Ok(false),
            Some(other) => Err(ConfigError {
                var,
                reason: format!("`{other}` is not true or false"),
            }),
        }
    }
}

impl Config {
    /// Reads the process environment, after loading `.env` if one exists.
    pub fn from_env() -> Result<Config, ConfigError> {
        let _ = dotenvy::dotenv();
        Self::from_lookup(|var| std::env::var(var).ok())
    }

    /// Reads configuration through `lookup` (the environment in production, a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let vars = Vars(lookup);
        let environment = match vars.or("MOCKOMI_ENV", "development").as_str() {
            "development" => Environment::Development,
            "production" => Environment::Production,
            other => {
                return Err(ConfigError {
                    var: "MOCKOMI_ENV",
                    reason: format!("`{other}` is neither development nor production"),
                });
            }
        };
        let bind: SocketAddr =
            vars.parse("MOCKOMI_BIND", SocketAddr::from(([127, 0, 0, 1], 8080)))?;
        let public_url = vars
            .get("MOCKOMI_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{}", reachable(bind)))
            .trim_end_matches('/')
            .to_owned();
        check_url("MOCKOMI_PUBLIC_URL", &public_url)?;
        let data_dir = PathBuf::from(vars.or("MOCKOMI_DATA_DIR", "./data"));
        let database_url = vars.get("DATABASE_URL").unwrap_or_else(|| {
            format!("sqlite://{}", data_dir.join("mockomi.db").to_string_lossy())
        });
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres")) {
            return Err(ConfigError {
                var: "DATABASE_URL",
                reason: "must start with sqlite: or postgres://".into(),
            });
        }
        let secret_key = match vars.get("MOCKOMI_SECRET_KEY") {
            Some(hex_key) => decode_secret(&hex_key)?,
            None if environment == Environment::Production => {
                return Err(ConfigError {
                    var: "MOCKOMI_SECRET_KEY",
                    reason: "must be set in production (64 hex characters)".into(),
                });
            }
            None => Vec::new(), // filled from the data directory by `ensure_dev_secret`
        };
        let log_format = match vars.or("MOCKOMI_LOG_FORMAT", "text").as_str() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => {
                return Err(ConfigError {
                    var: "MOCKOMI_LOG_FORMAT",
                    reason: format!("`{other}` is neither text nor json"),
                });
            }
        };
        let gateway = gateway_config(&vars, environment, &public_url)?;
        let market = MarketSettings {
            interview_price: Money::from_paise(positive(
                &vars,
                "MOCKOMI_INTERVIEW_PRICE_PAISE",
                10_000,
            )?),
            interviewer_share_percent: percent(&vars, "MOCKOMI_INTERVIEWER_SHARE_PERCENT", 80)?,
            request_open_days: positive(&vars, "MOCKOMI_REQUEST_OPEN_DAYS", 7)?,
            login_lockout_threshold: vars.parse("MOCKOMI_LOGIN_LOCKOUT_THRESHOLD", 5)?,
            login_lockout_minutes: positive(&vars, "MOCKOMI_LOGIN_LOCKOUT_MINUTES", 30)?,
        };
        let meeting_base_url = vars.or("MOCKOMI_MEETING_BASE_URL", "https://meet.jit.si");
        check_url("MOCKOMI_MEETING_BASE_URL", &meeting_base_url)?;
        Ok(Config {
            environment,
            bind,
            outbox_dir: vars
                .get("MOCKOMI_MAIL_OUTBOX")
                .map(PathBuf::from)
                .unwrap_or_else(|| data_dir.join("outbox")),
            mail_from: vars.or("MOCKOMI_MAIL_FROM", "Mockomi <no-reply@mockomi.local>"),
            public_url,
            data_dir,
            database_url,
            database_max_connections: vars.parse("DATABASE_MAX_CONNECTIONS", 10)?,
            secret_key,
            log_format,
            gateway,
            meeting_base_url: meeting_base_url.trim_end_matches('/').to_owned(),
            run_worker: vars.bool("MOCKOMI_RUN_WORKER", true)?,
            worker_concurrency: vars.parse("MOCKOMI_WORKER_CONCURRENCY", 2)?,
            market,
        })
    }

    /// Whether cookies must carry `Secure` (the public address uses TLS).
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// In development without `MOCKOMI_SECRET_KEY`, loads or creates `secret.key` in the
    /// data directory so sessions survive restarts.
    pub fn ensure_dev_secret(&mut self) -> std::io::Result<()> {
        if !self.secret_key.is_empty() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.data_dir)?;
        let path = self.data_dir.join("secret.key");
        if let Ok(existing) = std::fs::read_to_string(&path)
            && let Ok(key) = hex::decode(existing.trim())
            && key.len() >= 32
        {
            self.secret_key = key;
            return Ok(());
        }
        let key: [u8; 32] = rand::random();
        std::fs::write(&path, hex::encode(key))?;
        self.secret_key = key.to_vec();
        Ok(())
    }
}

fn gateway_config<F: Fn(&str) -> Option<String>>(
    vars: &Vars<F>,
    environment: Environment,
    public_url: &str,
) -> Result<GatewayConfig, ConfigError> {
    let mode = match vars.or("PAYMENT_GATEWAY", "sandbox").as_str() {
        "sandbox" => GatewayMode::Sandbox,
        "razorpay" => GatewayMode::Razorpay,
        other => {
            return Err(ConfigError {
                var: "PAYMENT_GATEWAY",
                reason: format!("`{other}` is neither sandbox nor razorpay"),
            });
        }
    };
    if mode == GatewayMode::Sandbox {
        if environment == Environment::Production {
            return Err(ConfigError {
                var: "PAYMENT_GATEWAY",
                reason: "the sandbox gateway cannot take real money; use razorpay in production"
                    .into(),
            });
        }
        return Ok(GatewayConfig {
            mode,
            api_base: format!("{public_url}/sandbox/razorpay"),
            key_id: vars.or("RAZORPAY_KEY_ID", "rzp_test_sandbox"),
            key_secret: vars.or("RAZORPAY_KEY_SECRET", "sandbox_key_secret"),
            webhook_secret: vars.or("RAZORPAY_WEBHOOK_SECRET", "sandbox_webhook_secret"),
            webhook_secret_previous: vars.get("RAZORPAY_WEBHOOK_SECRET_PREVIOUS"),
        });
    }
    let api_base = vars.or("RAZORPAY_API_BASE", "https://api.razorpay.com");
    check_url("RAZORPAY_API_BASE", &api_base)?;
    let need = |var: &'static str| {
        vars.get(var).ok_or(ConfigError {
            var,
            reason: "must be set when PAYMENT_GATEWAY=razorpay".into(),
        })
    };
    Ok(GatewayConfig {
        mode,
        api_base: api_base.trim_end_matches('/').to_owned(),
        key_id: need("RAZORPAY_KEY_ID")?,
        key_secret: need("RAZORPAY_KEY_SECRET")?,
        webhook_secret: need("RAZORPAY_WEBHOOK_SECRET")?,
        webhook_secret_previous: vars.get("RAZORPAY_WEBHOOK_SECRET_PREVIOUS"),
    })
}

/// The address to reach a server bound to `bind` from this machine: a wildcard
/// bind (`0.0.0.0`, `::`) is reached through the loopback address.
fn reachable(bind: SocketAddr) -> SocketAddr {
    match bind.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => {
            SocketAddr::from(([127, 0, 0, 1], bind.port()))
        }
        ip if ip.is_unspecified() => SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, bind.port())),
        _ => bind,
    }
}

fn check_url(var: &'static str, url: &str) -> Result<(), ConfigError> {
    if url.starts_with("http://") || url.starts_with("https://") {
        Ok(())
    } else {
        Err(ConfigError {
            var,
            reason: format!("`{url}` is not an http(s) URL"),
        })
    }
}

fn decode_secret(raw: &str) -> Result<Vec<u8>, ConfigError> {
    let key = hex::decode(raw).map_err(|_| ConfigError {
        var: "MOCKOMI_SECRET_KEY",
        reason: "must be hex (generate one with `openssl rand -hex 32`)".into(),
    })?;
    if key.len() < 32 {
        return Err(ConfigError {
            var: "MOCKOMI_SECRET_KEY",
            reason: "must be at least 32 bytes (64 hex characters)".into(),
        });
    }
    Ok(key)
}

fn positive<F: Fn(&str) -> Option<String>>(
    vars: &Vars<F>,
    var: &'static str,
    default: i64,
) -> Result<i64, ConfigError> {
    let value: i64 = vars.parse(var, default)?;
    if value <= 0 {
        return Err(ConfigError {
            var,
            reason: "must be greater than zero".into(),
        });
    }
    Ok(value)
}

fn percent<F: Fn(&str) -> Option<String>>(
    vars: &Vars<F>,
    var: &'static str,
    default: i64,
) -> Result<i64, ConfigError> {
    let value: i64 = vars.parse(var, default)?;
    if !(0..=100).contains(&value) {
        return Err(ConfigError {
            var,
            reason: "must be between 0 and 100".into(),
        });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn load(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|var| map.get(var).cloned())
    }

    #[test]
    fn empty_environment_gives_embedded_defaults() {
        let config = load(&[]).expect("defaults are valid");
        assert!(config.database_url.starts_with("sqlite://"));
        assert_eq!(config.gateway.mode, GatewayMode::Sandbox);
        assert_eq!(
            config.gateway.api_base,
            "http://127.0.0.1:8080/sandbox/razorpay"
        );
        assert_eq!(config.market.interview_price, Money::from_paise(10_000));
    }

    #[test]
    fn a_wildcard_bind_gets_a_reachable_default_public_url() {
        let config = load(&[("MOCKOMI_BIND", "0.0.0.0:9090")]).expect("valid");
        assert_eq!(config.public_url, "http://127.0.0.1:9090");
        let config = load(&[("MOCKOMI_BIND", "[::]:9090")]).expect("valid");
        assert_eq!(config.public_url, "http://[::1]:9090");
    }

    #[test]
    fn bad_values_name_their_variable() {
        let err = load(&[("MOCKOMI_BIND", "not-an-address")]).expect_err("bad bind");
        assert_eq!(err.var, "MOCKOMI_BIND");
        let err = load(&[("DATABASE_URL", "mysql://x")]).expect_err("bad url");
        assert_eq!(err.var, "DATABASE_URL");
        let err = load(&[("MOCKOMI_INTERVIEWER_SHARE_PERCENT", "120")]).expect_err("bad share");
        assert_eq!(err.var, "MOCKOMI_INTERVIEWER_SHARE_PERCENT");
    }

    #[test]
    fn production_requires_secrets_and_a_real_gateway() {
        let err = load(&[("MOCKOMI_ENV", "production")]).expect_err("no secret");
        assert_eq!(err.var, "MOCKOMI_SECRET_KEY");
        let key = "ab".repeat(32);
        let err = load(&[("MOCKOMI_ENV", "production"), ("MOCKOMI_SECRET_KEY", &key)])
            .expect_err("sandbox in production");
        assert_eq!(err.var, "PAYMENT_GATEWAY");
        let err = load(&[
            ("MOCKOMI_ENV", "production"),
            ("MOCKOMI_SECRET_KEY", &key),
            ("PAYMENT_GATEWAY", "razorpay"),
        ])
        .expect_err("no razorpay key");
        assert_eq!(err.var, "RAZORPAY_KEY_ID");
    }

    #[test]
    fn debug_output_hides_secrets() {
        let config = load(&[("DATABASE_URL", "postgres://app:hunter2@db/mockomi")]).expect("ok");
        let shown = format!("{config:?}");
        assert!(!shown.contains("hunter2"));
        assert!(!shown.contains("sandbox_key_secret"));
    }
}
