//! The stored check-in: what was answered, for which day, with which question set.
//!
//! A record holds answers only. The question texts as asked are recoverable through
//! `questionnaire` (id, version and digest name a copy of the exact questions file kept once
//! in the data directory), which keeps each record small and fast to read.
//!
//! Layer: record. It may use: error, fsio, dates, text, paths, cli, output, questionnaire,
//! config, crisis, sets, answers.

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

    /// Reads a stored record, refusing a newer format by name rather than misreading it.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        match serde_json::from_slice::<CheckinRecord>(crate::json::without_bom(bytes)) {
            Ok(r) if r.schema_version <= SCHEMA_VERSION => Ok(r),
            Ok(r) => Err(newer(u64::from(r.schema_version))),
            // Only on failure: look closer, to say why.
            Err(e) => {
                let value: serde_json::Value =
                    serde_json::from_slice(crate::json::without_bom(bytes))
                        .map_err(|_| format!("not valid JSON ({e})"))?;
                match value
                    .get("schema_version")
                    .and_then(serde_json::Value::as_u64)
                {
                    None => Err("not a selfcheck check-in (no \"schema_version\")".to_string()),
                    Some(v) if v > u64::from(SCHEMA_VERSION) => Err(newer(v)),
                    Some(_) => Err(format!("not a valid check-in ({e})")),
                }
            }
        }
    }
}

fn newer(v: u64) -> String {
    format!(
        "written by a newer selfcheck (schema_version {v}; this one reads up to {SCHEMA_VERSION}); update selfcheck to read it"
    )
}
