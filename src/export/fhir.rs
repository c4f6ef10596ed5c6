//! The FHIR R4 export: a `collection` Bundle of the question sets used (as Questionnaire
//! resources), one QuestionnaireResponse per check-in and one MedicationStatement per
//! journal entry, for a clinic system.

use std::io::{self, Write};
use std::sync::Arc;

use serde_json::{json, Value};

use crate::answers::{Answer, Slot};
use crate::journal::JournalEntry;
use crate::questionnaire::{Condition, ItemType, Op, Questionnaire};
use crate::store::record::CheckinRecord;
use crate::store::StoredCheckin;

/// A score exported in FHIR: coded, and a whole number.
fn is_coded_total(s: &crate::questionnaire::ScoreDef) -> bool {
    !s.codes.is_empty() && s.decimals == 0
}

/// A FHIR `id`: letters, digits, `-` and `.`, at most 64 characters.
pub(super) fn fhir_id(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect()
}

/// A stable `urn:uuid:` for a resource, from its id.
fn urn_uuid(seed: &str) -> String {
    let a = crate::questionnaire::digest(seed.as_bytes());
    let b = crate::questionnaire::digest(format!("{seed}#2").as_bytes());
    let hex = format!("{a}{b}");
    format!(
        "urn:uuid:{}-{}-4{}-8{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

/// The canonical URL of a question set.
fn canonical(q: &Questionnaire) -> String {
    format!("urn:selfcheck:questionnaire:{}", q.def.id)
}

const OPTION_SYSTEM: &str = "urn:selfcheck:option";

fn fhir_type(kind: ItemType) -> &'static str {
    match kind {
        ItemType::Integer => "integer",
        ItemType::Boolean => "boolean",
        ItemType::Choice => "choice",
        ItemType::Text => "text",
    }
}

/// `enableWhen` for a simple skip condition (comparisons joined by all/any).
fn enable_when(q: &Questionnaire, cond: &Condition) -> Option<(Vec<Value>, &'static str)> {
    let (parts, behavior): (Vec<&Condition>, &str) = match cond {
        Condition::All(parts) => (parts.iter().collect(), "all"),
        Condition::Any(parts) => (parts.iter().collect(), "any"),
        c => (vec![c], "all"),
    };
    let mut out = Vec::new();
    for part in parts {
        let Condition::Compare(cmp) = part else {
            return None;
        };
        let crate::questionnaire::Operand::Item(id) = &cmp.operand else {
            return None;
        };
        let item = q.item(id)?;
        let operator = match cmp.op {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::In => return None,
        };
        let answer = match (item.kind, &cmp.value) {
            (ItemType::Integer, Value::Number(n)) => ("answerInteger", json!(n.as_i64()?)),
            (ItemType::Boolean, Value::Bool(b)) => ("answerBoolean", json!(b)),
            (ItemType::Choice, Value::String(s)) => {
                ("answerCoding", json!({"system": OPTION_SYSTEM, "code": s}))
            }
            _ => return None,
        };
        let mut when = json!({"question": id, "operator": operator});
        when[answer.0] = answer.1;
        out.push(when);
    }
    Some((out, behavior))
}

fn questionnaire_resource(q: &Questionnaire) -> Value {
    let items: Vec<Value> = q
        .def
        .items
        .iter()
        .map(|item| {
            let mut v = json!({
                "linkId": item.id,
                "text": item.text,
                "type": fhir_type(item.kind),
                "required": item.required,
            });
            if !item.codes.is_empty() {
                v["code"] = json!(item
                    .codes
                    .iter()
                    .map(|c| json!({"system": c.system, "code": c.code, "display": c.display}))
                    .collect::<Vec<_>>());
            }
            if item.kind == ItemType::Choice {
                v["answerOption"] = json!(item
                    .options
                    .iter()
                    .map(|o| json!({"valueCoding": {"system": OPTION_SYSTEM, "code": o.id, "display": o.label}}))
                    .collect::<Vec<_>>());
            }
            if item.kind == ItemType::Integer {
                v["extension"] = json!([
                    {"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": item.min.unwrap_or(0)},
                    {"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": item.max.unwrap_or(0)},
                ]);
            }
            if let Some((when, behavior)) = item.ask_if.as_ref().and_then(|c| enable_when(q, c)) {
                if when.len() > 1 {
                    v["enableBehavior"] = json!(behavior);
                }
                v["enableWhen"] = json!(when);
            }
            v
        })
        .collect();
    // Coded whole-number scores (the PHQ-9 and GAD-7 totals) as read-only items, as in
    // their LOINC panels; answered only on check-ins where they were worked out.
    let mut items = items;
    for s in q.def.scores.iter().filter(|s| is_coded_total(s)) {
        items.push(json!({
            "linkId": s.id,
            "text": s.title,
            "type": "integer",
            "readOnly": true,
            "code": s.codes.iter()
                .map(|c| json!({"system": c.system, "code": c.code, "display": c.display}))
                .collect::<Vec<_>>(),
        }));
    }
    json!({
        "resourceType": "Questionnaire",
        "id": fhir_id(&format!("{}-v{}", q.def.id, q.def.version)),
        "url": canonical(q),
        "version": q.def.version.to_string(),
        "name": "SelfcheckWeekly",
        "title": q.def.title,
        "status": "active",
        "subjectType": ["Patient"],
        "description": q.def.disclaimer,
        "item": items,
    })
}

fn response_resource(c: &StoredCheckin) -> Value {
    let r: &CheckinRecord = &c.record;
    let q = &c.questionnaire;
    let items: Vec<Value> = q
        .def
        .items
        .iter()
        .filter_map(|item| {
            let answer = match (item.kind, r.answers.get(&item.id)?) {
                (_, Slot::Given(Answer::Int(v))) => json!({"valueInteger": v}),
                (_, Slot::Given(Answer::Bool(b))) => json!({"valueBoolean": b}),
                (ItemType::Choice, Slot::Given(Answer::Text(s))) => json!({"valueCoding": {
                    "system": OPTION_SYSTEM, "code": s, "display": item.option_label(s).unwrap_or(s)
                }}),
                (_, Slot::Given(Answer::Text(s))) => json!({"valueString": s}),
                // Skipped or left empty: no answer, as FHIR expects.
                _ => return None,
            };
            Some(json!({"linkId": item.id, "text": item.text, "answer": [answer]}))
        })
        .collect();
    let mut items = items;
    for s in q.def.scores.iter().filter(|s| is_coded_total(s)) {
        if let Some(v) = crate::engine::score(s, &r.answers) {
            items.push(
                json!({"linkId": s.id, "text": s.title, "answer": [{"valueInteger": v as i64}]}),
            );
        }
    }
    json!({
        "resourceType": "QuestionnaireResponse",
        "id": fhir_id(&r.id),
        "extension": [{"url": "urn:selfcheck:fhir:checkin-date", "valueDate": r.date.to_string()}],
        "questionnaire": format!("{}|{}", canonical(q), q.def.version),
        "status": "completed",
        "authored": r.recorded_at.to_rfc3339(),
        "item": items,
    })
}

/// Writes a FHIR R4 Bundle (`collection`) to `w`: each question set used (the built-in one
/// first, then `sets` as given), then one QuestionnaireResponse per check-in, then one
/// MedicationStatement per journal entry, each written as it comes (pretty JSON, the same
/// bytes as the bundle written whole), so an export of any size holds one at a time.
/// Returns how many check-ins were written.
pub(crate) fn fhir(
    w: &mut dyn Write,
    sets: &mut dyn Iterator<Item = Arc<Questionnaire>>,
    checkins: &mut dyn Iterator<Item = StoredCheckin>,
    journal: &mut dyn Iterator<Item = JournalEntry>,
    exported_at: &str,
) -> io::Result<usize> {
    let text = |s: &str| serde_json::to_string(s).map_err(io::Error::other);
    let id = fhir_id(&format!(
        "selfcheck-export-{}",
        exported_at.get(..10).unwrap_or("now")
    ));
    write!(
        w,
        "{{\n  \"resourceType\": \"Bundle\",\n  \"id\": {},\n  \"type\": \"collection\",\n  \"timestamp\": {},\n  \"entry\": [",
        text(&id)?,
        text(exported_at)?
    )?;
    let mut written = 0usize;
    let mut entry = |w: &mut dyn Write, value: Value| -> io::Result<()> {
        w.write_all(if written == 0 { b"\n    " } else { b",\n    " })?;
        written += 1;
        super::json::indented(w, &value, 4)
    };
    let mut seen: Vec<String> = Vec::new();
    let builtin = Questionnaire::builtin().ok().map(Arc::new);
    for q in builtin.into_iter().chain(sets) {
        let key = format!("{}|{}|{}", q.def.id, q.def.version, q.digest);
        if !seen.contains(&key) {
            entry(
                w,
                json!({"fullUrl": urn_uuid(&key), "resource": questionnaire_resource(&q)}),
            )?;
            seen.push(key);
        }
    }
    let mut count = 0;
    for c in checkins {
        entry(
            w,
            json!({"fullUrl": urn_uuid(&c.record.id), "resource": response_resource(&c)}),
        )?;
        count += 1;
    }
    for e in journal {
        let key = format!("journal-{}", e.id);
        entry(
            w,
            json!({"fullUrl": urn_uuid(&key), "resource": super::journal::medication_statement(&e, fhir_id(&key))}),
        )?;
    }
    w.write_all(if written == 0 { b"]" } else { b"\n  ]" })?;
    w.write_all(b"\n}\n")?;
    Ok(count)
}
