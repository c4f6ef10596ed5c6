//! What a question set may hold beyond its shape: texts without control characters (they
//! reach terminals and printed pages), and items whose longest answers still fit in a stored
//! check-in.

use serde_json::Value;

use super::{ItemType, QuestionnaireDef};

/// Every text of a set reaches terminals and printed pages: a control character (an escape
/// sequence could recolour or retitle the terminal, or hide text) is a problem named by its
/// place in the file. Line breaks and tabs are only white space, and allowed.
pub(super) fn control_characters(value: &Value, at: &str, problems: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            if let Some(c) = s
                .chars()
                .find(|c| c.is_control() && *c != '\n' && *c != '\t')
            {
                problems.push(format!(
                    "{}: contains the control character U+{:04X}; texts are shown on terminals and printed pages, so remove it",
                    if at.is_empty() { "the file" } else { at },
                    c as u32
                ));
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                control_characters(v, &format!("{at}[{i}]"), problems);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                let here = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                if k.chars().any(char::is_control) {
                    problems.push(format!("{here}: a key contains a control character"));
                }
                control_characters(v, &here, problems);
            }
        }
        _ => {}
    }
}

/// The largest record any answers to `def` could make: every item's id and its longest
/// value, a text character at its most expensive in JSON (`\u0000`, 6 bytes), plus the
/// record's own fields and the pretty layout.
pub(super) fn worst_record_bytes(def: &QuestionnaireDef) -> u64 {
    // Saturating: a set may give any limit, and a limit too large to add up is still
    // refused (as over the record limit), never a panic.
    let per_item: u64 = def
        .items
        .iter()
        .map(|i| {
            let value = match i.kind {
                ItemType::Text => (i.text_limit() as u64).saturating_mul(6).saturating_add(2),
                _ => 64,
            };
            (i.id.len() as u64).saturating_add(16).saturating_add(value)
        })
        .fold(0u64, u64::saturating_add);
    per_item.saturating_add(4096)
}
