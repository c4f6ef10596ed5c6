//! Own question sets in the config directory, and the configuration file.

use crate::common;

use common::{quiet_week, week_with, Env};
use predicates::prelude::*;
use serde_json::{json, Value};

fn builtin() -> Value {
    serde_json::from_str(include_str!("../questions/weekly.json")).unwrap()
}

/// A short set of the user's own: two questions, one flag.
fn sleep_set() -> Value {
    json!({
        "format": "selfcheck-questions/1",
        "id": "sleep", "version": 1, "language": "en", "title": "Sleep diary",
        "intro": ["Two questions about sleep."],
        "disclaimer": "Self-reported answers. Not a diagnosis.",
        "clinician": {"when_flags": "Consider talking to a clinician about:", "when_none": "Nothing flagged."},
        "crisis": {"title": "Help now", "lines": ["Call your local emergency number."], "short": "Help: local emergency number."},
        "sources": {"own": {"instrument": "Own", "citation": "Written for this test", "year": null}},
        "sections": [{"id": "s", "title": "Sleep"}],
        "items": [
            {"id": "hours", "version": 1, "section": "s", "type": "integer", "min": 0, "max": 14,
             "label": "Hours slept", "text": "How many hours did you sleep on a typical night?",
             "source": {"ref": "own", "wording": "own"}},
            {"id": "rested", "version": 1, "section": "s", "type": "boolean",
             "label": "Woke rested", "text": "Did you usually wake up rested?",
             "source": {"ref": "own", "wording": "own"}}
        ],
        "flags": [
            {"id": "short_sleep", "severity": "flag", "title": "Short sleep", "when": {"item": "hours", "op": "<", "value": 6},
             "rule": "Fewer than 6 hours", "own_rule": true, "sources": ["own"], "message": "Mention it."}
        ]
    })
}

fn install(env: &Env, name: &str, set: &Value) -> std::path::PathBuf {
    let dir = env.config().join("questions");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, set.to_string()).unwrap();
    path
}

