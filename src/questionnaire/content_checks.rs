//! What a question set may hold beyond its shape: texts without control characters (they
//! reach terminals and printed pages), and items whose longest answers still fit in a stored
//! check-in.

use serde_json::Value;

use super::{ItemType, QuestionnaireDef};

/// Every text of a set reaches terminals and printed pages: a control character (an escape
/// sequence could recolour or retitle the terminal, or hide text) is a problem named by its
/// place in the file. Line breaks and tabs are only white space, and allowed.
pub(super) fn control_characters(value: &Value, at: &str, problems: &mut Vec<String>) {
    walk(value, &mut vec![Place::Top(at)], problems);
}

/// One step of a place in the file: written out only when a problem is found there (every
/// set read is checked, so the walk itself allocates nothing).
enum Place<'a> {
    Top(&'a str),
    Key(&'a str),
    Index(usize),
}

fn place(path: &[Place]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Place::Top(at) => out.push_str(at),
            Place::Key(k) if out.is_empty() => out.push_str(k),
            Place::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Place::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn has_control(s: &str, allowed: &[char]) -> Option<char> {
    s.chars().find(|c| c.is_control() && !allowed.contains(c))
}

fn walk<'a>(value: &'a Value, path: &mut Vec<Place<'a>>, problems: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            if let Some(c) = has_control(s, &['\n', '\t']) {
                let at = place(path);
                problems.push(format!(
                    "{}: contains the control character U+{:04X}; texts are shown on terminals and printed pages, so remove it",
                    if at.is_empty() { "the file" } else { &at },
                    c as u32
                ));
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                path.push(Place::Index(i));
                walk(v, path, problems);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                path.push(Place::Key(k));
                if has_control(k, &[]).is_some() {
                    problems.push(format!(
                        "{}: a key contains a control character",
                        place(path)
                    ));
                }
                walk(v, path, problems);
                path.pop();
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
