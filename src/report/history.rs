//! `history` as a table for the terminal: the date, the question set's own columns, and
//! the flags.

use std::fmt::Write as _;

use crate::history::HistoryList;

/// One line per check-in, newest first, with a header row.
pub fn history_text(list: &HistoryList) -> Vec<u8> {
    let mut out = String::new();
    if let Some(message) = &list.message {
        let _ = writeln!(out, "{message}");
        return out.into_bytes();
    }
    let widths: Vec<usize> = list
        .columns
        .iter()
        .map(|c| c.heading.chars().count().max(4))
        .collect();
    let _ = write!(out, "{:<10}", "date");
    for (c, w) in list.columns.iter().zip(&widths) {
        let _ = write!(out, "  {:>w$}", c.heading);
    }
    let _ = writeln!(out, "  flags");
    for line in &list.checkins {
        let _ = write!(out, "{:<10}", line.date.to_string());
        for ((c, v), w) in list.columns.iter().zip(&line.values).zip(&widths) {
            let _ = match v.as_f64() {
                Some(v) => write!(out, "  {v:>w$.prec$}", prec = c.decimals),
                None => write!(out, "  {:>w$}", "-"),
            };
        }
        let flags = if line.flags.is_empty() {
            "-".to_string()
        } else {
            line.flags.join(" ")
        };
        let _ = writeln!(out, "  {flags}");
    }
    if let Some(line) = &list.crisis_line {
        let _ = writeln!(
            out,
            "\n{}",
            crate::text::wrap(line, "", crate::text::width())
        );
    }
    out.into_bytes()
}
