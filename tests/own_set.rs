//! A question set unlike `weekly` (no PEG; its own score, trends, columns, persistence and a
//! rule across check-ins): checked in over several weeks, then every view shows its own
//! columns, charts and flags, never the built-in set's, never dashes.

use crate::common;

use common::Env;
use serde_json::{json, Value};

const WEEKS: [(&str, i64, i64, i64, i64); 4] = [
    // date, energy, nap days, worry, tension
    ("2026-10-26", 5, 0, 1, 1),
    ("2026-11-02", 2, 1, 2, 2),
    ("2026-11-09", 2, 2, 2, 2),
    ("2026-11-16", 1, 3, 3, 2),
];

fn energy_env() -> Env {
    let env = Env::new();
    env.own_set("energy.json");
    std::fs::write(
        env.config().join("config.json"),
        r#"{"question_set": "energy"}"#,
    )
    .unwrap();
    for (date, energy, naps, worry, tense) in WEEKS {
        let answers = json!({"energy": energy, "nap_days": naps, "worry": worry, "tense": tense});
        env.checkin(&answers, Some(date));
    }
    env
}

fn text(env: &Env, args: &[&str]) -> String {
    String::from_utf8(env.stdout(args)).unwrap()
}

#[test]
fn history_has_the_sets_own_columns() {
    let env = energy_env();
    let out = text(&env, &["history"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "date        Strain  Naps  Energy  flags", "{out}");
    assert_eq!(
        lines[1],
        "2026-11-16       5     3       1  Little energy on most days, +2"
    );
    assert_eq!(lines[4], "2026-10-26       2     0       5  -");
    let list = env.json(&["history"]);
    assert_eq!(list["columns"][0]["id"], json!("strain"));
    assert_eq!(list["checkins"][0]["values"], json!([5, 3, 1]));
    assert!(!out.contains("PEG"));
}

#[test]
fn every_summary_format_shows_its_own_trends_and_flags() {
    let env = energy_env();
    let t = text(&env, &["summary", "--last", "4"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "Energy and worry log: summary of 4 check-ins",
        "Strain ",
        "Nap days ",
        "[!] Little energy on most days",
        "Persistent means in 2 or more of the last 3 check-ins",
        "[!] Nap days rose at each of 3 check-ins in a row",
        "rose twice in a row, to 3 of 7 on 16 Nov 2026: 1, 2, 3",
        "Not a diagnosis",
    ] {
        assert!(t.contains(expected), "missing {expected:?} in:\n{t}");
    }
    assert!(!t.contains("PEG") && !t.contains("PHQ"), "{t}");

    let md = text(&env, &["summary", "--last", "4", "--format", "markdown"]);
    assert!(
        md.contains("| Date | Strain | Naps | Energy | Flags |"),
        "{md}"
    );
    assert!(
        md.contains("| 2026-11-16 | 5 | 3 | 1 | Little energy on most days, Strain at or above 4, Nap days rose at each of 3 check-ins in a row |"),
        "{md}"
    );
    assert!(md.contains("A flag is persistent when present in 2 or more of the last 3 check-ins"));

    let html = text(&env, &["summary", "--last", "4", "--format", "html"]);
    for expected in [
        "<figcaption>Strain</figcaption>",
        "<figcaption>Nap days</figcaption>",
        "<figcaption>Energy</figcaption>",
        "<th scope=\"col\">Naps</th>",
        "<td>5</td><td>3</td><td>1</td>",
    ] {
        assert!(html.contains(expected), "missing {expected:?}");
    }
    assert!(!html.contains("PEG"));

    let s = env.json(&["summary", "--last", "4"]);
    let trends: Vec<&String> = s["trends"].as_object().unwrap().keys().collect();
    assert_eq!(trends, ["strain", "nap_days", "energy"]);
    assert_eq!(s["trends"]["strain"]["cutoff"], json!(4.0));
    assert_eq!(s["checkins"][3]["scores"], json!({"strain": 5}));
    let ids: Vec<&str> = s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["low_energy", "high_strain", "naps_rising"]);
    let rising = &s["flags"][2]["evidence"][0];
    assert_eq!(rising["kind"], json!("event"));
    assert_eq!(rising["series"].as_array().unwrap().len(), 3);
}

#[test]
fn exports_carry_the_sets_own_items() {
    let env = energy_env();
    let csv = text(&env, &["export", "--format", "csv"]);
    let header = csv.lines().next().unwrap();
    for column in ["energy", "nap_days", "worry", "tense"] {
        assert!(header.contains(column), "{header}");
    }
    assert!(!header.contains("peg_pain"));
    let export: Value =
        serde_json::from_slice(&env.stdout(&["export", "--format", "json"])).unwrap();
    assert_eq!(export["checkins"].as_array().unwrap().len(), 4);
    let fhir = text(&env, &["export", "--format", "fhir"]);
    assert!(fhir.contains("Energy most days") || fhir.contains("energy"));
}
