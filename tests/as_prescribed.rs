//! No false alarms for use as directed: a medicine taken exactly as prescribed, or as its
//! label directs, is left out of the days "to take the edge off" (the item's version 2), so
//! stable prescribed use and a short course for an injury raise no reliance flag; and
//! `pain_worse` version 3 leaves a score going back and forth alone.

use crate::common;

use common::{week_with, Env};
use serde_json::{json, Value};

fn flag_ids(env: &Env, last: &str) -> Vec<String> {
    let s: Value = env.json(&["summary", "--last", last]);
    s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

fn weekly(env: &Env, weeks: usize, answers: impl Fn(usize) -> Value) {
    for w in 0..weeks {
        env.checkin(
            &answers(w),
            Some(&common::days_ago(7 * (weeks - 1 - w) as i64 + 1)),
        );
    }
}

#[test]
fn the_edge_off_question_leaves_out_use_as_prescribed_or_directed() {
    let env = Env::new();
    let shown = String::from_utf8_lossy(&env.stdout(&["questions", "show", "weekly"]))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        shown.contains("in a way beyond how it was prescribed or its label directs")
            && shown.contains(
                "taken exactly as prescribed, or as its label directs, does not count here"
            ),
        "{shown}"
    );
}

#[test]
fn stable_prescribed_daily_use_for_12_weeks_raises_no_reliance_flag() {
    let env = Env::new();
    weekly(&env, 12, |_| {
        week_with(json!({
            "any_use_7d": true, "use_prescribed_only": true, "relief_use_days": 0,
            "use_more_than_meant": false, "use_tolerance": false, "use_cut_down": false,
            "relief_what": "oxycodone 5 mg twice a day, as prescribed"
        }))
    });
    let ids = flag_ids(&env, "12");
    for id in [
        "relief_most_days",
        "relief_use_rising",
        "substance_reliance",
        "tolerance_prescribed",
    ] {
        assert!(!ids.contains(&id.to_string()), "{id} in {ids:?}");
    }
}

#[test]
fn a_week_of_ibuprofen_for_a_sprained_ankle_raises_no_reliance_flag() {
    let env = Env::new();
    weekly(&env, 4, |w| {
        if w == 3 {
            week_with(json!({
                "peg_pain": 6, "any_use_7d": true, "use_prescribed_only": false,
                "relief_use_days": 0, "relief_what": "ibuprofen 400 mg three times a day, as the pack says"
            }))
        } else {
            let mut a = week_with(json!({"any_use_7d": false}));
            let map = a.as_object_mut().unwrap();
            map.retain(|k, _| !(k.starts_with("use_") || k.starts_with("relief_")));
            a
        }
    });
    let ids = flag_ids(&env, "4");
    for id in [
        "relief_most_days",
        "relief_use_rising",
        "substance_reliance",
    ] {
        assert!(!ids.contains(&id.to_string()), "{id} in {ids:?}");
    }
}

#[test]
fn a_pain_score_going_back_and_forth_is_not_a_rise_and_two_steps_up_are() {
    // PEG 2.3, 3.3, 2.3, 3.3, …: sums 7 and 10 in turn.
    let env = Env::new();
    weekly(&env, 12, |w| {
        let (p, e, a) = if w % 2 == 0 { (3, 2, 2) } else { (4, 3, 3) };
        week_with(json!({"peg_pain": p, "peg_enjoyment": e, "peg_activity": a}))
    });
    assert!(!flag_ids(&env, "12").contains(&"pain_worse".to_string()));

    // Sums 7, 10, 13: 2 PEG points over two check-ins, no fall between.
    let env = Env::new();
    weekly(&env, 3, |w| {
        let (p, e, a) = [(3, 2, 2), (4, 3, 3), (5, 4, 4)][w];
        week_with(json!({"peg_pain": p, "peg_enjoyment": e, "peg_activity": a}))
    });
    let s: Value = env.json(&["summary", "--last", "3"]);
    let worse = s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "pain_worse")
        .unwrap_or_else(|| panic!("no pain_worse: {s}"));
    assert_eq!(worse["count"], json!(1), "{worse}");
    let evidence = worse["evidence"].to_string();
    assert!(evidence.contains("from 7 of 30"), "{evidence}");
    assert!(evidence.contains("to 13 of 30"), "{evidence}");
}
