//! Checking a whole set of answers (an `--answers` file) against a question set: types,
//! ranges, options, and skip logic, every problem reported at once.

use serde_json::Value;

use crate::answers::{check_value, Answers, Slot};
use crate::questionnaire::Questionnaire;

/// Turns an `--answers` JSON document into answers, or every problem found, one line each
/// (`item_id: what is wrong (allowed: ...)`).
pub fn from_answers_file(q: &Questionnaire, bytes: &[u8]) -> Result<Answers, Vec<String>> {
    let value: Value = crate::base::json::parse(bytes)
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
        // A score decides through its items.
        let bad = |id: &str| {
            undecided.contains(&id)
                || q.score(id)
                    .is_some_and(|s| s.items.iter().any(|i| undecided.contains(&i.as_str())))
        };
        let depends_on_bad = item.ask_if.as_ref().is_some_and(|c| {
            c.comparisons()
                .iter()
                .any(|cmp| bad(super::operand_id(&cmp.operand)))
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
        if !super::is_asked(q, item, &answers) {
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
