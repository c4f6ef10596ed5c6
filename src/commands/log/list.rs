//! `selfcheck log list`: the journal newest first, as lines or JSON, written while it is
//! read a day at a time, so a journal of any size is listed in the memory of one day.

use std::io::Write;

use serde::Serialize;

use crate::base::error::Error;
use crate::cli::ListFormat;
use crate::journal::{self, JournalEntry, Substances};

use super::super::Context;

/// The journal as `log list --format json` gives it, written while it is read (one day's
/// entries in memory, whatever the journal's size).
#[derive(Serialize)]
struct Listed<'a> {
    schema_version: u32,
    entries: Streamed<'a>,
}

/// The entries to list, serialised as a JSON array as they come.
struct Streamed<'a>(std::cell::RefCell<&'a mut dyn Iterator<Item = JournalEntry>>);

impl Serialize for Streamed<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(None)?;
        for entry in &mut *self.0.borrow_mut() {
            seq.serialize_element(&entry)?;
        }
        seq.end()
    }
}

pub(in crate::commands) fn list(
    ctx: &Context,
    substances: &Substances,
    since: Option<&str>,
    until: Option<&str>,
    last: Option<usize>,
    format: ListFormat,
) -> Result<(), Error> {
    let since = since
        .map(|d| crate::base::dates::parse_day("--since", d))
        .transpose()?;
    let until = until
        .map(|d| crate::base::dates::parse_day("--until", d))
        .transpose()?;
    let (from, to) = (since.map(|d| d.to_string()), until.map(|d| d.to_string()));
    // Days are chosen by the day an entry's file name starts with (a name without one is
    // always read); each entry's own date is checked too.
    let wanted = |day: &str| {
        let dated = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok();
        !dated
            || (from.as_deref().is_none_or(|f| day >= f) && to.as_deref().is_none_or(|t| day <= t))
    };
    let stream =
        journal::stream_days(&ctx.store, substances, journal::Order::NewestFirst, &wanted)?;
    let mut shown = 0usize;
    let mut entries = stream
        .filter_map(|read| match read {
            Ok(e) => Some(e),
            Err(p) => {
                ctx.warn_file(&p);
                None
            }
        })
        .filter(|e| since.is_none_or(|s| e.date >= s) && until.is_none_or(|u| e.date <= u))
        .take(last.unwrap_or(usize::MAX))
        .inspect(|_| shown += 1);
    match format {
        ListFormat::Json => super::super::print_json(&Listed {
            schema_version: journal::ENTRY_SCHEMA_VERSION,
            entries: Streamed(std::cell::RefCell::new(&mut entries)),
        }),
        ListFormat::Text => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let written = entries.try_for_each(|e| out.write_all(line(&e, substances).as_bytes()));
            drop(entries);
            let written = written.and_then(|()| {
                if shown > 0 {
                    return Ok(());
                }
                let message = if since.is_none() && until.is_none() {
                    "Nothing logged yet. `selfcheck log kratom 3g --for pain` logs one thing taken."
                } else {
                    "Nothing logged in this period. `selfcheck log list` shows everything."
                };
                writeln!(out, "{message}")
            });
            super::super::written_to_stdout(written.and_then(|()| out.flush()))
        }
    }
}

/// One entry as `log list` shows it, wrapped to the terminal, with its line break.
fn line(e: &JournalEntry, substances: &Substances) -> String {
    let amount = e
        .amount
        .as_ref()
        .map(|a| format!(" {}", journal::parse::words(a)))
        .unwrap_or_default();
    let mut parts = vec![format!(
        "{} {} {}{amount} ({})",
        e.date,
        e.time.as_deref().unwrap_or("--:--"),
        e.name,
        substances.class_title(&e.class)
    )];
    if e.prescribed {
        parts.push("as prescribed".to_string());
    }
    if !e.reasons.is_empty() {
        parts.push(format!("for {}", e.reasons.join(", ")));
    }
    if let Some(p) = e.pain {
        parts.push(format!("pain {p}"));
    }
    if let Some(m) = e.mood {
        parts.push(format!("mood {m}"));
    }
    if let Some(n) = &e.note {
        parts.push(format!("\"{n}\""));
    }
    parts.push(format!("id {}", journal::short_id(&e.id)));
    let mut text = crate::base::text::wrap_hanging(
        &parts.join(" · "),
        "",
        "      ",
        crate::base::text::width(),
    );
    text.push('\n');
    text
}
