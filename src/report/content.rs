//! What the printed reports (Markdown and HTML) say, computed once so both say the same.
//!
//! Order and wording follow the appointment-summary design: header, crisis resources when
//! they apply, the person's own concerns, what was flagged, a snapshot table, trends, the
//! substance pattern, notes, a footer with instruments and sources, then every check-in.

use chrono::NaiveDate;

use crate::summary::{FlagLine, Summary};

/// One row of the snapshot table.
pub(super) struct SnapshotRow<'a> {
    /// Measure name.
    pub title: &'a str,
    /// Which way is worse or better.
    pub direction: &'a str,
    /// First value in the period.
    pub first: Option<f64>,
    /// Latest value.
    pub latest: Option<f64>,
    /// Its day, when it is not the period's latest check-in (a follow-up asked weeks ago).
    pub latest_date: Option<chrono::NaiveDate>,
    /// Lowest.
    pub lowest: Option<f64>,
    /// Highest.
    pub highest: Option<f64>,
    /// Latest minus first.
    pub change: Option<f64>,
    /// Decimals to show.
    pub decimals: usize,
}

impl SnapshotRow<'_> {
    /// First, latest, lowest, highest and change, formatted.
    pub(super) fn cells(&self) -> [String; 5] {
        let d = self.decimals;
        [
            num(self.first, d),
            match self.latest_date {
                Some(day) if self.latest.is_some() => {
                    format!("{} ({})", num(self.latest, d), day.format("%-d %b"))
                }
                _ => num(self.latest, d),
            },
            num(self.lowest, d),
            num(self.highest, d),
            signed(self.change, d),
        ]
    }
}

/// How often a yes/no item of the pattern was answered yes: " (every time)", " (7 Sep, …)".
pub(super) fn pattern_when(p: &crate::summary::PatternLine) -> String {
    match p.yes_dates.len() {
        0 => String::new(),
        n if n == p.asked && n > 1 => " (every time)".to_string(),
        _ => format!(" ({})", short_dates(&p.yes_dates)),
    }
}

/// A number, or an en dash when there is none.
pub(super) fn num(v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(v) => format!("{v:.decimals$}"),
        None => "–".to_string(),
    }
}

/// A change with its sign ("+2", "−1.5", "0").
pub(super) fn signed(v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(v) if v > 0.0 => format!("+{v:.decimals$}"),
        Some(v) if v < 0.0 => format!("−{:.decimals$}", -v),
        Some(_) => "0".to_string(),
        None => "–".to_string(),
    }
}

/// Snapshot rows, in the question set's order of trends.
pub(super) fn snapshot(s: &Summary) -> Vec<SnapshotRow<'_>> {
    s.trends
        .iter()
        .map(|(_, t)| SnapshotRow {
            title: &t.title,
            direction: &t.direction,
            first: t.first,
            latest: t.last,
            latest_date: t.last_date,
            lowest: t.lowest,
            highest: t.highest,
            change: t.change,
            decimals: t.decimals,
        })
        .collect()
}

/// The summary's title: the question set's, else the tool's name. Every format opens with it.
pub(super) fn title(s: &Summary) -> &str {
    s.questionnaire
        .as_ref()
        .map(|q| q.title.as_str())
        .unwrap_or("selfcheck")
}

/// "2026-09-07 to 2026-11-23".
pub(super) fn range(s: &Summary) -> String {
    match (s.period.from, s.period.to) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => String::new(),
    }
}

/// "12 check-ins in 12 weeks" and the missed weeks by their Monday.
pub(super) fn coverage(s: &Summary) -> (String, Option<String>) {
    let n = s.period.checkins;
    let weeks = s.period.weeks;
    let with = weeks.saturating_sub(s.period.missed_weeks.len());
    let main = format!(
        "{n} check-in{} in {weeks} week{} (a check-in in {with} of {weeks})",
        if n == 1 { "" } else { "s" },
        if weeks == 1 { "" } else { "s" },
    );
    let missed = (!s.period.missed_mondays.is_empty()).then(|| {
        let mondays: Vec<String> = s
            .period
            .missed_mondays
            .iter()
            .map(|d| d.to_string())
            .collect();
        format!("No check-in in the weeks of {}.", mondays.join(", "))
    });
    (main, missed)
}

