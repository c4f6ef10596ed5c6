//! `summary --last N` / `--since DATE`: trends, flags across check-ins, persistence, gaps.

use crate::common;

use common::{quiet_week, week_with, Env};
use predicates::prelude::*;
use serde_json::{json, Value};

fn summary(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["summary"];
    all.extend(args);
    env.json(&all)
}

/// Six weekly check-ins with one week missed, pain rising and sleep falling.
fn season(env: &Env) {
    let weeks = [
        ("2026-10-05", 2, 7),
        ("2026-10-12", 3, 6),
        // 2026-10-19: no check-in
        ("2026-10-26", 4, 5),
        ("2026-11-02", 5, 5),
        ("2026-11-09", 6, 4),
        ("2026-11-16", 7, 3),
    ];
    for (date, pain, sleep) in weeks {
        env.checkin(
            &week_with(json!({"peg_pain": pain, "sleep_quality": sleep})),
            Some(date),
        );
    }
}

#[test]
fn trends_have_first_last_lowest_highest_and_show_gaps() {
    let env = Env::new();
    season(&env);
    let s = summary(&env, &["--last", "52"]);
    assert_eq!(s["scope"], json!("period"));
    assert_eq!(
        s["period"],
        json!({"from": "2026-10-05", "to": "2026-11-16", "checkins": 6, "weeks": 7, "missed_weeks": ["2026-W43"]})
    );
    let sleep = &s["trends"]["sleep_quality"];
    assert_eq!(
        (sleep["first"].clone(), sleep["last"].clone()),
        (json!(7.0), json!(3.0))
    );
    assert_eq!(
        (sleep["lowest"].clone(), sleep["highest"].clone()),
        (json!(3.0), json!(7.0))
    );
    assert_eq!(sleep["weekly"], json!([7.0, 6.0, null, 5.0, 5.0, 4.0, 3.0]));
    assert_eq!(sleep["sparkline"], json!("▆▅·▅▅▄▃"));
    let keys: Vec<&String> = s["trends"].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "peg",
            "peg_pain",
            "peg_enjoyment",
            "peg_activity",
            "phq2",
            "gad2",
            "relief_use_days",
            "stress",
            "sleep_quality",
            "active_days",
            "connection"
        ]
    );
    // Text: sparklines where the locale can show them, digits where it cannot.
    env.cmd()
        .args(["summary", "--last", "52"])
        .env("LANG", "en_US.UTF-8")
        .assert()
        .success()
        .stdout(common::said(
            "▆▅·▅▅▄▃\n      first 7, last 3, lowest 3, highest 7",
        ))
        .stdout(common::said("No check-in in the weeks of 2026-10-19."));
    env.cmd()
        .args(["summary", "--last", "52"])
        .env("LANG", "C")
        .assert()
        .success()
        .stdout(common::said("65.5543\n      first 7, last 3"));
}

#[test]
fn since_and_until_choose_the_period_and_persistence_looks_back_before_it() {
    let env = Env::new();
    let anxious = week_with(json!({"gad_nervous": 2, "gad_worry": 1}));
    env.checkin(&anxious, Some("2026-10-19"));
    env.checkin(&anxious, Some("2026-10-26"));
    env.checkin(&quiet_week(), Some("2026-11-02"));
    env.checkin(&anxious, Some("2026-11-09"));
    let s = summary(&env, &["--since", "2026-11-09"]);
    assert_eq!(s["period"]["checkins"], json!(1));
    let flag = &s["flags"][0];
    assert_eq!(flag["id"], json!("anxiety"));
    assert_eq!(flag["dates"], json!(["2026-11-09"]));
    assert_eq!(
        flag["persistent"],
        json!(true),
        "3 of the last 4, counted over the whole history"
    );
    let s = summary(&env, &["--until", "2026-10-26"]);
    assert_eq!(s["period"]["to"], json!("2026-10-26"));
    assert_eq!(s["flags"][0]["count"], json!(2));
    assert_eq!(s["flags"][0]["persistent"], json!(false));
}

#[test]
fn a_period_without_checkins_says_so() {
    let env = Env::new();
    season(&env);
    env.cmd()
        .args(["summary", "--since", "2027-01-01"])
        .assert()
        .success()
        .stdout(
            common::said("No check-ins in this period")
                .and(common::said("2026-10-05 to 2026-11-16")),
        );
}

#[test]
fn pain_worse_and_improvement_across_the_period() {
    let env = Env::new();
    env.checkin(
        &week_with(json!({"peg_pain": 7, "peg_enjoyment": 7, "peg_activity": 6})),
        Some("2026-10-26"),
    );
    env.checkin(
        &week_with(json!({"peg_pain": 9, "peg_enjoyment": 9, "peg_activity": 8})),
        Some("2026-11-02"),
    );
    env.checkin(
        &week_with(json!({"peg_pain": 7, "peg_enjoyment": 7, "peg_activity": 6})),
        Some("2026-11-09"),
    );
    let s = summary(&env, &["--last", "3"]);
    let directions: Vec<&str> = s["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["direction"].as_str().unwrap())
        .collect();
    assert_eq!(directions, ["worse", "improvement"]);
    let ids: Vec<&str> = s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"pain_worse"));
    assert!(!ids.iter().any(|i| i.contains("improve")));
}

