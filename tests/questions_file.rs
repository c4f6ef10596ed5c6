//! `--questions FILE`: a custom set is validated fully, and old check-ins keep the questions
//! they were asked.

use crate::common;

use common::Env;
use predicates::prelude::*;
use serde_json::{json, Value};

fn builtin() -> Value {
    serde_json::from_str(include_str!("../questions/weekly.json")).unwrap()
}

/// A two-item set with one flag, as a user might write.
fn small_set() -> Value {
    json!({
        "format": "selfcheck-questions/1",
        "id": "mini", "version": 1, "language": "en", "title": "Mini check",
        "intro": ["Two questions."],
        "disclaimer": "Self-reported answers. Not a diagnosis.",
        "clinician": {"when_flags": "Consider talking to a clinician about:", "when_none": "Nothing flagged."},
        "crisis": {"title": "Help now", "lines": ["Call your local emergency number."], "short": "Help: local emergency number."},
        "sources": {"own": {"instrument": "Own", "citation": "Made up for a test", "year": null}},
        "sections": [{"id": "s", "title": "Section"}],
        "items": [
            {"id": "tired", "version": 1, "section": "s", "type": "integer", "min": 0, "max": 4,
             "label": "Tiredness", "text": "How tired were you this week?", "anchors": {"0": "Not", "4": "Very"},
             "source": {"ref": "own", "wording": "own"}},
            {"id": "why", "version": 1, "section": "s", "type": "text", "required": false,
             "label": "Why", "text": "Why, do you think?", "ask_if": {"item": "tired", "op": ">=", "value": 3},
             "source": {"ref": "own", "wording": "own"}}
        ],
        "flags": [
            {"id": "very_tired", "severity": "flag", "title": "Very tired", "when": {"item": "tired", "op": ">=", "value": 3},
             "rule": "Tiredness 3 or more", "own_rule": true, "sources": ["own"], "message": "Mention it."}
        ]
    })
}

fn refused(env: &Env, set: &Value) -> String {
    let path = env.file("set.json", &set.to_string());
    let out = env
        .cmd()
        .arg("checkin")
        .arg("--questions")
        .arg(&path)
        .args(["--answers", "-"])
        .write_stdin("{}")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!env.data().exists());
    let err = common::flat(&String::from_utf8(out.stderr).unwrap());
    assert!(
        err.contains(&path.display().to_string()),
        "the file is not named:\n{err}"
    );
    err
}

#[test]
fn every_problem_names_the_file_the_item_and_what_is_wrong() {
    let env = Env::new();
    let mut set = builtin();
    set["items"][1]["id"] = json!("peg_pain");
    set["items"][3]["min"] = json!(10);
    set["items"][3]["max"] = json!(2);
    set["items"][5]["ask_if"] = json!({"item": "no_such_item", "op": "==", "value": 1});
    set["flags"][0]["when"] = json!({"item": "phq_selfharn", "op": ">=", "value": 1});
    let err = refused(&env, &set);
    for expected in [
        "item 'peg_pain': the id is used by more than one item",
        "item 'pain_sleep' (items[3]): \"min\" (10) is greater than \"max\" (2)",
        "item 'pain_limits_3m' (items[5]): \"ask_if\" names unknown item \"no_such_item\"",
        "flag 'safety' (flags[0]): \"when\" names unknown item \"phq_selfharn\"",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn an_unknown_type_or_bad_json_is_named() {
    let env = Env::new();
    let mut set = builtin();
    set["items"][6]["type"] = json!("slider");
    let err = refused(&env, &set);
    assert!(
        err.contains("item 'phq_interest' (items[6]): unknown variant `slider`"),
        "{err}"
    );

    let path = env.file("broken.json", "{\"format\": \"selfcheck-questions/1\",");
    env.cmd()
        .arg("checkin")
        .arg("--questions")
        .arg(&path)
        .args(["--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(1)
        .stderr(common::said("broken.json").and(common::said("not valid JSON")));
}

#[test]
fn a_custom_set_checks_in_and_its_questions_stay_readable() {
    let env = Env::new();
    let path = env.file("mini.json", &small_set().to_string());
    env.cmd()
        .arg("checkin")
        .arg("--questions")
        .arg(&path)
        .args(["--answers", "-"])
        .write_stdin(r#"{"tired": 3, "why": "late nights"}"#)
        .assert()
        .success()
        .stdout(common::said("Very tired"));
    // The set's file can go away: the copy in the data directory keeps the check-in readable.
    std::fs::remove_file(&path).unwrap();
    let s = env.summary_json();
    assert_eq!(s["questionnaire"]["id"], json!("mini"));
    assert_eq!(s["flags"][0]["id"], json!("very_tired"));
    assert_eq!(
        s["latest"]["answers"][0]["question"],
        json!("How tired were you this week?")
    );
    assert_eq!(s["latest"]["answers"][1]["text"], json!("late nights"));
}

#[test]
fn follow_up_scores_bands_and_rule_options_are_checked() {
    let env = Env::new();
    let mut set = small_set();
    // A score of "tired"; "why" asked on it is fine; a band list with a gap is not.
    set["scores"] = json!([{"id": "t", "title": "T", "method": "sum", "items": ["tired"],
        "min": 0, "max": 4, "source": "own", "all_asked": true,
        "bands": {"by": "us", "ranges": [{"min": 0, "max": 1, "name": "low"}, {"min": 3, "max": 4, "name": "high"}]}}]);
    set["items"][1]["ask_if"] = json!({"score": "t", "op": ">=", "value": 3});
    // An item asked on a score whose item comes later.
    set["items"][0]["ask_if"] = json!({"score": "t", "op": ">=", "value": 1});
    set["trend_flags"] = json!([{"id": "up", "severity": "flag", "kind": "rising", "title": "Up",
        "items": ["tired"], "steps": 2, "or_min_rise": 1, "rule": "r", "own_rule": true,
        "sources": ["own"], "message": "m"}]);
    let err = refused(&env, &set);
    for expected in [
        "item 'tired' (items[0]): \"ask_if\" names score \"t\", whose items are not all asked before this item",
        "band \"high\" (3-4) must start at 2",
        "\"min_rise\", \"or_min_rise\", \"or_min_percent\", \"or_min_previous\" and \"or_over_two\" belong to a \"rise\" rule",
    ] {
        assert!(err.contains(expected), "{expected:?} not in:\n{err}");
    }
    assert!(
        !err.contains("item 'why'"),
        "a score asked before is fine:\n{err}"
    );
}

#[test]
fn a_text_limit_too_large_to_add_up_is_refused_never_a_panic() {
    let env = Env::new();
    let mut set: serde_json::Value =
        serde_json::from_str(include_str!("../questions/weekly.json")).unwrap();
    for item in set["items"].as_array_mut().unwrap() {
        if item["type"] == "text" {
            item["max_length"] = serde_json::json!(3_074_457_345_618_256_890u64);
        }
    }
    let file = env.file("huge.json", &set.to_string());
    let out = env
        .cmd()
        .args(["questions", "validate"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