#[test]
fn own_sets_are_listed_validated_used_and_summarised() {
    let env = Env::new();
    install(&env, "sleep.json", &sleep_set());
    let mut broken = builtin();
    broken["id"] = json!("broken");
    broken["items"][0]["max"] = json!(-1);
    install(&env, "broken.json", &broken);
    env.cmd()
        .args(["questions", "list"])
        .assert()
        .success()
        .stdout(common::said("weekly").and(common::said("built in")))
        .stdout(common::said("sleep").and(common::said("Sleep diary")))
        .stdout(common::said("not usable"));
    env.cmd()
        .args(["questions", "show", "sleep"])
        .assert()
        .success()
        .stdout(common::said(
            "hours: How many hours did you sleep on a typical night?",
        ))
        .stdout(common::said(
            "short_sleep (Short sleep): Fewer than 6 hours",
        ));
    env.cmd()
        .args(["questions", "validate"])
        .arg(env.config().join("questions/sleep.json"))
        .assert()
        .success()
        .stdout(common::said(
            "valid: question set \"sleep\" version 1, 2 questions, 1 flags",
        ));
    env.cmd()
        .args(["checkin", "--set", "sleep", "--answers", "-"])
        .write_stdin(r#"{"hours": 5, "rested": false}"#)
        .assert()
        .success()
        .stdout(common::said("Short sleep"));
    let s = env.summary_json();
    assert_eq!(s["questionnaire"]["id"], json!("sleep"));
    assert_eq!(s["flags"][0]["id"], json!("short_sleep"));
    env.cmd()
        .args(["checkin", "--set", "nosuch", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(1)
        .stderr(
            common::said("no valid question set \"nosuch\"").and(common::said("weekly, sleep")),
        );
}

#[test]
fn validate_lists_every_problem_with_its_path_and_a_hint() {
    let env = Env::new();
    let mut set = builtin();
    set["items"][0]["max"] = json!(-1);
    set["items"][4]["options"] = json!([]);
    set["flags"][2]["sources"] = json!(["nosuch"]);
    let path = env.file("mine.json", &set.to_string());
    env.cmd()
        .args(["questions", "validate"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(common::said(
            "item 'peg_pain' (items[0]): \"min\" (0) is greater than \"max\" (-1)",
        ))
        .stderr(common::said(
            "item 'pain_frequency_3m' (items[4]): a choice item needs \"options\"",
        ))
        .stderr(common::said(
            "flag 'anhedonia' (flags[2]): source \"nosuch\" is not in \"sources\"",
        ))
        .stderr(common::said("See questions/README.md for the format."));
}

fn write_config(env: &Env, config: &Value) {
    std::fs::create_dir_all(env.config()).unwrap();
    std::fs::write(env.config().join("config.json"), config.to_string()).unwrap();
}

#[test]
fn config_path_and_show() {
    let env = Env::new();
    env.cmd()
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", env.config().join("config.json").display()));
    env.cmd()
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(common::said("not created; defaults apply"))
        .stdout(common::said("cadence:         weekly"));
}

#[test]
fn an_unknown_key_or_bad_value_is_a_warning_that_never_stops_a_command() {
    let env = Env::new();
    write_config(&env, &json!({"cadense": "weekly"}));
    env.cmd()
        .arg("status")
        .assert()
        .code(3)
        .stderr(common::said("unknown key \"cadense\" was ignored"))
        .stderr(common::said(
            "question_set, cadence, crisis_region, summary_period, summary_format",
        ));
    write_config(
        &env,
        &json!({"cadence": "fortnightly", "summary_format": "html"}),
    );
    env.cmd()
        .arg("status")
        .assert()
        .code(3)
        .stderr(common::said(
            "bad value for \"cadence\": \"weekly\" or {\"every_days\": N} with N from 1 to 3650; \"weekly\" is used instead",
        ));
    // The good key beside the bad one still counts.
    env.checkin(&quiet_week(), None);
    env.cmd()
        .arg("summary")
        .assert()
        .success()
        .stdout(common::said("<!DOCTYPE html>"));
    // `config show` and `doctor` call it a problem.
    env.cmd()
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(common::said("problem: ").and(common::said("\"cadence\"")));
    env.cmd()
        .arg("doctor")
        .assert()
        .code(5)
        .stdout(common::said("bad value for \"cadence\""));
}

#[test]
fn question_set_key_chooses_the_set() {
    let env = Env::new();
    install(&env, "sleep.json", &sleep_set());
    write_config(&env, &json!({"question_set": "sleep"}));
    env.cmd()
        .args(["checkin", "--answers", "-"])
        .write_stdin(r#"{"hours": 8, "rested": true}"#)
        .assert()
        .success();
    assert_eq!(env.summary_json()["questionnaire"]["id"], json!("sleep"));
}

#[test]
fn cadence_key_changes_when_a_checkin_is_due() {
    let env = Env::new();
    let four_days_ago = (chrono::Utc::now().date_naive() - chrono::Duration::days(4)).to_string();
    env.checkin(&quiet_week(), Some(&four_days_ago));
    write_config(&env, &json!({"cadence": {"every_days": 3}}));
    env.cmd()
        .arg("status")
        .assert()
        .code(3)
        .stdout(common::said("A check-in is due"));
    write_config(&env, &json!({"cadence": {"every_days": 7}}));
    env.cmd()
        .arg("status")
        .assert()
        .code(0)
        .stdout(common::said("Your check-in is done"));
}

#[test]
fn crisis_region_key_changes_the_lines_shown() {
    let env = Env::new();
    env.checkin(&week_with(json!({"phq_selfharm": 1})), None);
    write_config(&env, &json!({"crisis_region": "AU"}));
    let out = env.cmd().arg("summary").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap().replace("\n  ", " ");
    assert!(
        text.contains("Australia: Lifeline 13 11 14; emergency 000."),
        "{text}"
    );
    assert!(text.contains("call your local emergency number now"));
    assert!(!text.contains("Samaritans"), "{text}");
    // An unknown region is a warning, and every region's lines are shown.
    write_config(&env, &json!({"crisis_region": "XX"}));
    let out = env.cmd().arg("summary").output().unwrap();
    assert!(out.status.success());
    let err = common::flat(&String::from_utf8(out.stderr).unwrap());
    assert!(
        err.contains("\"XX\" is not a known region") && err.contains("all, US, CA, UK, IE, AU, NZ"),
        "{err}"
    );
    let text = String::from_utf8(out.stdout).unwrap().replace("\n  ", " ");
    for line in ["988", "Samaritans 116 123", "13 11 14", "1737"] {
        assert!(text.contains(line), "{line} missing:\n{text}");
    }
}

#[test]
fn summary_period_and_format_keys_change_the_default_summary() {
    let env = Env::new();
    for date in ["2026-11-02", "2026-11-09", "2026-11-16"] {
        env.checkin(&quiet_week(), Some(date));
    }
    write_config(
        &env,
        &json!({"summary_period": {"last": 2}, "summary_format": "json"}),
    );
    let out = env.cmd().arg("summary").output().unwrap();
    let s: Value = serde_json::from_slice(&out.stdout).expect("json by default now");
    assert_eq!(s["period"]["checkins"], json!(2));
    write_config(&env, &json!({"summary_format": "markdown"}));
    env.cmd()
        .arg("summary")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# Weekly self-check"));
    // An option on the command line wins.
    env.cmd()
        .args(["summary", "--format", "text"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Weekly self-check: check-in of",
        ));
}

#[test]
fn a_key_given_twice_and_escape_sequences_in_keys_and_values_are_named_safely() {
    let env = Env::new();
    std::fs::create_dir_all(env.config()).unwrap();
    std::fs::write(
        env.config().join("config.json"),
        r#"{"cadence": "weekly", "cadence": {"every_days": 3}, "\u001b]0;owned\u0007k": 1, "crisis_region": "\u001b[2J"}"#,
    )
    .unwrap();
    for args in [&["status"][..], &["config", "show"][..], &["doctor"][..]] {
        let out = env.cmd().args(args).output().unwrap();
        let all = [out.stdout, out.stderr].concat();
        let text = String::from_utf8_lossy(&all);
        assert!(
            !all.contains(&0x1b),
            "{args:?}: an escape reached the terminal: {text}"
        );
        assert!(text.contains("\\u{1b}"), "{args:?}: made visible: {text}");
        assert!(
            text.contains("\"cadence\" is given twice") && text.contains("every_days"),
            "{args:?}: {text}"
        );
    }
    // The last value is the one used.
    let out = env.cmd().args(["config", "show"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("every 3 days"));
}
