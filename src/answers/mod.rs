//! Answers: what a person gave for each item, and the `--answers` file that supplies them
//! without prompts.
//!
//! An item is either answered, asked but left empty (optional text only), or skipped by skip
//! logic. Skipped is stored as skipped and never as an invented value; rules read it as 0 / no.

use std::fmt;
use std::sync::Arc;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::questionnaire::{ItemDef, ItemType, Questionnaire};

mod key;
use key::Key;

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
    static IDS: std::cell::RefCell<std::collections::HashSet<Arc<str>>> = Default::default();
}

fn intern(id: &str) -> Arc<str> {
    IDS.with(|ids| {
        let mut ids = ids.borrow_mut();
        match ids.get(id) {
            Some(rc) => Arc::clone(rc),
            None => {
                let rc: Arc<str> = Arc::from(id);
                ids.insert(Arc::clone(&rc));
                rc
            }
        }
    })
}

/// Answers in question order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers(Vec<(Arc<str>, Slot)>);

impl Answers {
    /// True before any item has a slot.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

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

    /// The answer as JSON, as stored.
    pub fn to_json(&self) -> Value {
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
                while let Some((k, v)) = map.next_entry::<Key<'de>, Slot>()? {
                    out.push((intern(&k.0), v));
                }
                // A key given twice must not silently win. Interned ids share one allocation,
                // so comparing pointers after a sort finds a repeat without comparing text.
                let mut ptrs: Vec<*const u8> = out.iter().map(|(k, _)| k.as_ptr()).collect();
                ptrs.sort_unstable();
                if let Some(w) = ptrs.windows(2).find(|w| w[0] == w[1]) {
                    let k = out
                        .iter()
                        .find(|(k, _)| k.as_ptr() == w[0])
                        .map(|(k, _)| k.clone());
                    return Err(de::Error::custom(format!(
                        "the item \"{}\" is given twice",
                        k.as_deref().unwrap_or("?")
                    )));
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
                let entry = map.next_entry::<Key<'de>, bool>()?;
                let more = map.next_key::<Key<'de>>()?;
                match (entry, more) {
                    (Some((k, true)), None) if k.0 == "skipped" => Ok(Slot::Skipped),
                    _ => Err(de::Error::custom(
                        "the only object allowed is {\"skipped\": true}",
                    )),
                }
            }
        }
        d.deserialize_any(SlotVisitor)
    }
}

/// Why a value is not an answer to its item; each says what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Wrong {
    /// A number with decimals for a whole-number item.
    #[error("{value} is not a whole number; write it without decimals (allowed: {allowed})")]
    NotWhole {
        /// What was given.
        value: String,
        /// What the item allows.
        allowed: String,
    },
    /// A number in quotes.
    #[error("\"{value}\" is a string; write the number without quotes (allowed: {allowed})")]
    Quoted {
        /// What was given.
        value: String,
        /// What the item allows.
        allowed: String,
    },
    /// Outside the item's range.
    #[error("{value} is out of range (allowed: {allowed})")]
    OutOfRange {
        /// What was given.
        value: i64,
        /// What the item allows.
        allowed: String,
    },
    /// Not an option of a choice item.
    #[error("\"{value}\" is not an option (allowed: {allowed})")]
    NotAnOption {
        /// What was given.
        value: String,
        /// What the item allows.
        allowed: String,
    },
    /// A text over the item's length.
    #[error("the text is {length} characters long (allowed: {allowed})")]
    TooLong {
        /// Its length in characters.
        length: usize,
        /// What the item allows.
        allowed: String,
    },
    /// A value of another kind ("is not a number", "is not true or false", …).
    #[error("{value} {what} (allowed: {allowed})")]
    OtherKind {
        /// What was given, as JSON.
        value: String,
        /// What it is not.
        what: &'static str,
        /// What the item allows.
        allowed: String,
    },
}

/// Checks one value given for an item; the error says what is allowed.
pub fn check_value(item: &ItemDef, value: &Value) -> Result<Answer, Wrong> {
    let allowed = || item.allowed();
    let other = |what: &'static str| Wrong::OtherKind {
        value: value.to_string(),
        what,
        allowed: allowed(),
    };
    match item.kind {
        ItemType::Integer => {
            let Some(n) = value.as_i64().filter(|_| value.is_i64() || value.is_u64()) else {
                return Err(match value {
                    Value::Number(_) => Wrong::NotWhole {
                        value: value.to_string(),
                        allowed: allowed(),
                    },
                    Value::String(s) => Wrong::Quoted {
                        value: s.clone(),
                        allowed: allowed(),
                    },
                    _ => other("is not a number"),
                });
            };
            let (min, max) = (item.min.unwrap_or(0), item.max.unwrap_or(0));
            if n < min || n > max {
                return Err(Wrong::OutOfRange {
                    value: n,
                    allowed: allowed(),
                });
            }
            Ok(Answer::Int(n))
        }
        ItemType::Boolean => value
            .as_bool()
            .map(Answer::Bool)
            .ok_or_else(|| other("is not true or false")),
        ItemType::Choice => match value.as_str() {
            Some(s) if item.option_label(s).is_some() => Ok(Answer::Text(s.to_string())),
            Some(s) => Err(Wrong::NotAnOption {
                value: s.to_string(),
                allowed: allowed(),
            }),
            None => Err(other("is not an option id")),
        },
        ItemType::Text => match value.as_str() {
            Some(s) => check_text(item, s).map(|t| Answer::Text(t.to_string())),
            None => Err(other("is not a string")),
        },
    }
}

/// Checks a stored answer against its item without turning it back into JSON (every record
/// read is checked, so this is on the path of `history`); the same rules as [`check_value`].
pub fn check_answer(item: &ItemDef, answer: &Answer) -> Result<(), Wrong> {
    let fits = match (item.kind, answer) {
        (ItemType::Integer, Answer::Int(n)) => {
            (item.min.unwrap_or(0)..=item.max.unwrap_or(0)).contains(n)
        }
        (ItemType::Boolean, Answer::Bool(_)) => true,
        (ItemType::Choice, Answer::Text(s)) => item.option_label(s).is_some(),
        (ItemType::Text, Answer::Text(s)) => {
            s.len() <= item.text_limit() || s.chars().count() <= item.text_limit()
        }
        _ => false,
    };
    if fits {
        Ok(())
    } else {
        check_value(item, &answer.to_json()).map(|_| ())
    }
}

/// Checks free text: length within the item's limit.
pub fn check_text<'a>(item: &ItemDef, text: &'a str) -> Result<&'a str, Wrong> {
    let n = text.chars().count();
    if n > item.text_limit() {
        return Err(Wrong::TooLong {
            length: n,
            allowed: item.allowed(),
        });
    }
    Ok(text)
}

/// An answer in words, with skipped and empty said plainly.
pub fn describe_slot(q: &Questionnaire, id: &str, slot: Option<&Slot>) -> String {
    let item = q.item(id);
    match slot {
        Some(Slot::Given(a)) => a.describe(item),
        Some(Slot::Empty) => "(left empty)".to_string(),
        Some(Slot::Skipped) => match item.map(|i| i.kind) {
            Some(ItemType::Integer) => "not asked (counts as 0)".to_string(),
            Some(ItemType::Boolean) => "not asked (counts as no)".to_string(),
            _ => "not asked".to_string(),
        },
        None => "(not in this check-in)".to_string(),
    }
}
