//! The parts of the summary model that come from the set's sections: the substance pattern
//! and notes (free text), how scores are computed, and the change over the period in words.

use crate::answers::{Answer, Slot};
use crate::engine::period::PeriodChange;
use crate::engine::Direction;
use crate::questionnaire::{ItemDef, ItemType, Questionnaire, ScoreMethod};
use crate::store::StoredCheckin;

use super::model::{ChangeSpan, PeriodChangeLine};
use super::model::{DatedText, PatternLine};

fn in_pattern(q: &Questionnaire, item: &ItemDef) -> bool {
    q.section(&item.section).is_some_and(|s| s.pattern)
}

/// Free-text answers in the period, oldest first: notes (`pattern` false) or what was used
/// (`pattern` true).
pub(super) fn texts(checkins: &[StoredCheckin], pattern: bool) -> Vec<DatedText> {
    let mut out = Vec::new();
    for c in checkins {
        let q = &c.questionnaire;
        for item in q.def.items.iter() {
            if item.kind != ItemType::Text || in_pattern(q, item) != pattern {
                continue;
            }
            if let Some(Slot::Given(Answer::Text(t))) = c.record.answers.get(&item.id) {
                if !t.trim().is_empty() {
                    out.push(DatedText {
                        date: Some(c.record.date),
                        item: Some(item.id.clone()),
                        text: t.clone(),
                    });
                }
            }
        }
    }
    out
}

/// For each yes/no item of a pattern section: the days it was answered yes.
pub(super) fn pattern(q: &Questionnaire, checkins: &[StoredCheckin]) -> Vec<PatternLine> {
    q.def
        .items
        .iter()
        .filter(|i| i.kind == ItemType::Boolean && in_pattern(q, i))
        .map(|item| PatternLine {
            item: item.id.clone(),
            label: item.label.clone(),
            yes_dates: checkins
                .iter()
                .filter(|c| {
                    matches!(
                        c.record.answers.get(&item.id),
                        Some(Slot::Given(Answer::Bool(true)))
                    )
                })
                .map(|c| c.record.date)
                .collect(),
            asked: checkins
                .iter()
                .filter(|c| matches!(c.record.answers.get(&item.id), Some(Slot::Given(_))))
                .count(),
        })
        // An item never asked in the period ("yes in 0 of 0") says nothing.
        .filter(|p| p.asked > 0)
        .collect()
}

/// How each score is computed, in words: those the check-ins have (a follow-up never
/// asked in them is left out).
pub(super) fn scoring(q: &Questionnaire, checkins: &[StoredCheckin]) -> Vec<String> {
    q.def
        .scores
        .iter()
        .filter(|s| {
            !s.all_asked
                || checkins
                    .iter()
                    .any(|c| crate::engine::score(s, &c.record.answers).is_some())
        })
        .map(|s| {
            let how = match s.method {
                ScoreMethod::Sum => "sum",
                ScoreMethod::Mean => "mean",
            };
            let source = q
                .def
                .sources
                .get(&s.source)
                .map(|x| x.instrument.clone())
                .unwrap_or_default();
            let cutoff = s
                .cutoff
                .map(|c| format!("; usual cut-off {c}"))
                .unwrap_or_default();
            format!(
                "{}: {how} of {} items, {}-{}{cutoff} ({source})",
                s.title,
                s.items.len(),
                s.min,
                s.max
            )
        })
        .collect()
}

/// The change over the period in words, titled by the rule's measure.
pub(super) fn period_change(q: &Questionnaire, c: PeriodChange) -> PeriodChangeLine {
    let rule = q.def.trend_flags.iter().find(|r| r.id == c.rule);
    let what = rule
        .map(|r| {
            let labels: Vec<&str> = r
                .items
                .iter()
                .filter_map(|id| q.item(id).map(|i| i.label.as_str()))
                .collect();
            match labels.len() {
                1 => labels.join(""),
                _ => format!("Sum of {}", labels.join(" + ")),
            }
        })
        .unwrap_or_else(|| c.rule.clone());
    let verdict = match c.direction {
        Some(Direction::Worse) => "a meaningful rise by this tool's rule",
        Some(Direction::Improvement) => "a meaningful improvement by this tool's rule",
        None => "within this tool's threshold for a meaningful change",
    };
    PeriodChangeLine {
        text: format!(
            "{what}: from {} of {} on {} to {} of {} on {}, {verdict}",
            c.from,
            c.max,
            c.from_date.format("%-d %b %Y"),
            c.to,
            c.max,
            c.to_date.format("%-d %b %Y")
        ),
        rule: c.rule,
        direction: c.direction,
        span: ChangeSpan {
            from_date: c.from_date,
            to_date: c.to_date,
            from: c.from,
            to: c.to,
            max: c.max,
        },
    }
}
