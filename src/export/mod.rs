//! `selfcheck export`: every check-in as JSON (lossless, for `import`), CSV (for a
//! spreadsheet) or a FHIR R4 Bundle (for a clinic system).

use serde_json::Value;

use crate::answers::{Answer, Slot};
use crate::questionnaire::Questionnaire;
use crate::store::StoredCheckin;
use crate::summary;

mod fhir;
mod journal;
mod json;

pub(crate) use fhir::fhir;
pub(crate) use journal::journal_csv;
pub(crate) use json::json;

/// The `format` tag of a JSON export.
pub(crate) const EXPORT_FORMAT: &str = "selfcheck-export";
/// The export envelope's version (its records carry their own `schema_version`).
pub(crate) const EXPORT_SCHEMA_VERSION: u32 = 1;

/// Text made safe for a spreadsheet: a cell that starts with, or has right after a tab,
/// comma, semicolon, pipe or line break, a character that starts a formula (`= + - @`) gets
/// an apostrophe there, so `=HYPERLINK(…)`, `tab\t=1+1` and `x;=1+1` never run whatever
/// separator the spreadsheet splits on. The `csv` crate does the quoting (RFC 4180).
fn neutral(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let mut at_start = true;
    for c in text.chars() {
        if at_start && matches!(c, '=' | '+' | '-' | '@') {
            out.push('\'');
        }
        out.push(c);
        at_start = matches!(c, '\t' | ',' | ';' | '|' | '\n' | '\r');
    }
    out
}

/// The I/O error behind a CSV writer's error, its kind kept (a closed pipe stays one, so
/// `| head` ends quietly).
fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// The CSV export, written a part of the history at a time: the header from every set the
/// check-ins use (the built-in set's for an empty export), then rows as the parts come,
/// oldest first. One row per check-in, one column per item id and score; skipped and empty
/// answers are empty cells (never an invented value). UTF-8 with a byte-order mark, which
/// is how spreadsheet programs know it is UTF-8 (without it, Excel shows "ü" as "Ã¼");
/// times to the second with their offset.
pub(crate) struct CsvRows<'w> {
    out: csv::Writer<&'w mut dyn std::io::Write>,
    items: Vec<String>,
    scores: Vec<String>,
}

impl<'w> CsvRows<'w> {
    /// Writes the byte-order mark and the header for check-ins of `sets` (in the order they
    /// are first used; the built-in set's columns when there are none).
    pub(crate) fn start(
        out: &'w mut dyn std::io::Write,
        sets: &[&Questionnaire],
    ) -> std::io::Result<Self> {
        let (mut items, mut scores) = (Vec::<String>::new(), Vec::<String>::new());
        let builtin = if sets.is_empty() {
            Questionnaire::builtin().ok()
        } else {
            None
        };
        for q in sets.iter().copied().chain(builtin.as_ref()) {
            for i in &q.def.items {
                if !items.contains(&i.id) {
                    items.push(i.id.clone());
                }
            }
            for s in &q.def.scores {
                if !scores.contains(&s.id) {
                    scores.push(s.id.clone());
                }
            }
        }
        out.write_all("\u{feff}".as_bytes())?;
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let mut header = vec![
            "id",
            "date",
            "recorded_at",
            "questionnaire",
            "questionnaire_version",
        ];
        header.extend(items.iter().map(String::as_str));
        header.extend(scores.iter().map(String::as_str));
        header.push("flags");
        let header: Vec<String> = header.iter().map(|h| neutral(h)).collect();
        out.write_record(&header).map_err(csv_io)?;
        Ok(CsvRows { out, items, scores })
    }

    /// Writes the rows of `range` of `checkins` (the check-ins before it are looked back at).
    pub(crate) fn rows(
        &mut self,
        checkins: &[StoredCheckin],
        range: std::ops::Range<usize>,
    ) -> std::io::Result<()> {
        let lines = summary::lines(checkins, range.clone());
        for (c, line) in checkins[range].iter().zip(&lines) {
            let r = &c.record;
            let mut row = vec![
                neutral(&r.id),
                r.date.to_string(),
                r.recorded_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
                neutral(&r.questionnaire.id),
                r.questionnaire.version.to_string(),
            ];
            for id in &self.items {
                row.push(match r.answers.get(id) {
                    Some(Slot::Given(Answer::Int(v))) => v.to_string(),
                    Some(Slot::Given(Answer::Bool(b))) => b.to_string(),
                    Some(Slot::Given(Answer::Text(t))) => neutral(t),
                    _ => String::new(),
                });
            }
            for id in &self.scores {
                row.push(match line.scores.get(id) {
                    Some(Value::Number(n)) => n.to_string(),
                    _ => String::new(),
                });
            }
            row.push(neutral(&line.flags.join(" ")));
            self.out.write_record(&row).map_err(csv_io)?;
        }
        Ok(())
    }

    /// Flushes what is left.
    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
