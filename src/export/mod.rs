//! `selfcheck export`: every check-in as JSON (lossless, for `import`), CSV (for a
//! spreadsheet) or a FHIR R4 Bundle (for a clinic system).
//!
//! Layer: renderers and exports. It may use: error, fsio, dates, text, paths, cli, output,
//! questionnaire, config, crisis, sets, answers, record, store, draft, status, period, engine,
//! summary, history; and report beside it.

use serde_json::{json, Value};

use crate::answers::{Answer, Slot};
use crate::questionnaire::{Condition, ItemType, Op, Questionnaire};
use crate::record::CheckinRecord;
use crate::store::StoredCheckin;
use crate::summary;

mod journal;
mod json;

pub use journal::journal_csv;
pub use json::json;

/// The `format` tag of a JSON export.
pub const EXPORT_FORMAT: &str = "selfcheck-export";
/// The export envelope's version (its records carry their own `schema_version`).
pub const EXPORT_SCHEMA_VERSION: u32 = 1;

/// Text made safe for a spreadsheet: a cell that starts with, or has right after a tab,
/// comma, semicolon, pipe or line break, a character that starts a formula (`= + - @`) gets
/// an apostrophe there, so `=HYPERLINK(…)`, `tab\t=1+1` and `x;=1+1` never run whatever
/// separator the spreadsheet splits on. The `csv` crate does the quoting (RFC 4180).
fn neutral(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let mut at_start = true;
    for c in text.chars() {
        if at_start && matches!(c, '=' | '+' | '-' | '@') {
            out.push('\'');
        }
        out.push(c);
        at_start = matches!(c, '\t' | ',' | ';' | '|' | '\n' | '\r');
    }
    out
}

/// One row per check-in, one column per item id and score of the sets the check-ins use (of
/// the built-in set for an empty export), oldest first. Skipped and empty answers are empty
/// cells (never an invented value). UTF-8 with a byte-order mark, which is how spreadsheet
/// programs know it is UTF-8 (without it, Excel shows "ü" as "Ã¼"); times to the second
/// with their offset.
pub fn csv(checkins: &[StoredCheckin]) -> Vec<u8> {
    let sets: Vec<&Questionnaire> = checkins.iter().map(|c| &*c.questionnaire).collect();
    let mut bytes = Vec::new();
    // Writing to memory cannot fail; an error would only lose the export's bytes, never data.
    if let Ok(mut w) = CsvRows::start(&mut bytes, &sets) {
        let _ = w.rows(checkins, 0..checkins.len());
        let _ = w.finish();
    }
    bytes
}

/// The I/O error behind a CSV writer's error, its kind kept (a closed pipe stays one, so
/// `| head` ends quietly).
fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// The CSV export written a part of the history at a time (see [`csv`] for its shape): the
/// header from every set the check-ins use, then rows as the parts come.
pub struct CsvRows<'w> {
    out: csv::Writer<&'w mut dyn std::io::Write>,
    items: Vec<String>,
    scores: Vec<String>,
}

impl<'w> CsvRows<'w> {
    /// Writes the byte-order mark and the header for check-ins of `sets` (in the order they
    /// are first used; the built-in set's columns when there are none).
    pub fn start(
        out: &'w mut dyn std::io::Write,
        sets: &[&Questionnaire],
    ) -> std::io::Result<Self> {
        let (mut items, mut scores) = (Vec::<String>::new(), Vec::<String>::new());
        let builtin = if sets.is_empty() {
            Questionnaire::builtin().ok()
        } else {
            None
        };
        for q in sets.iter().copied().chain(builtin.as_ref()) {
            for i in &q.def.items {
                if !items.contains(&i.id) {
                    items.push(i.id.clone());
                }
            }
            for s in &q.def.scores {
                if !scores.contains(&s.id) {
                    scores.push(s.id.clone());
                }
            }
        }
        out.write_all("\u{feff}".as_bytes())?;
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let mut header = vec![
            "id",
            "date",
            "recorded_at",
            "questionnaire",
            "questionnaire_version",
        ];
        header.extend(items.iter().map(String::as_str));
        header.extend(scores.iter().map(String::as_str));
        header.push("flags");
        let header: Vec<String> = header.iter().map(|h| neutral(h)).collect();
        out.write_record(&header).map_err(csv_io)?;
        Ok(CsvRows { out, items, scores })
    }

    /// Writes the rows of `range` of `checkins` (the check-ins before it are looked back at).
    pub fn rows(
        &mut self,
        checkins: &[StoredCheckin],
        range: std::ops::Range<usize>,
    ) -> std::io::Result<()> {
        let lines = summary::lines(checkins, range.clone());
        for (c, line) in checkins[range].iter().zip(&lines) {
            let r = &c.record;
            let mut row = vec![
                neutral(&r.id),
                r.date.to_string(),
                r.recorded_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
                neutral(&r.questionnaire.id),
                r.questionnaire.version.to_string(),
            ];
            for id in &self.items {
                row.push(match r.answers.get(id) {
                    Some(Slot::Given(Answer::Int(v))) => v.to_string(),
                    Some(Slot::Given(Answer::Bool(b))) => b.to_string(),
                    Some(Slot::Given(Answer::Text(t))) => neutral(t),
                    _ => String::new(),
                });
            }
            for id in &self.scores {
                row.push(match line.scores.get(id) {
                    Some(Value::Number(n)) => n.to_string(),
                    _ => String::new(),
                });
            }
            row.push(neutral(&line.flags.join(" ")));
            self.out.write_record(&row).map_err(csv_io)?;
        }
        Ok(())
    }

    /// Flushes what is left.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A FHIR `id`: letters, digits, `-` and `.`, at most 64 characters.
/// A score exported in FHIR: coded, and a whole number.
fn is_coded_total(s: &crate::questionnaire::ScoreDef) -> bool {
    !s.codes.is_empty() && s.decimals == 0
}

fn fhir_id(text: &str) -> String {
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

/// A FHIR R4 Bundle (`collection`): each question set used, then one QuestionnaireResponse
/// per check-in.
pub fn fhir(
    checkins: &[StoredCheckin],
    journal: &[crate::journal::JournalEntry],
    exported_at: &str,
) -> Vec<u8> {
    let mut entries = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let builtin = Questionnaire::builtin().ok();
    let sets = builtin
        .iter()
        .chain(checkins.iter().map(|c| c.questionnaire.as_ref()));
    for q in sets {
        let key = format!("{}|{}|{}", q.def.id, q.def.version, q.digest);
        if !seen.contains(&key) {
            seen.push(key.clone());
            entries.push(json!({"fullUrl": urn_uuid(&key), "resource": questionnaire_resource(q)}));
        }
    }
    for c in checkins {
        entries.push(json!({"fullUrl": urn_uuid(&c.record.id), "resource": response_resource(c)}));
    }
    for e in journal {
        let key = format!("journal-{}", e.id);
        entries.push(json!({"fullUrl": urn_uuid(&key), "resource": journal::medication_statement(e, fhir_id(&key))}));
    }
    let bundle = json!({
        "resourceType": "Bundle",
        "id": fhir_id(&format!("selfcheck-export-{}", exported_at.get(..10).unwrap_or("now"))),
        "type": "collection",
        "timestamp": exported_at,
        "entry": entries,
    });
    crate::report::to_json(&bundle)
}
