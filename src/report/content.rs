//! What the printed reports (Markdown and HTML) say, computed once so both say the same.
//!
//! Order and wording follow the appointment-summary design: header, crisis resources when
//! they apply, the person's own concerns, what was flagged, a snapshot table, trends, the
//! substance pattern, notes, a footer with instruments and sources, then every check-in.

use chrono::NaiveDate;

use crate::summary::{FlagLine, Summary, Trend};

/// One row of the snapshot table.
pub struct SnapshotRow<'a> {
    /// Measure name.
    pub title: &'a str,
    /// Which way is worse or better.
    pub direction: &'a str,
    /// First value in the period.
    pub first: Option<f64>,
    /// Latest value.
    pub latest: Option<f64>,
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
    pub fn cells(&self) -> [String; 5] {
        let d = self.decimals;
        [
            num(self.first, d),
            num(self.latest, d),
            num(self.lowest, d),
            num(self.highest, d),
            signed(self.change, d),
        ]
    }
}

/// How often a yes/no item of the pattern was answered yes: " (every time)", " (7 Sep, …)".
pub fn pattern_when(p: &crate::summary::PatternLine) -> String {
    match p.yes_dates.len() {
        0 => String::new(),
        n if n == p.asked && n > 1 => " (every time)".to_string(),
        _ => format!(" ({})", short_dates(&p.yes_dates)),
    }
}

/// Decimals a trend needs: one if any value has a fraction.
pub fn decimals(t: &Trend) -> usize {
    usize::from(
        t.points
            .iter()
            .filter_map(|p| p.value)
            .any(|v| v.fract() != 0.0),
    )
}

/// A number, or an en dash when there is none.
pub fn num(v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(v) => format!("{v:.decimals$}"),
        None => "–".to_string(),
    }
}

/// A change with its sign ("+2", "−1.5", "0").
pub fn signed(v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(v) if v > 0.0 => format!("+{v:.decimals$}"),
        Some(v) if v < 0.0 => format!("−{:.decimals$}", -v),
        Some(_) => "0".to_string(),
        None => "–".to_string(),
    }
}

/// Snapshot rows, in the question set's order of trends.
pub fn snapshot(s: &Summary) -> Vec<SnapshotRow<'_>> {
    s.trends
        .iter()
        .map(|(_, t)| SnapshotRow {
            title: &t.title,
            direction: &t.direction,
            first: t.first,
            latest: t.last,
            lowest: t.lowest,
            highest: t.highest,
            change: t.first.zip(t.last).map(|(a, b)| b - a),
            decimals: decimals(t),
        })
        .collect()
}

/// "2026-09-07 to 2026-11-23".
pub fn range(s: &Summary) -> String {
    match (s.period.from, s.period.to) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => String::new(),
    }
}

/// "12 check-ins in 12 weeks" and the missed weeks by their Monday.
pub fn coverage(s: &Summary) -> (String, Option<String>) {
    let n = s.period.checkins;
    let weeks = s.period.weeks;
    let with = weeks.saturating_sub(s.period.missed_weeks.len());
    let main = format!(
        "{n} check-in{} in {weeks} week{} (a check-in in {with} of {weeks})",
        if n == 1 { "" } else { "s" },
        if weeks == 1 { "" } else { "s" },
    );
    let missed = (!s.period.missed_weeks.is_empty()).then(|| {
        let mondays: Vec<String> = s
            .period
            .missed_weeks
            .iter()
            .map(|w| week_monday(w))
            .collect();
        format!("No check-in in the weeks of {}.", mondays.join(", "))
    });
    (main, missed)
}

/// "2026-W45" → "2026-11-02".
pub fn week_monday(week: &str) -> String {
    week.split_once("-W")
        .and_then(|(y, w)| Some((y.parse::<i32>().ok()?, w.parse::<u32>().ok()?)))
        .and_then(|(y, w)| NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon))
        .map(|d| d.to_string())
        .unwrap_or_else(|| week.to_string())
}

/// Days in a compact, unambiguous form ("7 Sep, 14 Sep"; the year when it differs from
/// the last one's).
pub fn short_dates(dates: &[NaiveDate]) -> String {
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
pub fn when_flagged(f: &FlagLine, total: usize) -> String {
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
pub fn latest_evidence(f: &FlagLine) -> Option<String> {
    let last = f.evidence.last().map(|e| e.fired_on)?;
    let shown: Vec<_> = f.evidence.iter().filter(|e| e.fired_on == last).collect();
    let one_day = shown.iter().all(|e| e.date == last);
    let parts: Vec<String> = shown
        .iter()
        .map(|e| {
            if one_day {
                format!("{} — {}", e.label, e.text)
            } else {
                format!("{}: {} — {}", e.date.format("%-d %b"), e.label, e.text)
            }
        })
        .collect();
    Some(if one_day {
        format!(
            "Answers ({}): {}",
            last.format("%-d %b %Y"),
            parts.join("; ")
        )
    } else {
        format!("Answers: {}", parts.join("; "))
    })
}

/// Texts grouped by what they say, each with the days it was written:
/// "ibuprofen 400 mg (7 Sep, 14 Sep)".
pub fn grouped_texts(texts: &[crate::summary::DatedText]) -> Vec<(String, String)> {
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
pub fn rule_kind(f: &FlagLine) -> &'static str {
    if f.own_rule {
        "this tool's own rule"
    } else {
        "published cut-off"
    }
}

/// The trends shown as columns of the check-in table, and their short headings.
pub const TABLE_COLUMNS: [(&str, &str); 8] = [
    ("peg", "PEG"),
    ("phq2", "PHQ-2"),
    ("gad2", "GAD-2"),
    ("relief_use_days", "Relief days"),
    ("sleep_quality", "Sleep"),
    ("active_days", "Active days"),
    ("connection", "Connection"),
    ("stress", "Stress"),
];

/// The value of a trend at the `i`th check-in of the period.
pub fn cell(s: &Summary, trend: &str, i: usize) -> String {
    s.trends
        .iter()
        .find(|(id, _)| id == trend)
        .and_then(|(_, t)| t.points.get(i).map(|p| num(p.value, decimals(t))))
        .unwrap_or_else(|| "–".to_string())
}
