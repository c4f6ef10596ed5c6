//! Checks of a question set's scores, rules across check-ins, trends and persistence: the
//! parts that compute rather than ask, each problem named against its owner.

use std::collections::HashMap;

use super::item_checks::check_id;
use super::item_checks::check_integer_item;
use super::validate::{check_short, check_source, duplicates};
use super::{EachStep, ItemDef, QuestionnaireDef, ScoreDef, TrendKind};

/// Every problem of the scores, trend flags, trends and persistence rule.
pub(super) fn check_rules(
    def: &QuestionnaireDef,
    items: &HashMap<&str, (usize, &ItemDef)>,
    p: &mut Vec<String>,
) {
    let source = |p: &mut Vec<String>, owner: &str, key: &str| check_source(def, p, owner, key);
    for (index, score) in def.scores.iter().enumerate() {
        let owner = format!("score '{}' (scores[{index}])", score.id);
        source(p, &owner, &score.source);
        if score.items.is_empty() {
            p.push(format!("{owner}: \"items\" is empty"));
        }
        for id in &score.items {
            check_integer_item(p, &owner, id, items);
        }
        if score.min > score.max {
            p.push(format!(
                "{owner}: \"min\" ({}) is greater than \"max\" ({})",
                score.min, score.max
            ));
        }
        check_bands(p, &owner, score);
    }

    for (index, rule) in def.trend_flags.iter().enumerate() {
        let owner = format!("trend flag '{}' (trend_flags[{index}])", rule.id);
        check_id(p, &owner, &rule.id);
        check_short(p, &owner, rule.short.as_deref());
        for s in &rule.sources {
            source(p, &owner, s);
        }
        if rule.items.is_empty() {
            p.push(format!("{owner}: \"items\" is empty"));
        }
        for id in &rule.items {
            check_integer_item(p, &owner, id, items);
        }
        match rule.kind {
            TrendKind::Rise => {
                if rule.each_step != EachStep::Up || rule.min_total_rise.is_some() {
                    p.push(format!(
                        "{owner}: \"each_step\" and \"min_total_rise\" belong to a \"rising\" rule"
                    ));
                }
                if rule.or_min_previous.is_some() && rule.or_min_rise.is_none() {
                    p.push(format!(
                        "{owner}: \"or_min_previous\" needs \"or_min_rise\" and \"or_min_percent\""
                    ));
                }
                if rule.min_rise.is_none() && rule.or_min_rise.is_none() {
                    p.push(format!(
                        "{owner}: a \"rise\" rule needs \"min_rise\" or \"or_min_rise\""
                    ));
                }
                if rule.or_min_rise.is_some() != rule.or_min_percent.is_some() {
                    p.push(format!(
                        "{owner}: \"or_min_rise\" and \"or_min_percent\" go together"
                    ));
                }
            }
            TrendKind::Rising => {
                if rule.min_rise.is_some()
                    || rule.or_min_rise.is_some()
                    || rule.or_min_percent.is_some()
                    || rule.or_min_previous.is_some()
                    || rule.or_over_two.is_some()
                {
                    p.push(format!(
                        "{owner}: \"min_rise\", \"or_min_rise\", \"or_min_percent\", \"or_min_previous\" and \"or_over_two\" belong to a \"rise\" rule"
                    ));
                }
                let steps = rule.steps.unwrap_or(0);
                if steps == 0 || steps >= super::LOOKBACK {
                    p.push(format!(
                        "{owner}: a \"rising\" rule needs \"steps\" from 1 to {}",
                        super::LOOKBACK - 1
                    ));
                }
            }
        }
    }

    for id in duplicates(def.trends.iter().map(|t| t.id.as_str())) {
        p.push(format!(
            "trend '{id}': the id is used by more than one trend"
        ));
    }
    for (index, trend) in def.trends.iter().enumerate() {
        let owner = format!("trend '{}' (trends[{index}])", trend.id);
        match (&trend.score, &trend.item) {
            (Some(score), None) => {
                if def.scores.iter().all(|s| &s.id != score) {
                    p.push(format!("{owner}: names unknown score \"{score}\""));
                }
            }
            (None, Some(item)) => check_integer_item(p, &owner, item, items),
            _ => p.push(format!(
                "{owner}: needs exactly one of \"score\" and \"item\""
            )),
        }
    }

    if let Some(rule) = def.persistence {
        if rule.window == 0
            || rule.window > super::LOOKBACK
            || rule.min_count == 0
            || rule.min_count > rule.window
        {
            p.push(format!(
                "\"persistence\": needs 1 <= min_count <= window <= {} (found window {}, min_count {})",
                super::LOOKBACK, rule.window, rule.min_count
            ));
        }
    }
}

/// A score's bands: names given, lowest first, covering its range without gaps or overlaps
/// (a whole-number score: each band starts one above the last one's end).
fn check_bands(p: &mut Vec<String>, owner: &str, score: &ScoreDef) {
    let Some(bands) = &score.bands else {
        return;
    };
    if bands.by.trim().is_empty() || bands.ranges.iter().any(|b| b.name.trim().is_empty()) {
        p.push(format!(
            "{owner}: \"bands\" need \"by\" (who named them) and a \"name\" for each band"
        ));
    }
    let step = 10f64.powi(-i32::from(score.decimals));
    let mut next = score.min;
    for b in &bands.ranges {
        if (b.min - next).abs() > 1e-9 || b.max < b.min {
            p.push(format!(
                "{owner}: band \"{}\" ({}-{}) must start at {next} and not end before it starts; bands cover {}-{} in order without gaps",
                b.name, b.min, b.max, score.min, score.max
            ));
            return;
        }
        next = b.max + step;
    }
    if (next - step - score.max).abs() > 1e-9 {
        p.push(format!(
            "{owner}: the bands end at {}, not at the score's \"max\" ({})",
            next - step,
            score.max
        ));
    }
}
