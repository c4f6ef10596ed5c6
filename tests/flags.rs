//! Each flag on one check-in fires at its threshold and not one step below
//! (through `checkin --answers`, read back from `summary --format json`).

use crate::common;

use common::{week_with, Env};
use serde_json::{json, Value};

/// Checks in `answers` in a fresh data directory and returns the summary's flag ids.
fn flags_for(answers: Value) -> Vec<String> {
    let env = Env::new();
    env.checkin(&answers, None);
    env.flag_ids()
}

fn assert_boundary(flag: &str, at: Value, below: Value) {
    let fired = flags_for(week_with(at.clone()));
    assert!(
        fired.contains(&flag.to_string()),
        "{flag} should fire with {at}; got {fired:?}"
    );
    let fired = flags_for(week_with(below.clone()));
    assert!(
        !fired.contains(&flag.to_string()),
        "{flag} should not fire with {below}; got {fired:?}"
    );
}

#[test]
fn a_quiet_week_raises_no_flag() {
    let env = Env::new();
    env.checkin(&common::quiet_week(), None);
    let s = env.summary_json();
    assert_eq!(s["flags"], json!([]));
    assert_eq!(s["crisis_resources"], json!(false));
    assert_eq!(
        s["checkins"][0]["scores"],
        json!({"peg": 1.3, "phq2": 1, "gad2": 1, "phq9": null, "gad7": null})
    );
}

#[test]
fn safety_at_any_answer_above_not_at_all() {
    assert_boundary(
        "safety",
        json!({"phq_selfharm": 1}),
        json!({"phq_selfharm": 0}),
    );
}

#[test]
fn low_mood_at_phq2_of_3() {
    assert_boundary(
        "low_mood",
        json!({"phq_interest": 1, "phq_mood": 2}),
        json!({"phq_interest": 1, "phq_mood": 1}),
    );
}

#[test]
fn anhedonia_at_more_than_half_the_days() {
    assert_boundary(
        "anhedonia",
        json!({"phq_interest": 2, "phq_mood": 0}),
        json!({"phq_interest": 1, "phq_mood": 0}),
    );
}

#[test]
fn anxiety_at_gad2_of_3() {
    assert_boundary(
        "anxiety",
        json!({"gad_nervous": 2, "gad_worry": 1}),
        json!({"gad_nervous": 1, "gad_worry": 1}),
    );
}

#[test]
fn high_impact_pain_needs_both_three_month_items() {
    assert_boundary(
        "high_impact_pain",
        json!({"pain_frequency_3m": "most_days", "pain_limits_3m": "most_days"}),
        json!({"pain_frequency_3m": "most_days", "pain_limits_3m": "some_days"}),
    );
    assert_boundary(
        "high_impact_pain",
        json!({"pain_frequency_3m": "every_day", "pain_limits_3m": "every_day"}),
        json!({"pain_frequency_3m": "some_days", "pain_limits_3m": "every_day"}),
    );
}

#[test]
fn chronic_pain_at_most_days() {
    assert_boundary(
        "chronic_pain",
        json!({"pain_frequency_3m": "most_days"}),
        json!({"pain_frequency_3m": "some_days"}),
    );
}

#[test]
fn pain_affects_sleep_at_5_with_frequent_pain() {
    assert_boundary(
        "pain_affects_sleep",
        json!({"pain_sleep": 5, "pain_frequency_3m": "most_days"}),
        json!({"pain_sleep": 4, "pain_frequency_3m": "most_days"}),
    );
    assert_boundary(
        "pain_affects_sleep",
        json!({"pain_sleep": 10, "pain_frequency_3m": "every_day"}),
        json!({"pain_sleep": 10, "pain_frequency_3m": "some_days"}),
    );
}

#[test]
fn substance_reliance_at_any_one_yes() {
    for item in ["use_more_than_meant", "use_tolerance", "use_cut_down"] {
        assert_boundary(
            "substance_reliance",
            json!({ item: true }),
            json!({ item: false }),
        );
    }
}

#[test]
fn relief_most_days_at_4_days() {
    assert_boundary(
        "relief_most_days",
        json!({"relief_use_days": 4}),
        json!({"relief_use_days": 3}),
    );
}

#[test]
fn pain_mood_cycle_when_the_person_is_concerned() {
    assert_boundary(
        "pain_mood_cycle",
        json!({"cycle_concern": true}),
        json!({"cycle_concern": false}),
    );
}

#[test]
fn skipped_items_count_as_zero_and_no() {
    // No pain this week and no use: the follow-ups are skipped, and no flag reads them.
    let fired = flags_for(week_with(json!({
        "peg_pain": 0, "peg_enjoyment": null, "peg_activity": null, "pain_sleep": null,
        "any_use_7d": false, "relief_use_days": null, "use_more_than_meant": null,
        "use_tolerance": null, "use_cut_down": null, "relief_what": null
    })));
    assert_eq!(fired, Vec::<String>::new());
}

#[test]
fn a_flag_says_which_answer_which_rule_which_source() {
    let env = Env::new();
    env.checkin(&week_with(json!({"phq_interest": 2, "phq_mood": 2})), None);
    let s = env.summary_json();
    let low = s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "low_mood")
        .unwrap();
    assert_eq!(low["own_rule"], json!(false));
    assert_eq!(low["count"], json!(1));
    assert!(low["source"]
        .as_str()
        .unwrap()
        .contains("Kroenke K, Spitzer RL, Williams JBW. Med Care 2003"));
    assert!(low["rule"].as_str().unwrap().contains("3 or more"));
    let items: Vec<&str> = low["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["item"].as_str().unwrap())
        .collect();
    assert_eq!(items, ["phq_interest", "phq_mood"]);
    let own = s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "anhedonia")
        .unwrap();
    assert_eq!(own["own_rule"], json!(true));
}

#[test]
fn the_results_next_step_follows_the_strongest_flag() {
    // The result after a check-in of `changes`, its words on one line.
    let result = |changes: Value| {
        let env = Env::new();
        let week = common::follow_ups(&week_with(changes));
        let out = env
            .cmd()
            .args(["checkin", "--answers", "-"])
            .write_stdin(week.to_string())
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Pain on most days over 3 months alone: a flag for information, nothing urgent.
    let text = result(json!({"pain_frequency_3m": "most_days"}));
    assert!(text.contains("For information"), "{text}");
    assert!(text.contains("Next: nothing urgent."), "{text}");
    assert!(
        !text.contains("worth talking over with a clinician"),
        "{text}"
    );
    // A flag: worth talking over.
    let text = result(json!({"peg_pain": 9}));
    assert!(
        text.contains("Next: worth talking over with a clinician"),
        "{text}"
    );
}
