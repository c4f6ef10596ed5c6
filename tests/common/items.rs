//! Item ids of the built-in set that the tests and the benchmark answer by name, taken from
//! the set itself (never copied): the follow-ups each two-step score opens, and the skip
//! logic applied through the engine, so a new item or rule in `questions/weekly.json` needs
//! no change here.

use selfcheck::answers::Answers;
use selfcheck::questionnaire::condition::{Condition, Operand};
use selfcheck::questionnaire::{ItemType, Questionnaire};
use serde_json::{json, Value};

/// The built-in set, parsed once per test binary.
pub fn builtin() -> &'static Questionnaire {
    static Q: std::sync::OnceLock<Questionnaire> = std::sync::OnceLock::new();
    Q.get_or_init(|| Questionnaire::builtin().expect("the built-in set"))
}

/// The score a follow-up item waits for (`phq2` for the PHQ-9's further items).
fn score_of(cond: &Condition) -> Option<&str> {
    match cond {
        Condition::Compare(c) => match &c.operand {
            Operand::Score(s) => Some(s.as_str()),
            Operand::Item(_) => None,
        },
        Condition::All(parts) | Condition::Any(parts) => parts.iter().find_map(score_of),
        Condition::Not(inner) => score_of(inner),
    }
}

/// The 0-3 items a positive two-step score (`phq2`, `gad2`) adds, in the set's order (the
/// PHQ-9's difficulty item, a choice, is left out).
pub fn follow_up_items(score: &str) -> Vec<String> {
    builtin()
        .def
        .items
        .iter()
        .filter(|i| i.kind == ItemType::Integer)
        .filter(|i| i.ask_if.as_ref().and_then(score_of) == Some(score))
        .map(|i| i.id.clone())
        .collect()
}

/// The PHQ-9 items after a PHQ-2 of 3 or more.
pub fn phq9_more() -> Vec<String> {
    follow_up_items("phq2")
}

/// The GAD-7 items after a GAD-2 of 3 or more.
pub fn gad7_more() -> Vec<String> {
    follow_up_items("gad2")
}

/// Answers as a person answering calmly would complete them, by the set's own skip logic:
/// each item not asked (given what comes before it) is left out, and each follow-up a
/// two-step score opens that was not given is filled with its lowest answer (0, "Not at
/// all"; the first option of a choice). Other items are left as given.
pub fn follow_ups(answers: &Value) -> Value {
    let q = builtin();
    let Some(given) = answers.as_object() else {
        return answers.clone();
    };
    let mut map = given.clone();
    for item in &q.def.items {
        let Ok(so_far) = serde_json::from_value::<Answers>(Value::Object(map.clone())) else {
            return answers.clone();
        };
        if !selfcheck::engine::is_asked(q, item, &so_far) {
            map.remove(&item.id);
            continue;
        }
        let opened_by_score = item.ask_if.as_ref().and_then(score_of).is_some();
        if opened_by_score && !map.contains_key(&item.id) {
            let lowest = match item.kind {
                ItemType::Choice => json!(item.options.first().map(|o| o.id.clone())),
                _ => json!(item.min.unwrap_or(0)),
            };
            map.insert(item.id.clone(), lowest);
        }
    }
    Value::Object(map)
}