/// Days in a compact, unambiguous form ("7 Sep, 14 Sep"; the year when it differs from
/// the last one's).
pub(super) fn short_dates(dates: &[NaiveDate]) -> String {
    let year = dates.last().map(|d| d.format("%Y").to_string());
    dates
        .iter()
        .map(|d| {
            if Some(d.format("%Y").to_string()) == year {
                d.format("%-d %b").to_string()
            } else {
                d.format("%-d %b %Y").to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "In 3 of 12 check-ins (7 Sep, …). Persistent: …".
pub(super) fn when_flagged(f: &FlagLine, total: usize) -> String {
    if f.from_journal {
        // Days of the journal, not check-ins.
        return format!("{}.", f.when);
    }
    let mut out = if f.count == total && total > 1 {
        format!("In all {total} check-ins.")
    } else {
        format!(
            "In {} of {total} check-ins: {}.",
            f.count,
            short_dates(&f.dates)
        )
    };
    if f.persistent {
        out.push_str(" Persistent.");
    }
    out
}

/// The answers behind a flag the last time it fired (for a rule across check-ins, the
/// run of check-ins it compared), as "Answers (23 Nov): label — answer; …".
pub(super) fn latest_evidence(f: &FlagLine) -> Option<String> {
    if f.told_whole {
        return Some(format!("Answers: {}", f.why));
    }
    let last = f.evidence.last().map(|e| e.fired_on)?;
    let shown: Vec<_> = f.evidence.iter().filter(|e| e.fired_on == last).collect();
    let one_day = shown.iter().all(|e| e.date == last);
    let what = if f.from_journal { "Logged" } else { "Answers" };
    let parts: Vec<String> = shown
        .iter()
        .map(|e| {
            if f.from_journal {
                format!("{} {}", e.label, e.text)
            } else if one_day {
                format!("{} — {}", e.label, e.text)
            } else {
                format!("{}: {} — {}", e.date.format("%-d %b"), e.label, e.text)
            }
        })
        .collect();
    Some(if one_day {
        format!(
            "{what} ({}): {}",
            last.format("%-d %b %Y"),
            parts.join("; ")
        )
    } else {
        format!("{what}: {}", parts.join("; "))
    })
}

/// Texts grouped by what they say, each with the days it was written:
/// "ibuprofen 400 mg (7 Sep, 14 Sep)".
pub(super) fn grouped_texts(texts: &[crate::summary::DatedText]) -> Vec<(String, String)> {
    let mut groups: Vec<(String, Vec<NaiveDate>)> = Vec::new();
    for t in texts {
        let key = t.text.trim().to_string();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, dates)) => dates.extend(t.date),
            None => groups.push((key, t.date.into_iter().collect())),
        }
    }
    groups
        .into_iter()
        .map(|(text, dates)| (text, short_dates(&dates)))
        .collect()
}

/// "published cut-off" or "this tool's own rule".
pub(super) fn rule_kind(f: &FlagLine) -> &'static str {
    if f.own_rule {
        "this tool's own rule"
    } else {
        "published cut-off"
    }
}

/// The columns of the week-by-week table with their index: those some check-in of the
/// period has a value for (a follow-up never asked is no column of dashes).
pub(super) fn table_columns(s: &Summary) -> Vec<(usize, &crate::summary::Column)> {
    s.columns
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            s.checkins
                .iter()
                .any(|c| c.values.get(*i).is_some_and(Option::is_some))
        })
        .collect()
}

/// The cells of a check-in's row of the week-by-week table, by [`table_columns`].
pub(super) fn cells(s: &Summary, c: &crate::summary::CheckinLine) -> Vec<String> {
    table_columns(s)
        .into_iter()
        .map(|(i, col)| num(c.values.get(i).copied().flatten(), col.decimals))
        .collect()
}

/// "A flag is persistent when present in 3 or more of the last 4 check-ins: … " (with a
/// trailing space), or nothing when the set has no persistence rule.
pub(super) fn persistence(s: &Summary) -> String {
    s.persistence_rule
        .as_ref()
        .map(|r| format!("A flag is persistent when present {r}. "))
        .unwrap_or_default()
}

/// How many characters of one concern the front page shows: two printed lines.
const FRONT_CHARS: usize = 140;

/// A long concern cut to two printed lines at a word, so a front page of long notes keeps
/// room for the flags, the snapshot and the charts; `None` when it is short enough whole.
/// The whole text is printed with the notes.
pub(super) fn front_text(text: &str) -> Option<String> {
    if text.chars().count() <= FRONT_CHARS {
        return None;
    }
    let cut: String = text.chars().take(FRONT_CHARS).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(at) if at > FRONT_CHARS / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    Some(format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
    ))
}

/// The credit lines the cited sources ask to be shown, each once.
pub(super) fn credits(s: &Summary) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for note in s.sources.iter().filter_map(|src| src.note.as_deref()) {
        if !out.contains(&note) {
            out.push(note);
        }
    }
    out
}

/// "PHQ-9 12 on 16 Nov: the 10-14 band, which the PHQ-9 authors call moderate", for each
/// measure whose instrument names bands (never the two-item screens).
pub(super) fn bands(s: &Summary) -> Vec<String> {
    s.trends
        .iter()
        .filter_map(|(_, t)| {
            let band = t.band.as_ref()?;
            let at = t.points.iter().rev().find(|p| p.value.is_some())?;
            Some(format!(
                "{} {} on {}: {band}",
                t.title,
                num(at.value, t.decimals),
                at.date.format("%-d %b %Y")
            ))
        })
        .collect()
}
