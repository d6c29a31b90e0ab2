//! Interviewer earnings: ledger credits for completed interviews, and the
//! balance and history derived from the ledger (never stored on its own).

use sea_orm::{ActiveValue::Set, EntityTrait, FromQueryResult, Statement, Value};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::AppError;
use crate::domain::ledger::{Account, LedgerTransaction};
use crate::domain::permissions::{Action, Actor};
use crate::domain::{InterviewId, LedgerTxId, Money, UserId};
use crate::state::AppState;
use crate::store::entity::{ledger_postings, ledger_transactions};
use crate::store::{StoreError, WriteTx};

/// The most history entries one answer lists.
const HISTORY_LIMIT: u64 = 200;

/// Credits `interviewer` for completing `interview`, within `tx`. The unique
/// reference `interview_completed:<id>` makes a second credit a conflict.
pub async fn record_interview_credit(
    tx: &WriteTx,
    interview: InterviewId,
    interviewer: UserId,
    credit: Money,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let Ok(entry) = LedgerTransaction::interview_completed(interview, interviewer, credit) else {
        // A zero price earns nothing; a zero posting is not a movement of money.
        return Ok(());
    };
    record(tx, &entry, now).await
}

/// Writes a balanced transaction and its postings within `tx`.
pub async fn record(
    tx: &WriteTx,
    entry: &LedgerTransaction,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let id = LedgerTxId::new();
    let header = ledger_transactions::ActiveModel {
        id: Set(id.0),
        kind: Set(entry.kind().to_owned()),
        reference: Set(entry.reference().to_owned()),
        created_at: Set(now),
    };
    if let Err(err) = ledger_transactions::Entity::insert(header)
        .exec_without_returning(tx)
        .await
    {
        return Err(match StoreError::from(err) {
            StoreError::Conflict(_) => AppError::conflict(
                "already_recorded",
                "This movement of money is already in the ledger.",
            ),
            other => other.into(),
        });
    }
    let postings = entry
        .postings()
        .iter()
        .map(|p| ledger_postings::ActiveModel {
            id: Set(Uuid::now_v7()),
            transaction_id: Set(id.0),
            account: Set(p.account.as_str().to_owned()),
            amount: Set(p.amount.paise()),
            created_at: Set(now),
        });
    ledger_postings::Entity::insert_many(postings)
        .exec_without_returning(tx)
        .await?;
    Ok(())
}

/// An interviewer's earnings: the balance and the latest movements.
#[derive(Clone, Debug, Serialize)]
pub struct Earnings {
    /// Paise: the sum of every posting on the interviewer's earnings account.
    pub balance: i64,
    pub currency: &'static str,
    pub entries: Vec<EarningEntry>,
}

/// One movement on an interviewer's earnings account.
#[derive(Clone, Debug, Serialize)]
pub struct EarningEntry {
    /// The interview it is for, when it is an interview credit.
    pub interview_id: Option<InterviewId>,
    pub kind: String,
    /// Paise; positive adds to the balance.
    pub amount: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, FromQueryResult)]
struct Balance {
    balance: i64,
}

#[derive(Debug, FromQueryResult)]
struct EntryRow {
    kind: String,
    reference: String,
    amount: i64,
    created_at: OffsetDateTime,
}

/// `GET /interviewer/earnings`.
pub async fn earnings_of(state: &AppState, actor: &Actor) -> Result<Earnings, AppError> {
    actor.require(Action::RunInterview)?;
    let account = Account::interviewer_earnings(actor.user_id);
    let backend = state.db.backend();
    let conn = state.db.conn();

    let values: Vec<Value> = vec![account.as_str().into()];
    let balance = Balance::find_by_statement(Statement::from_sql_and_values(
        backend,
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS balance \
         FROM ledger_postings WHERE account = $1",
        values.clone(),
    ))
    .one(conn)
    .await?
    .map_or(0, |b| b.balance);

    let sql = format!(
        "SELECT t.kind, t.reference, p.amount, p.created_at \
         FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id \
         WHERE p.account = $1 ORDER BY p.created_at DESC, p.id DESC LIMIT {HISTORY_LIMIT}"
    );
    let rows = EntryRow::find_by_statement(Statement::from_sql_and_values(backend, sql, values))
        .all(conn)
        .await?;
    let entries = rows
        .into_iter()
        .map(|r| EarningEntry {
            interview_id: r
                .reference
                .strip_prefix("interview_completed:")
                .and_then(|id| id.parse().ok()),
            kind: r.kind,
            amount: r.amount,
            created_at: r.created_at,
        })
        .collect();
    Ok(Earnings {
        balance,
        currency: "INR",
        entries,
    })
}
