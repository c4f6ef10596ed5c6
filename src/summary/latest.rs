//! The latest check-in in full for a summary: its scores (with the instruments' bands, and
//! which screen a worked-out follow-up includes) and every answer as asked.

use serde_json::Value;

use crate::answers::{describe_slot, Slot};
use crate::engine::Evaluation;
use crate::questionnaire::Questionnaire;
use crate::store::StoredCheckin;

use super::model::*;

/// The worked-out follow-up score whose items include all of `s`'s, if any.
fn within(
    q: &Questionnaire,
    s: &crate::questionnaire::ScoreDef,
    eval: &Evaluation,
) -> Option<String> {
    let worked_out = |id: &str| eval.scores.iter().any(|(x, v)| x == id && v.is_some());
    q.def
        .scores
        .iter()
        .find(|t| {
            t.id != s.id
                && t.all_asked
                && worked_out(&t.id)
                && s.items.iter().all(|i| t.items.contains(i))
        })
        .map(|t| t.id.clone())
}

/// The latest check-in in full: scores and every answer.
pub(super) fn latest_of(last: &StoredCheckin, eval: &Evaluation) -> Latest {
    let q = &last.questionnaire;
    Latest {
        id: last.record.id.clone(),
        date: last.record.date,
        recorded_at: last.record.recorded_at.to_rfc3339(),
        scores: q
            .def
            .scores
            .iter()
            .filter_map(|s| {
                let value = eval
                    .scores
                    .iter()
                    .find(|(id, _)| id == &s.id)
                    .and_then(|(_, v)| *v);
                // A follow-up score not asked this time is not part of what was answered.
                (value.is_some() || !s.all_asked).then(|| ScoreLine {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    value: score_value(value, s.decimals),
                    min: s.min,
                    max: s.max,
                    decimals: s.decimals,
                    cutoff: s.cutoff,
                    band: value.and_then(|v| s.band_words(v)),
                    within: within(q, s, eval),
                })
            })
            .collect(),
        answers: q
            .def
            .items
            .iter()
            // A follow-up the screen did not bring is not part of what was answered.
            .filter(|item| {
                let follow_up = item.ask_if.as_ref().is_some_and(|c| {
                    c.comparisons()
                        .iter()
                        .any(|cmp| matches!(cmp.operand, crate::questionnaire::Operand::Score(_)))
                });
                !(follow_up && matches!(last.record.answers.get(&item.id), Some(Slot::Skipped)))
            })
            .map(|item| {
                let slot = last.record.answers.get(&item.id);
                AnswerLine {
                    item: item.id.clone(),
                    section: q
                        .section(&item.section)
                        .map(|s| s.title.clone())
                        .unwrap_or_default(),
                    label: item.label.clone(),
                    question: item.text.clone(),
                    value: match slot {
                        Some(Slot::Given(a)) => Slot::Given(a.clone()).to_json(),
                        _ => Value::Null,
                    },
                    status: match slot {
                        Some(Slot::Given(_)) => "answered",
                        Some(Slot::Empty) => "empty",
                        Some(Slot::Skipped) => "skipped",
                        None => "absent",
                    },
                    text: describe_slot(q, &item.id, slot),
                }
            })
            .collect(),
    }
}

/// A score as JSON: whole scores as integers, so `3` never reads as `3.0`.
pub(super) fn score_value(value: Option<f64>, decimals: u8) -> Value {
    match value {
        Some(v) if decimals == 0 => Value::from(v.round() as i64),
        Some(v) => Value::from(v),
        None => Value::Null,
    }
}
