//! The intake journal in a summary: per substance, the days taken, the entries and the total
//! in its unit, by week, with the amount a day of each week (its total over its days with an
//! entry), so a part week or a week in progress is never read against a whole one; the
//! reasons and how pain and mood were noted. The journal's flags (pairs, amounts) are
//! `journal_flags.rs`.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::journal::{combinations, Amount, Combination, JournalEntry, Substances};

use super::model::Summary;

/// The journal of a summary's period.
#[derive(Debug, Clone, Serialize)]
pub struct JournalPart {
    /// First day looked at: the period's first day (`--since`), else its first check-in's.
    pub from: NaiveDate,
    /// Last day looked at.
    pub to: NaiveDate,
    /// One line per substance (or name, when unknown), most days first.
    pub substances: Vec<SubstanceLine>,
    /// Pairs of the combination rule.
    pub combinations: Vec<Combination>,
    /// Entries after the last day, left out (`--until` before today).
    pub left_out_after: usize,
}

/// One substance over the period.
#[derive(Debug, Clone, Serialize)]
pub struct SubstanceLine {
    /// Canonical name, or the name as typed.
    pub name: String,
    /// Class id.
    pub class: String,
    /// The class in words.
    pub class_title: String,
    /// Days it was logged.
    pub days: usize,
    /// Entries.
    pub entries: usize,
    /// Total amount, when every entry gave one in the same unit.
    pub total: Option<Amount>,
    /// By ISO week (its Monday).
    pub by_week: Vec<WeekLine>,
    /// The amount a day in the first whole week and in the last, when both have one in
    /// the same unit.
    pub change: Option<AmountChange>,
    /// Every entry taken as prescribed.
    pub prescribed: bool,
    /// Reasons given, most often first.
    pub reasons: Vec<String>,
    /// Pain noted with it (lowest, highest), when any.
    pub pain: Option<(u8, u8)>,
    /// Mood noted with it (lowest, highest), when any.
    pub mood: Option<(u8, u8)>,
}

/// One week of one substance.
#[derive(Debug, Clone, Serialize)]
pub struct WeekLine {
    /// Monday of the week.
    pub week: NaiveDate,
    /// Days it was logged that week.
    pub days: usize,
    /// Total that week, as for the period.
    pub total: Option<Amount>,
    /// The total over the days with an entry.
    pub per_day: Option<Amount>,
    /// The week has every day inside the journal's window and is over.
    pub whole: bool,
    /// The week holds today: it is still going on.
    pub in_progress: bool,
}

/// The amount a day in the first whole week and in the last.
#[derive(Debug, Clone, Serialize)]
pub struct AmountChange {
    /// The first whole week with an amount (its Monday).
    pub from_week: NaiveDate,
    /// Its amount a day.
    pub from: Amount,
    /// The last whole week with an amount.
    pub to_week: NaiveDate,
    /// Its amount a day.
    pub to: Amount,
}

impl JournalPart {
    /// Days per week of one substance as a measure to chart (0-7, every week of the
    /// journal's window, a week without an entry at 0: the journal is kept, not sampled).
    pub fn days_by_week(&self, l: &SubstanceLine) -> super::model::Trend {
        // Whole weeks only: a part week or one in progress charts as a fall it is not.
        let mut weeks = Vec::new();
        let mut monday = crate::base::dates::monday(self.from);
        while monday <= self.to && weeks.len() < crate::base::dates::MAX_WEEKS {
            if whole(monday, self.from, self.to) {
                weeks.push(monday);
            }
            monday += Duration::days(7);
        }
        let weekly: Vec<Option<f64>> = weeks
            .iter()
            .map(|w| {
                Some(
                    l.by_week
                        .iter()
                        .find(|x| x.week == *w)
                        .map_or(0.0, |x| x.days as f64),
                )
            })
            .collect();
        let values: Vec<f64> = weekly.iter().flatten().copied().collect();
        super::model::Trend {
            title: l.name.clone(),
            chart: true,
            front: false,
            group: crate::questionnaire::TrendGroup::Burden,
            direction: "higher = more days".to_string(),
            min: 0.0,
            max: 7.0,
            points: Vec::new(),
            first: values.first().copied(),
            last: values.last().copied(),
            lowest: values.iter().copied().reduce(f64::min),
            highest: values.iter().copied().reduce(f64::max),
            sparkline: String::new(),
            levels: Vec::new(),
            checked: vec![true; weekly.len()],
            last_date: None,
            weekly,
            weeks,
            cutoff: None,
            band: None,
            follow_up: false,
            main: false,
            bars: true,
            decimals: 0,
            change: None,
        }
    }
}

