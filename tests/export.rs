//! `export` (json, csv, fhir) and `import`: lossless round trip, idempotent import,
//! conflicts, newer versions refused, CSV that a spreadsheet reads safely, and FHIR checked
//! by an independent validator (the Python `fhir.resources` R4 models; `.ci/run` installs
//! them in a virtual environment and points SELFCHECK_FHIR_PYTHON at it).

use crate::common;

use std::process::Command;

use common::{quiet_week, twelve_weeks, week_with, Env};
use predicates::prelude::*;
use serde_json::{json, Value};

fn export(env: &Env, format: &str) -> Vec<u8> {
    env.stdout(&["export", "--format", format])
}

fn export_json(env: &Env) -> Value {
    serde_json::from_slice(&export(env, "json")).unwrap()
}

#[test]
fn json_export_has_the_contract_envelope() {
    let env = Env::new();
    twelve_weeks(&env);
    let e = export_json(&env);
    assert_eq!(e["format"], json!("selfcheck-export"));
    assert_eq!(e["schema_version"], json!(1));
    assert!(chrono::DateTime::parse_from_rfc3339(e["exported_at"].as_str().unwrap()).is_ok());
    assert_eq!(e["checkins"].as_array().unwrap().len(), 11);
    // Lossless: each exported record is exactly the stored file's content.
    for path in env.checkin_files() {
        let stored: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert!(
            e["checkins"].as_array().unwrap().contains(&stored),
            "{} differs",
            path.display()
        );
    }
    assert_eq!(e["questionnaires"].as_object().unwrap().len(), 1);
}

#[test]
fn export_then_import_into_an_empty_directory_gives_the_same_records() {
    let env = Env::new();
    twelve_weeks(&env);
    env.cmd()
        .args(["history", "delete", "2026-09-07", "--yes"])
        .assert()
        .success();
    let first = export_json(&env);
    let file = env.file("backup.json", &first.to_string());
    let other = Env::new();
    other
        .cmd()
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stderr(common::said("Imported 10 check-ins; 0 already there"));
    let second = export_json(&other);
    assert_eq!(second["checkins"], first["checkins"]);
    assert_eq!(second["questionnaires"], first["questionnaires"]);
    // The questions as asked came along: `history show` works without the original set.
    other
        .cmd()
        .args(["history", "show", "2026-11-16"])
        .assert()
        .success()
        .stdout(common::said(
            "What number best describes your pain on average in the past week?",
        ));
    // Importing the same file again adds nothing.
    other
        .cmd()
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stderr(common::said("Imported 0 check-ins; 10 already there"));
    assert_eq!(other.checkin_files().len(), 10);
    assert_eq!(
        std::fs::metadata(other.checkin_files()[0].clone())
            .map(|m| {
                use std::os::unix::fs::PermissionsExt;
                m.permissions().mode() & 0o777
            })
            .unwrap(),
        0o600
    );
}

#[test]
fn a_conflict_is_reported_and_nothing_stored_is_changed() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-11-09"));
    env.checkin(&quiet_week(), Some("2026-11-16"));
    let mut e = export_json(&env);
    e["checkins"][0]["answers"]["stress"] = json!(10);
    let before: Vec<Vec<u8>> = env
        .checkin_files()
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let file = env.file("edited.json", &e.to_string());
    env.cmd().arg("import").arg(&file).assert().code(1).stderr(
        common::said("same id but different content")
            .and(common::said(e["checkins"][0]["id"].as_str().unwrap())),
    );
    let after: Vec<Vec<u8>> = env
        .checkin_files()
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert_eq!(after, before);
}

#[test]
fn a_newer_export_or_a_foreign_file_is_refused_clearly() {
    let env = Env::new();
    env.checkin(&quiet_week(), None);
    let mut e = export_json(&env);
    e["schema_version"] = json!(7);
    let newer = env.file("newer.json", &e.to_string());
    env.cmd().arg("import").arg(&newer).assert().code(1).stderr(
        common::said("made by a newer selfcheck").and(common::said("nothing was imported")),
    );
    let foreign = env.file("foreign.json", r#"{"hello": "world"}"#);
    env.cmd()
        .arg("import")
        .arg(&foreign)
        .assert()
        .code(1)
        .stderr(common::said("not a selfcheck export"));
    let mut e = export_json(&env);
    e["checkins"][0]["id"] = json!("../../escape");
    let hostile = env.file("hostile.json", &e.to_string());
    env.cmd()
        .arg("import")
        .arg(&hostile)
        .assert()
        .code(1)
        .stderr(common::said("not a valid check-in id"));
    assert_eq!(env.checkin_files().len(), 1);
}

#[test]
fn csv_has_one_row_per_checkin_and_parses_back() {
    let env = Env::new();
    twelve_weeks(&env);
    env.checkin(
        &week_with(
            json!({"note": "=HYPERLINK(\"http://x\",\"y\"), then \"quotes\"\nand a new line"}),
        ),
        Some("2026-11-20"),
    );
    let bytes = export(&env, "csv");
    // UTF-8 with a byte-order mark, so spreadsheets read it as UTF-8.
    assert!(bytes.starts_with("\u{feff}id,".as_bytes()));
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 12);
    // Times to the second, with their offset.
    let at = headers.iter().position(|h| h == "recorded_at").unwrap();
    let time = chrono::DateTime::parse_from_rfc3339(&rows[0][at]).unwrap();
    assert_eq!(
        rows[0][at].len(),
        "2026-11-23T21:52:00+00:00".len(),
        "{}",
        &rows[0][at]
    );
    assert_eq!(time.timestamp_subsec_nanos(), 0);
    assert!(rows.iter().all(|r| r.len() == headers.len()));
    for column in [
        "id",
        "date",
        "peg_pain",
        "relief_use_days",
        "note",
        "peg",
        "phq2",
        "gad2",
        "flags",
    ] {
        assert!(headers.iter().any(|h| h == column), "no {column} column");
    }
    let note = headers.iter().position(|h| h == "note").unwrap();
    let last = &rows[11];
    assert_eq!(
        &last[note], "'=HYPERLINK(\"http://x\",\"y\"), then \"quotes\"\nand a new line",
        "a formula must not run"
    );
    let peg = headers.iter().position(|h| h == "peg").unwrap();
    assert_eq!(&rows[0][peg], "2.7");
    // Skipped answers are empty cells, never invented.
    let env = Env::new();
    env.checkin(&week_with(json!({"any_use_7d": false, "relief_use_days": null, "use_more_than_meant": null, "use_tolerance": null, "use_cut_down": null, "relief_what": null})), None);
    let bytes = export(&env, "csv");
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let days = headers.iter().position(|h| h == "relief_use_days").unwrap();
    assert_eq!(&row[days], "");
}

