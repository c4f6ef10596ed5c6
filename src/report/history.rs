//! `history` as a table for the terminal.

use std::fmt::Write as _;

use crate::history::HistoryList;

fn cell(v: Option<&serde_json::Value>) -> String {
    match v {
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => "-".to_string(),
    }
}

fn opt(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "-".to_string())
}

/// One line per check-in, newest first, with a header row.
pub fn history_text(list: &HistoryList) -> Vec<u8> {
    let mut out = String::new();
    if let Some(message) = &list.message {
        let _ = writeln!(out, "{message}");
        return out.into_bytes();
    }
    let _ = writeln!(
        out,
        "{:<10}  {:>4}  {:>5}  {:>5}  {:>6}  {:>5}  flags",
        "date", "PEG", "PHQ-2", "GAD-2", "relief", "sleep"
    );
    for c in &list.checkins {
        let flags = if c.flags.is_empty() {
            "-".to_string()
        } else {
            c.flags.join(" ")
        };
        let _ = writeln!(
            out,
            "{:<10}  {:>4}  {:>5}  {:>5}  {:>6}  {:>5}  {flags}",
            c.date.to_string(),
            cell(c.scores.get("peg")),
            cell(c.scores.get("phq2")),
            cell(c.scores.get("gad2")),
            opt(c.relief_use_days),
            opt(c.sleep_quality),
        );
    }
    if let Some(line) = &list.crisis_line {
        let _ = writeln!(out, "\n{}", crate::text::wrap(line, "", 78));
    }
    out.into_bytes()
}
