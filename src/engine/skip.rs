//! Skip logic: which items a check-in asks, given the answers so far. The check-in flow,
//! the answers-file check and every stored record use this one reading of `ask_if`.
//! Skipped items count as 0 / no, as the question set promises.

use crate::answers::{Answer, Answers, Slot};
use crate::questionnaire::condition::Fact;
use crate::questionnaire::{ItemDef, ItemType, Operand, Questionnaire};

/// The id an operand names.
pub fn operand_id(op: &Operand) -> &str {
    match op {
        Operand::Item(id) | Operand::Score(id) => id,
    }
}

/// The value the engine sees for an item: skipped or empty integers are 0, yes/no are no.
fn item_fact(q: &Questionnaire, answers: &Answers, id: &str) -> Fact {
    let kind = q.item(id).map(|i| i.kind);
    match (answers.get(id), kind) {
        (Some(Slot::Given(Answer::Int(v))), _) => Fact::Number(*v as f64),
        (Some(Slot::Given(Answer::Bool(b))), _) => Fact::Bool(*b),
        (Some(Slot::Given(Answer::Text(s))), _) => Fact::Text(s.clone()),
        (Some(_), Some(ItemType::Integer)) => Fact::Number(0.0),
        (Some(_), Some(ItemType::Boolean)) => Fact::Bool(false),
        _ => Fact::Missing,
    }
}

/// The value an operand has in one check-in (skipped integers 0, yes/no no).
pub fn fact(q: &Questionnaire, answers: &Answers, operand: &Operand) -> Fact {
    match operand {
        Operand::Item(id) => item_fact(q, answers, id),
        Operand::Score(id) => match q.score(id).and_then(|s| super::score(s, answers)) {
            Some(v) => Fact::Number(v),
            None => Fact::Missing,
        },
    }
}

/// Whether skip logic asks this item, given the answers to the items before it.
pub fn is_asked(q: &Questionnaire, item: &ItemDef, answers: &Answers) -> bool {
    match &item.ask_if {
        None => true,
        Some(cond) => cond.eval(&|op| fact(q, answers, op)),
    }
}

/// Like [`is_asked`], but for progress ("4 of 21") before everything is known: an item
/// whose condition depends on an item not answered yet counts as asked; one that depends
/// on a score not known yet (a two-step follow-up, which most check-ins never reach) does
/// not, so the count grows only for the few who go on.
pub fn may_be_asked(q: &Questionnaire, item: &ItemDef, answers: &Answers) -> bool {
    match &item.ask_if {
        None => true,
        Some(cond) => {
            let comparisons = cond.comparisons();
            let score_unknown = comparisons.iter().any(|c| match &c.operand {
                Operand::Score(id) => q
                    .score(id)
                    .is_some_and(|s| s.items.iter().any(|i| answers.get(i).is_none())),
                Operand::Item(_) => false,
            });
            if score_unknown {
                return false;
            }
            let unknown = comparisons.iter().any(|c| match &c.operand {
                Operand::Item(id) => answers.get(id).is_none(),
                Operand::Score(_) => false,
            });
            unknown || is_asked(q, item, answers)
        }
    }
}

/// Re-applies skip logic after an answer changed: items no longer asked become skipped;
/// items now asked but not answered are returned, in order, to be asked.
pub fn reconcile(q: &Questionnaire, answers: &mut Answers) -> Vec<String> {
    let mut to_ask = Vec::new();
    for item in &q.def.items {
        let asked = is_asked(q, item, answers);
        match (asked, answers.get(&item.id)) {
            (false, _) => answers.set(&item.id, Slot::Skipped),
            (true, None) | (true, Some(Slot::Skipped)) => {
                answers.remove(&item.id);
                to_ask.push(item.id.clone());
            }
            (true, Some(_)) => {}
        }
    }
    to_ask
}