#[test]
fn trends_join_only_items_with_the_same_version() {
    let env = Env::new();
    env.checkin(&week_with(json!({"stress": 2})), Some("2026-11-02"));
    // A new version of the set where `stress` changed meaning (version 2).
    let mut set: Value = serde_json::from_str(include_str!("../questions/weekly.json")).unwrap();
    set["version"] = json!(2);
    let stress = set["items"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|i| i["id"] == "stress")
        .unwrap();
    stress["version"] = json!(2);
    stress["text"] = json!("How stressful was work this week?");
    let path = env.file("v2.json", &set.to_string());
    env.cmd()
        .arg("checkin")
        .arg("--questions")
        .arg(&path)
        .args(["--answers", "-", "--date", "2026-11-09"])
        .write_stdin(week_with(json!({"stress": 8})).to_string())
        .assert()
        .success();
    let s = summary(&env, &["--last", "2"]);
    assert_eq!(
        s["trends"]["stress"]["weekly"],
        json!([null, 8.0]),
        "old stress answers mean something else"
    );
    assert_eq!(s["trends"]["sleep_quality"]["weekly"], json!([7.0, 7.0]));
    // The old check-in still shows the question it was asked.
    env.cmd()
        .args(["history", "show", "2026-11-02"])
        .assert()
        .success()
        .stdout(common::said(
            "In the past week, how would you rate your overall stress?",
        ));
    env.cmd()
        .args(["history", "show", "2026-11-09"])
        .assert()
        .success()
        .stdout(common::said("How stressful was work this week?"));
}

#[test]
fn a_rise_that_paused_is_told_as_never_down_and_up_overall_not_in_a_row() {
    for (days, words) in [
        ([5, 6, 6, 7], "did not fall and rose from 5 to 7 of 7 by "),
        ([0, 0, 0, 6], "did not fall and rose from 0 to 6 of 7 by "),
        ([1, 2, 3, 5], "rose three times in a row, to 5 of 7"),
    ] {
        let env = Env::new();
        for (i, d) in days.iter().enumerate() {
            env.checkin(
                &week_with(json!({"relief_use_days": d})),
                Some(&common::days_ago(7 * (3 - i as i64) + 1)),
            );
        }
        let s = summary(&env, &["--last", "4"]);
        let flag = s["flags"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == "relief_use_rising")
            .unwrap_or_else(|| panic!("{days:?}: no relief_use_rising in {s}"));
        let said = flag["evidence"].to_string();
        assert!(said.contains(words), "{days:?}: {said}");
        if words.starts_with("did not fall") {
            assert!(!said.contains("in a row"), "{said}");
        }
    }
}

#[test]
fn the_terminal_period_summary_has_the_persons_own_words() {
    let env = Env::new();
    env.checkin(
        &week_with(json!({"note": "Knee worse on the stairs", "relief_what": "kratom, 2 g"})),
        Some(&common::days_ago(8)),
    );
    env.checkin(
        &week_with(json!({"relief_what": "kratom, 2 g"})),
        Some(&common::days_ago(1)),
    );
    let out = env.stdout(&[
        "summary",
        "--last",
        "4",
        "--concern",
        "Sleep since the new job",
    ]);
    let text = String::from_utf8_lossy(&out);
    let at = |what: &str| {
        text.find(what)
            .unwrap_or_else(|| panic!("{what:?} missing:\n{text}"))
    };
    assert!(at("What I want to talk about") < at("Flags:"), "{text}");
    at("1. Sleep since the new job");
    assert!(at("What was used, in your words") > at("Flags:"), "{text}");
    let short = |n: i64| {
        (chrono::Utc::now().date_naive() - chrono::Duration::days(n))
            .format("%-d %b")
            .to_string()
    };
    at(&format!("- kratom, 2 g ({}, {})", short(8), short(1)));
    at(&format!(
        "- {}: Knee worse on the stairs",
        common::days_ago(8)
    ));
}

