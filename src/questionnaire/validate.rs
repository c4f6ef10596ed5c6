//! Full validation of a questions file, collecting every problem rather than the first.
//!
//! A set that does not fit its shape has each item, score and rule deserialised on its own,
//! so a typo is reported against the item it is in ("item 'peg_pain' (items[0]): unknown
//! field `mn`"); then the cross-references (sections, sources, conditions, scores) are
//! checked as a whole.

use std::collections::{BTreeSet, HashMap};

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use super::content_checks::{control_characters, worst_record_bytes};
use super::item_checks::{check_comparison, check_id, check_item_shape};
use super::{ItemDef, Operand, QuestionnaireDef, FORMAT};

/// Parses `bytes` as a questions file; on failure, every problem found, one per line.
pub(super) fn parse_and_validate(bytes: &[u8]) -> Result<QuestionnaireDef, Vec<String>> {
    let value: Value =
        crate::base::json::parse(bytes).map_err(|e| vec![format!("not valid JSON: {e}")])?;
    let Value::Object(map) = &value else {
        return Err(vec!["the file must hold one JSON object".to_string()]);
    };
    let mut unsafe_texts = Vec::new();
    control_characters(&value, "", &mut unsafe_texts);
    if !unsafe_texts.is_empty() {
        return Err(unsafe_texts);
    }
    match map.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(vec![format!(
                "\"format\" is \"{other}\"; this version of selfcheck reads \"{FORMAT}\" (a newer selfcheck may read it)"
            )])
        }
        None => return Err(vec![format!("\"format\": \"{FORMAT}\" is missing")]),
    }

    // The whole set at once; when it does not fit, each part alone, so each mistake is
    // named by the part it is in (a set that fits has parts that fit).
    let def = match QuestionnaireDef::deserialize(&value) {
        Ok(def) => def,
        Err(whole) => {
            let problems = part_problems(map);
            return Err(if problems.is_empty() {
                vec![whole.to_string()]
            } else {
                problems
            });
        }
    };
    let problems = check_references(&def);
    if problems.is_empty() {
        Ok(def)
    } else {
        Err(problems)
    }
}

/// What is wrong with each part of a set that does not fit, named by its part.
fn part_problems(map: &serde_json::Map<String, Value>) -> Vec<String> {
    let mut problems = Vec::new();
    for (key, what) in [
        ("items", "item"),
        ("scores", "score"),
        ("flags", "flag"),
        ("trend_flags", "trend flag"),
        ("sections", "section"),
        ("trends", "trend"),
    ] {
        if let Some(Value::Array(list)) = map.get(key) {
            for (i, part) in list.iter().enumerate() {
                let err = match key {
                    "items" => check_part::<ItemDef>(part),
                    "scores" => check_part::<super::ScoreDef>(part),
                    "flags" => check_part::<super::FlagRule>(part),
                    "trend_flags" => check_part::<super::TrendRule>(part),
                    "trends" => check_part::<super::TrendDef>(part),
                    _ => check_part::<super::SectionDef>(part),
                };
                if let Some(err) = err {
                    problems.push(format!("{} ({key}[{i}]): {err}", name_of(what, part)));
                }
            }
        }
    }
    problems
}

fn check_part<T: DeserializeOwned>(part: &Value) -> Option<String> {
    T::deserialize(part).err().map(|e| e.to_string())
}

fn name_of(what: &str, part: &Value) -> String {
    match part.get("id").and_then(Value::as_str) {
        Some(id) => format!("{what} '{id}'"),
        None => what.to_string(),
    }
}

pub(super) fn duplicates<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = BTreeSet::new();
    let mut dups = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            dups.insert(id);
        }
    }
    dups.into_iter().collect()
}

