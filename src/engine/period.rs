//! Decisions over a period of check-ins: which flags are persistent, the crisis level of
//! what is shown, the change from the first check-in to the latest by each `rise` rule,
//! and the ISO weeks without a check-in.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate};

use crate::base::dates::{monday, MAX_WEEKS};
use crate::questionnaire::{CrisisLevel, PersistenceRule, Questionnaire, TrendKind};
use crate::store::StoredCheckin;

use super::evaluate::{max_sum, Direction, Evaluation};
use super::{comparable, item_sum, rise_outcome, RiseOutcome};

/// Whether flag `id` is persistent at the end of `range`: present in `min_count` or more
/// of the last `window` check-ins up to it (taken from the whole history); never for a flag
/// whose rule says it cannot be, nor with fewer check-ins than the window.
pub fn persistent(
    evals: &[Evaluation],
    range: &std::ops::Range<usize>,
    id: &str,
    rule: Option<PersistenceRule>,
    can_persist: bool,
) -> bool {
    match rule {
        Some(p) if can_persist && range.end >= p.window => {
            let window = range.end - p.window..range.end;
            window
                .filter(|&i| evals[i].flags.iter().any(|f| f == id))
                .count()
                >= p.min_count
        }
        _ => false,
    }
}

/// The crisis resources a set of flag ids brings: the highest of theirs.
pub fn crisis_level<'a>(q: &Questionnaire, flags: impl Iterator<Item = &'a str>) -> CrisisLevel {
    flags
        .filter_map(|id| {
            q.def
                .flags
                .iter()
                .find(|f| f.id == id)
                .map(|f| f.crisis)
                .or_else(|| {
                    q.def
                        .trend_flags
                        .iter()
                        .find(|f| f.id == id)
                        .map(|f| f.crisis)
                })
        })
        .max()
        .unwrap_or_default()
}

/// The change of one `rise` rule's sum from the first check-in of a period to the latest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodChange {
    /// The rule's id.
    pub rule: String,
    /// `Some` when the change is meaningful by the rule (worse or improvement).
    pub direction: Option<Direction>,
    /// First check-in's day.
    pub from_date: NaiveDate,
    /// Latest check-in's day.
    pub to_date: NaiveDate,
    /// First sum.
    pub from: i64,
    /// Latest sum.
    pub to: i64,
    /// Highest possible sum.
    pub max: i64,
}

/// For each `rise` rule of the latest check-in's set: the change from the first check-in of
/// the period whose items mean the same to the latest. Nothing for a single check-in.
pub fn period_changes(checkins: &[StoredCheckin]) -> Vec<PeriodChange> {
    let Some(last) = checkins.last() else {
        return Vec::new();
    };
    let q = &last.questionnaire;
    q.def
        .trend_flags
        .iter()
        .filter(|r| r.kind == TrendKind::Rise)
        .filter_map(|rule| {
            let to = item_sum(&last.record.answers, &rule.items)?;
            let first = checkins[..checkins.len() - 1].iter().find(|c| {
                comparable(rule, &c.questionnaire, q)
                    && item_sum(&c.record.answers, &rule.items).is_some()
            })?;
            let from = item_sum(&first.record.answers, &rule.items)?;
            let direction = match rise_outcome(rule, from, to) {
                RiseOutcome::Worse => Some(Direction::Worse),
                RiseOutcome::Better => Some(Direction::Improvement),
                RiseOutcome::Same => None,
            };
            Some(PeriodChange {
                rule: rule.id.clone(),
                direction,
                from_date: first.record.date,
                to_date: last.record.date,
                from,
                to,
                max: max_sum(q, &rule.items),
            })
        })
        .collect()
}

/// ISO weeks from `from` to `to`, and the Mondays of those without a check-in.
pub fn weeks_between(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    dates: impl Iterator<Item = NaiveDate>,
) -> (usize, Vec<NaiveDate>) {
    let (Some(from), Some(to)) = (from, to) else {
        return (0, Vec::new());
    };
    let span = ((monday(to) - monday(from)).num_days() / 7) as usize + 1;
    if span > MAX_WEEKS {
        return (span, Vec::new()); // dates this far apart are damaged, not a history to chart
    }
    let seen: BTreeSet<NaiveDate> = dates.map(monday).collect();
    let mut weeks = 0;
    let mut missed = Vec::new();
    let mut day = Some(monday(from));
    while let Some(d) = day.filter(|d| *d <= to) {
        weeks += 1;
        if !seen.contains(&d) {
            missed.push(d);
        }
        day = d.checked_add_signed(Duration::days(7));
    }
    (weeks, missed)
}

/// "2026-W45" for the ISO week of a day.
pub fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}
