//! Checks of a record from an export beyond its shape: an id that is also a safe file
//! name, and an `offered` map that its question set could have offered.

use crate::questionnaire::Questionnaire;
use crate::record::CheckinRecord;

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
