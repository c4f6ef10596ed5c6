//! `selfcheck summary`: the latest check-in in words and as JSON, compared with the one
//! before it.

use crate::common;

use common::{quiet_week, week_with, Env};
use serde_json::{json, Value};

/// The text summary with line wrapping undone, so phrases can be searched for.
fn text_summary(env: &Env) -> String {
    let out = env.cmd().arg("summary").output().unwrap();
    assert!(out.status.success());
    unwrap_lines(&String::from_utf8(out.stdout).unwrap())
}

fn unwrap_lines(text: &str) -> String {
    text.replace("\n        ", " ")
        .replace("\n      ", " ")
        .replace("\n    ", " ")
        .replace("\n  ", " ")
}

#[test]
fn no_flags_says_so_and_a_clinician_is_still_fine() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-11-16"));
    let text = text_summary(&env);
    assert!(
        text.starts_with("Weekly self-check: check-in of Monday 16 November 2026 (2026-11-16)\n"),
        "{text}"
    );
    assert!(text.contains("Not a diagnosis"), "{text}");
    assert!(text.contains("Flags: none appeared this time."));
    assert!(text.contains("Talking to a clinician is still fine at any time"));
    assert!(text.contains("PEG (pain, enjoyment, general activity)"));
    assert!(
        text.contains("PEG (pain, enjoyment, general activity): 1.3 of 10"),
        "{text}"
    );
    assert!(text.contains("GAD-2 (nerves, worry): 1 of 6, below the usual cut-off of 3"));
    assert!(!text.contains("If you need help now"), "{text}");
    assert!(
        !text.contains("988"),
        "no crisis line without a mood or substance flag"
    );
}

