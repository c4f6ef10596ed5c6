//! Scores of one check-in: sums and means of integer items, rounded to the set's decimals.

use crate::answers::{Answer, Answers, Slot};
use crate::questionnaire::{Questionnaire, ScoreDef, ScoreMethod};

/// The sum of integer items (skipped as 0); `None` if an item is absent from the record.
pub fn item_sum(answers: &Answers, items: &[String]) -> Option<i64> {
    items
        .iter()
        .try_fold(0i64, |acc, id| match answers.get(id)? {
            // Stored files are outside input: a huge number must not overflow.
            Slot::Given(Answer::Int(v)) => Some(acc.saturating_add(*v)),
            Slot::Given(_) => None,
            Slot::Skipped | Slot::Empty => Some(acc),
        })
}

/// A score's value, rounded to its decimals; `None` if an item is absent, or skipped for a
/// score that needs every item asked.
pub fn score(def: &ScoreDef, answers: &Answers) -> Option<f64> {
    if def.all_asked
        && def
            .items
            .iter()
            .any(|id| !matches!(answers.get(id), Some(Slot::Given(_))))
    {
        return None;
    }
    let sum = item_sum(answers, &def.items)? as f64;
    let raw = match def.method {
        ScoreMethod::Sum => sum,
        ScoreMethod::Mean => sum / def.items.len() as f64,
    };
    let scale = 10f64.powi(i32::from(def.decimals));
    Some((raw * scale).round() / scale)
}

/// Every score of the set, in order.
pub fn scores(q: &Questionnaire, answers: &Answers) -> Vec<(String, Option<f64>)> {
    q.def
        .scores
        .iter()
        .map(|s| (s.id.clone(), score(s, answers)))
        .collect()
}
