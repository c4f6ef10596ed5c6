//! The small condition language shared by skip logic (`ask_if`) and flag rules (`when`).
//!
//! One language for both keeps the engine small: a condition compares one item or score
//! with a value, or combines conditions with `all` / `any` / `not`. It is parsed by hand from
//! JSON so a mistake gets a message that says what was expected, not serde's untagged-enum
//! "did not match any variant".

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// A condition over one check-in's answers and scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Value", into = "Value")]
pub enum Condition {
    /// Every part holds.
    All(Vec<Condition>),
    /// At least one part holds.
    Any(Vec<Condition>),
    /// The part does not hold.
    Not(Box<Condition>),
    /// One comparison.
    Compare(Comparison),
}

/// `operand op value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// What is compared.
    pub operand: Operand,
    /// How.
    pub op: Op,
    /// With what (a list for `in`).
    pub value: Value,
}

/// An item's answer or a score.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Operand {
    /// An item id.
    Item(String),
    /// A score id.
    Score(String),
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `in` a list
    In,
}

impl Op {
    const ALL: [(&'static str, Op); 7] = [
        ("==", Op::Eq),
        ("!=", Op::Ne),
        ("<", Op::Lt),
        ("<=", Op::Le),
        (">", Op::Gt),
        (">=", Op::Ge),
        ("in", Op::In),
    ];

    /// The operator as written in JSON.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, op)| *op == self)
            .map(|(s, _)| *s)
            .unwrap_or("?")
    }

    /// Whether this operator needs numbers on both sides.
    pub fn is_ordering(self) -> bool {
        matches!(self, Op::Lt | Op::Le | Op::Gt | Op::Ge)
    }
}

/// The value an operand has in one check-in, as the engine sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    /// An integer answer or a score.
    Number(f64),
    /// A yes/no answer.
    Bool(bool),
    /// A choice id or text.
    Text(String),
    /// Not answered: matches no value.
    Missing,
}

impl Condition {
    /// Evaluates the condition; `lookup` gives each operand's value.
    pub fn eval(&self, lookup: &dyn Fn(&Operand) -> Fact) -> bool {
        match self {
            Condition::All(parts) => parts.iter().all(|c| c.eval(lookup)),
            Condition::Any(parts) => parts.iter().any(|c| c.eval(lookup)),
            Condition::Not(part) => !part.eval(lookup),
            Condition::Compare(cmp) => cmp.eval(&lookup(&cmp.operand)),
        }
    }

    /// Every comparison in the condition, in order.
    pub fn comparisons(&self) -> Vec<&Comparison> {
        match self {
            Condition::All(parts) | Condition::Any(parts) => {
                parts.iter().flat_map(|c| c.comparisons()).collect()
            }
            Condition::Not(part) => part.comparisons(),
            Condition::Compare(cmp) => vec![cmp],
        }
    }
}

impl Comparison {
    fn eval(&self, fact: &Fact) -> bool {
        match (self.op, fact) {
            (Op::In, fact) => self
                .value
                .as_array()
                .is_some_and(|list| list.iter().any(|v| equal(fact, v))),
            (Op::Eq, fact) => equal(fact, &self.value),
            (Op::Ne, fact) => !equal(fact, &self.value),
            (op, Fact::Number(n)) => match self.value.as_f64() {
                Some(v) => match op {
                    Op::Lt => *n < v,
                    Op::Le => *n <= v,
                    Op::Gt => *n > v,
                    Op::Ge => *n >= v,
                    _ => false,
                },
                None => false,
            },
            _ => false,
        }
    }
}

fn equal(fact: &Fact, value: &Value) -> bool {
    match (fact, value) {
        (Fact::Number(n), Value::Number(v)) => v.as_f64() == Some(*n),
        (Fact::Bool(b), Value::Bool(v)) => b == v,
        (Fact::Text(s), Value::String(v)) => s == v,
        _ => false,
    }
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Item(id) => write!(f, "{id}"),
            Operand::Score(id) => write!(f, "score {id}"),
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let join = |f: &mut fmt::Formatter<'_>, parts: &[Condition], sep: &str| {
            let text: Vec<String> = parts.iter().map(|p| format!("({p})")).collect();
            write!(f, "{}", text.join(sep))
        };
        match self {
            Condition::All(parts) => join(f, parts, " and "),
            Condition::Any(parts) => join(f, parts, " or "),
            Condition::Not(part) => write!(f, "not ({part})"),
            Condition::Compare(c) => write!(f, "{} {} {}", c.operand, c.op.as_str(), c.value),
        }
    }
}

/// Why JSON is not a condition; each names the key and what it takes (one line of
/// `questions validate`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotACondition {
    /// Not an object.
    #[error("a condition must be a JSON object, found {0}")]
    NotAnObject(String),
    /// `all`/`any` without a list.
    #[error("\"{0}\" takes a list of conditions")]
    NotAList(&'static str),
    /// `all`/`any` with an empty list.
    #[error("\"{0}\" needs at least one condition")]
    EmptyList(&'static str),
    /// Keys of no known form.
    #[error("a condition is {{\"item\" or \"score\": ID, \"op\": OP, \"value\": V}} or {{\"all\"|\"any\": [...]}} or {{\"not\": {{...}}}}; found keys {0:?}")]
    Shape(Vec<String>),
    /// An unknown operator.
    #[error(
        "condition on {operand}: \"op\" must be one of ==, !=, <, <=, >, >=, in (found {found})"
    )]
    BadOp {
        /// What is compared.
        operand: String,
        /// The `op` given, as JSON.
        found: String,
    },
    /// No `value`.
    #[error("condition on {0}: \"value\" is missing")]
    NoValue(String),
    /// A key of no meaning.
    #[error("condition on {operand}: unknown key \"{key}\"")]
    UnknownKey {
        /// What is compared.
        operand: String,
        /// The key.
        key: String,
    },
    /// `in` without a list.
    #[error("condition on {0}: \"in\" takes a list of values")]
    InNeedsList(String),
    /// An ordering with something other than a number.
    #[error("condition on {operand}: \"{op}\" compares with a number, found {found}")]
    NeedsNumber {
        /// What is compared.
        operand: String,
        /// The operator.
        op: &'static str,
        /// The value given, as JSON.
        found: String,
    },
}

