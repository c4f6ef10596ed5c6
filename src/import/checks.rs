//! Checks of a record from an export beyond its shape: an id that is also a safe file
//! name, and an `offered` map that its question set could have offered.

use crate::questionnaire::Questionnaire;
use crate::store::record::CheckinRecord;

/// What is wrong with a record's `offered` map: every key an integer item of its set, every
/// value an answer that item allows (as the journal would offer it).
pub(super) fn offered_problems(record: &CheckinRecord, q: &Questionnaire) -> Vec<String> {
    record
        .offered
        .iter()
        .filter_map(|(id, v)| match q.item(id) {
            None => Some(format!(
                "offered: \"{id}\" is not an item of its question set"
            )),
            Some(item) => crate::answers::check_value(item, &serde_json::Value::from(*v))
                .err()
                .map(|why| format!("offered: {id}: {why}")),
        })
        .collect()
}

/// An id is also a file name: letters, digits, `-` and `_` only.
pub(super) fn safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// What is wrong with the time a record from an import says it was saved: before 1900, or
/// more than a year after today (a year 9999 or 0 is a made-up file, not a clock set a
/// little wrong; stored check-ins are never hidden for it).
pub(super) fn saved_time_problems(record: &CheckinRecord) -> Vec<String> {
    let today = crate::base::dates::today();
    let latest = today
        .checked_add_days(chrono::Days::new(366))
        .unwrap_or(today);
    let saved = record.recorded_at.date_naive();
    if saved < crate::base::dates::earliest() || saved > latest {
        vec![format!(
            "the time it was saved, {}, is outside 1900-01-01 to {latest}",
            record.recorded_at.to_rfc3339()
        )]
    } else {
        Vec::new()
    }
}
