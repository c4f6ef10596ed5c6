//! Version 2 of the weekly set, clinically deeper: the PHQ-9 and GAD-7 two-step follow-ups
//! with their bands, graded safety, severe pain this week, prescribed use told apart, the
//! limits item skipped after "never", the credit line, words that never label, and a data
//! directory written by version 1 still read, summarised and exported.

use crate::common;

use common::{gad7_more, phq9_more, week_with, Env};
use serde_json::{json, Value};

/// `checkin --answers -` with exactly these answers (no follow-ups filled in).
fn try_checkin(env: &Env, answers: &Value) -> (bool, String) {
    let out = env.answers_output(answers);
    (
        out.status.success(),
        common::flat(&String::from_utf8_lossy(&out.stderr)),
    )
}

/// The PHQ-2 at `phq2` (interest 2, mood the rest) with the PHQ-9 items at `each`.
fn phq(phq2: i64, each: i64) -> Value {
    let mut w = week_with(json!({"phq_interest": phq2.min(2), "phq_mood": phq2 - phq2.min(2)}));
    for id in phq9_more() {
        w[&id] = json!(each);
    }
    w["phq_difficulty"] = json!("somewhat");
    w
}

fn flags_of(answers: &Value) -> Vec<String> {
    let env = Env::new();
    env.checkin(answers, None);
    env.flag_ids()
}

#[test]
fn the_follow_ups_are_asked_only_from_the_screens_cut_off() {
    // PHQ-2 of 2: the PHQ-9 items would not be asked, so giving them is an error.
    let env = Env::new();
    let (ok, said) = try_checkin(&env, &phq(2, 0));
    assert!(!ok);
    assert!(
        said.contains(
            "phq_sleep: would not be asked with these answers (it is asked only when score phq2 >= 3)"
        ),
        "{said}"
    );
    // PHQ-2 of 3: all seven are required.
    let mut w = week_with(json!({"phq_interest": 2, "phq_mood": 1}));
    let (ok, said) = try_checkin(&env, &w);
    assert!(!ok);
    for id in phq9_more()
        .iter()
        .map(String::as_str)
        .chain(["phq_difficulty"])
    {
        assert!(said.contains(&format!("{id}: missing")), "{id}: {said}");
    }
    // GAD-2 of 3: the five GAD-7 items.
    w = week_with(json!({"gad_nervous": 2, "gad_worry": 1}));
    let (ok, said) = try_checkin(&env, &w);
    assert!(!ok);
    for id in gad7_more() {
        assert!(said.contains(&format!("{id}: missing")), "{id}: {said}");
    }
    assert!(env.checkin_files().is_empty());
    // Under the cut-off the scores are null, never 0.
    env.checkin(&common::quiet_week(), None);
    let s = env.summary_json();
    assert_eq!(s["checkins"][0]["scores"]["phq9"], json!(null));
    assert_eq!(s["checkins"][0]["scores"]["gad7"], json!(null));
}

#[test]
fn phq9_and_gad7_flag_at_10_and_show_their_band_never_the_screens() {
    // PHQ-2 3 + 6 items at 1 = 9; selfharm 0. At 10: one item at 2.
    let nine = phq(3, 1);
    let mut ten = nine.clone();
    ten["phq_sleep"] = json!(2);
    assert!(!flags_of(&nine).contains(&"phq9_10".to_string()));
    assert!(flags_of(&ten).contains(&"phq9_10".to_string()));
    let gad = |sum_more: i64| {
        let mut w = week_with(json!({"gad_nervous": 2, "gad_worry": 2}));
        for (i, id) in gad7_more().iter().enumerate() {
            w[id] = json!(i64::from((i as i64) < sum_more));
        }
        w
    };
    assert!(!flags_of(&gad(5)).contains(&"gad7_10".to_string())); // 4 + 5 = 9
    let mut g10 = gad(5);
    g10["gad_afraid"] = json!(2);
    assert!(flags_of(&g10).contains(&"gad7_10".to_string())); // 10

    let env = Env::new();
    let mut w = ten.clone();
    for id in gad7_more() {
        w[&id] = json!(1);
    }
    w["gad_nervous"] = json!(2);
    w["gad_worry"] = json!(2);
    env.checkin(&w, None);
    let s = env.summary_json();
    assert_eq!(s["checkins"][0]["scores"]["phq9"], json!(10));
    assert_eq!(s["checkins"][0]["scores"]["gad7"], json!(9));
    let text = String::from_utf8(env.stdout(&["summary"])).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("PHQ-9 (mood, 9 items): 10 of 27, at or above the usual cut-off of 10; the 10-14 band, which the PHQ-9 authors call moderate"),
        "{text}"
    );
    assert!(
        text.contains("the 5-9 band, which the GAD-7 authors call mild"),
        "{text}"
    );
    // The two-item screens never carry a band.
    for line in text.split("PHQ-2 (interest, mood):").skip(1) {
        let upto = line.split(" GAD-2").next().unwrap_or("");
        assert!(!upto.contains("band"), "{upto}");
    }
    // The same on paper and in Markdown, with the credit line.
    let credit = "PHQ-9, PHQ-2, GAD-7 and GAD-2 were developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.";
    for format in ["markdown", "html"] {
        let out = String::from_utf8(env.stdout(&["summary", "--format", format])).unwrap();
        let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            out.contains("PHQ-9 (mood) 10 on")
                && out.contains("the 10-14 band, which the PHQ-9 authors call moderate"),
            "{format}: {out}"
        );
        assert!(
            out.contains("the 5-9 band, which the GAD-7 authors call mild"),
            "{format}"
        );
        assert!(
            !out.contains("PHQ-2 (interest, mood) 3 on"),
            "{format}: a band line for a screen"
        );
        assert!(out.contains(credit), "{format} lacks the credit line");
    }
    let shown = String::from_utf8(env.stdout(&["questions", "show", "weekly"])).unwrap();
    let shown = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        shown.contains(credit),
        "questions show lacks the credit line"
    );
    assert!(shown.contains("bands named by the PHQ-9 authors: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe"));
}

