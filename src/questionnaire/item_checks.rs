//! The shape of one item and one condition: ids, integer ranges and anchors, options, text
//! limits, and comparisons that fit the item they name. Part of validating a set.

use std::collections::HashMap;

use serde_json::Value;

use super::validate::duplicates;
use super::{Comparison, ItemDef, ItemType, Op};

pub(super) fn check_id(p: &mut Vec<String>, owner: &str, id: &str) {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && id.starts_with(|c: char| c.is_ascii_lowercase());
    if !ok {
        p.push(format!(
            "{owner}: an id must start with a-z and hold only a-z, 0-9 and _"
        ));
    }
}

pub(super) fn check_integer_item(
    p: &mut Vec<String>,
    owner: &str,
    id: &str,
    items: &HashMap<&str, (usize, &ItemDef)>,
) {
    match items.get(id) {
        None => p.push(format!("{owner}: names unknown item \"{id}\"")),
        Some((_, item)) if item.kind != ItemType::Integer => {
            p.push(format!("{owner}: item \"{id}\" is not an integer item"))
        }
        Some(_) => {}
    }
}

pub(super) fn check_item_shape(p: &mut Vec<String>, owner: &str, item: &ItemDef) {
    let has_range = item.min.is_some() || item.max.is_some();
    match item.kind {
        ItemType::Integer => {
            match (item.min, item.max) {
                (Some(min), Some(max)) => {
                    if min > max {
                        p.push(format!(
                            "{owner}: \"min\" ({min}) is greater than \"max\" ({max})"
                        ));
                    }
                    for key in item.anchors.keys().filter(|_| min <= max) {
                        match key.parse::<i64>() {
                        Ok(v) if (min..=max).contains(&v) => {}
                        _ => p.push(format!("{owner}: anchor \"{key}\" is not a whole number from {min} to {max}")),
                    }
                    }
                    if max - min > 100 {
                        p.push(format!(
                            "{owner}: a scale of more than 101 values cannot be shown as a list"
                        ));
                    }
                }
                _ => p.push(format!(
                    "{owner}: an integer item needs \"min\" and \"max\""
                )),
            }
        }
        other => {
            if has_range {
                p.push(format!(
                    "{owner}: \"min\"/\"max\" apply only to integer items"
                ));
            }
            if !item.anchors.is_empty() {
                p.push(format!("{owner}: \"anchors\" apply only to integer items"));
            }
            if other == ItemType::Choice {
                if item.options.is_empty() {
                    p.push(format!("{owner}: a choice item needs \"options\""));
                }
                for id in duplicates(item.options.iter().map(|o| o.id.as_str())) {
                    p.push(format!("{owner}: option \"{id}\" appears more than once"));
                }
            }
        }
    }
    if item.kind != ItemType::Choice && !item.options.is_empty() {
        p.push(format!("{owner}: \"options\" apply only to choice items"));
    }
    if item.kind != ItemType::Text && item.max_length.is_some() {
        p.push(format!(
            "{owner}: \"max_length\" applies only to text items"
        ));
    }
    if item.kind != ItemType::Text && !item.required {
        p.push(format!(
            "{owner}: only text items can be optional (\"required\": false)"
        ));
    }
}

/// Checks that a comparison's value fits the item it compares.
pub(super) fn check_comparison(
    p: &mut Vec<String>,
    owner: &str,
    cmp: &Comparison,
    item: Option<&ItemDef>,
) {
    let values: Vec<&Value> = match &cmp.value {
        Value::Array(list) if cmp.op == Op::In => list.iter().collect(),
        v => vec![v],
    };
    let Some(item) = item else {
        // A score: numbers only.
        if values.iter().any(|v| !v.is_number()) {
            p.push(format!(
                "{owner}: scores compare with numbers (condition on {})",
                cmp.operand
            ));
        }
        return;
    };
    if cmp.op.is_ordering() && item.kind != ItemType::Integer {
        p.push(format!(
            "{owner}: \"{}\" needs an integer item, but \"{}\" is {:?}",
            cmp.op.as_str(),
            item.id,
            item.kind
        ));
        return;
    }
    for v in values {
        let fits = match item.kind {
            ItemType::Integer => v.is_number(),
            ItemType::Boolean => v.is_boolean(),
            ItemType::Choice => v.as_str().is_some_and(|s| item.option_label(s).is_some()),
            ItemType::Text => v.is_string(),
        };
        if !fits {
            p.push(format!(
                "{owner}: condition on \"{}\" compares with {v}, which it can never be ({})",
                item.id,
                item.allowed()
            ));
        }
    }
}
