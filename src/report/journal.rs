//! The intake journal in words, for the text and Markdown summaries: one line per
//! substance (days, entries, total, by week, reasons, pain and mood noted), most days first.

use std::fmt::Write as _;

use super::text::{hanging, heading as section};
use crate::journal::parse::words;
use crate::summary::journal::{JournalPart, SubstanceLine};
use crate::summary::Summary;

/// The journal of the period in a text summary, one line per substance.
pub(super) fn text_section(out: &mut String, s: &Summary) {
    let Some(j) = s.journal.as_ref().filter(|j| !j.substances.is_empty()) else {
        return;
    };
    let _ = writeln!(out, "\n{}", section(&heading(j)));
    for l in &j.substances {
        hanging(out, &substance_line(l), "  ", "      ");
    }
}

/// "kratom: 5 days, 8 entries, 24 g; by week 2 → 5 days, 6 → 18 g; for pain; pain 5-8".
pub(super) fn substance_line(l: &SubstanceLine) -> String {
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    let mut parts = vec![format!(
        "{}: {}, {}{}",
        l.name,
        plural(l.days, "day"),
        plural(l.entries, "entry").replace("entrys", "entries"),
        l.total
            .as_ref()
            .map(|t| format!(", {}", words(t)))
            .unwrap_or_default()
    )];
    if l.by_week.len() > 1 {
        let (a, b) = (&l.by_week[0], &l.by_week[l.by_week.len() - 1]);
        let mut trend = format!("by week {} → {} days", a.days, b.days);
        if let (Some(x), Some(y)) = (&a.total, &b.total) {
            trend.push_str(&format!(", {} → {}", words(x), words(y)));
        }
        parts.push(trend);
    }
    if !l.reasons.is_empty() {
        parts.push(format!("for {}", l.reasons.join(", ")));
    }
    if let Some((lo, hi)) = l.pain {
        parts.push(if lo == hi {
            format!("pain {lo}")
        } else {
            format!("pain {lo}-{hi}")
        });
    }
    if let Some((lo, hi)) = l.mood {
        parts.push(if lo == hi {
            format!("mood {lo}")
        } else {
            format!("mood {lo}-{hi}")
        });
    }
    parts.join("; ")
}

/// "What you logged, 18 Nov to 24 Nov 2026".
pub(super) fn heading(j: &JournalPart) -> String {
    format!(
        "What you logged, {} to {}",
        j.from.format("%-d %b"),
        j.to.format("%-d %b %Y")
    )
}

/// The cells of one substance's row of the printed table: name (class), days, entries,
/// total, by week (first → last week), reasons, pain and mood noted.
pub(super) fn cells(l: &SubstanceLine) -> [String; 7] {
    let range = |r: Option<(u8, u8)>| {
        r.map(|(lo, hi)| {
            if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}-{hi}")
            }
        })
    };
    let by_week = match (l.by_week.first(), l.by_week.last()) {
        (Some(a), Some(b)) if l.by_week.len() > 1 => {
            let mut t = format!("{} → {} days", a.days, b.days);
            if let (Some(x), Some(y)) = (&a.total, &b.total) {
                t.push_str(&format!("; {} → {}", words(x), words(y)));
            }
            t
        }
        _ => "–".to_string(),
    };
    let noted = match (range(l.pain), range(l.mood)) {
        (None, None) => "–".to_string(),
        (p, m) => format!(
            "{}{}",
            p.map(|p| format!("pain {p}")).unwrap_or_default(),
            m.map(|m| format!(" mood {m}")).unwrap_or_default()
        )
        .trim()
        .to_string(),
    };
    [
        format!("{} ({})", l.name, l.class_title),
        l.days.to_string(),
        l.entries.to_string(),
        l.total
            .as_ref()
            .map(words)
            .unwrap_or_else(|| "–".to_string()),
        by_week,
        if l.reasons.is_empty() {
            "–".to_string()
        } else {
            l.reasons.join(", ")
        },
        noted,
    ]
}
