//! The journal's flags, like the others (their words and sources are data, in
//! `questions/substances.json`): sedating pairs within the rule's hours (right after safety,
//! on every front), and the amount rules (situation `reliance`): the amount a day of one
//! substance rising by half or more from the period's first whole week to its last (for
//! prescribed use, information for the prescriber), and kratom above 5 g on a day.

use chrono::NaiveDate;

use crate::journal::parse::words;
use crate::journal::substances::{AmountKind, AmountRule};
use crate::journal::{Combination, JournalEntry, Substances};
use crate::questionnaire::{Severity, Situation};

use super::model::Summary;
use super::model::{Evidence, EvidenceKind, FlagLine};

/// What a journal flag says, before it is a flag line.
struct Fired<'a> {
    id: &'a str,
    title: &'a str,
    short: &'a str,
    severity: Severity,
    situation: Situation,
    own_rule: bool,
    sources: &'a [String],
    rule: &'a str,
    message: &'a str,
    evidence: Vec<Evidence>,
    dates: Vec<NaiveDate>,
    /// When, in words, where the days alone do not say it.
    when: Option<String>,
}

fn cite(substances: &Substances, keys: &[String], full: bool) -> String {
    keys.iter()
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
}

fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

fn evidence(date: NaiveDate, item: &str, label: String, text: String) -> Evidence {
    Evidence {
        fired_on: date,
        date,
        kind: EvidenceKind::Item,
        item: item.to_string(),
        label,
        value: serde_json::Value::from(item.to_string()),
        text,
        series: Vec::new(),
    }
}

impl Fired<'_> {
    fn line(self, substances: &Substances) -> FlagLine {
        let count = self.dates.len();
        let days = self
            .dates
            .iter()
            .map(|d| day(*d))
            .collect::<Vec<_>>()
            .join(", ");
        // A few days are named; many are a count, the first and the latest.
        let (first, latest) = (self.dates.first().copied(), self.dates.last().copied());
        let span = |few: usize| match (first, latest) {
            (Some(a), Some(b)) if count > few => format!(
                "{count} days of the journal, from {} to {}",
                a.format("%-d %b"),
                day(b)
            ),
            _ => format!(
                "{count} day{} of the journal: {days}",
                if count == 1 { "" } else { "s" }
            ),
        };
        let when = self.when.clone().unwrap_or_else(|| span(6));
        let when_short = self.when.clone().unwrap_or_else(|| span(2));
        let last = self.dates.last().copied();
        FlagLine {
            id: self.id.to_string(),
            title: self.title.to_string(),
            short: self.short.to_string(),
            severity: self.severity,
            situation: self.situation,
            from_journal: true,
            own_rule: self.own_rule,
            source: cite(substances, self.sources, true),
            source_short: cite(substances, self.sources, false),
            rule: self.rule.to_string(),
            message: self.message.to_string(),
            why: self
                .evidence
                .iter()
                .filter(|e| Some(e.date) == last)
                .map(|e| format!("{} {}", e.label, e.text))
                .collect::<Vec<_>>()
                .join("; "),
            evidence: self.evidence,
            dates: self.dates,
            count,
            persistent: false,
            persistence_rule: None,
            recent: 0,
            window: 0,
            new: false,
            in_latest: false,
            told_whole: false,
            highest: None,
            last,
            when_short,
            when,
        }
    }
}

/// The pairs as a flag: each pair's two entries, their times and the hours between.
fn pairs_flag<'a>(
    combos: &[Combination],
    entries: &[JournalEntry],
    substances: &'a Substances,
) -> Fired<'a> {
    let rule = &substances.combination;
    let mut ev = Vec::new();
    for c in combos {
        let apart = match c.hours_apart {
            Some(1.0) => "1 hour apart".to_string(),
            Some(h) => format!("{h} hours apart"),
            None => "the same day".to_string(),
        };
        for (i, id) in c.entries.iter().enumerate() {
            let Some(e) = entries.iter().find(|e| e.id == *id) else {
                continue;
            };
            let on = if e.date == c.date {
                String::new()
            } else {
                format!(" on {}", day(e.date))
            };
            ev.push(evidence(
                c.date,
                &e.id,
                format!("{} ({})", e.name, substances.class_title(&e.class)),
                format!(
                    "at {}{on}{}{}",
                    e.time_words(),
                    e.amount
                        .as_ref()
                        .map(|a| format!(", {}", words(a)))
                        .unwrap_or_default(),
                    if i == 1 {
                        format!(" ({apart})")
                    } else {
                        String::new()
                    }
                ),
            ));
        }
    }
    let mut dates: Vec<NaiveDate> = combos.iter().map(|c| c.date).collect();
    dates.dedup();
    Fired {
        id: &rule.id,
        title: &rule.title,
        short: &rule.short,
        severity: rule.severity,
        situation: Situation::Combination,
        own_rule: rule.own_rule,
        sources: &rule.sources,
        rule: &rule.rule,
        message: &rule.message,
        evidence: ev,
        dates,
        when: None,
    }
}

