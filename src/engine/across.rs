//! The arithmetic of rules across check-ins: a `rise` between two check-ins (worse, or the
//! same fall as meaningful improvement) and a `rising` run, on sums so no rounding decides.

use crate::questionnaire::{EachStep, Questionnaire, TrendRule};

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
                    change >= m
                        && rule.or_min_previous.is_none_or(|least| from >= least)
                        && i128::from(change) * 100 >= i128::from(pct) * i128::from(from)
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
                fall >= m
                    && rule.or_min_previous.is_none_or(|least| previous >= least)
                    && i128::from(fall) * 100 >= i128::from(pct) * i128::from(previous)
            }
            _ => false,
        }
}

/// `rise` over two steps (`or_over_two`): the sums `s0, s1, s2` (the latest last) rose by at
/// least that much without a fall between, or fell the same way (improvement).
pub(super) fn two_step_outcome(rule: &TrendRule, s0: i64, s1: i64, s2: i64) -> RiseOutcome {
    let Some(m) = rule.or_over_two else {
        return RiseOutcome::Same;
    };
    if s1 >= s0 && s2 >= s1 && s2.saturating_sub(s0) >= m {
        RiseOutcome::Worse
    } else if s1 <= s0 && s2 <= s1 && s0.saturating_sub(s2) >= m {
        RiseOutcome::Better
    } else {
        RiseOutcome::Same
    }
}

/// Whether a `rising` rule fires on a run of sums ending with the current check-in: up
/// (or never down) at each of its steps, and by at least `min_total_rise` over the run.
pub fn rising_fires(rule: &TrendRule, sums: &[i64]) -> bool {
    let steps = rule.steps.unwrap_or(usize::MAX);
    if sums.len() <= steps {
        return false;
    }
    let run = &sums[sums.len() - steps - 1..];
    let each = run.windows(2).all(|w| match rule.each_step {
        EachStep::Up => w[1] > w[0],
        EachStep::NotDown => w[1] >= w[0],
    });
    let total = run[run.len() - 1].saturating_sub(run[0]);
    each && rule.min_total_rise.is_none_or(|m| total >= m)
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
    use crate::answers::{Answer, Answers, Slot};
    use crate::engine::item_sum;

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
        // Version 3 (contract.md): 2 PEG points (a sum of 6) between neighbours…
        assert_eq!(rise_outcome(&r, 20, 26), RiseOutcome::Worse); // +6
        assert_eq!(rise_outcome(&r, 20, 25), RiseOutcome::Same); // +5
        assert_eq!(rise_outcome(&r, 10, 13), RiseOutcome::Same); // +3, 1 point, even at 30%
        assert_eq!(rise_outcome(&r, 0, 6), RiseOutcome::Worse); // PEG 0 -> 2
        assert_eq!(rise_outcome(&r, 26, 20), RiseOutcome::Better);
        assert_eq!(rise_outcome(&r, 13, 10), RiseOutcome::Same);
        // … or over the last two, never down between.
        assert_eq!(two_step_outcome(&r, 7, 10, 13), RiseOutcome::Worse);
        assert_eq!(two_step_outcome(&r, 7, 7, 13), RiseOutcome::Worse);
        assert_eq!(two_step_outcome(&r, 7, 10, 12), RiseOutcome::Same); // +5
        assert_eq!(two_step_outcome(&r, 7, 5, 13), RiseOutcome::Same); // fell between
        assert_eq!(two_step_outcome(&r, 7, 10, 7), RiseOutcome::Same); // back and forth
        assert_eq!(two_step_outcome(&r, 13, 10, 7), RiseOutcome::Better);
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
    fn rising_never_falls_and_rises_by_two() -> Result<(), Box<dyn std::error::Error>> {
        let r = &trend_rule("relief_use_rising")?;
        assert!(rising_fires(r, &[1, 2, 3, 4]));
        assert!(rising_fires(r, &[5, 1, 2, 3, 4]));
        assert!(rising_fires(r, &[1, 1, 2, 3])); // version 2: never down, +2
        assert!(rising_fires(r, &[1, 2, 2, 4]));
        assert!(!rising_fires(r, &[1, 2, 1, 3])); // fell once
        assert!(!rising_fires(r, &[0, 0, 0, 1])); // only +1
        assert!(!rising_fires(r, &[2, 3, 4]));
        Ok(())
    }
}