fn check_references(def: &QuestionnaireDef) -> Vec<String> {
    let mut p = Vec::new();
    let worst = worst_record_bytes(def);
    if worst > super::MAX_RECORD_BYTES {
        p.push(format!(
            "answers at every text item's max_length could make a check-in of {worst} bytes, over the {} byte limit of a stored check-in; lower the max_length of the text items",
            super::MAX_RECORD_BYTES
        ));
    }
    if def.id.trim().is_empty()
        || !def
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        p.push(format!(
            "\"id\" must be letters, digits, _ or - (found \"{}\")",
            def.id
        ));
    }
    if def.items.is_empty() {
        p.push("\"items\" is empty: a question set needs at least one item".to_string());
    }
    for id in duplicates(def.items.iter().map(|i| i.id.as_str())) {
        p.push(format!("item '{id}': the id is used by more than one item"));
    }
    for id in duplicates(def.sections.iter().map(|s| s.id.as_str())) {
        p.push(format!(
            "section '{id}': the id is used by more than one section"
        ));
    }
    for id in duplicates(def.scores.iter().map(|s| s.id.as_str())) {
        p.push(format!(
            "score '{id}': the id is used by more than one score"
        ));
    }
    let flag_ids = def
        .flags
        .iter()
        .map(|f| f.id.as_str())
        .chain(def.trend_flags.iter().map(|f| f.id.as_str()));
    for id in duplicates(flag_ids) {
        p.push(format!("flag '{id}': the id is used by more than one flag"));
    }
    let items: HashMap<&str, (usize, &ItemDef)> = def
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.as_str(), (i, it)))
        .collect();
    for f in def
        .flags
        .iter()
        .map(|f| &f.id)
        .chain(def.trend_flags.iter().map(|f| &f.id))
    {
        if items.contains_key(f.as_str()) {
            p.push(format!(
                "flag '{f}': the id is also an item id; flag ids and item ids must differ"
            ));
        }
    }
    let source = |p: &mut Vec<String>, owner: &str, key: &str| check_source(def, p, owner, key);

    for (index, item) in def.items.iter().enumerate() {
        let owner = format!("item '{}' (items[{index}])", item.id);
        check_id(&mut p, &owner, &item.id);
        if def.section(&item.section).is_none() {
            p.push(format!(
                "{owner}: section \"{}\" is not in \"sections\"",
                item.section
            ));
        }
        source(&mut p, &owner, &item.source.source);
        check_item_shape(&mut p, &owner, item);
        if item.from_journal && item.kind != super::ItemType::Integer {
            p.push(format!(
                "{owner}: \"from_journal\" is for an integer item (a number of days)"
            ));
        }
        if let Some(cond) = &item.ask_if {
            for cmp in cond.comparisons() {
                match &cmp.operand {
                    Operand::Score(s) => match def.scores.iter().find(|x| &x.id == s) {
                        None => p.push(format!("{owner}: \"ask_if\" names unknown score \"{s}\"")),
                        Some(score) => {
                            let later = score.items.iter().any(|i| items.get(i.as_str()).is_none_or(|(at, _)| *at >= index));
                            if later {
                                p.push(format!("{owner}: \"ask_if\" names score \"{s}\", whose items are not all asked before this item"));
                            }
                        }
                    },
                    Operand::Item(target) => match items.get(target.as_str()) {
                        None => p.push(format!("{owner}: \"ask_if\" names unknown item \"{target}\"")),
                        Some((at, _)) if *at >= index => p.push(format!(
                            "{owner}: \"ask_if\" names \"{target}\", which is not asked before this item"
                        )),
                        Some((_, target_item)) => check_comparison(&mut p, &owner, cmp, Some(target_item)),
                    },
                }
            }
        }
    }

    for (index, flag) in def.flags.iter().enumerate() {
        let owner = format!("flag '{}' (flags[{index}])", flag.id);
        check_id(&mut p, &owner, &flag.id);
        check_short(&mut p, &owner, flag.short.as_deref());
        for s in &flag.sources {
            source(&mut p, &owner, s);
        }
        let graded = flag.graded.iter().flat_map(|g| g.when.comparisons());
        for cmp in flag.when.comparisons().into_iter().chain(graded) {
            match &cmp.operand {
                Operand::Item(id) => match items.get(id.as_str()) {
                    None => p.push(format!("{owner}: \"when\" names unknown item \"{id}\"")),
                    Some((_, item)) => check_comparison(&mut p, &owner, cmp, Some(item)),
                },
                Operand::Score(id) => {
                    if def.scores.iter().all(|s| &s.id != id) {
                        p.push(format!("{owner}: \"when\" names unknown score \"{id}\""));
                    } else {
                        check_comparison(&mut p, &owner, cmp, None);
                    }
                }
            }
        }
    }

    super::rule_checks::check_rules(def, &items, &mut p);
    p
}

/// A source key that is not in `sources`, named with the ones that are.
pub(super) fn check_source(def: &QuestionnaireDef, p: &mut Vec<String>, owner: &str, key: &str) {
    if !def.sources.contains_key(key) {
        let known: Vec<&str> = def.sources.keys().map(String::as_str).collect();
        p.push(format!(
            "{owner}: source \"{key}\" is not in \"sources\" (known: {})",
            known.join(", ")
        ));
    }
}

/// A short title fits a table column: at most 28 characters.
pub(super) fn check_short(p: &mut Vec<String>, owner: &str, short: Option<&str>) {
    if let Some(short) = short {
        let n = short.chars().count();
        if n == 0 || n > 28 {
            p.push(format!(
                "{owner}: \"short\" is {n} characters; give 1 to 28 (it is shown in tables)"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> serde_json::Result<Value> {
        serde_json::from_str(super::super::BUILTIN_WEEKLY)
    }

    fn problems(v: Value) -> Vec<String> {
        parse_and_validate(v.to_string().as_bytes()).unwrap_err()
    }

    #[test]
    fn reports_duplicates_unknown_refs_and_bad_ranges_together() -> serde_json::Result<()> {
        let mut v = base()?;
        v["items"][1]["id"] = "peg_pain".into();
        v["items"][0]["min"] = 11.into();
        v["flags"][1]["when"]["score"] = "phq3".into();
        let p = problems(v);
        assert!(
            p.iter()
                .any(|m| m.contains("item 'peg_pain': the id is used by more than one item")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|m| m.contains("\"min\" (11) is greater than \"max\" (10)")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|m| m
                    .contains("flag 'low_mood' (flags[1]): \"when\" names unknown score \"phq3\"")),
            "{p:?}"
        );
        Ok(())
    }

    #[test]
    fn names_the_item_with_an_unknown_type() -> serde_json::Result<()> {
        let mut v = base()?;
        v["items"][2]["type"] = "slider".into();
        let p = problems(v);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with("item 'peg_activity' (items[2]): unknown variant `slider`"),
            "{p:?}"
        );
        Ok(())
    }

    #[test]
    fn skip_logic_must_point_backwards() -> serde_json::Result<()> {
        let mut v = base()?;
        v["items"][0]["ask_if"] = serde_json::json!({"item": "stress", "op": ">", "value": 1});
        let p = problems(v);
        assert!(
            p.iter().any(|m| m.contains("not asked before this item")),
            "{p:?}"
        );
        Ok(())
    }
}
