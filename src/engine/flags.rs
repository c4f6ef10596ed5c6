//! Flags raised by one check-in's answers: each a condition of the question set, evaluated
//! here; no flag is written as code.

use crate::answers::Answers;
use crate::questionnaire::{CrisisLevel, Operand, Questionnaire};

/// Ids of the one-check-in flags that fire, in the set's order.
pub fn fired_flags(q: &Questionnaire, answers: &Answers) -> Vec<String> {
    q.def
        .flags
        .iter()
        .filter(|f| f.when.eval(&|op| super::skip::fact(q, answers, op)))
        .map(|f| f.id.clone())
        .collect()
}

/// The crisis resources one check-in's answers bring: the highest of its flags'.
pub fn crisis_level(q: &Questionnaire, answers: &Answers) -> CrisisLevel {
    q.def
        .flags
        .iter()
        .filter(|f| f.when.eval(&|op| super::skip::fact(q, answers, op)))
        .map(|f| f.crisis)
        .max()
        .unwrap_or_default()
}

/// The message of the first flag that brings the full crisis block, graded by the
/// answers (a stronger one for a higher self-harm answer): said with the crisis lines.
pub fn urgent_message(q: &Questionnaire, answers: &Answers) -> Option<String> {
    let lookup = |op: &Operand| super::skip::fact(q, answers, op);
    q.def
        .flags
        .iter()
        .filter(|f| f.crisis == CrisisLevel::Full)
        .find(|f| f.when.eval(&lookup))
        .map(|f| f.message_for(&lookup).to_string())
}

/// What a flag that fired rests on: as [`evidence_items`], but of an `any` condition only
/// the parts that held (the answers that met the rule, not every answer it looks at).
pub fn evidence_held(
    q: &Questionnaire,
    cond: &crate::questionnaire::Condition,
    answers: &Answers,
) -> Vec<String> {
    match cond {
        crate::questionnaire::Condition::Any(parts) => {
            let lookup = |op: &Operand| super::skip::fact(q, answers, op);
            let mut out: Vec<String> = Vec::new();
            for part in parts.iter().filter(|p| p.eval(&lookup)) {
                for id in evidence_held(q, part, answers) {
                    if !out.contains(&id) {
                        out.push(id);
                    }
                }
            }
            out
        }
        _ => evidence_items(q, cond),
    }
}

/// Most items a score may have to be told as its answers; a longer one (the PHQ-9) is
/// told as its score, so "the answers behind it" stays short.
const ITEMS_TOLD: usize = 3;

/// What a condition rests on, for "the answers behind it": items, and scores expanded to
/// their items when they have a few, else the score's id.
pub(super) fn evidence_items(
    q: &Questionnaire,
    cond: &crate::questionnaire::Condition,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for cmp in cond.comparisons() {
        let ids: Vec<String> = match &cmp.operand {
            Operand::Item(id) => vec![id.clone()],
            Operand::Score(id) => match q.score(id) {
                Some(s) if s.items.len() <= ITEMS_TOLD => s.items.clone(),
                Some(_) => vec![id.clone()],
                None => Vec::new(),
            },
        };
        for id in ids {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}
