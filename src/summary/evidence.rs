//! The answers behind a flag, worded from what each rule rests on: one answer, a sum, a
//! change between two check-ins, or a run across several ("did not fall over 4 check-ins
//! and rose from 5 to 7", "rose three times in a row" only when every step rose).

use chrono::NaiveDate;
use serde_json::Value;

use crate::answers::{describe_slot, Slot};
use crate::engine::{Basis, Step};
use crate::questionnaire::Questionnaire;
use crate::store::StoredCheckin;

use super::model::{Evidence, EvidenceKind, EvidencePoint};

/// The evidence of one flag at one check-in, worded from what it rests on.
pub(super) fn evidence(c: &StoredCheckin, basis: &Basis, items: &[String]) -> Vec<Evidence> {
    let q = &c.questionnaire;
    let date = c.record.date;
    match basis {
        Basis::Answers(ids) => ids
            .iter()
            .map(|id| match q.score(id) {
                Some(s) => score_evidence(c, s),
                None => item_evidence(q, c, id),
            })
            .collect(),
        Basis::Step(step) => vec![step_evidence(q, date, items, step)],
        Basis::Run { dates, values, max } => {
            let first = values.first().copied().unwrap_or(0);
            let last = values.last().copied().unwrap_or(0);
            let list: Vec<String> = values.iter().map(i64::to_string).collect();
            // The words say what the values did: "rose … in a row" only when every step
            // rose; else what the rule tested (never down, and up overall; the values listed are
            // the check-ins it looked at).
            let every_step = values.windows(2).all(|w| w[1] > w[0]);
            let text = if every_step {
                format!(
                    "{}, to {last}{} on {}: {}",
                    rose(values.len().saturating_sub(1)),
                    of_max(*max),
                    day(date),
                    list.join(", ")
                )
            } else {
                format!(
                    "did not fall and rose from {first} to {last}{} by {}: {}",
                    of_max(*max),
                    day(date),
                    list.join(", ")
                )
            };
            vec![Evidence {
                fired_on: date,
                date,
                kind: EvidenceKind::Event,
                item: items.join("+"),
                label: label(q, items),
                value: Value::from(last),
                text,
                series: dates
                    .iter()
                    .zip(values)
                    .map(|(d, v)| EvidencePoint {
                        date: *d,
                        value: *v,
                    })
                    .collect(),
            }]
        }
    }
}

/// A change between two check-ins in words: "sum rose from 8 of 30 on 7 Sep 2026 to …".
pub(super) fn step_words(q: &Questionnaire, s: &Step) -> String {
    let several = q
        .def
        .trend_flags
        .iter()
        .find(|r| r.id == s.rule)
        .is_some_and(|r| r.items.len() > 1);
    let of = of_max(s.max);
    format!(
        "{}{} from {}{of} on {} to {}{of} on {}",
        if several { "sum " } else { "" },
        match s.direction {
            crate::engine::Direction::Worse => "rose",
            crate::engine::Direction::Improvement => "fell",
        },
        s.from,
        day(s.from_date),
        s.to,
        day(s.to_date)
    )
}

fn step_evidence(q: &Questionnaire, date: NaiveDate, items: &[String], s: &Step) -> Evidence {
    Evidence {
        fired_on: date,
        date,
        kind: EvidenceKind::Event,
        item: items.join("+"),
        label: label(q, items),
        value: Value::from(s.to),
        text: step_words(q, s),
        series: vec![
            EvidencePoint {
                date: s.from_date,
                value: s.from,
            },
            EvidencePoint {
                date: s.to_date,
                value: s.to,
            },
        ],
    }
}

pub(super) fn item_evidence(q: &Questionnaire, c: &StoredCheckin, id: &str) -> Evidence {
    let slot = c.record.answers.get(id);
    Evidence {
        fired_on: c.record.date,
        date: c.record.date,
        kind: EvidenceKind::Item,
        item: id.to_string(),
        label: q
            .item(id)
            .map(|i| i.label.clone())
            .unwrap_or_else(|| id.to_string()),
        value: slot.map(Slot::to_json).unwrap_or(Value::Null),
        text: describe_slot(q, id, slot),
        series: Vec::new(),
    }
}

/// A score told as itself ("13 of 27"), for a score of many items.
fn score_evidence(c: &StoredCheckin, s: &crate::questionnaire::ScoreDef) -> Evidence {
    let value = crate::engine::score(s, &c.record.answers);
    Evidence {
        fired_on: c.record.date,
        date: c.record.date,
        kind: EvidenceKind::Sum,
        item: s.id.clone(),
        label: s.title.clone(),
        value: value.map_or(Value::Null, Value::from),
        text: value.map_or("not worked out".to_string(), |v| {
            format!("{v:.prec$} of {}", s.max, prec = usize::from(s.decimals))
        }),
        series: Vec::new(),
    }
}

/// The items' labels; a sum of several says so.
fn label(q: &Questionnaire, items: &[String]) -> String {
    let labels: Vec<String> = items
        .iter()
        .map(|id| {
            q.item(id)
                .map(|i| i.label.clone())
                .unwrap_or_else(|| id.clone())
        })
        .collect();
    match labels.len() {
        1 => labels.join(""),
        _ => format!("Sum of {}", labels.join(" + ")),
    }
}

/// " of 30": the highest possible value.
fn of_max(max: i64) -> String {
    if max > 0 {
        format!(" of {max}")
    } else {
        String::new()
    }
}

/// "1 Nov 2026".
pub(super) fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// "rose three times in a row".
fn rose(rises: usize) -> String {
    let times = match rises {
        1 => return "rose".to_string(),
        2 => "twice".to_string(),
        3 => "three times".to_string(),
        4 => "four times".to_string(),
        5 => "five times".to_string(),
        n => format!("{n} times"),
    };
    format!("rose {times} in a row")
}