#[test]
fn severe_pain_this_week_at_7_on_any_of_the_four() {
    for item in ["peg_pain", "peg_enjoyment", "peg_activity", "pain_sleep"] {
        let at = |v: i64| {
            let mut w = week_with(
                json!({"peg_pain": 2, "peg_enjoyment": 1, "peg_activity": 1, "pain_sleep": 1}),
            );
            w[item] = json!(v);
            w
        };
        assert!(
            flags_of(&at(7)).contains(&"pain_severe".to_string()),
            "{item} at 7"
        );
        assert!(
            !flags_of(&at(6)).contains(&"pain_severe".to_string()),
            "{item} at 6"
        );
    }
    // Whatever the 3 months were: a new pain, "some days".
    let new_pain = week_with(json!({
        "peg_pain": 8, "peg_enjoyment": 9, "peg_activity": 9, "pain_sleep": 9,
        "pain_frequency_3m": "some_days", "pain_limits_3m": "some_days"
    }));
    let env = Env::new();
    env.checkin(&new_pain, None);
    let s = env.summary_json();
    let f = s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "pain_severe")
        .expect("pain_severe");
    assert_eq!(f["own_rule"], json!(true));
}

#[test]
fn tolerance_to_a_medicine_taken_as_prescribed_is_told_apart() {
    let prescribed = week_with(json!({"use_tolerance": true, "use_prescribed_only": true}));
    let fired = flags_of(&prescribed);
    assert!(
        fired.contains(&"tolerance_prescribed".to_string()),
        "{fired:?}"
    );
    assert!(
        !fired.contains(&"substance_reliance".to_string()),
        "{fired:?}"
    );
    let not = week_with(json!({"use_tolerance": true, "use_prescribed_only": false}));
    let fired = flags_of(&not);
    assert!(
        fired.contains(&"substance_reliance".to_string()),
        "{fired:?}"
    );
    assert!(
        !fired.contains(&"tolerance_prescribed".to_string()),
        "{fired:?}"
    );
    // Taken other than prescribed counts whatever the tolerance answer.
    let more = week_with(json!({"use_more_than_meant": true, "use_prescribed_only": true}));
    assert!(flags_of(&more).contains(&"substance_reliance".to_string()));
    // No flag line cites the manual by more than its name and year.
    let env = Env::new();
    env.checkin(&not, None);
    let text = String::from_utf8(env.stdout(&["summary"])).unwrap();
    assert!(text.contains("DSM-5, 2013"), "{text}");
    // The entry question names sleep and anxiety medicines.
    let shown = String::from_utf8(env.stdout(&["questions", "show", "weekly"])).unwrap();
    assert!(
        shown.contains("any medicine for sleep or anxiety"),
        "{shown}"
    );
}

#[test]
fn the_limits_item_is_skipped_after_never() {
    let env = Env::new();
    let never = week_with(json!({"pain_frequency_3m": "never", "pain_limits_3m": "every_day"}));
    let (ok, said) = try_checkin(&env, &never);
    assert!(!ok);
    assert!(
        said.contains("pain_limits_3m: would not be asked with these answers (it is asked only when pain_frequency_3m != \"never\")"),
        "{said}"
    );
    let mut never = never;
    never.as_object_mut().unwrap().remove("pain_limits_3m");
    let (ok, said) = try_checkin(&env, &never);
    assert!(ok, "{said}");
    let file = &env.checkin_files()[0];
    let record: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    assert_eq!(
        record["answers"]["pain_limits_3m"],
        json!({"skipped": true})
    );
}