#[test]
fn flags_come_with_answer_rule_source_and_a_suggestion() {
    let env = Env::new();
    env.checkin(
        &week_with(json!({"phq_interest": 2, "phq_mood": 2, "use_tolerance": true})),
        None,
    );
    let text = text_summary(&env);
    for expected in [
        "Flags: 3 appeared, the most important first",
        "[!] Low mood or loss of interest at or above the PHQ-2 cut-off When: this check-in.",
        "You answered: Little interest or pleasure in doing things (past 2 weeks): 2 (More than half the days)",
        "The rules behind these flags",
        "Low mood or loss of interest at or above the PHQ-2 cut-off: PHQ-2 score 3 or more (of 6) (published cut-off; PHQ-2, 2003)",
        "PHQ-2: Kroenke K, Spitzer RL, Williams JBW. Med Care 2003",
        "PHQ-2 interest item at \"More than half the days\" or more (the PHQ-9 scoring for an item that counts); one item alone is not a validated screen (this tool's own rule",
        "You could bring this summary and mention:",
        "- Signs of relying more on pain medicines, alcohol or other substances",
        "988",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    for word in ["depression", "addict", "abuse", "you have"] {
        assert!(
            !text.to_lowercase().contains(word),
            "diagnostic word {word:?} in:\n{text}"
        );
    }
}

#[test]
fn crisis_resources_come_first_when_safety_fired() {
    let env = Env::new();
    let out = env.answers_output(&week_with(json!({"phq_selfharm": 1})));
    assert!(out.status.success());
    let at_checkin = unwrap_lines(&String::from_utf8(out.stdout).unwrap());
    // At a check-in they come before anything else (before saving, which could fail), once.
    assert!(
        at_checkin.starts_with("\nIF YOU NEED HELP NOW"),
        "{at_checkin}"
    );
    assert_eq!(
        at_checkin.matches("IF YOU NEED HELP NOW").count(),
        1,
        "{at_checkin}"
    );
    let summary = text_summary(&env);
    let crisis = summary.find("IF YOU NEED HELP NOW").expect("crisis block");
    let scores = summary.find("\nScores").expect("scores");
    let disclaimer = summary.find("Not a diagnosis").expect("disclaimer");
    assert!(
        disclaimer < crisis && crisis < scores,
        "crisis resources must follow the header:\n{summary}"
    );
    for text in [at_checkin, summary] {
        assert!(text.contains("call your local emergency number now"));
        assert!(text.contains("Samaritans 116 123"));
        assert!(text.contains("[!!] URGENT:"), "{text}");
        assert!(text.contains("self-harm"), "{text}");
    }
    let s = env.summary_json();
    assert_eq!(s["crisis_resources"], json!(true));
    assert_eq!(s["flags"][0]["id"], json!("safety"));
    assert_eq!(s["flags"][0]["severity"], json!("urgent"));
}

#[test]
fn json_has_the_contract_shape() {
    let env = Env::new();
    env.checkin(&week_with(json!({"gad_nervous": 3})), Some("2026-11-16"));
    let s = env.summary_json();
    for key in [
        "schema_version",
        "period",
        "checkins",
        "flags",
        "changes",
        "trends",
        "crisis_resources",
    ] {
        assert!(s.get(key).is_some(), "missing {key}");
    }
    assert_eq!(
        s["period"],
        json!({"from": "2026-11-16", "to": "2026-11-16", "checkins": 1, "weeks": 1, "missed_weeks": []})
    );
    let c = &s["checkins"][0];
    assert_eq!(c["date"], json!("2026-11-16"));
    // A positive GAD-2 brings the GAD-7 (answered "Not at all" here); the PHQ-9 was not asked.
    assert_eq!(
        c["scores"],
        json!({"peg": 1.3, "phq2": 1, "gad2": 3, "phq9": null, "gad7": 3})
    );
    assert_eq!(c["flags"], json!(["anxiety"]));
    let f = &s["flags"][0];
    for key in [
        "id",
        "title",
        "severity",
        "own_rule",
        "source",
        "dates",
        "count",
        "persistent",
        "evidence",
    ] {
        assert!(f.get(key).is_some(), "flag lacks {key}");
    }
    assert_eq!(f["dates"], json!(["2026-11-16"]));
    assert_eq!(f["persistent"], json!(false));
}

#[test]
fn an_empty_store_gives_empty_json_and_how_to_start() {
    let env = Env::new();
    let s = env.summary_json();
    assert_eq!(s["checkins"], json!([]));
    assert_eq!(s["flags"], json!([]));
    assert!(s["message"].as_str().unwrap().contains("selfcheck checkin"));
}

fn peg(pain: i64, enjoyment: i64, activity: i64) -> Value {
    if pain == 0 {
        week_with(
            json!({"peg_pain": 0, "peg_enjoyment": null, "peg_activity": null, "pain_sleep": null}),
        )
    } else {
        week_with(json!({"peg_pain": pain, "peg_enjoyment": enjoyment, "peg_activity": activity}))
    }
}

/// Two check-ins a week apart; returns the summary of the second.
fn two_weeks(first: Value, second: Value) -> Value {
    let env = Env::new();
    env.checkin(&first, Some("2026-11-09"));
    env.checkin(&second, Some("2026-11-16"));
    env.summary_json()
}

fn has_flag(s: &Value, id: &str) -> bool {
    s["flags"].as_array().unwrap().iter().any(|f| f["id"] == id)
}

#[test]
fn pain_worse_at_its_boundaries() {
    // Version 3: between neighbours a sum of +6 (2 PEG points) fires, +5 and +3 (1 point,
    // even at 30% of the one before) do not; from 0, +6 does (PEG 0 -> 2).
    for (from, to, fires) in [
        (peg(7, 7, 6), peg(9, 9, 8), true),
        (peg(7, 7, 6), peg(9, 8, 8), false),
        (peg(4, 3, 3), peg(5, 4, 4), false),
        (peg(4, 4, 3), peg(5, 5, 4), false),
        (peg(0, 0, 0), peg(1, 1, 1), false),
        (peg(0, 0, 0), peg(2, 2, 2), true),
        (peg(1, 1, 0), peg(2, 2, 1), false),
        (peg(1, 1, 1), peg(2, 2, 2), false),
        (peg(0, 0, 0), peg(1, 1, 0), false),
    ] {
        let s = two_weeks(from.clone(), to.clone());
        assert_eq!(
            has_flag(&s, "pain_worse"),
            fires,
            "from {from} to {to}: {s}"
        );
    }
    let s = two_weeks(peg(7, 7, 6), peg(9, 9, 8));
    let change = &s["changes"][0];
    assert_eq!(change["direction"], json!("worse"));
    assert_eq!(
        (change["from"].clone(), change["to"].clone()),
        (json!(20), json!(26))
    );
}

#[test]
fn improvement_is_reported_never_flagged() {
    let s = two_weeks(peg(9, 9, 8), peg(7, 7, 6));
    assert!(!has_flag(&s, "pain_worse"));
    assert_eq!(s["changes"][0]["direction"], json!("improvement"));
    let env = Env::new();
    env.checkin(&peg(9, 9, 8), Some("2026-11-09"));
    env.checkin(&peg(7, 7, 6), Some("2026-11-16"));
    env.cmd()
        .arg("summary")
        .assert()
        .success()
        .stdout(common::said("PEG pain score fell by 2 points or more"))
        .stdout(common::said(
            "sum fell from 26 of 30 on 9 Nov 2026 to 20 of 30 on 16 Nov 2026",
        ));
}

#[test]
fn a_flag_in_3_of_the_last_4_checkins_is_persistent() {
    let env = Env::new();
    let anxious = week_with(json!({"gad_nervous": 2, "gad_worry": 1}));
    env.checkin(&anxious, Some("2026-10-26"));
    env.checkin(&quiet_week(), Some("2026-11-02"));
    env.checkin(&anxious, Some("2026-11-09"));
    let s = env.summary_json();
    assert_eq!(
        s["flags"][0]["persistent"],
        json!(false),
        "fewer than 4 check-ins: never persistent"
    );
    env.checkin(&anxious, Some("2026-11-16"));
    let s = env.summary_json();
    assert_eq!(s["flags"][0]["id"], json!("anxiety"));
    assert_eq!(s["flags"][0]["persistent"], json!(true), "3 of 4");
    env.checkin(&quiet_week(), Some("2026-11-17"));
    env.checkin(&quiet_week(), Some("2026-11-20"));
    env.checkin(&anxious, Some("2026-11-23"));
    let s = env.summary_json();
    assert_eq!(s["flags"][0]["persistent"], json!(false), "2 of the last 4");
}

#[test]
fn three_month_pain_flags_are_never_persistent() {
    let env = Env::new();
    for date in ["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"] {
        env.checkin(
            &week_with(json!({"pain_frequency_3m": "every_day", "pain_limits_3m": "every_day"})),
            Some(date),
        );
    }
    let s = env.summary_json();
    for f in s["flags"].as_array().unwrap() {
        assert_eq!(f["persistent"], json!(false), "{}", f["id"]);
    }
}

#[test]
fn relief_use_rising_needs_four_checkins_never_falling_and_two_more_days() {
    let env = Env::new();
    for (date, days) in [("2026-10-26", 1), ("2026-11-02", 2), ("2026-11-09", 3)] {
        env.checkin(&week_with(json!({"relief_use_days": days})), Some(date));
    }
    assert!(!has_flag(&env.summary_json(), "relief_use_rising"));
    env.checkin(
        &week_with(json!({"relief_use_days": 2})),
        Some("2026-11-16"),
    );
    assert!(
        !has_flag(&env.summary_json(), "relief_use_rising"),
        "a fall breaks the run"
    );
    // Version 2: 1, 1, 2, 3 is "more and more" (a flat step is allowed, +2 overall).
    let env = Env::new();
    for (date, days) in [
        ("2026-10-26", 1),
        ("2026-11-02", 1),
        ("2026-11-09", 2),
        ("2026-11-16", 3),
    ] {
        env.checkin(&week_with(json!({"relief_use_days": days})), Some(date));
    }
    assert!(has_flag(&env.summary_json(), "relief_use_rising"));
    // 0, 0, 0, 1: one more day is not enough.
    let env = Env::new();
    for (date, days) in [
        ("2026-10-26", 0),
        ("2026-11-02", 0),
        ("2026-11-09", 0),
        ("2026-11-16", 1),
    ] {
        env.checkin(&week_with(json!({"relief_use_days": days})), Some(date));
    }
    assert!(!has_flag(&env.summary_json(), "relief_use_rising"));
    let env = Env::new();
    for (date, days) in [
        ("2026-10-26", 0),
        ("2026-11-02", 1),
        ("2026-11-09", 2),
        ("2026-11-16", 3),
    ] {
        env.checkin(&week_with(json!({"relief_use_days": days})), Some(date));
    }
    assert!(has_flag(&env.summary_json(), "relief_use_rising"));
}