/// An amount rule over the journal part's lines and entries, when it fired.
fn amount_flag<'a>(
    rule: &'a AmountRule,
    summary: &Summary,
    entries: &[JournalEntry],
) -> Option<Fired<'a>> {
    let j = summary.journal.as_ref()?;
    let mut ev = Vec::new();
    let mut dates = Vec::new();
    let mut prescribed = true;
    let mut weeks: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    match rule.kind {
        AmountKind::Rising => {
            let ratio = rule.ratio?;
            for l in &j.substances {
                let Some(c) = &l.change else { continue };
                if c.from.value > 0.0 && c.to.value >= ratio * c.from.value {
                    let to_date = c.to_week + chrono::Duration::days(6);
                    ev.push(evidence(
                        to_date,
                        &l.name,
                        l.name.clone(),
                        format!(
                            "{} a day in the week of {}, {} a day in the week of {}",
                            words(&c.from),
                            c.from_week.format("%-d %b"),
                            words(&c.to),
                            c.to_week.format("%-d %b %Y")
                        ),
                    ));
                    dates.push(to_date);
                    weeks.push((c.from_week, c.to_week));
                    prescribed &= l.prescribed;
                }
            }
        }
        AmountKind::DayAbove => {
            let (class, unit, above) = (rule.class.as_ref()?, rule.unit.as_ref()?, rule.above?);
            let mut by_day: std::collections::BTreeMap<NaiveDate, f64> = Default::default();
            for e in entries.iter().filter(|e| e.class == *class) {
                if let Some(a) = e.amount.as_ref().filter(|a| a.unit == *unit) {
                    *by_day.entry(e.date).or_default() += a.value;
                    prescribed &= e.prescribed;
                }
            }
            for (d, v) in by_day.into_iter().filter(|(_, v)| *v > above) {
                let total = crate::journal::Amount {
                    value: (v * 1000.0).round() / 1000.0,
                    unit: unit.clone(),
                };
                ev.push(evidence(
                    d,
                    class,
                    substances_title(summary, class),
                    format!("{} on {}", words(&total), day(d)),
                ));
                dates.push(d);
            }
        }
    }
    if dates.is_empty() {
        return None;
    }
    dates.sort();
    dates.dedup();
    let (title, message, severity) = match (&rule.prescribed_title, &rule.prescribed_message) {
        (Some(t), Some(m)) if prescribed => (t.as_str(), m.as_str(), Severity::Info),
        _ => (rule.title.as_str(), rule.message.as_str(), rule.severity),
    };
    Some(Fired {
        id: &rule.id,
        title,
        short: &rule.short,
        severity,
        situation: rule.situation,
        own_rule: rule.own_rule,
        sources: &rule.sources,
        rule: &rule.rule,
        message,
        evidence: ev,
        when: match (
            weeks.iter().map(|w| w.0).min(),
            weeks.iter().map(|w| w.1).max(),
        ) {
            (Some(a), Some(b)) => Some(format!(
                "from the week of {} to the week of {}",
                a.format("%-d %b"),
                b.format("%-d %b %Y")
            )),
            _ => None,
        },
        dates,
    })
}

fn substances_title(summary: &Summary, class: &str) -> String {
    summary
        .journal
        .as_ref()
        .and_then(|j| j.substances.iter().find(|l| l.class == class))
        .map_or(class.to_string(), |l| l.class_title.clone())
}

impl Summary {
    /// Adds the journal's flags that fired over `entries` (the journal part's): a pair
    /// right after the safety flags, the amount rules among the others by severity.
    pub(super) fn with_journal_flags(
        mut self,
        entries: &[JournalEntry],
        substances: &Substances,
    ) -> Self {
        let Some(j) = self.journal.as_ref() else {
            return self;
        };
        let mut fired: Vec<FlagLine> = Vec::new();
        if !j.combinations.is_empty() {
            fired.push(pairs_flag(&j.combinations, entries, substances).line(substances));
        }
        for rule in &substances.amount_rules {
            if let Some(f) = amount_flag(rule, &self, entries) {
                fired.push(f.line(substances));
            }
        }
        if fired.is_empty() {
            return self;
        }
        for flag in fired {
            let at = if flag.situation == Situation::Combination {
                self.flags
                    .iter()
                    .position(|f| f.situation != Situation::Safety)
                    .unwrap_or(self.flags.len())
            } else {
                let severity = flag.severity;
                self.flags
                    .iter()
                    .position(|f| f.severity > severity)
                    .unwrap_or(self.flags.len())
            };
            if flag.severity != Severity::Info {
                if self.clinician.bring_up.is_empty() {
                    self.clinician.suggestion = self.clinician.when_flags.clone();
                }
                // A pair right after the safety answer here too.
                let after = if flag.situation == Situation::Combination {
                    self.flags
                        .iter()
                        .filter(|f| f.situation == Situation::Safety)
                        .filter(|f| self.clinician.bring_up.contains(&f.title))
                        .count()
                } else {
                    self.clinician.bring_up.len()
                };
                self.clinician.bring_up.insert(after, flag.title.clone());
            }
            self.flags.insert(at, flag);
        }
        self.glance = super::glance::lines(&self.flags, &self.situation_titles);
        self
    }
}
