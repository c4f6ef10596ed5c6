//! Answers: what a person gave for each item, and the `--answers` file that supplies them
//! without prompts.
//!
//! An item is either answered, asked but left empty (optional text only), or skipped by skip
//! logic. Skipped is stored as skipped and never as an invented value; rules read it as 0 / no.

use std::fmt;
use std::rc::Rc;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::questionnaire::{ItemDef, ItemType, Questionnaire};
use crate::rules;

/// An answer value. Choice options are stored by id, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// An integer item.
    Int(i64),
    /// A yes/no item.
    Bool(bool),
    /// A choice id or free text.
    Text(String),
}

/// What happened to one item in a check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// Answered.
    Given(Answer),
    /// Asked, left empty (optional items only). Stored as `null`.
    Empty,
    /// Not asked because of skip logic. Stored as `{"skipped": true}`.
    Skipped,
}

thread_local! {
    /// Item ids are a few dozen strings repeated in every record: one copy each.
    static IDS: std::cell::RefCell<std::collections::HashSet<Rc<str>>> = Default::default();
}

fn intern(id: &str) -> Rc<str> {
    IDS.with(|ids| {
        let mut ids = ids.borrow_mut();
        match ids.get(id) {
            Some(rc) => Rc::clone(rc),
            None => {
                let rc: Rc<str> = Rc::from(id);
                ids.insert(Rc::clone(&rc));
                rc
            }
        }
    })
}

/// Answers in question order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers(Vec<(Rc<str>, Slot)>);

impl Answers {
    /// The slot of an item, if it has one yet.
    pub fn get(&self, id: &str) -> Option<&Slot> {
        self.0.iter().find(|(k, _)| &**k == id).map(|(_, s)| s)
    }

    /// Sets or replaces an item's slot, keeping question order for new ones at the end.
    pub fn set(&mut self, id: &str, slot: Slot) {
        match self.0.iter_mut().find(|(k, _)| &**k == id) {
            Some(entry) => entry.1 = slot,
            None => self.0.push((intern(id), slot)),
        }
    }

    /// Forgets an item.
    pub fn remove(&mut self, id: &str) {
        self.0.retain(|(k, _)| &**k != id);
    }

    /// Every (item id, slot), in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Slot)> {
        self.0.iter().map(|(k, s)| (&**k, s))
    }

    /// Puts the slots in the questionnaire's order (items it does not know go last).
    pub fn sort_by_questionnaire(&mut self, q: &Questionnaire) {
        self.0.sort_by_key(|(k, _)| {
            q.def
                .items
                .iter()
                .position(|i| *i.id == **k)
                .unwrap_or(usize::MAX)
        });
    }
}

impl Answer {
    /// The answer as it reads in a summary: "5 (Pain as bad ...)" or "Most days".
    pub fn describe(&self, item: Option<&ItemDef>) -> String {
        match (self, item) {
            (Answer::Int(v), Some(item)) => match item.anchor(*v) {
                Some(label) => format!("{v} ({label})"),
                None => match item.max {
                    Some(max) => format!("{v} of {max}"),
                    None => v.to_string(),
                },
            },
            (Answer::Int(v), None) => v.to_string(),
            (Answer::Bool(true), _) => "Yes".to_string(),
            (Answer::Bool(false), _) => "No".to_string(),
            (Answer::Text(s), Some(item)) if item.kind == ItemType::Choice => {
                item.option_label(s).unwrap_or(s).to_string()
            }
            (Answer::Text(s), _) => s.clone(),
        }
    }

    fn to_json(&self) -> Value {
        match self {
            Answer::Int(v) => Value::from(*v),
            Answer::Bool(b) => Value::Bool(*b),
            Answer::Text(s) => Value::String(s.clone()),
        }
    }
}

impl Slot {
    /// The answer, when there is one.
    pub fn answer(&self) -> Option<&Answer> {
        match self {
            Slot::Given(a) => Some(a),
            _ => None,
        }
    }

    /// The stored JSON form.
    pub fn to_json(&self) -> Value {
        match self {
            Slot::Given(a) => a.to_json(),
            Slot::Empty => Value::Null,
            Slot::Skipped => serde_json::json!({ "skipped": true }),
        }
    }
}

impl Serialize for Answers {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(&**k, &v.to_json())?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Items;
        impl<'de> Visitor<'de> for Items {
            type Value = Answers;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of item ids and answers")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Answers, M::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(24));
                while let Some((k, v)) = map.next_entry::<std::borrow::Cow<'de, str>, Slot>()? {
                    out.push((intern(&k), v));
                }
                Ok(Answers(out))
            }
        }
        d.deserialize_map(Items)
    }
}

