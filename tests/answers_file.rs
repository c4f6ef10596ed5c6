//! `checkin --answers`: every problem reported at once, naming the item and what is allowed;
//! nothing saved on any problem.

use crate::common;

use common::{quiet_week, week_with, Env};
use predicates::prelude::*;
use serde_json::json;

fn rejected(env: &Env, answers: &serde_json::Value) -> String {
    let out = env.answers_output(answers);
    assert_eq!(out.status.code(), Some(1), "should be refused: {answers}");
    assert!(out.stdout.is_empty());
    assert!(
        !env.data().exists(),
        "a rejected check-in must create nothing"
    );
    common::flat(&String::from_utf8(out.stderr).unwrap())
}

#[test]
fn every_problem_is_listed_with_what_is_allowed() {
    let env = Env::new();
    let answers = week_with(json!({
        "peg_pain": 11,
        "phq_mood": "2",
        "gad_worry": 1.0,
        "pain_frequency_3m": "often",
        "cycle_concern": "yes",
        "stress": null,
        "favourite_colour": "blue"
    }));
    let err = rejected(&env, &answers);
    for line in [
        "peg_pain: 11 is out of range (allowed: a whole number from 0 to 10)",
        "phq_mood: \"2\" is a string; write the number without quotes (allowed: a whole number from 0 to 3)",
        "gad_worry: 1.0 is not a whole number; write it without decimals (allowed: a whole number from 0 to 3)",
        "pain_frequency_3m: \"often\" is not an option (allowed: one of \"never\", \"some_days\", \"most_days\", \"every_day\")",
        "cycle_concern: \"yes\" is not true or false (allowed: true or false)",
        "stress: missing; this item is required (allowed: a whole number from 0 to 10)",
        "favourite_colour: not an item of this question set",
        "nothing was saved",
    ] {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
    assert!(err.contains("7 problems"), "{err}");
}

#[test]
fn an_answer_skip_logic_would_not_ask_is_refused() {
    let env = Env::new();
    let err = rejected(&env, &week_with(json!({"peg_pain": 0})));
    assert!(
        err.contains("peg_enjoyment: would not be asked with these answers (it is asked only when peg_pain >= 1); leave it out"),
        "{err}"
    );
    let err = rejected(&env, &week_with(json!({"any_use_7d": false})));
    assert!(err.contains("relief_use_days: would not be asked"), "{err}");
    assert!(err.contains("any_use_7d == true"), "{err}");
}

#[test]
fn skipped_items_are_stored_as_skipped_never_invented() {
    let env = Env::new();
    let answers = week_with(json!({
        "peg_pain": 0, "peg_enjoyment": null, "peg_activity": null, "pain_sleep": null,
        "any_use_7d": false, "relief_use_days": null, "use_more_than_meant": null,
        "use_tolerance": null, "use_cut_down": null, "relief_what": null
    }));
    env.checkin(&answers, None);
    let files = env.checkin_files();
    assert_eq!(files.len(), 1);
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    assert_eq!(record["answers"]["peg_pain"], json!(0));
    assert_eq!(record["answers"]["peg_enjoyment"], json!({"skipped": true}));
    assert_eq!(record["answers"]["relief_what"], json!({"skipped": true}));
    assert_eq!(record["answers"]["note"], json!(null));
    // The 3-month pain items are always asked, whatever this week was like.
    assert_eq!(record["answers"]["pain_frequency_3m"], json!("some_days"));
}

#[test]
fn items_without_pain_or_use_cannot_be_left_out_when_asked() {
    let env = Env::new();
    let err = rejected(
        &env,
        &week_with(json!({"relief_use_days": null, "pain_limits_3m": null})),
    );
    assert!(err.contains("relief_use_days: missing"), "{err}");
    assert!(err.contains("pain_limits_3m: missing"), "{err}");
}

#[test]
fn not_json_or_not_an_object_is_explained() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["checkin", "--answers", "-"])
        .write_stdin("{\"peg_pain\": 3,")
        .assert()
        .code(1);
    out.stderr(common::said("not valid JSON"));
    env.cmd()
        .args(["checkin", "--answers", "-"])
        .write_stdin("[1, 2]")
        .assert()
        .code(1)
        .stderr(common::said("one JSON object"));
    assert!(!env.data().exists());
}

#[test]
fn a_missing_answers_file_is_named() {
    let env = Env::new();
    env.cmd()
        .args(["checkin", "--answers", "/nonexistent/week.json"])
        .assert()
        .code(1)
        .stderr(common::said("/nonexistent/week.json"));
}

#[test]
fn answers_from_a_file_are_saved_and_summarised() {
    let env = Env::new();
    let path = env.file("week.json", &quiet_week().to_string());
    env.cmd()
        .arg("checkin")
        .arg("--answers")
        .arg(&path)
        .assert()
        .success()
        .stdout(common::said("Flags: none this time."))
        .stderr(common::said("Saved your check-in"));
    assert_eq!(env.checkin_files().len(), 1);
}

#[test]
fn date_records_an_earlier_day_and_refuses_the_future() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-01-05"));
    assert_eq!(
        env.summary_json()["checkins"][0]["date"],
        json!("2026-01-05")
    );
    let name = env.checkin_files()[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("2026-01-05_"), "{name}");

    for (date, message) in [
        ("2999-01-01", "is in the future"),
        ("2026-02-30", "no such day"),
        ("05/01/2026", "expected a date as YYYY-MM-DD"),
        ("yesterday", "expected a date as YYYY-MM-DD"),
    ] {
        let fresh = Env::new();
        fresh
            .cmd()
            .args(["checkin", "--answers", "-", "--date", date])
            .write_stdin(quiet_week().to_string())
            .assert()
            .code(1)
            .stderr(common::said(message));
        assert!(!fresh.data().exists());
    }
}

#[test]
fn without_a_terminal_or_answers_it_says_how_to_use_answers() {
    let env = Env::new();
    env.cmd()
        .arg("checkin")
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(common::said("selfcheck checkin --answers FILE"))
        .stderr(common::said("not a terminal").and(common::said("IO error").not()));
    assert!(!env.data().exists());
}

#[test]
fn a_huge_answers_file_is_refused_without_reading_it() {
    let env = Env::new();
    let path = env.tmp.path().join("huge.json");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    env.cmd()
        .arg("checkin")
        .arg("--answers")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(common::said("the limit is"));
}

/// The example in `checkin --help` is an answers file the built-in set takes as it is: a
/// new required item, or a renamed one, fails here rather than in someone's script.
#[test]
fn the_help_example_is_an_answers_file_the_set_accepts() {
    let env = Env::new();
    let help = String::from_utf8(env.stdout(&["checkin", "--help"])).unwrap();
    let start = help
        .find("  {\"")
        .expect("an example answers file in checkin --help");
    let end = start + help[start..].find('}').expect("the example's end") + 1;
    let example: serde_json::Value =
        serde_json::from_str(&help[start..end]).expect("the example is JSON");
    env.cmd()
        .args(["checkin", "--answers", "-"])
        .write_stdin(example.to_string())
        .assert()
        .success()
        .stderr(common::said("Saved your check-in"));
    // And it says only what the set asks: every key is an item of the set.
    let set: serde_json::Value =
        serde_json::from_str(selfcheck::questionnaire::BUILTIN_WEEKLY).unwrap();
    let ids: Vec<&str> = set["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    for key in example.as_object().unwrap().keys() {
        assert!(
            ids.contains(&key.as_str()),
            "{key} is not an item of the set"
        );
    }
}
