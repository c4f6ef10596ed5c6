//! The journal knows what people take, which pairs are dangerous and which way a dose is
//! going: names as people type them, pairs of every sedating class within 12 hours across
//! midnight, the notice after `log` and how often it is told, amounts a day over whole
//! weeks with the amount rules, the journal's window in summaries, and short ids.
//! Every date is counted back from today.

use crate::common;

use common::{days_ago, quiet_week, Env};
use serde_json::{json, Value};

fn log(env: &Env, args: &[&str]) -> (i32, String, String) {
    let out = env.cmd().arg("log").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(env: &Env, args: &[&str]) -> String {
    let (code, out, err) = log(env, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn entries(env: &Env) -> Vec<Value> {
    env.json(&["log", "list"])["entries"]
        .as_array()
        .unwrap()
        .clone()
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn names_as_people_type_them_take_their_class() {
    let env = Env::new();
    // (words, name kept, class, amount)
    let cases: &[(&[&str], &str, &str, Value)] = &[
        (
            &["red", "vein", "kratom", "4", "grams"],
            "red vein kratom",
            "kratom",
            json!({"value": 4.0, "unit": "g"}),
        ),
        (
            &["Maeng", "Da", "kratom", "3g"],
            "Maeng Da kratom",
            "kratom",
            json!({"value": 3.0, "unit": "g"}),
        ),
        (
            &["glass", "of", "wine"],
            "glass of wine",
            "alcohol",
            Value::Null,
        ),
        (
            &["red", "wine", "2", "glasses"],
            "red wine",
            "alcohol",
            json!({"value": 2.0, "unit": "glass"}),
        ),
        (
            &["2", "glasses", "wine"],
            "wine",
            "alcohol",
            json!({"value": 2.0, "unit": "glass"}),
        ),
        (
            &["oxy", "5mg"],
            "oxy",
            "opioid",
            json!({"value": 5.0, "unit": "mg"}),
        ),
        (
            &["7-OH", "1", "tablet"],
            "7-OH",
            "kratom",
            json!({"value": 1.0, "unit": "tablet"}),
        ),
        (
            &["3g", "kratom"],
            "kratom",
            "kratom",
            json!({"value": 3.0, "unit": "g"}),
        ),
        (&["Tylenol", "3"], "Tylenol 3", "opioid", Value::Null),
        (&["Tylenol"], "Tylenol", "non_opioid", Value::Null),
        (
            &["Aleve", "1"],
            "Aleve",
            "non_opioid",
            json!({"value": 1.0, "unit": "dose"}),
        ),
        (
            &["oxybutynin", "5mg"],
            "oxybutynin",
            "other",
            json!({"value": 5.0, "unit": "mg"}),
        ),
    ];
    for (words, _, _, _) in cases {
        let mut args = words.to_vec();
        args.extend(["--time", "00:00"]);
        ok(&env, &args);
    }
    // Brand names and kinds, one word each.
    let brands = [
        ("Xanax", "benzodiazepine"),
        ("Valium", "benzodiazepine"),
        ("Ativan", "benzodiazepine"),
        ("Klonopin", "benzodiazepine"),
        ("Ambien", "z_drug"),
        ("Lunesta", "z_drug"),
        ("Lyrica", "gabapentinoid"),
        ("Neurontin", "gabapentinoid"),
        ("Percocet", "opioid"),
        ("Vicodin", "opioid"),
        ("Norco", "opioid"),
        ("Advil", "non_opioid"),
        ("Motrin", "non_opioid"),
        ("beer", "alcohol"),
        ("vodka", "alcohol"),
        ("whisky", "alcohol"),
        ("Bali", "kratom"),
        ("Thai", "kratom"),
        ("kratom extract", "kratom"),
        ("kratom shot", "kratom"),
        ("green vein", "kratom"),
        ("white vein", "kratom"),
        ("7-hydroxymitragynine", "kratom"),
        ("Soma", "muscle_relaxant"),
        ("Benadryl", "sedating_antihistamine"),
        ("phenobarbital", "barbiturate"),
        ("tianeptine", "tianeptine"),
        ("phenibut", "phenibut"),
    ];
    for (name, _) in brands {
        let mut args: Vec<&str> = name.split(' ').collect();
        args.extend(["--time", "00:00"]);
        ok(&env, &args);
    }
    let listed = entries(&env);
    let find = |name: &str| -> Value {
        listed
            .iter()
            .find(|e| e["name"] == json!(name))
            .unwrap_or_else(|| panic!("{name} not listed"))
            .clone()
    };
    for (_, name, class, amount) in cases {
        let e = find(name);
        assert_eq!(
            (&e["class"], &e["amount"]),
            (&json!(class), amount),
            "{name}"
        );
    }
    for (name, class) in brands {
        assert_eq!(find(name)["class"], json!(class), "{name}");
    }
    // "for pain" after the amount is the reason.
    let env = Env::new();
    ok(
        &env,
        &["kratom", "3", "grams", "for", "pain", "--time", "00:00"],
    );
    let e = &entries(&env)[0];
    assert_eq!(
        (&e["name"], &e["for"]),
        (&json!("kratom"), &json!(["pain"]))
    );
    // A --for that is not a reason says which there are.
    let (code, _, err) = log(&env, &["kratom", "3g", "--for", "back", "pain"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--for back: expected one of pain, stress, mood, sleep, other"),
        "{err}"
    );
}

#[test]
fn entries_stored_before_a_name_was_known_take_its_class_when_read() {
    let env = Env::new();
    ok(&env, &["kratom", "3g", "--time", "00:00"]);
    let file = common::list(&env.data().join("journal"))[0].clone();
    // As an older selfcheck stored it: version 1, the name unknown then.
    let mut stored: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    stored["schema_version"] = json!(1);
    stored.as_object_mut().unwrap().remove("prescribed");
    stored["name"] = json!("Red Vein Bali");
    stored["substance"] = Value::Null;
    stored["class"] = json!("other");
    std::fs::write(&file, serde_json::to_vec_pretty(&stored).unwrap()).unwrap();
    let e = &entries(&env)[0];
    assert_eq!(
        (&e["name"], &e["substance"], &e["class"]),
        (&json!("Red Vein Bali"), &json!("kratom"), &json!("kratom"))
    );
}

/// One name per sedating class.
const SEDATING: [(&str, &str); 11] = [
    ("oxycodone", "opioid"),
    ("kratom", "kratom"),
    ("wine", "alcohol"),
    ("alprazolam", "benzodiazepine"),
    ("zolpidem", "z_drug"),
    ("gabapentin", "gabapentinoid"),
    ("phenobarbital", "barbiturate"),
    ("diphenhydramine", "sedating_antihistamine"),
    ("carisoprodol", "muscle_relaxant"),
    ("tianeptine", "tianeptine"),
    ("phenibut", "phenibut"),
];

#[test]
fn every_pair_of_sedating_classes_within_12_hours_across_midnight() {
    let mut pairs = Vec::new();
    for (i, a) in SEDATING.iter().enumerate() {
        for b in &SEDATING[i + 1..] {
            pairs.push((a.0, b.0));
        }
    }
    assert_eq!(pairs.len(), 55);
    // (first time, second time, the second a day later, pairs expected, hours)
    for (t1, t2, next_day, expected, hours) in [
        ("06:00", "06:00", false, true, json!(0.0)),
        ("06:00", "17:59", false, true, json!(12.0)),
        ("06:00", "18:01", false, false, Value::Null),
        ("23:30", "00:30", true, true, json!(1.0)),
    ] {
        let env = Env::new();
        // Each pair three days after the last, far from the others.
        for (k, (a, b)) in pairs.iter().enumerate() {
            let day = 3 * (pairs.len() - k) as i64 + 2;
            let second = if next_day { day - 1 } else { day };
            ok(&env, &[a, "--date", &days_ago(day), "--time", t1]);
            ok(&env, &[b, "--date", &days_ago(second), "--time", t2]);
        }
        env.checkin(&quiet_week(), None);
        let s = env.json(&["summary", "--since", &days_ago(200)]);
        let combos = s["journal"]["combinations"].as_array().unwrap().clone();
        let flagged = s["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "sedating_combination");
        if expected {
            assert_eq!(combos.len(), 55, "{t1} and {t2}: {combos:?}");
            assert!(flagged);
            assert!(combos
                .iter()
                .all(|c| c["entries"].as_array().unwrap().len() == 2));
            let h = combos[0]["hours_apart"].as_f64().unwrap();
            assert!((h - hours.as_f64().unwrap()).abs() < 0.05, "{h}");
        } else {
            assert_eq!(combos.len(), 0, "{t1} and {t2}: {combos:?}");
            assert!(!flagged);
        }
    }
}

#[test]
fn an_entry_without_a_time_pairs_with_its_own_day_and_a_pain_reliever_with_wine_is_none() {
    let env = Env::new();
    let (d, next) = (days_ago(5), days_ago(4));
    ok(&env, &["kratom", "3g", "--date", &d]);
    let e = &entries(&env)[0];
    assert_eq!(
        e["time"],
        Value::Null,
        "another day without --time has no time"
    );
    ok(
        &env,
        &["ibuprofen", "400mg", "--date", &d, "--time", "22:00"],
    );
    ok(&env, &["wine", "--date", &d, "--time", "22:00"]);
    ok(&env, &["beer", "--date", &next, "--time", "00:30"]);
    env.checkin(&quiet_week(), None);
    let s = env.json(&["summary", "--since", &days_ago(10)]);
    let combos = s["journal"]["combinations"].as_array().unwrap();
    assert_eq!(combos.len(), 1, "{combos:?}");
    assert_eq!(combos[0]["hours_apart"], Value::Null);
    assert_eq!(combos[0]["date"], json!(d));
}

#[test]
fn the_notice_names_the_pair_and_what_to_do_once_a_day() {
    let env = Env::new();
    let uk = |args: &[&str]| {
        let out = env
            .cmd()
            .env("LANG", "en_GB.UTF-8")
            .arg("log")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
        flat(&String::from_utf8_lossy(&out.stdout))
    };
    let d = days_ago(3);
    uk(&["kratom", "3g", "--date", &d, "--time", "09:00"]);
    let said = uk(&["wine", "2", "glasses", "--date", &d, "--time", "20:00"]);
    for words in [
        "kratom 3 g at 09:00 and wine 2 glasses at 20:00, within 12 hours",
        "slow or stop breathing",
        "Call 999 at once if someone cannot be woken, breathes slowly or not at all, or has blue or grey lips",
        "Naloxone can reverse an opioid overdose",
    ] {
        assert!(said.contains(words), "{words}: {said}");
    }
    for never in ["Samaritans", "116 123", "988", "harming yourself"] {
        assert!(!said.contains(never), "{never}: {said}");
    }
    // The same pair of classes again that day: not told again.
    let again = uk(&["beer", "--date", &d, "--time", "21:00"]);
    assert!(!again.contains("Sedating combination"), "{again}");
    // A pair without an opioid: no word on naloxone.
    let other = days_ago(6);
    uk(&["alprazolam", "0.5mg", "--date", &other, "--time", "08:00"]);
    let said = uk(&["beer", "--date", &other, "--time", "12:00"]);
    assert!(
        said.contains("alprazolam 0.5 mg at 08:00 and beer at 12:00"),
        "{said}"
    );
    assert!(!said.contains("Naloxone"), "{said}");
    // A prescribed regimen: told once a week, not at every dose.
    let env = Env::new();
    let regimen = |day: i64, time: &str| {
        let d = days_ago(day);
        ok(
            &env,
            &[
                "tramadol",
                "50mg",
                "--prescribed",
                "--date",
                &d,
                "--time",
                time,
            ],
        );
        ok(
            &env,
            &[
                "gabapentin",
                "300mg",
                "--prescribed",
                "--date",
                &d,
                "--time",
                time,
            ],
        )
    };
    assert!(regimen(4, "08:00").contains("Sedating combination"));
    assert!(!regimen(4, "20:00").contains("Sedating combination"));
    assert!(!regimen(3, "08:00").contains("Sedating combination"));
    // ... and the flag stays in summaries.
    env.checkin(&quiet_week(), None);
    assert!(env.flag_ids().contains(&"sedating_combination".to_string()));
}

#[test]
fn an_encrypted_journal_looks_for_pairs_with_the_passphrase_file_and_says_so_without() {
    let env = Env::new();
    let pass = env.file("pass.txt", "a long enough passphrase\n");
    env.cmd()
        .arg("encrypt")
        .arg("--passphrase-file")
        .arg(&pass)
        .assert()
        .success();
    let d = days_ago(2);
    ok(&env, &["kratom", "3g", "--date", &d, "--time", "09:00"]);
    let without = flat(&ok(&env, &["wine", "--date", &d, "--time", "10:00"]));
    assert!(
        without.contains("could not look at what else you took"),
        "{without}"
    );
    assert!(without.contains("`selfcheck summary` will"), "{without}");
    let out = env
        .cmd()
        .arg("--passphrase-file")
        .arg(&pass)
        .args(["log", "diazepam", "--date", &d, "--time", "11:00"])
        .output()
        .unwrap();
    let with = flat(&String::from_utf8_lossy(&out.stdout));
    assert!(with.contains("Sedating combination"), "{with}");
}

/// Daily kratom for 12 weeks of check-ins, the amount of week `w` (0 the oldest) given.
fn daily(env: &Env, name: &str, amount: impl Fn(i64) -> String, prescribed: bool) {
    for day in (0..84).rev() {
        let w = (83 - day) / 7;
        let a = amount(w);
        let date = days_ago(day);
        let mut args = vec![
            name,
            a.as_str(),
            "--for",
            "pain",
            "--date",
            &date,
            "--time",
            "00:00",
        ];
        if prescribed {
            args.push("--prescribed");
        }
        ok(env, &args);
    }
    for week in (0..12).rev() {
        env.checkin(&quiet_week(), Some(&days_ago(7 * week)));
    }
}

#[test]
fn a_rising_kratom_dose_reads_as_a_rise_per_day_and_raises_the_amount_flags() {
    let env = Env::new();
    // 2 g a day rising to 10.5 g a day.
    daily(
        &env,
        "kratom",
        |w| format!("{}g", 2.0 + 8.5 * w as f64 / 11.0),
        false,
    );
    let s = env.json(&["summary", "--last", "12"]);
    let kratom = &s["journal"]["substances"][0];
    assert_eq!(kratom["name"], json!("kratom"));
    let change = &kratom["change"];
    let (from, to) = (
        change["from"]["value"].as_f64().unwrap(),
        change["to"]["value"].as_f64().unwrap(),
    );
    assert!(from < 3.0 && to > 9.0, "{change}");
    assert!(kratom["by_week"]
        .as_array()
        .unwrap()
        .iter()
        .all(|w| w["per_day"]["unit"] == json!("g")));
    let ids: Vec<String> = s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.contains(&"dose_rising".to_string()), "{ids:?}");
    assert!(ids.contains(&"kratom_high_dose".to_string()), "{ids:?}");
    let rising = s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "dose_rising")
        .unwrap();
    assert_eq!(
        (&rising["situation"], &rising["own_rule"]),
        (&json!("reliance"), &json!(true))
    );
    let text = flat(&String::from_utf8(env.stdout(&["summary", "--last", "12"])).unwrap());
    assert!(text.contains("g a day in the week of"), "{text}");
    assert!(!text.contains("→"), "{text}");
    // A stable dose raises neither.
    let env = Env::new();
    daily(&env, "kratom", |_| "3g".to_string(), false);
    let ids = env.flag_ids();
    assert!(!ids.contains(&"dose_rising".to_string()), "{ids:?}");
    assert!(!ids.contains(&"kratom_high_dose".to_string()), "{ids:?}");
}

#[test]
fn a_prescribed_dose_rising_is_for_the_prescriber() {
    let env = Env::new();
    daily(
        &env,
        "tramadol",
        |w| {
            if w < 6 {
                "100mg".into()
            } else {
                "150mg".into()
            }
        },
        true,
    );
    let s = env.json(&["summary", "--last", "12"]);
    let rising = s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "dose_rising")
        .expect("the rise is told")
        .clone();
    assert_eq!(rising["severity"], json!("info"));
    let text = flat(&String::from_utf8(env.stdout(&["summary", "--last", "12"])).unwrap());
    assert!(text.contains("worth telling the prescriber"), "{text}");
    assert!(text.contains("100 mg a day in the week of"), "{text}");
    assert!(text.contains("150 mg a day in the week of"), "{text}");
}

#[test]
fn the_journal_covers_the_period_asked_for() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some(&days_ago(20)));
    env.checkin(&quiet_week(), Some(&days_ago(10)));
    // After the last check-in: the days just before an appointment.
    ok(
        &env,
        &["kratom", "3g", "--date", &days_ago(2), "--time", "09:00"],
    );
    ok(&env, &["wine", "--date", &days_ago(2), "--time", "19:00"]);
    let s = env.json(&["summary", "--last", "12"]);
    assert_eq!(s["journal"]["combinations"].as_array().unwrap().len(), 1);
    // --since before the first check-in keeps its weeks.
    ok(
        &env,
        &[
            "oxycodone",
            "5mg",
            "--date",
            &days_ago(40),
            "--time",
            "09:00",
        ],
    );
    ok(
        &env,
        &["diazepam", "--date", &days_ago(40), "--time", "10:00"],
    );
    let s = env.json(&["summary", "--since", &days_ago(45)]);
    assert_eq!(s["journal"]["combinations"].as_array().unwrap().len(), 2);
    // --until before the last entries: they are named as left out.
    let text = flat(
        &String::from_utf8(env.stdout(&[
            "summary",
            "--since",
            &days_ago(45),
            "--until",
            &days_ago(5),
        ]))
        .unwrap(),
    );
    assert!(text.contains("2 entries after"), "{text}");
    assert!(text.contains("are not in this summary"), "{text}");
}

#[test]
fn log_list_shows_short_ids_that_log_delete_takes() {
    let env = Env::new();
    ok(&env, &["kratom", "3g", "--time", "00:00"]);
    let listed = String::from_utf8(env.stdout(&["log", "list"])).unwrap();
    let short = listed
        .trim()
        .rsplit("id ")
        .next()
        .unwrap()
        .trim()
        .to_string();
    assert_eq!(short.len(), 4, "{listed}");
    ok(&env, &["delete", &short, "--yes"]);
    assert!(entries(&env).is_empty());
    // A day lists its entries to choose from (no terminal here: they are named).
    ok(&env, &["wine", "--time", "00:00"]);
    let (code, _, err) = log(&env, &["delete", &days_ago(0)]);
    assert_eq!(code, 1);
    assert!(
        flat(&err).contains("give the one you mean by its id"),
        "{err}"
    );
    assert!(err.contains("wine"), "{err}");
}

#[test]
fn a_combination_comes_right_after_safety_on_every_front() {
    let env = Env::new();
    let d = days_ago(1);
    ok(&env, &["kratom", "3g", "--date", &d, "--time", "09:00"]);
    ok(&env, &["wine", "--date", &d, "--time", "10:00"]);
    let mut week = common::week_with(
        json!({"peg_pain": 9, "peg_enjoyment": 9, "peg_activity": 9, "phq_selfharm": 1}),
    );
    week = common::follow_ups(&week);
    env.checkin(&week, None);
    let s = env.summary_json();
    let situations: Vec<String> = s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["situation"].as_str().unwrap().to_string())
        .collect();
    let first_other = situations.iter().position(|x| x != "safety").unwrap();
    assert_eq!(situations[first_other], "combination", "{situations:?}");
    // The printed check-in table's legend names only flags its rows can carry.
    let html = String::from_utf8(env.stdout(&["summary", "--format", "html"])).unwrap();
    let legend = html
        .split("<p class=\"legend\">")
        .nth(1)
        .and_then(|l| l.split("</p>").next())
        .unwrap_or_default()
        .to_string();
    assert!(legend.contains("Self-harm"), "{legend}");
    assert!(!legend.contains("Sedating combination"), "{legend}");
    for format in ["text", "markdown"] {
        let out = flat(&String::from_utf8(env.stdout(&["summary", "--format", format])).unwrap());
        let at = |w: &str| {
            out.find(w)
                .unwrap_or_else(|| panic!("{format}: {w}: {out}"))
        };
        assert!(
            at("Thoughts of self-harm") < at("Sedating things together")
                && at("Sedating things together") < at("Severe pain"),
            "{format}: {out}"
        );
    }
}

#[test]
fn prescribed_and_timeless_entries_go_through_export_and_import_unchanged() {
    let env = Env::new();
    ok(
        &env,
        &["tramadol", "50mg", "--prescribed", "--time", "00:00"],
    );
    ok(&env, &["kratom", "3g", "--date", &days_ago(3)]);
    env.checkin(&quiet_week(), None);
    let file = env.tmp.path().join("backup.json");
    env.cmd()
        .args(["export", "--format", "json", "--out"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicates::str::contains("Wrote 1 check-in to"));
    // Counts are words: "2 journal entries", never "entr(y/ies)".
    env.cmd()
        .args(["export", "--format", "csv", "--journal", "--out"])
        .arg(env.tmp.path().join("journal.csv"))
        .assert()
        .success()
        .stderr(predicates::str::contains("Wrote 2 journal entries to"));
    let other = Env::new();
    other.cmd().arg("import").arg(&file).assert().success();
    let (a, b) = (entries(&env), entries(&other));
    assert_eq!(a, b);
    assert_eq!(a.len(), 2);
    assert!(a.iter().any(|e| e["prescribed"] == json!(true)));
    assert!(a.iter().any(|e| e["time"].is_null()));
}
