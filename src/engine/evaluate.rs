//! One pass over the history: each check-in's scores, the flags it raised (one-check-in
//! rules and rules across check-ins) and what each flag rests on, as typed data. Words are
//! the summary model's job; this only decides.

use chrono::NaiveDate;
use serde::Serialize;

use crate::questionnaire::{TrendKind, TrendRule};
use crate::store::StoredCheckin;

use super::{comparable, evidence_held, fired_flags, item_sum, rise_outcome, rising_fires};
use super::{scores, RiseOutcome};

/// Which way a change between check-ins went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// A meaningful rise: a flag.
    Worse,
    /// The same fall: meaningful improvement, never a flag.
    Improvement,
}

/// A meaningful change of a `rise` rule's sum between two check-ins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The rule's id.
    pub rule: String,
    /// Worse or better.
    pub direction: Direction,
    /// Earlier check-in's day.
    pub from_date: NaiveDate,
    /// Later check-in's day.
    pub to_date: NaiveDate,
    /// Earlier sum.
    pub from: i64,
    /// Later sum.
    pub to: i64,
    /// Highest possible sum.
    pub max: i64,
}

/// What a flag rests on at one check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// The items (scores expanded) of a one-check-in rule.
    Answers(Vec<String>),
    /// A `rise` between the previous check-in and this one.
    Step(Step),
    /// A `rising` run of sums ending at this check-in, oldest first.
    Run {
        /// The days of the run.
        dates: Vec<NaiveDate>,
        /// The sums.
        values: Vec<i64>,
        /// Highest possible sum.
        max: i64,
    },
}

/// What one check-in evaluated to.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Every score of its set, in order.
    pub scores: Vec<(String, Option<f64>)>,
    /// Flag ids it raised: one-check-in rules first, then rules across check-ins.
    pub flags: Vec<String>,
    /// Meaningful changes since the previous check-in (worse and better).
    pub steps: Vec<Step>,
    /// What each flag rests on (only for check-ins asked for in detail).
    pub bases: Vec<(String, Basis)>,
}

/// The highest possible sum of a rule's items.
pub(super) fn max_sum(q: &crate::questionnaire::Questionnaire, items: &[String]) -> i64 {
    items
        .iter()
        .filter_map(|id| q.item(id))
        .filter_map(|i| i.max)
        .sum()
}

/// Evaluates every check-in of the history; what flags rest on (which costs allocations)
/// only for those in `detail`. Each reads the history before it and nothing else, so a long
/// one is evaluated on a few threads.
pub fn evaluate_all(history: &[StoredCheckin], detail: std::ops::Range<usize>) -> Vec<Evaluation> {
    crate::base::parallel::map_indexed(history.len(), |i| {
        evaluate_one(history, i, detail.contains(&i))
    })
}

fn evaluate_one(history: &[StoredCheckin], i: usize, explain: bool) -> Evaluation {
    let current = &history[i];
    let q = &current.questionnaire;
    let answers = &current.record.answers;
    let mut flags = fired_flags(q, answers);
    let mut bases: Vec<(String, Basis)> = Vec::new();
    if explain {
        for id in &flags {
            if let Some(f) = q.def.flags.iter().find(|f| &f.id == id) {
                bases.push((
                    id.clone(),
                    Basis::Answers(evidence_held(q, &f.when, answers)),
                ));
            }
        }
    }
    let mut steps = Vec::new();
    for rule in &q.def.trend_flags {
        let Some(sum) = item_sum(answers, &rule.items) else {
            continue;
        };
        let fired = match rule.kind {
            TrendKind::Rise => rise(history, i, rule, sum).map(|step| {
                let worse = step.direction == Direction::Worse;
                steps.push(step.clone());
                (worse, Basis::Step(step))
            }),
            TrendKind::Rising => run(history, i, rule).map(|(dates, values)| {
                let basis = Basis::Run {
                    dates,
                    values,
                    max: max_sum(q, &rule.items),
                };
                (true, basis)
            }),
        };
        if let Some((true, basis)) = fired {
            flags.push(rule.id.clone());
            if explain {
                bases.push((rule.id.clone(), basis));
            }
        }
    }
    Evaluation {
        scores: scores(q, answers),
        flags,
        steps,
        bases,
    }
}

/// The meaningful change of a `rise` rule since the previous check-in, if any.
fn rise(history: &[StoredCheckin], i: usize, rule: &TrendRule, sum: i64) -> Option<Step> {
    let current = &history[i];
    let prev = &history[i.checked_sub(1)?];
    if !comparable(rule, &prev.questionnaire, &current.questionnaire) {
        return None;
    }
    let prev_sum = item_sum(&prev.record.answers, &rule.items)?;
    let step = |direction, from: &StoredCheckin, from_sum| Step {
        rule: rule.id.clone(),
        direction,
        from_date: from.record.date,
        to_date: current.record.date,
        from: from_sum,
        to: sum,
        max: max_sum(&current.questionnaire, &rule.items),
    };
    match rise_outcome(rule, prev_sum, sum) {
        RiseOutcome::Worse => return Some(step(Direction::Worse, prev, prev_sum)),
        RiseOutcome::Better => return Some(step(Direction::Improvement, prev, prev_sum)),
        RiseOutcome::Same => {}
    }
    // Or over the last two steps, never back between (`or_over_two`).
    let before = &history[i.checked_sub(2)?];
    if !comparable(rule, &before.questionnaire, &current.questionnaire) {
        return None;
    }
    let first = item_sum(&before.record.answers, &rule.items)?;
    match super::across::two_step_outcome(rule, first, prev_sum, sum) {
        RiseOutcome::Worse => Some(step(Direction::Worse, before, first)),
        RiseOutcome::Better => Some(step(Direction::Improvement, before, first)),
        RiseOutcome::Same => None,
    }
}

/// The run of a `rising` rule ending at check-in `i`, when it fires: its days and sums.
fn run(
    history: &[StoredCheckin],
    i: usize,
    rule: &TrendRule,
) -> Option<(Vec<NaiveDate>, Vec<i64>)> {
    let steps = rule.steps?;
    let start = i.checked_sub(steps)?;
    let q = &history[i].questionnaire;
    let run = &history[start..=i];
    if !run.iter().all(|c| comparable(rule, &c.questionnaire, q)) {
        return None;
    }
    let sums: Vec<i64> = run
        .iter()
        .map(|c| item_sum(&c.record.answers, &rule.items))
        .collect::<Option<_>>()?;
    rising_fires(rule, &sums).then(|| (run.iter().map(|c| c.record.date).collect(), sums))
}