/// The total of some entries, when they all give an amount in one unit.
fn total(entries: &[&JournalEntry]) -> Option<Amount> {
    let first = entries.first()?.amount.as_ref()?;
    entries.iter().try_fold(
        Amount {
            value: 0.0,
            unit: first.unit.clone(),
        },
        |acc, e| {
            let a = e.amount.as_ref().filter(|a| a.unit == acc.unit)?;
            Some(Amount {
                value: ((acc.value + a.value) * 1000.0).round() / 1000.0,
                unit: acc.unit,
            })
        },
    )
}

/// Whether the week of `monday` lies inside `from..=to` and is over.
fn whole(monday: NaiveDate, from: NaiveDate, to: NaiveDate) -> bool {
    let sunday = monday + Duration::days(6);
    monday >= from && sunday <= to && sunday < crate::base::dates::today()
}

/// An amount over some days, to a tenth (to a hundredth under 1): "10.2 g a day".
fn per_day(total: &Option<Amount>, days: usize) -> Option<Amount> {
    let t = total.as_ref()?;
    (days > 0).then(|| {
        let v = t.value / days as f64;
        let scale = if v < 1.0 { 100.0 } else { 10.0 };
        Amount {
            value: (v * scale).round() / scale,
            unit: t.unit.clone(),
        }
    })
}

fn days(entries: &[&JournalEntry]) -> usize {
    let mut d: Vec<NaiveDate> = entries.iter().map(|e| e.date).collect();
    d.dedup();
    d.len()
}

fn range(values: impl Iterator<Item = u8>) -> Option<(u8, u8)> {
    values.fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

impl Summary {
    /// Adds the journal of `from..=to` (entries oldest first; those after `to` are counted
    /// as left out), and the journal's flags.
    pub fn with_journal(
        mut self,
        all: &[JournalEntry],
        substances: &Substances,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Self {
        let entries: Vec<JournalEntry> = all
            .iter()
            .filter(|e| e.date >= from && e.date <= to)
            .cloned()
            .collect();
        let left_out_after = all.iter().filter(|e| e.date > to).count();
        let mut by_name: BTreeMap<String, Vec<&JournalEntry>> = BTreeMap::new();
        for e in &entries {
            by_name.entry(e.key()).or_default().push(e);
        }
        let today = crate::base::dates::today();
        let mut lines: Vec<SubstanceLine> = by_name
            .into_iter()
            .map(|(name, list)| {
                let mut weeks: BTreeMap<NaiveDate, Vec<&JournalEntry>> = BTreeMap::new();
                for e in &list {
                    weeks
                        .entry(crate::base::dates::monday(e.date))
                        .or_default()
                        .push(e);
                }
                let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
                for r in list.iter().flat_map(|e| &e.reasons) {
                    *reasons.entry(r).or_default() += 1;
                }
                let mut reasons: Vec<(&str, usize)> = reasons.into_iter().collect();
                reasons.sort_by_key(|r| std::cmp::Reverse(r.1));
                let by_week: Vec<WeekLine> = weeks
                    .iter()
                    .map(|(week, es)| {
                        let total = total(es);
                        let days = days(es);
                        WeekLine {
                            week: *week,
                            days,
                            per_day: per_day(&total, days),
                            total,
                            whole: whole(*week, from, to),
                            in_progress: *week <= today && today <= *week + Duration::days(6),
                        }
                    })
                    .collect();
                let measured: Vec<&WeekLine> = by_week
                    .iter()
                    .filter(|w| w.whole && w.per_day.is_some())
                    .collect();
                let change = match (measured.first(), measured.last()) {
                    (Some(a), Some(b)) if measured.len() > 1 => match (&a.per_day, &b.per_day) {
                        (Some(x), Some(y)) if x.unit == y.unit => Some(AmountChange {
                            from_week: a.week,
                            from: x.clone(),
                            to_week: b.week,
                            to: y.clone(),
                        }),
                        _ => None,
                    },
                    _ => None,
                };
                SubstanceLine {
                    class: list[0].class.clone(),
                    class_title: substances.class_title(&list[0].class).to_string(),
                    days: days(&list),
                    entries: list.len(),
                    total: total(&list),
                    by_week,
                    change,
                    prescribed: list.iter().all(|e| e.prescribed),
                    reasons: reasons.into_iter().map(|(r, _)| r.to_string()).collect(),
                    pain: range(list.iter().filter_map(|e| e.pain)),
                    mood: range(list.iter().filter_map(|e| e.mood)),
                    name,
                }
            })
            .collect();
        lines.sort_by(|a, b| b.days.cmp(&a.days).then(b.entries.cmp(&a.entries)));
        let combos = combinations(&entries, substances);
        self.journal = Some(JournalPart {
            from,
            to,
            substances: lines,
            combinations: combos,
            left_out_after,
        });
        self.with_journal_flags(&entries, substances)
    }
}
