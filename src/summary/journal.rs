//! The intake journal in a summary: per substance, the days taken, the entries and the total
//! in its unit, by week; the reasons and how pain and mood were noted; and the same-day
//! combination rule as a flag like the others (its words and sources are data).

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::journal::{combinations, Amount, Combination, JournalEntry, Substances};
use crate::questionnaire::{CrisisLevel, Severity};

use super::lines::{Evidence, EvidenceKind, FlagLine};
use super::model::Summary;

/// The journal of a summary's period.
#[derive(Debug, Clone, Serialize)]
pub struct JournalPart {
    /// First day looked at (a week before the period's first check-in).
    pub from: NaiveDate,
    /// Last day looked at.
    pub to: NaiveDate,
    /// One line per substance (or name, when unknown), most days first.
    pub substances: Vec<SubstanceLine>,
    /// Days of the same-day combination rule.
    pub combinations: Vec<Combination>,
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
}

impl JournalPart {
    /// Days per week of one substance as a measure to chart (0-7, every week of the
    /// journal's window, a week without an entry at 0: the journal is kept, not sampled).
    pub fn days_by_week(&self, l: &SubstanceLine) -> super::lines::Trend {
        let mut weeks = Vec::new();
        let mut monday = crate::dates::monday(self.from);
        while monday <= self.to && weeks.len() < crate::dates::MAX_WEEKS {
            weeks.push(monday);
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
        super::lines::Trend {
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
    /// Adds the journal of the period (entries oldest first), and the combination flag when
    /// its rule held on a day of it.
    pub fn with_journal(mut self, all: &[JournalEntry], substances: &Substances) -> Self {
        let (Some(first), Some(last)) = (self.period.from, self.period.to) else {
            return self;
        };
        let from = first - Duration::days(6);
        let entries: Vec<JournalEntry> = all
            .iter()
            .filter(|e| e.date >= from && e.date <= last)
            .cloned()
            .collect();
        let mut by_name: BTreeMap<String, Vec<&JournalEntry>> = BTreeMap::new();
        for e in &entries {
            let key = e.substance.clone().unwrap_or_else(|| e.name.to_lowercase());
            by_name.entry(key).or_default().push(e);
        }
        let mut lines: Vec<SubstanceLine> = by_name
            .into_iter()
            .map(|(name, list)| {
                let mut weeks: BTreeMap<NaiveDate, Vec<&JournalEntry>> = BTreeMap::new();
                for e in &list {
                    weeks
                        .entry(crate::dates::monday(e.date))
                        .or_default()
                        .push(e);
                }
                let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
                for r in list.iter().flat_map(|e| &e.reasons) {
                    *reasons.entry(r).or_default() += 1;
                }
                let mut reasons: Vec<(&str, usize)> = reasons.into_iter().collect();
                reasons.sort_by_key(|r| std::cmp::Reverse(r.1));
                SubstanceLine {
                    class: list[0].class.clone(),
                    class_title: substances.class_title(&list[0].class).to_string(),
                    days: days(&list),
                    entries: list.len(),
                    total: total(&list),
                    by_week: weeks
                        .iter()
                        .map(|(week, es)| WeekLine {
                            week: *week,
                            days: days(es),
                            total: total(es),
                        })
                        .collect(),
                    reasons: reasons.into_iter().map(|(r, _)| r.to_string()).collect(),
                    pain: range(list.iter().filter_map(|e| e.pain)),
                    mood: range(list.iter().filter_map(|e| e.mood)),
                    name,
                }
            })
            .collect();
        lines.sort_by(|a, b| b.days.cmp(&a.days).then(b.entries.cmp(&a.entries)));
        let combos = combinations(&entries, substances);
        if !combos.is_empty() {
            // Among the flags, before those given for information.
            let at = self
                .flags
                .iter()
                .position(|f| f.severity == Severity::Info)
                .unwrap_or(self.flags.len());
            let flag = combination_flag(&combos, &entries, substances);
            if self.clinician.bring_up.is_empty() {
                self.clinician.suggestion = self.clinician.when_flags.clone();
            }
            self.clinician.bring_up.push(flag.title.clone());
            self.flags.insert(at, flag);
            self.glance = super::glance::lines(&self.flags, &self.situation_titles);
            if self.crisis_short.is_none() && substances.combination.crisis == CrisisLevel::Short {
                // Filled with the region's line where the summary is localised.
                self.crisis_short = Some(String::new());
            }
        }
        self.journal = Some(JournalPart {
            from,
            to: last,
            substances: lines,
            combinations: combos,
        });
        self
    }
}

/// The combination rule as a flag line: its days, and the entries of each as evidence.
fn combination_flag(
    combos: &[Combination],
    entries: &[JournalEntry],
    substances: &Substances,
) -> FlagLine {
    let rule = &substances.combination;
    let cite = |full: bool| {
        rule.sources
            .iter()
            .filter_map(|k| substances.sources.get(k))
            .filter(|s| full || s.year.is_some())
            .map(|s| {
                if full {
                    s.citation.clone()
                } else {
                    format!("{}, {}", s.instrument, s.year.unwrap_or_default())
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let evidence: Vec<Evidence> = combos
        .iter()
        .flat_map(|c| {
            entries
                .iter()
                .filter(|e| c.entries.contains(&e.id))
                .map(move |e| Evidence {
                    fired_on: c.date,
                    date: c.date,
                    kind: EvidenceKind::Item,
                    item: e.id.clone(),
                    label: format!("{} ({})", e.name, substances.class_title(&e.class)),
                    value: serde_json::Value::from(e.id.clone()),
                    text: format!(
                        "at {}{}",
                        e.time,
                        e.amount
                            .as_ref()
                            .map(|a| format!(", {}", crate::journal::parse::words(a)))
                            .unwrap_or_default()
                    ),
                    series: Vec::new(),
                })
        })
        .collect();
    let dates: Vec<NaiveDate> = combos.iter().map(|c| c.date).collect();
    let days = dates
        .iter()
        .map(|d| d.format("%-d %b %Y").to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let count = dates.len();
    let when = format!(
        "{count} day{} of the journal: {days}",
        if count == 1 { "" } else { "s" }
    );
    FlagLine {
        id: rule.id.clone(),
        title: rule.title.clone(),
        short: rule.short.clone(),
        severity: rule.severity,
        situation: crate::questionnaire::Situation::Combination,
        from_journal: true,
        own_rule: rule.own_rule,
        source: cite(true),
        source_short: cite(false),
        rule: rule.rule.clone(),
        message: rule.message.clone(),
        why: evidence
            .iter()
            .filter(|e| Some(e.date) == combos.last().map(|c| c.date))
            .map(|e| format!("{} {}", e.label, e.text))
            .collect::<Vec<_>>()
            .join("; "),
        evidence,
        dates,
        count,
        persistent: false,
        persistence_rule: None,
        recent: 0,
        window: 0,
        new: false,
        in_latest: false,
        told_whole: false,
        highest: None,
        last: combos.last().map(|c| c.date),
        when_short: when.clone(),
        when,
    }
}
