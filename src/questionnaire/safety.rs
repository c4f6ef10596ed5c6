//! The floor under every question set: crisis lines that no set can remove or replace.
//!
//! A set is data anyone can write, and a set can arrive inside an import from anywhere. So
//! whatever set is read (an own set, a stored copy, a carried set), before it is used:
//! - a rule that speaks to safety (situation safety, severity urgent, or reading the built-in
//!   set's self-harm item, PHQ-9 item 9) brings the full crisis block, whatever its `crisis`
//!   says;
//! - a set that asks the self-harm item but has no such rule gets selfcheck's own;
//! - the rule that reads the self-harm item speaks selfcheck's own words (its message and
//!   graded messages), never the set's;
//! - the crisis text (title, lines, one-line version, regions) is always the binary's own;
//!   the set's own lines are kept apart, shown only for an own set in the config folder
//!   (marked as the set's, after the binary's), never for a carried one.
//!
//! A file the person names or keeps as an own set (`Questionnaire::load`) that needed any of
//! this is refused, with why: `questions validate` says so before it is used.

use super::rules::{CrisisLevel, FlagRule, Severity, Situation};
use super::{Operand, QuestionnaireDef};

/// The built-in set's self-harm item (PHQ-9 item 9): the item its urgent rule reads. Named
/// by the set, not by code, like every item.
pub(crate) fn self_harm_item(builtin: &QuestionnaireDef) -> Option<String> {
    builtin
        .flags
        .iter()
        .filter(|f| f.severity == Severity::Urgent && f.crisis == CrisisLevel::Full)
        .flat_map(|f| f.when.comparisons())
        .find_map(|c| match &c.operand {
            Operand::Item(id) => Some(id.clone()),
            Operand::Score(_) => None,
        })
}

/// Whether a rule speaks to safety (`item`: the self-harm item).
fn is_safety(rule: &FlagRule, item: &str) -> bool {
    rule.situation == Some(Situation::Safety)
        || rule.severity == Severity::Urgent
        || reads(rule, item)
}

fn reads(rule: &FlagRule, item: &str) -> bool {
    rule.when
        .comparisons()
        .iter()
        .any(|c| c.operand == Operand::Item(item.to_string()))
}

/// Puts the floor under `def` (see the module comment), with `builtin` the binary's own
/// set. Returns what had to change, in words for a set's author (empty when nothing did),
/// and the set's own crisis lines, kept apart.
pub(crate) fn enforce(
    def: &mut QuestionnaireDef,
    builtin: &QuestionnaireDef,
) -> (Vec<String>, Vec<String>) {
    let mut problems = Vec::new();
    let item = self_harm_item(builtin).unwrap_or_default();
    let own_safety = builtin.flags.iter().find(|f| reads(f, &item));
    for rule in &mut def.flags {
        if is_safety(rule, &item) && rule.crisis != CrisisLevel::Full {
            problems.push(format!(
                "flag \"{}\" speaks to safety, so it must bring the crisis lines: set \"crisis\": \"full\" (selfcheck shows them either way)",
                rule.id
            ));
            rule.crisis = CrisisLevel::Full;
        }
        if let (true, Some(own)) = (reads(rule, &item), own_safety) {
            rule.message = own.message.clone();
            rule.graded = own.graded.clone();
            rule.earlier = own.earlier.clone();
        }
    }
    let asks = !item.is_empty() && def.items.iter().any(|i| i.id == item);
    if asks && !def.flags.iter().any(|f| reads(f, &item)) {
        if let Some(own) = own_safety {
            problems.push(format!(
                "the set asks \"{item}\" but no flag shows the crisis lines for it; add selfcheck's own flag \"{}\" (selfcheck adds it either way)",
                own.id
            ));
            let mut own = own.clone();
            while def.flags.iter().any(|f| f.id == own.id) {
                own.id.push('_');
            }
            for key in &own.sources {
                if let Some(source) = builtin.sources.get(key) {
                    def.sources
                        .entry(key.clone())
                        .or_insert_with(|| source.clone());
                }
            }
            def.flags.insert(0, own);
        }
    }
    let theirs = std::mem::replace(&mut def.crisis, builtin.crisis.clone());
    let own_lines: Vec<String> = theirs
        .lines
        .iter()
        .chain(theirs.regions.iter().map(|r| &r.line))
        .filter(|l| {
            !builtin.crisis.lines.contains(l)
                && !builtin.crisis.regions.iter().any(|r| &r.line == *l)
        })
        .cloned()
        .collect();
    (problems, own_lines)
}
