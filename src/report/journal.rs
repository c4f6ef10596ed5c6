//! The intake journal in words, for the text and Markdown summaries: one line per
//! substance (days, entries, total, the amount a day over whole weeks, reasons, pain and
//! mood noted), most days first.

use super::text::{hanging, heading as section};
use crate::journal::parse::words;
use crate::summary::journal::{JournalPart, SubstanceLine};
use crate::summary::Summary;

/// The journal of the period in a text summary, one line per substance.
pub(super) fn text_section(out: &mut String, s: &Summary) {
    let Some(j) = s.journal.as_ref().filter(|j| !j.substances.is_empty()) else {
        return;
    };
    ln!(out, "\n{}", section(&heading(j)));
    for l in &j.substances {
        hanging(out, &substance_line(l), "  ", "      ");
    }
    if let Some(note) = left_out(j) {
        hanging(out, &note, "  ", "  ");
    }
}

/// "2 entries after 30 Nov 2026 are not in this summary.", when any were left out.
pub(super) fn left_out(j: &JournalPart) -> Option<String> {
    (j.left_out_after > 0).then(|| {
        format!(
            "{} after {} {} not in this summary.",
            if j.left_out_after == 1 {
                "1 entry".to_string()
            } else {
                format!("{} entries", j.left_out_after)
            },
            j.to.format("%-d %b %Y"),
            if j.left_out_after == 1 { "is" } else { "are" }
        )
    })
}

/// How a substance went over the weeks: the amount a day in the first whole week and the
/// last (else the days with an entry), and the week in progress marked as such.
pub(super) fn over_weeks(l: &SubstanceLine) -> Option<String> {
    let week = |d: chrono::NaiveDate| d.format("%-d %b").to_string();
    let mut parts = Vec::new();
    if let Some(c) = &l.change {
        parts.push(format!(
            "{} a day in the week of {}, {} a day in the week of {}",
            words(&c.from),
            week(c.from_week),
            words(&c.to),
            week(c.to_week)
        ));
    } else {
        let whole: Vec<_> = l.by_week.iter().filter(|w| w.whole).collect();
        if let (Some(a), Some(b)) = (whole.first(), whole.last()) {
            if whole.len() > 1 {
                let days = |n: usize| format!("{n} day{}", if n == 1 { "" } else { "s" });
                parts.push(format!(
                    "{} in the week of {}, {} in the week of {}",
                    days(a.days),
                    week(a.week),
                    days(b.days),
                    week(b.week)
                ));
            }
        }
    }
    if let Some(w) = l.by_week.iter().find(|w| w.in_progress) {
        let amount = w
            .per_day
            .as_ref()
            .map(|a| format!("{} a day on ", words(a)))
            .unwrap_or_default();
        parts.push(format!(
            "this week so far (in progress): {amount}{} day{}",
            w.days,
            if w.days == 1 { "" } else { "s" }
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
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
    if l.prescribed {
        parts.push("as prescribed".to_string());
    }
    if let Some(t) = over_weeks(l) {
        parts.push(t);
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
    let by_week = over_weeks(l).unwrap_or_else(|| "–".to_string());
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
