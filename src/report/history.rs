//! `history` as a table for the terminal: the date, the question set's own columns, and
//! the flags by their short titles, newest first, with a marked line for each week without
//! a check-in. The table fits the terminal: columns are dropped from the right, and flags
//! shortened to whole titles and "+N", rather than a line wrapping mid-word.

use std::fmt::Write as _;

use crate::base::text::width;
use crate::summary::history::HistoryList;

/// Room the flags column keeps before a measure column is dropped.
const FLAGS_MIN: usize = 16;

/// One line per check-in, newest first, with a header row. `ids` adds each check-in's id
/// (also added when two check-ins share a date, as a date alone cannot name either).
pub fn history_text(list: &HistoryList, ids: bool) -> Vec<u8> {
    let mut out = String::new();
    if let Some(message) = &list.message {
        ln!(out, "{message}");
        return out.into_bytes();
    }
    let shared_date = list.checkins.windows(2).any(|w| w[0].date == w[1].date);
    let id_width = if ids || shared_date {
        list.checkins
            .iter()
            .map(|c| c.id.chars().count())
            .max()
            .unwrap_or(0)
    } else {
        0
    };
    let total = width();
    // A measure none of the listed check-ins has (a follow-up never asked) is no column.
    let used: Vec<(usize, &crate::summary::Column)> = list
        .columns
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            list.checkins
                .iter()
                .any(|l| l.values.get(*i).is_some_and(|v| !v.is_null()))
        })
        .collect();
    let mut widths: Vec<usize> = used
        .iter()
        .map(|(_, c)| c.heading.chars().count().max(4))
        .collect();
    let fixed = |widths: &[usize]| {
        10 + if id_width > 0 { 2 + id_width } else { 0 }
            + widths.iter().map(|w| 2 + w).sum::<usize>()
    };
    while !widths.is_empty() && fixed(&widths) + 2 + FLAGS_MIN > total {
        widths.pop();
    }
    let room = total.saturating_sub(fixed(&widths) + 2).max(FLAGS_MIN);

    put!(out, "{:<10}", "date");
    if id_width > 0 {
        put!(out, "  {:<id_width$}", "id");
    }
    for ((_, c), w) in used.iter().zip(&widths) {
        put!(out, "  {:>w$}", c.heading);
    }
    ln!(out, "  flags");
    let mut missed = list.missed_mondays.iter().peekable();
    for line in &list.checkins {
        while let Some(monday) = missed.next_if(|m| **m > line.date) {
            ln!(out, "{}", gap(*monday));
        }
        put!(out, "{:<10}", line.date.to_string());
        if id_width > 0 {
            put!(out, "  {:<id_width$}", line.id);
        }
        for ((i, c), w) in used.iter().zip(&widths) {
            let value = line.values.get(*i).and_then(|v| v.as_f64());
            let _ = match value {
                Some(v) => write!(out, "  {v:>w$.prec$}", prec = c.decimals),
                None => write!(out, "  {:>w$}", "-"),
            };
        }
        ln!(out, "  {}", flags(&line.flag_titles, room));
        if let Some(answer) = &line.safety_answer {
            ln!(out, "{:10}  {}", "", crate::base::text::safe(answer));
        }
    }
    for monday in missed {
        ln!(out, "{}", gap(*monday));
    }
    if widths.len() < used.len() {
        let dropped: Vec<&str> = used[widths.len()..]
            .iter()
            .map(|(_, c)| c.heading.as_str())
            .collect();
        ln!(
            out,
            "\n{}",
            crate::base::text::wrap(
                &format!(
                    "Not shown at this width: {}. A wider terminal, or `--format json`, shows them.",
                    dropped.join(", ")
                ),
                "",
                total
            )
        );
    }
    if let Some(line) = &list.crisis_line {
        ln!(out, "\n{}", crate::base::text::wrap(line, "", total));
    }
    out.into_bytes()
}

/// The line of a week without a check-in.
fn gap(monday: chrono::NaiveDate) -> String {
    format!("·  no check-in the week of {}", monday.format("%-d %b %Y"))
}

/// Short titles joined, as many whole ones as fit in `room`, then "+N" for the rest.
fn flags(titles: &[crate::summary::history::Word], room: usize) -> String {
    if titles.is_empty() {
        return "-".to_string();
    }
    let all = titles.join(", ");
    if all.chars().count() <= room {
        return all;
    }
    let mut shown = String::new();
    for (i, t) in titles.iter().enumerate() {
        let rest = titles.len() - i - 1;
        let next = if shown.is_empty() {
            t.to_string()
        } else {
            format!("{shown}, {t}")
        };
        let suffix = if rest > 0 {
            format!(", +{rest}")
        } else {
            String::new()
        };
        if next.chars().count() + suffix.chars().count() > room {
            let left = titles.len() - i;
            return if shown.is_empty() {
                format!("{} flags", titles.len())
            } else {
                format!("{shown}, +{left}")
            };
        }
        shown = next;
    }
    shown
}
