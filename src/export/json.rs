//! `export --format json`, written while the check-ins are read: one record in memory at a
//! time, so a backup of any size can be made (and `import` reads it the same way).
//!
//! The bytes are those of the envelope printed as pretty JSON: the header, every check-in as
//! stored (oldest first), then the exact question sets they were answered with (file text,
//! byte for byte, by stored file name), so the questions as asked travel with the answers;
//! then the intake journal's entries as stored.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{EXPORT_FORMAT, EXPORT_SCHEMA_VERSION};
use crate::journal::JournalEntry;
use crate::store::record::QuestionnaireRef;
use crate::store::StoredCheckin;

/// Writes the JSON export of `checkins` to `w`; returns how many were written. The sets
/// are named as the check-ins pass and their texts asked of `set_text` at the end, one at a
/// time (a set may be megabytes, and a long history may have used many).
pub(crate) fn json(
    w: &mut dyn Write,
    checkins: &mut dyn Iterator<Item = StoredCheckin>,
    journal: &mut dyn Iterator<Item = JournalEntry>,
    set_text: &mut dyn FnMut(&QuestionnaireRef) -> io::Result<Vec<u8>>,
    exported_at: &str,
) -> io::Result<usize> {
    let text = |s: &str| serde_json::to_string(s).map_err(io::Error::other);
    write!(
        w,
        "{{\n  \"format\": {},\n  \"schema_version\": {EXPORT_SCHEMA_VERSION},\n  \"exported_at\": {},\n  \"checkins\": [",
        text(EXPORT_FORMAT)?,
        text(exported_at)?
    )?;
    let mut sets = BTreeMap::new();
    let mut count = 0;
    for c in checkins {
        w.write_all(if count == 0 { b"\n    " } else { b",\n    " })?;
        indented(w, &c.record, 4)?;
        sets.entry(c.record.questionnaire.file_name())
            .or_insert_with(|| c.record.questionnaire.clone());
        count += 1;
    }
    w.write_all(if count == 0 { b"]" } else { b"\n  ]" })?;
    w.write_all(b",\n  \"questionnaires\": ")?;
    // The same bytes as the map written whole: `{}` when empty, else one `"name": "text"`
    // line each, in name order.
    if sets.is_empty() {
        w.write_all(b"{}")?;
    } else {
        w.write_all(b"{")?;
        for (i, (name, qref)) in sets.iter().enumerate() {
            let text = String::from_utf8_lossy(&set_text(qref)?).into_owned();
            w.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
            serde_json::to_writer(&mut *w, name).map_err(io::Error::other)?;
            w.write_all(b": ")?;
            serde_json::to_writer(&mut *w, &text).map_err(io::Error::other)?;
        }
        w.write_all(b"\n  }")?;
    }
    // The intake journal, oldest first, written as it is read (the same bytes as the list
    // written whole).
    w.write_all(b",\n  \"journal\": [")?;
    let mut entries = 0;
    for entry in journal {
        w.write_all(if entries == 0 { b"\n    " } else { b",\n    " })?;
        indented(w, &entry, 4)?;
        entries += 1;
    }
    w.write_all(if entries == 0 { b"]" } else { b"\n  ]" })?;
    w.write_all(b"\n}\n")?;
    Ok(count)
}

/// `value` as pretty JSON, every line after the first indented by `by` spaces (strings in
/// JSON never hold a raw line break, so this cannot change a value).
pub(super) fn indented(w: &mut dyn Write, value: &impl Serialize, by: usize) -> io::Result<()> {
    let pretty = serde_json::to_vec_pretty(value).map_err(io::Error::other)?;
    let pad = &b"        "[..by.min(8)];
    for (i, line) in pretty.split(|b| *b == b'\n').enumerate() {
        if i > 0 {
            w.write_all(b"\n")?;
            w.write_all(pad)?;
        }
        w.write_all(line)?;
    }
    Ok(())
}