#[test]
fn the_safety_message_is_graded_by_the_answer() {
    let said = |answer: i64| {
        let env = Env::new();
        env.checkin(&week_with(json!({"phq_selfharm": answer})), None);
        let text = String::from_utf8(env.stdout(&["summary"])).unwrap();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let one = said(1);
    assert!(
        one.contains("Please tell a clinician about this soon"),
        "{one}"
    );
    assert!(!one.contains("today"), "{one}");
    for answer in [2, 3] {
        let text = said(answer);
        assert!(
            text.contains("Please contact a crisis line or a clinician today; if you might act on these thoughts, call your emergency number now."),
            "{text}"
        );
        // First, before anything else of the summary.
        let help = text.find("IF YOU NEED HELP NOW").unwrap();
        assert!(help < text.find("Scores").unwrap());
    }
}

#[test]
fn no_output_labels_the_person() {
    let env = Env::new();
    common::twelve_weeks(&env);
    let mut w = phq(4, 2);
    w["gad_nervous"] = json!(3);
    w["gad_worry"] = json!(3);
    for id in gad7_more() {
        w[&id] = json!(2);
    }
    w["use_tolerance"] = json!(true);
    w["use_cut_down"] = json!(true);
    w["phq_selfharm"] = json!(2);
    env.checkin(&w, None);
    let mut outputs: Vec<(String, Vec<u8>)> = Vec::new();
    for format in ["text", "markdown", "html", "json"] {
        for period in [&[][..], &["--last", "12"][..]] {
            let mut args = vec!["summary", "--format", format];
            args.extend_from_slice(period);
            outputs.push((args.join(" "), env.stdout(&args)));
        }
    }
    for format in ["json", "csv", "fhir"] {
        outputs.push((
            format!("export {format}"),
            env.stdout(&["export", "--format", format]),
        ));
    }
    outputs.push(("history".into(), env.stdout(&["history"])));
    outputs.push((
        "history json".into(),
        env.stdout(&["history", "--format", "json"]),
    ));
    outputs.push((
        "questions show".into(),
        env.stdout(&["questions", "show", "weekly"]),
    ));
    for (what, bytes) in outputs {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for word in [
            "disorder",
            "addict",
            "abuse",
            "misuse",
            "you have depression",
            "you have anxiety",
            "you are depressed",
        ] {
            assert!(!text.contains(word), "{what} says {word:?}");
        }
    }
}

/// A copy of the data directory written by version 1 (0700/0600, as selfcheck keeps it).
fn version_one() -> Env {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-data");
    for dir in ["checkins", "questionnaires"] {
        let to = env.data().join(dir);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(from.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            std::fs::copy(&path, &target).unwrap();
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    std::fs::set_permissions(env.data(), std::fs::Permissions::from_mode(0o700)).unwrap();
    env
}

#[test]
fn a_version_one_history_is_read_summarised_and_exported() {
    let env = version_one();
    // Its check-ins keep version 1's rules: the flags are as they were.
    let s = env.json(&["summary", "--last", "6"]);
    let counts: Vec<(String, u64)> = s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap().to_string(),
                f["count"].as_u64().unwrap(),
            )
        })
        .collect();
    for expected in [
        ("safety", 1),
        ("low_mood", 4),
        ("substance_reliance", 3),
        ("chronic_pain", 5),
    ] {
        assert!(
            counts.contains(&(expected.0.to_string(), expected.1)),
            "{expected:?} in {counts:?}"
        );
    }
    assert_eq!(s["checkins"][0]["scores"]["phq9"], json!(null));
    // A version-1 check-in answered the limits item after "never": still valid under its set.
    let history = env.json(&["history"]);
    assert_eq!(history["checkins"].as_array().unwrap().len(), 6);
    env.cmd()
        .args(["history", "show", "2026-09-21"])
        .assert()
        .success();
    // A version-2 check-in beside them.
    env.checkin(&common::quiet_week(), Some("2026-10-19"));
    let s = env.json(&["summary", "--last", "7"]);
    assert_eq!(s["period"]["checkins"], json!(7));
    for format in ["text", "markdown", "html"] {
        env.cmd()
            .args(["summary", "--last", "7", "--format", format])
            .assert()
            .success();
    }
    let export: Value =
        serde_json::from_slice(&env.stdout(&["export", "--format", "json"])).unwrap();
    let versions: Vec<u64> = export["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["questionnaire"]["version"].as_u64().unwrap())
        .collect();
    assert_eq!(versions, [1, 1, 1, 1, 1, 1, 3]);
    // And the export restores into an empty directory.
    let fresh = Env::new();
    let file = fresh.file("backup.json", &serde_json::to_string(&export).unwrap());
    fresh.cmd().arg("import").arg(&file).assert().success();
    assert_eq!(fresh.checkin_files().len(), 7);
    assert_eq!(fresh.json(&["summary", "--last", "7"])["flags"], s["flags"]);
}

#[test]
fn a_version_one_checkin_has_the_contracts_score_keys_null_where_not_asked() {
    let env = version_one();
    let s = env.json(&["summary", "--last", "6"]);
    for c in s["checkins"].as_array().unwrap() {
        for key in ["peg", "phq2", "gad2", "phq9", "gad7"] {
            assert!(c["scores"].get(key).is_some(), "{key} missing: {c}");
        }
        assert!(
            c["scores"]["phq9"].is_null(),
            "version 1 never asked the PHQ-9: {c}"
        );
    }
}
