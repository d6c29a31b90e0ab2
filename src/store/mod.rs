//! The database: one data layer over SQLite (embedded default) and PostgreSQL.
//!
//! [`Db`] owns the connection pool. Every write happens inside a [`WriteTx`] from
//! [`Db::begin`]. On SQLite those transactions queue on an in-process gate so
//! concurrent writers wait their turn instead of failing with `SQLITE_BUSY`; on
//! PostgreSQL they run concurrently and rely on row locks and conditional updates.
//! Queries live in the submodules, one per area, as functions over any
//! [`sea_orm::ConnectionTrait`] so they work inside or outside a transaction.

pub mod entity;
mod error;
pub mod migrate;

use std::ops::Deref;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, Statement, TransactionTrait,
};
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use tokio::sync::{Mutex, Notify, OwnedMutexGuard};

pub use error::StoreError;

/// The connection pool and what every transaction needs to know.
#[derive(Clone)]
pub struct Db {
    conn: DatabaseConnection,
    /// Serialises SQLite write transactions; `None` on PostgreSQL.
    write_gate: Option<Arc<Mutex<()>>>,
    /// Poked after a transaction that enqueued jobs commits, to wake the worker.
    jobs_ready: Arc<Notify>,
}

impl Db {
    /// Connects to `url` (`sqlite://path` or `postgres://…`), creating a SQLite file if needed.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, StoreError> {
        if url.starts_with("sqlite:") {
            Self::connect_sqlite(url, max_connections).await
        } else {
            Self::connect_postgres(url, max_connections).await
        }
    }

    async fn connect_sqlite(url: &str, max_connections: u32) -> Result<Db, StoreError> {
        if let Some(parent) = sqlite_path(url).and_then(|p| p.parent().map(|p| p.to_owned()))
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(&parent).map_err(|e| StoreError::Connect(e.to_string()))?;
        }
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Connect(e.to_string()))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30));
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections.max(2))
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Connect(e.to_string()))?;
        Ok(Db {
            conn: DatabaseConnection::from(pool),
            write_gate: Some(Arc::new(Mutex::new(()))),
            jobs_ready: Arc::new(Notify::new()),
        })
    }

    async fn connect_postgres(url: &str, max_connections: u32) -> Result<Db, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await
            .map_err(|e| StoreError::Connect(e.to_string()))?;
        Ok(Db {
            conn: DatabaseConnection::from(pool),
            write_gate: None,
            jobs_ready: Arc::new(Notify::new()),
        })
    }

    /// The pool, for reads outside a transaction.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// Which database this is.
    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    /// Starts a write transaction. On SQLite this waits for earlier writers to finish.
    pub async fn begin(&self) -> Result<WriteTx, StoreError> {
        let gate = match &self.write_gate {
            Some(gate) => Some(gate.clone().lock_owned().await),
            None => None,
        };
        let tx = self.conn.begin().await?;
        Ok(WriteTx {
            tx,
            _gate: gate,
            enqueued: AtomicBool::new(false),
            jobs_ready: self.jobs_ready.clone(),
        })
    }

    /// Resolves when a committed transaction has enqueued jobs.
    pub fn jobs_ready(&self) -> Arc<Notify> {
        self.jobs_ready.clone()
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.conn.ping().await.map_err(StoreError::from)
    }
}

/// A write transaction. Dropping it without [`WriteTx::commit`] rolls it back.
pub struct WriteTx {
    tx: DatabaseTransaction,
    _gate: Option<OwnedMutexGuard<()>>,
    enqueued: AtomicBool,
    jobs_ready: Arc<Notify>,
}

impl WriteTx {
    /// Commits, then wakes the job worker if jobs were enqueued.
    pub async fn commit(self) -> Result<(), StoreError> {
        let wake = self.enqueued.load(Ordering::Relaxed);
        let jobs_ready = self.jobs_ready.clone();
        self.tx.commit().await?;
        if wake {
            jobs_ready.notify_waiters();
        }
        Ok(())
    }

    /// Records that this transaction enqueued a job.
    pub(crate) fn mark_enqueued(&self) {
        self.enqueued.store(true, Ordering::Relaxed);
    }
}

impl Deref for WriteTx {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.tx
    }
}

/// A `WriteTx` is used wherever a connection is expected, so store functions take
/// `&impl ConnectionTrait` and run inside or outside a transaction alike.
#[async_trait::async_trait]
impl ConnectionTrait for WriteTx {
    fn get_database_backend(&self) -> DbBackend {
        self.tx.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.tx.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.tx.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.tx.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.tx.query_all_raw(stmt).await
    }
}

fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| std::path::PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_paths_are_found_in_urls() {
        assert_eq!(
            sqlite_path("sqlite://./data/m.db"),
            Some("./data/m.db".into())
        );
        assert_eq!(sqlite_path("sqlite:x.db?mode=rwc"), Some("x.db".into()));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
    }
}
