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

/// Items a condition rests on, scores expanded to their items; for "the answers behind it".
pub fn evidence_items(q: &Questionnaire, cond: &crate::questionnaire::Condition) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for cmp in cond.comparisons() {
        let ids: Vec<String> = match &cmp.operand {
            Operand::Item(id) => vec![id.clone()],
            Operand::Score(id) => q.score(id).map(|s| s.items.clone()).unwrap_or_default(),
        };
        for id in ids {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}