impl TryFrom<Value> for Condition {
    type Error = NotACondition;

    fn try_from(value: Value) -> Result<Self, NotACondition> {
        let Value::Object(map) = value else {
            return Err(NotACondition::NotAnObject(value.to_string()));
        };
        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
        let list = |v: &Value, key: &'static str| -> Result<Vec<Condition>, NotACondition> {
            let Value::Array(parts) = v else {
                return Err(NotACondition::NotAList(key));
            };
            if parts.is_empty() {
                return Err(NotACondition::EmptyList(key));
            }
            parts.iter().cloned().map(Condition::try_from).collect()
        };
        match keys.as_slice() {
            ["all"] => Ok(Condition::All(list(&map["all"], "all")?)),
            ["any"] => Ok(Condition::Any(list(&map["any"], "any")?)),
            ["not"] => Ok(Condition::Not(Box::new(Condition::try_from(
                map["not"].clone(),
            )?))),
            _ => {
                let operand = match (map.get("item"), map.get("score")) {
                    (Some(Value::String(id)), None) => Operand::Item(id.clone()),
                    (None, Some(Value::String(id))) => Operand::Score(id.clone()),
                    _ => {
                        return Err(NotACondition::Shape(
                            keys.iter().map(|k| k.to_string()).collect(),
                        ))
                    }
                };
                let op_text = map.get("op").and_then(Value::as_str).unwrap_or("");
                let op = Op::ALL
                    .iter()
                    .find(|(s, _)| *s == op_text)
                    .map(|(_, op)| *op)
                    .ok_or_else(|| NotACondition::BadOp {
                        operand: operand.to_string(),
                        found: map.get("op").cloned().unwrap_or(Value::Null).to_string(),
                    })?;
                let value = map
                    .get("value")
                    .cloned()
                    .ok_or_else(|| NotACondition::NoValue(operand.to_string()))?;
                if let Some(extra) = keys
                    .iter()
                    .find(|k| !["item", "score", "op", "value"].contains(k))
                {
                    return Err(NotACondition::UnknownKey {
                        operand: operand.to_string(),
                        key: extra.to_string(),
                    });
                }
                if op == Op::In && !value.is_array() {
                    return Err(NotACondition::InNeedsList(operand.to_string()));
                }
                if op.is_ordering() && !value.is_number() {
                    return Err(NotACondition::NeedsNumber {
                        operand: operand.to_string(),
                        op: op.as_str(),
                        found: value.to_string(),
                    });
                }
                Ok(Condition::Compare(Comparison { operand, op, value }))
            }
        }
    }
}

impl From<Condition> for Value {
    fn from(c: Condition) -> Value {
        match c {
            Condition::All(parts) => json!({ "all": parts }),
            Condition::Any(parts) => json!({ "any": parts }),
            Condition::Not(part) => json!({ "not": *part }),
            Condition::Compare(cmp) => {
                let key = match &cmp.operand {
                    Operand::Item(_) => "item",
                    Operand::Score(_) => "score",
                };
                let id = match cmp.operand {
                    Operand::Item(id) | Operand::Score(id) => id,
                };
                json!({ key: id, "op": cmp.op.as_str(), "value": cmp.value })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(v: Value) -> Result<Condition, NotACondition> {
        Condition::try_from(v)
    }

    #[test]
    fn compares_numbers_and_lists() -> Result<(), NotACondition> {
        let c = parse(json!({"item": "x", "op": ">=", "value": 3}))?;
        assert!(c.eval(&|_| Fact::Number(3.0)));
        assert!(!c.eval(&|_| Fact::Number(2.0)));
        assert!(!c.eval(&|_| Fact::Missing));
        let c = parse(json!({"item": "x", "op": "in", "value": ["a", "b"]}))?;
        assert!(c.eval(&|_| Fact::Text("b".into())));
        assert!(!c.eval(&|_| Fact::Text("c".into())));
        Ok(())
    }

    #[test]
    fn explains_mistakes() {
        let e = parse(json!({"item": "x", "op": "=>", "value": 3}))
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"op\" must be one of"), "{e}");
        let e = parse(json!({"all": []})).unwrap_err().to_string();
        assert!(e.contains("at least one"), "{e}");
        let e = parse(json!({"item": "x", "op": ">", "value": "3"}))
            .unwrap_err()
            .to_string();
        assert!(e.contains("compares with a number"), "{e}");
    }

    #[test]
    fn round_trips_through_json() -> Result<(), NotACondition> {
        let v = json!({"any": [{"item": "a", "op": "==", "value": true}, {"not": {"score": "s", "op": "<", "value": 2}}]});
        let c = parse(v.clone())?;
        assert_eq!(Value::from(c), v);
        Ok(())
    }
}
