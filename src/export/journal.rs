//! The intake journal in the exports that are not backups: CSV (`export --format csv
//! --journal`, one row per entry) and FHIR R4 (one `MedicationStatement` per entry, the
//! substance as text, the dose as text and, where UCUM has the unit, as a quantity).

use std::io::{self, Write};

use serde_json::{json, Value};

use super::neutral;
use crate::journal::parse::words;
use crate::journal::JournalEntry;

/// Writes the entries as CSV as they come (oldest first, as given), with a byte-order mark
/// as the check-ins' CSV has; returns how many were written.
pub(crate) fn journal_csv(
    w: &mut dyn Write,
    entries: &mut dyn Iterator<Item = JournalEntry>,
) -> io::Result<usize> {
    w.write_all("\u{feff}".as_bytes())?;
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    let mut count = 0;
    out.write_record([
        "id",
        "date",
        "time",
        "recorded_at",
        "name",
        "substance",
        "class",
        "amount",
        "unit",
        "for",
        "pain",
        "mood",
        "note",
    ])?;
    for e in entries {
        let num = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
        count += 1;
        out.write_record([
            neutral(&e.id),
            e.date.to_string(),
            e.time.clone().unwrap_or_default(),
            e.recorded_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            neutral(&e.name),
            e.substance.clone().unwrap_or_default(),
            e.class.clone(),
            e.amount
                .as_ref()
                .map(|a| a.value.to_string())
                .unwrap_or_default(),
            e.amount
                .as_ref()
                .map(|a| a.unit.clone())
                .unwrap_or_default(),
            e.reasons.join(" "),
            num(e.pain),
            num(e.mood),
            neutral(e.note.as_deref().unwrap_or("")),
        ])?;
    }
    out.flush()?;
    Ok(count)
}

/// The UCUM code of a unit, where UCUM has one.
fn ucum(unit: &str) -> Option<&'static str> {
    match unit {
        "mcg" => Some("ug"),
        "mg" => Some("mg"),
        "g" => Some("g"),
        "ml" => Some("mL"),
        "l" => Some("L"),
        _ => None,
    }
}

/// One entry as a FHIR R4 MedicationStatement.
pub(super) fn medication_statement(e: &JournalEntry, id: String) -> Value {
    let offset = e.recorded_at.offset().to_string();
    let mut r = json!({
        "resourceType": "MedicationStatement",
        "id": id,
        "status": "completed",
        "medicationCodeableConcept": {"text": e.substance.as_deref().unwrap_or(&e.name)},
        "subject": {"display": "the person who kept this journal"},
        "effectiveDateTime": match &e.time {
            Some(t) => format!("{}T{t}:00{offset}", e.date),
            // A day without a time: FHIR's dateTime may be a date alone.
            None => e.date.to_string(),
        },
        "dateAsserted": e.recorded_at.to_rfc3339(),
    });
    if let Some(a) = &e.amount {
        let mut quantity = json!({"value": a.value, "unit": a.unit});
        if let Some(code) = ucum(&a.unit) {
            quantity["system"] = json!("http://unitsofmeasure.org");
            quantity["code"] = json!(code);
        }
        r["dosage"] = json!([{"text": words(a), "doseAndRate": [{"doseQuantity": quantity}]}]);
    }
    if !e.reasons.is_empty() {
        r["reasonCode"] = json!(e
            .reasons
            .iter()
            .map(|x| json!({"text": x}))
            .collect::<Vec<_>>());
    }
    if let Some(n) = &e.note {
        r["note"] = json!([{"text": n}]);
    }
    r
}
