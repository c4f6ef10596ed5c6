//! The rule engine: skip logic, scores, and flags, all read from the question set.
//!
//! No flag is written as code here. A flag rule is a [`Condition`] over answers and scores,
//! or a [`TrendRule`] over the sums of items across check-ins; this module only evaluates
//! them. Skipped items count as 0 / no, as the question set's skip logic promises.

use crate::answers::{Answer, Answers, Slot};
use crate::questionnaire::condition::Fact;
use crate::questionnaire::{
    ItemDef, ItemType, Operand, Questionnaire, ScoreDef, ScoreMethod, TrendRule,
};

/// The id an operand names.
pub fn operand_id(op: &Operand) -> &str {
    match op {
        Operand::Item(id) | Operand::Score(id) => id,
    }
}

/// The value the engine sees for an item: skipped or empty integers are 0, yes/no are no.
pub fn item_fact(q: &Questionnaire, answers: &Answers, id: &str) -> Fact {
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

fn fact(q: &Questionnaire, answers: &Answers, operand: &Operand) -> Fact {
    match operand {
        Operand::Item(id) => item_fact(q, answers, id),
        Operand::Score(id) => match q.score(id).and_then(|s| score(s, answers)) {
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

/// Like [`is_asked`], but an item whose condition depends on a question not answered yet
/// counts as asked: used to show progress ("4 of 21") before everything is known.
pub fn may_be_asked(q: &Questionnaire, item: &ItemDef, answers: &Answers) -> bool {
    match &item.ask_if {
        None => true,
        Some(cond) => {
            let unknown = cond
                .comparisons()
                .iter()
                .any(|c| answers.get(operand_id(&c.operand)).is_none());
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

/// A score's value, rounded to its decimals; `None` if an item is absent.
pub fn score(def: &ScoreDef, answers: &Answers) -> Option<f64> {
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

/// Ids of the one-check-in flags that fire, in the set's order.
pub fn fired_flags(q: &Questionnaire, answers: &Answers) -> Vec<String> {
    q.def
        .flags
        .iter()
        .filter(|f| f.when.eval(&|op| fact(q, answers, op)))
        .map(|f| f.id.clone())
        .collect()
}

/// The crisis resources one check-in's answers bring: the highest of its flags'.
pub fn crisis_level(q: &Questionnaire, answers: &Answers) -> crate::questionnaire::CrisisLevel {
    q.def
        .flags
        .iter()
        .filter(|f| f.when.eval(&|op| fact(q, answers, op)))
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

/// The result of a `rise` rule between two check-ins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiseOutcome {
    /// Rose enough to fire.
    Worse,
    /// Fell by the same amount: meaningful improvement, never a flag.
    Better,
    /// Neither.
    Same,
}

/// `rise` arithmetic on sums, so no rounding decides: fires when the rise is at least
/// `min_rise`, or at least `or_min_rise` and `or_min_percent` of the previous sum.
pub fn rise_outcome(rule: &TrendRule, previous: i64, current: i64) -> RiseOutcome {
    let crosses = |from: i64, to: i64| {
        let change = to.saturating_sub(from);
        rule.min_rise.is_some_and(|m| change >= m)
            || match (rule.or_min_rise, rule.or_min_percent) {
                (Some(m), Some(pct)) => {
                    change >= m && i128::from(change) * 100 >= i128::from(pct) * i128::from(from)
                }
                _ => false,
            }
    };
    if crosses(previous, current) {
        RiseOutcome::Worse
    } else if crosses_fall(rule, previous, current) {
        RiseOutcome::Better
    } else {
        RiseOutcome::Same
    }
}

/// A fall of the same size: the drop is measured against the previous (higher) sum.
fn crosses_fall(rule: &TrendRule, previous: i64, current: i64) -> bool {
    let fall = previous.saturating_sub(current);
    rule.min_rise.is_some_and(|m| fall >= m)
        || match (rule.or_min_rise, rule.or_min_percent) {
            (Some(m), Some(pct)) => {
                fall >= m && i128::from(fall) * 100 >= i128::from(pct) * i128::from(previous)
            }
            _ => false,
        }
}

/// Whether a `rising` rule fires on a run of sums ending with the current check-in.
pub fn rising_fires(rule: &TrendRule, sums: &[i64]) -> bool {
    let steps = rule.steps.unwrap_or(usize::MAX);
    sums.len() > steps
        && sums[sums.len() - steps - 1..]
            .windows(2)
            .all(|w| w[1] > w[0])
}

/// True when the items of a trend rule mean the same in both question sets (same id and
/// version), so their answers may be compared.
pub fn comparable(rule: &TrendRule, a: &Questionnaire, b: &Questionnaire) -> bool {
    a.def.id == b.def.id
        && rule.items.iter().all(|id| match (a.item(id), b.item(id)) {
            (Some(x), Some(y)) => x.version == y.version,
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cross-check-in rule of the built-in set, by id.
    fn trend_rule(id: &str) -> Result<TrendRule, Box<dyn std::error::Error>> {
        let q = Questionnaire::builtin()?;
        let rule = q
            .def
            .trend_flags
            .iter()
            .find(|r| r.id == id)
            .ok_or("no such rule")?;
        Ok(rule.clone())
    }

    #[test]
    fn pain_worse_boundaries() -> Result<(), Box<dyn std::error::Error>> {
        let r = trend_rule("pain_worse")?;
        assert_eq!(rise_outcome(&r, 20, 26), RiseOutcome::Worse); // +6
        assert_eq!(rise_outcome(&r, 20, 25), RiseOutcome::Same); // +5, 25%
        assert_eq!(rise_outcome(&r, 10, 13), RiseOutcome::Worse); // +3 at 30%
        assert_eq!(rise_outcome(&r, 11, 14), RiseOutcome::Same); // +3 under 30%
        assert_eq!(rise_outcome(&r, 0, 3), RiseOutcome::Worse); // previous 0
        assert_eq!(rise_outcome(&r, 0, 2), RiseOutcome::Same);
        assert_eq!(rise_outcome(&r, 26, 20), RiseOutcome::Better);
        assert_eq!(rise_outcome(&r, 13, 10), RiseOutcome::Same); // -3 is 23% of 13
        Ok(())
    }

    #[test]
    fn huge_stored_numbers_do_not_overflow() -> Result<(), Box<dyn std::error::Error>> {
        let r = trend_rule("pain_worse")?;
        assert_eq!(rise_outcome(&r, i64::MIN, i64::MAX), RiseOutcome::Worse);
        assert_eq!(rise_outcome(&r, i64::MAX, i64::MIN), RiseOutcome::Better);
        let mut a = Answers::default();
        a.set("x", Slot::Given(Answer::Int(i64::MAX)));
        a.set("y", Slot::Given(Answer::Int(5)));
        assert_eq!(item_sum(&a, &["x".into(), "y".into()]), Some(i64::MAX));
        Ok(())
    }

    #[test]
    fn rising_needs_each_step_up() -> Result<(), Box<dyn std::error::Error>> {
        let r = &trend_rule("relief_use_rising")?;
        assert!(rising_fires(r, &[1, 2, 3, 4]));
        assert!(rising_fires(r, &[5, 1, 2, 3, 4]));
        assert!(!rising_fires(r, &[1, 2, 2, 4]));
        assert!(!rising_fires(r, &[2, 3, 4]));
        Ok(())
    }
}