#[test]
fn fhir_bundle_passes_an_independent_validator() {
    let env = Env::new();
    twelve_weeks(&env);
    env.checkin(
        &week_with(
            json!({"peg_pain": 0, "peg_enjoyment": null, "peg_activity": null, "pain_sleep": null}),
        ),
        Some("2026-11-20"),
    );
    // Three journal entries: three MedicationStatements after the responses.
    for args in [
        &[
            "kratom",
            "3g",
            "--for",
            "pain",
            "--date",
            "2026-11-19",
            "--time",
            "09:00",
        ][..],
        &[
            "wine",
            "2",
            "glasses",
            "--date",
            "2026-11-19",
            "--time",
            "21:00",
        ][..],
        // Another day without --time: a day alone, which FHIR's dateTime allows.
        &["ibuprofen", "400mg", "--date", "2026-11-20"][..],
    ] {
        env.cmd().arg("log").args(args).assert().success();
    }
    let bundle: Value = serde_json::from_slice(&export(&env, "fhir")).unwrap();
    assert_eq!(bundle["resourceType"], json!("Bundle"));
    let statements: Vec<&Value> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "MedicationStatement")
        .collect();
    assert_eq!(statements.len(), 3);
    assert_eq!(
        statements[0]["medicationCodeableConcept"]["text"],
        json!("kratom")
    );
    assert_eq!(
        statements[0]["dosage"][0]["doseAndRate"][0]["doseQuantity"],
        json!({"value": 3.0, "unit": "g", "system": "http://unitsofmeasure.org", "code": "g"})
    );
    assert_eq!(statements[0]["reasonCode"][0]["text"], json!("pain"));
    assert_eq!(statements[1]["dosage"][0]["text"], json!("2 glasses"));
    assert_eq!(statements[2]["effectiveDateTime"], json!("2026-11-20"));
    let entries = bundle["entry"].as_array().unwrap();
    assert_eq!(
        entries[0]["resource"]["resourceType"],
        json!("Questionnaire")
    );
    assert_eq!(entries.len(), 16);
    let phq = entries[0]["resource"]["item"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["linkId"] == "phq_interest")
        .unwrap();
    assert_eq!(
        phq["code"][0],
        json!({"system": "http://loinc.org", "code": "44250-9", "display": "Little interest or pleasure in doing things"})
    );
    // The PHQ-9 total, where it was worked out, with its LOINC code.
    let total = entries[0]["resource"]["item"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["linkId"] == "phq9")
        .expect("the PHQ-9 total as an item");
    assert_eq!(total["code"][0]["code"], json!("44261-6"));
    assert_eq!(total["readOnly"], json!(true));
    let answered = entries
        .iter()
        .filter(|e| e["resource"]["resourceType"] == "QuestionnaireResponse")
        .filter(|e| {
            e["resource"]["item"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["linkId"] == "phq9")
        })
        .count();
    assert!(answered >= 1, "no response carries the PHQ-9 total");
    let path = env.file("bundle.json", &bundle.to_string());
    let python = std::env::var("SELFCHECK_FHIR_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/support/fhir_validate.py"
    );
    let out = Command::new(&python).arg(script).arg(&path).output().unwrap_or_else(|e| {
        panic!("{python} is needed to validate FHIR ({e}); run ./.ci/run, which sets up fhir.resources")
    });
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "the FHIR validator rejected the bundle (or is missing: run ./.ci/run, which installs fhir.resources and sets SELFCHECK_FHIR_PYTHON):\n{said}"
    );
    assert!(
        said.contains("ok 1 questionnaire(s), 12 response(s)"),
        "{said}"
    );
}

#[test]
fn export_to_a_file_is_private_and_never_replaces_one() {
    let env = Env::new();
    env.checkin(&quiet_week(), None);
    let path = env.tmp.path().join("backup.json");
    env.cmd()
        .args(["export", "--format", "json", "--out"])
        .arg(&path)
        .assert()
        .success();
    env.cmd()
        .args(["export", "--format", "csv", "--out"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(common::said("--force"));
    let v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(v["format"], json!("selfcheck-export"));
}