#[test]
fn a_period_tells_its_strongest_self_harm_answer_with_its_day_and_the_latest() {
    // Item 9: 0 eight times, then 3, 1, 0, 0.
    let env = Env::new();
    let answers = [0, 0, 0, 0, 0, 0, 0, 0, 3, 1, 0, 0];
    let day_of = |i: usize| common::days_ago(7 * (11 - i as i64) + 1);
    for (i, a) in answers.iter().enumerate() {
        env.checkin(&week_with(json!({"phq_selfharm": a})), Some(&day_of(i)));
    }
    let long = |i: usize| {
        chrono::NaiveDate::parse_from_str(&day_of(i), "%Y-%m-%d")
            .unwrap()
            .format("%-d %b %Y")
            .to_string()
    };
    let s = summary(&env, &["--last", "12"]);
    let safety = s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "safety")
        .unwrap_or_else(|| panic!("no safety flag: {s}"));
    assert_eq!(safety["situation"], json!("safety"));
    assert_eq!(safety["in_latest"], json!(false));
    assert_eq!(safety["last"], json!(day_of(9)));
    assert_eq!(safety["highest"]["value"], json!(3));
    assert_eq!(safety["highest"]["date"], json!(day_of(8)));
    let values: Vec<&Value> = safety["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["value"])
        .collect();
    assert_eq!(values, [&json!(3), &json!(1)]);
    let message = safety["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("On {} you answered \"Nearly every day\"", long(8))),
        "{message}"
    );
    assert!(!message.contains("today"), "{message}");
    assert_eq!(s["crisis"]["message"], json!(message));
    let why = safety["why"].as_str().unwrap();
    assert_eq!(
        why,
        format!(
            "\"Nearly every day\" on {}; \"Several days\" on {}; latest ({}): \"Not at all\"",
            long(8),
            long(9),
            long(11)
        )
    );
    // The terminal says it too, crisis lines first.
    let text = String::from_utf8_lossy(&env.stdout(&["summary", "--last", "12"]))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("\"Nearly every day\""), "{text}");
    assert!(
        text.contains(&format!("latest ({}): \"Not at all\"", long(11))),
        "{text}"
    );
    // Markdown's front, the printed page's front and `history` say the same.
    let md =
        String::from_utf8_lossy(&env.stdout(&["summary", "--last", "12", "--format", "markdown"]))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    assert!(
        md.contains(&format!(
            "**Thoughts of self-harm**: \"Nearly every day\" on {}",
            long(8)
        )),
        "{md}"
    );
    let html =
        String::from_utf8_lossy(&env.stdout(&["summary", "--last", "12", "--format", "html"]))
            .into_owned();
    let front = &html[html.find("class=\"flaglist\"").expect("the front's flags")..];
    let front = &front[..front.find("</table>").unwrap()];
    assert!(front.contains("Nearly every day"), "{front}");
    assert!(front.contains(&format!("latest ({})", long(11))), "{front}");
    let history = String::from_utf8_lossy(&env.stdout(&["history"])).into_owned();
    assert!(
        history.contains("Self-harm thoughts: Nearly every day"),
        "{history}"
    );
    assert!(
        history.contains("Self-harm thoughts: Several days"),
        "{history}"
    );
    // The answer of 3 in the latest check-in is today's.
    let now = Env::new();
    now.checkin(
        &week_with(json!({"phq_selfharm": 1})),
        Some(&common::days_ago(8)),
    );
    now.checkin(
        &week_with(json!({"phq_selfharm": 3})),
        Some(&common::days_ago(1)),
    );
    let s = summary(&now, &["--last", "12"]);
    let message = s["crisis"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("You answered \"Nearly every day\""),
        "{message}"
    );
    assert!(message.contains("today"), "{message}");
}

#[test]
fn a_score_not_asked_is_told_apart_from_a_week_without_a_checkin() {
    // PHQ-9 asked in the first two weeks (PHQ-2 at 4), then not; the third week missed.
    let env = Env::new();
    let low = json!({"phq_interest": 2, "phq_mood": 2});
    for (back, answers) in [
        (29, week_with(low.clone())),
        (22, week_with(low)),
        (8, quiet_week()),
        (1, quiet_week()),
    ] {
        env.checkin(&answers, Some(&common::days_ago(back)));
    }
    let s = summary(&env, &["--last", "5"]);
    let phq9 = &s["trends"]["phq9"];
    assert_eq!(
        phq9["checked"],
        json!([true, true, false, true, true]),
        "{phq9}"
    );
    assert_eq!(
        phq9["sparkline"]
            .as_str()
            .unwrap()
            .chars()
            .skip(2)
            .collect::<String>(),
        "·◦◦"
    );
    let asked = chrono::Utc::now().date_naive() - chrono::Duration::days(22);
    assert_eq!(phq9["last_date"], json!(asked.to_string()));

    let text = String::from_utf8_lossy(&env.stdout(&["summary", "--last", "5"]))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // Without a UTF-8 locale the marks are ASCII: . no check-in, - not asked.
    assert!(
        text.contains("(. = no check-in that week; - = not asked that week)"),
        "{text}"
    );
    assert!(text.contains("PHQ-9 (mood) 22.--"), "{text}");
    let md =
        String::from_utf8_lossy(&env.stdout(&["summary", "--last", "5", "--format", "markdown"]))
            .into_owned();
    assert!(md.contains(", –, not asked, not asked"), "{md}");
    // The snapshot's latest PHQ-9 names its day: it is not the latest check-in's.
    assert!(
        md.contains(&format!("({})", asked.format("%-d %b"))),
        "{md}"
    );
    let html =
        String::from_utf8_lossy(&env.stdout(&["summary", "--last", "5", "--format", "html"]))
            .into_owned();
    assert!(html.contains(": not asked"), "chart description");
    assert!(
        html.contains("(◦) a week whose check-in did not ask it"),
        "legend"
    );
}
