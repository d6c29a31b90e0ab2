//! Schema migrations: plain SQL files per backend under `migrations/sqlite/` and
//! `migrations/postgres/`, sharing timestamped names, applied in order by
//! SeaORM's migrator (which records them in `seaql_migrations`).

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{MigrationName, MigrationTrait, MigratorTrait, SchemaManager};

use super::{Db, StoreError};

/// One migration, written once per backend.
struct SqlMigration {
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

macro_rules! sql_migration {
    ($name:literal) => {
        SqlMigration {
            name: $name,
            sqlite: include_str!(concat!("../../migrations/sqlite/", $name, ".sql")),
            postgres: include_str!(concat!("../../migrations/postgres/", $name, ".sql")),
        }
    };
}

/// Every migration, oldest first. Add new files here.
fn all() -> Vec<SqlMigration> {
    vec![
        sql_migration!("20261203000001_initial"),
        sql_migration!("20261203000050_login_throttles"),
    ]
}

impl MigrationName for SqlMigration {
    fn name(&self) -> &str {
        self.name
    }
}

#[async_trait::async_trait]
impl MigrationTrait for SqlMigration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), sea_orm::DbErr> {
        let conn = manager.get_connection();
        let sql = match conn.get_database_backend() {
            DbBackend::Sqlite => self.sqlite,
            _ => self.postgres,
        };
        conn.execute_unprepared(sql).await?;
        Ok(())
    }
}

struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        all()
            .into_iter()
            .map(|m| Box::new(m) as Box<dyn MigrationTrait>)
            .collect()
    }
}

/// Applies every pending migration. Safe to run at every start.
pub async fn run(db: &Db) -> Result<usize, StoreError> {
    let pending = Migrator::get_pending_migrations(db.conn()).await?.len();
    Migrator::up(db.conn(), None).await?;
    Ok(pending)
}
