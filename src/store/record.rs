//! The stored check-in: what was answered, for which day, with which question set.
//!
//! A record holds answers only. The question texts as asked are recoverable through
//! `questionnaire` (id, version and digest name a copy of the exact questions file kept once
//! in the data directory), which keeps each record small and fast to read.

use super::Unreadable;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::answers::Answers;
use crate::questionnaire::Questionnaire;

/// The record format written by this version.
///
/// - 1: the first format.
/// - 2: adds `written_by`. A version 1 record is read as version 2 with no `written_by`,
///   in memory; its file is never rewritten.
pub const SCHEMA_VERSION: u32 = 2;

/// One saved check-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckinRecord {
    /// Record format version.
    pub schema_version: u32,
    /// Unique id, also the file name without `.json`.
    pub id: String,
    /// The local day the check-in is about.
    pub date: NaiveDate,
    /// The moment it was saved, with the local UTC offset.
    pub recorded_at: DateTime<FixedOffset>,
    /// The question set it was answered with.
    pub questionnaire: QuestionnaireRef,
    /// Every item of that set: answered, empty, or skipped.
    pub answers: Answers,
    /// The selfcheck that saved it ("selfcheck 0.1.0"); absent before schema version 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_by: Option<String>,
    /// Answers offered from the intake journal (item id to the value offered); the answer
    /// itself is the person's, kept or changed.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub offered: std::collections::BTreeMap<String, i64>,
}

/// Names the exact question set a record was answered with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireRef {
    /// Set id.
    pub id: String,
    /// Set version.
    pub version: u32,
    /// Digest of the questions file's bytes.
    pub digest: String,
}

impl QuestionnaireRef {
    /// The reference to a loaded question set.
    pub fn of(q: &Questionnaire) -> Self {
        QuestionnaireRef {
            id: q.def.id.clone(),
            version: q.def.version,
            digest: q.digest.clone(),
        }
    }

    /// File name of the stored copy of this question set.
    pub fn file_name(&self) -> String {
        format!("{}-v{}-{}.json", self.id, self.version, self.digest)
    }
}

impl CheckinRecord {
    /// Serialises for storage (pretty, so a person can read their own data).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// What is wrong with the record's own id and date: the id must have the store's form
    /// `YYYY-MM-DD_HHMMSS-xxxx` (hex) with the record's date, and the date must be from
    /// 1900-01-01 to tomorrow (local; a record may come from another time zone).
    pub fn identity_problems(&self, today: NaiveDate) -> Vec<String> {
        let mut problems = Vec::new();
        if !id_form(&self.id) {
            problems.push(format!(
                "the id {:?} is not of the form YYYY-MM-DD_HHMMSS-xxxx",
                self.id
            ));
        } else if !id_has_date(&self.id, self.date) {
            problems.push(format!(
                "the id {} does not start with its date {}",
                self.id, self.date
            ));
        }
        let earliest = crate::base::dates::earliest();
        let latest = today.succ_opt().unwrap_or(today);
        if self.date < earliest || self.date > latest {
            problems.push(format!(
                "the date {} is outside 1900-01-01 to {latest}",
                self.date
            ));
        }
        problems
    }

    /// Reads a stored record, refusing a newer format by name rather than misreading it, and
    /// a record whose id or date cannot be right.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Unreadable> {
        match serde_json::from_slice::<CheckinRecord>(crate::base::json::without_bom(bytes)) {
            Ok(r) if r.schema_version <= SCHEMA_VERSION => {
                let problems = r.identity_problems(crate::base::dates::today());
                if problems.is_empty() {
                    Ok(r)
                } else {
                    Err(Unreadable::Identity(problems))
                }
            }
            Ok(r) => Err(Unreadable::Newer(u64::from(r.schema_version))),
            // Only on failure: look closer, to say why.
            Err(e) => {
                let value: serde_json::Value =
                    serde_json::from_slice(crate::base::json::without_bom(bytes))
                        .map_err(|_| Unreadable::NotJson(e.to_string()))?;
                match value
                    .get("schema_version")
                    .and_then(serde_json::Value::as_u64)
                {
                    None => Err(Unreadable::NotACheckin),
                    Some(v) if v > u64::from(SCHEMA_VERSION) => Err(Unreadable::Newer(v)),
                    Some(_) => Err(Unreadable::Invalid(e.to_string())),
                }
            }
        }
    }
}

/// Whether an id (of the store's form) starts with this date; compares numbers, as this
/// runs for every record read.
fn id_has_date(id: &str, date: NaiveDate) -> bool {
    use chrono::Datelike;
    let num = |r: std::ops::Range<usize>| id.get(r).and_then(|s| s.parse::<u32>().ok());
    num(0..4) == u32::try_from(date.year()).ok()
        && num(5..7) == Some(date.month())
        && num(8..10) == Some(date.day())
}

/// `YYYY-MM-DD_HHMMSS-` and one or more hex digits, as the store names check-ins.
fn id_form(id: &str) -> bool {
    let b = id.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    b.len() >= 19
        && b.len() <= 40
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'_'
        && digits(11..17)
        && b[17] == b'-'
        && b[18..].iter().all(u8::is_ascii_hexdigit)
}