/// Reads a stored slot straight from JSON (no intermediate `Value`: years of check-ins are
/// read on every `history`).
impl<'de> Deserialize<'de> for Slot {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SlotVisitor;
        impl<'de> Visitor<'de> for SlotVisitor {
            type Value = Slot;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number, true/false, a string, null or {\"skipped\": true}")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Slot, E> {
                Ok(Slot::Given(Answer::Int(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Slot, E> {
                i64::try_from(v)
                    .map(|v| Slot::Given(Answer::Int(v)))
                    .map_err(|_| E::custom(format!("{v} is too large")))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Slot, E> {
                Ok(Slot::Given(Answer::Bool(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Slot, E> {
                Ok(Slot::Given(Answer::Text(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Slot, E> {
                Ok(Slot::Given(Answer::Text(v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Slot, E> {
                Ok(Slot::Empty)
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Slot, M::Error> {
                let entry = map.next_entry::<String, bool>()?;
                let more = map.next_key::<String>()?;
                match (entry, more) {
                    (Some((k, true)), None) if k == "skipped" => Ok(Slot::Skipped),
                    _ => Err(de::Error::custom(
                        "the only object allowed is {\"skipped\": true}",
                    )),
                }
            }
        }
        d.deserialize_any(SlotVisitor)
    }
}

/// Checks one value given for an item; the error says what is allowed.
pub fn check_value(item: &ItemDef, value: &Value) -> Result<Answer, String> {
    let wrong = |what: &str| format!("{what} (allowed: {})", item.allowed());
    match item.kind {
        ItemType::Integer => {
            let Some(n) = value.as_i64().filter(|_| value.is_i64() || value.is_u64()) else {
                return Err(match value {
                    Value::Number(_) => wrong(&format!(
                        "{value} is not a whole number; write it without decimals"
                    )),
                    Value::String(s) => wrong(&format!(
                        "\"{s}\" is a string; write the number without quotes"
                    )),
                    _ => wrong(&format!("{value} is not a number")),
                });
            };
            let (min, max) = (item.min.unwrap_or(0), item.max.unwrap_or(0));
            if n < min || n > max {
                return Err(wrong(&format!("{n} is out of range")));
            }
            Ok(Answer::Int(n))
        }
        ItemType::Boolean => value
            .as_bool()
            .map(Answer::Bool)
            .ok_or_else(|| wrong(&format!("{value} is not true or false"))),
        ItemType::Choice => match value.as_str() {
            Some(s) if item.option_label(s).is_some() => Ok(Answer::Text(s.to_string())),
            Some(s) => Err(wrong(&format!("\"{s}\" is not an option"))),
            None => Err(wrong(&format!("{value} is not an option id"))),
        },
        ItemType::Text => match value.as_str() {
            Some(s) => check_text(item, s).map(|t| Answer::Text(t.to_string())),
            None => Err(wrong(&format!("{value} is not a string"))),
        },
    }
}

/// Checks free text: length within the item's limit.
pub fn check_text<'a>(item: &ItemDef, text: &'a str) -> Result<&'a str, String> {
    let n = text.chars().count();
    if n > item.text_limit() {
        return Err(format!(
            "the text is {n} characters long (allowed: {})",
            item.allowed()
        ));
    }
    Ok(text)
}

/// Turns an `--answers` JSON document into answers, or every problem found, one line each
/// (`item_id: what is wrong (allowed: ...)`).
pub fn from_answers_file(q: &Questionnaire, bytes: &[u8]) -> Result<Answers, Vec<String>> {
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| vec![format!("the answers are not valid JSON: {e}")])?;
    let Value::Object(given) = value else {
        return Err(vec![
            "the answers must be one JSON object such as {\"peg_pain\": 4, \"any_use_7d\": false}"
                .to_string(),
        ]);
    };
    let mut problems = Vec::new();
    for key in given.keys() {
        if q.item(key).is_none() {
            let known: Vec<&str> = q.def.items.iter().map(|i| i.id.as_str()).collect();
            problems.push(format!(
                "{key}: not an item of this question set (items: {})",
                known.join(", ")
            ));
        }
    }
    let mut answers = Answers::default();
    // Items whose value was wrong: skip logic that depends on them cannot be decided.
    let mut undecided: Vec<&str> = Vec::new();
    for item in &q.def.items {
        let value = given.get(&item.id).filter(|v| !v.is_null());
        let depends_on_bad = item.ask_if.as_ref().is_some_and(|c| {
            c.comparisons()
                .iter()
                .any(|cmp| undecided.contains(&crate::rules::operand_id(&cmp.operand)))
        });
        if depends_on_bad {
            if let Some(v) = value {
                if let Err(e) = check_value(item, v) {
                    problems.push(format!("{}: {e}", item.id));
                }
            }
            undecided.push(&item.id);
            continue;
        }
        if !rules::is_asked(q, item, &answers) {
            if value.is_some() {
                let cond = item
                    .ask_if
                    .as_ref()
                    .map(|c| c.to_string())
                    .unwrap_or_default();
                problems.push(format!(
                    "{}: would not be asked with these answers (it is asked only when {cond}); leave it out",
                    item.id
                ));
            }
            answers.set(&item.id, Slot::Skipped);
            continue;
        }
        match value {
            Some(v) => match check_value(item, v) {
                Ok(a) => answers.set(&item.id, Slot::Given(a)),
                Err(e) => {
                    problems.push(format!("{}: {e}", item.id));
                    undecided.push(&item.id);
                }
            },
            None if item.required => {
                problems.push(format!(
                    "{}: missing; this item is required (allowed: {})",
                    item.id,
                    item.allowed()
                ));
                undecided.push(&item.id);
            }
            None => answers.set(&item.id, Slot::Empty),
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}
