//! `selfcheck log`: the intake journal between check-ins. Names, amounts and units read
//! forgivingly and refused clearly; entries stored one file each, privately; `log list`;
//! the same-day combination rule at its edges; and the journal in a summary.

use crate::common;

use std::os::unix::fs::PermissionsExt;

use common::{quiet_week, Env};
use serde_json::{json, Value};

fn log(env: &Env, args: &[&str]) -> (i32, String, String) {
    let out = env.cmd().arg("log").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        common::flat(&String::from_utf8_lossy(&out.stderr)),
    )
}

/// The one check-in saved, as stored.
fn saved(env: &Env) -> Value {
    serde_json::from_slice(&std::fs::read(&env.checkin_files()[0]).unwrap()).unwrap()
}

fn entries(env: &Env) -> Vec<Value> {
    env.json(&["log", "list"])["entries"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn logging_reads_names_amounts_and_units_forgivingly() {
    let env = Env::new();
    // Today at midnight: a time today is never later than now, whenever the test runs.
    let (code, out, _) = log(&env, &["kratom", "3g", "--for", "pain", "--time", "00:00"]);
    assert_eq!(code, 0);
    assert_eq!(out, "Logged kratom 3 g for pain at 00:00 — 1st today.\n");
    let (_, out, _) = log(
        &env,
        &["Kratom", "3", "grams", "--for", "pain", "--time", "00:00"],
    );
    assert_eq!(out, "Logged Kratom 3 g for pain at 00:00 — 2nd today.\n");
    let (_, out, _) = log(
        &env,
        &[
            "oxycodone",
            "5mg",
            "--date",
            "2026-11-20",
            "--time",
            "21:30",
            "--pain",
            "7",
            "--mood",
            "4",
        ],
    );
    assert_eq!(
        out,
        "Logged oxycodone 5 mg at 21:30 on 20 Nov 2026 — 1st that day.\n"
    );
    log(
        &env,
        &[
            "wine",
            "2",
            "glasses",
            "--for",
            "stress",
            "--note",
            "after the call",
            "--date",
            "2026-11-19",
        ],
    );
    log(&env, &["ibuprofen", "--date", "2026-11-18"]);
    let list = entries(&env);
    assert_eq!(list.len(), 5);
    // Newest first; the contract's shape.
    let oxy = &list[2];
    for key in [
        "schema_version",
        "id",
        "date",
        "time",
        "recorded_at",
        "name",
        "substance",
        "class",
        "amount",
        "for",
        "pain",
        "mood",
        "note",
    ] {
        assert!(oxy.get(key).is_some(), "missing {key}: {oxy}");
    }
    assert_eq!(oxy["class"], json!("opioid"));
    assert_eq!(oxy["amount"], json!({"value": 5.0, "unit": "mg"}));
    assert_eq!(
        (oxy["pain"].clone(), oxy["mood"].clone()),
        (json!(7), json!(4))
    );
    let wine = &list[3];
    assert_eq!(
        (wine["substance"].clone(), wine["class"].clone()),
        (json!("alcohol"), json!("alcohol"))
    );
    assert_eq!(wine["amount"], json!({"value": 2.0, "unit": "glass"}));
    assert_eq!(wine["for"], json!(["stress"]));
    assert_eq!(wine["note"], json!("after the call"));
    assert_eq!(list[4]["amount"], json!(null), "taken, no amount");
    // Files: one each, private.
    let dir = env.data().join("journal");
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let files = common::list(&dir);
    assert_eq!(files.len(), 5);
    for f in files {
        assert_eq!(
            std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let text = String::from_utf8(env.stdout(&[
        "log",
        "list",
        "--since",
        "2026-11-19",
        "--until",
        "2026-11-20",
    ]))
    .unwrap();
    assert!(
        text.contains("2026-11-20 21:30 oxycodone 5 mg (opioid) · pain 7 · mood 4"),
        "{text}"
    );
    assert!(
        text.contains("wine 2 glasses (alcohol) · for stress · \"after the call\""),
        "{text}"
    );
    assert!(!text.contains("ibuprofen"), "{text}");
}

#[test]
fn bad_input_is_refused_clearly_and_saves_nothing() {
    for (args, says) in [
        (&["kratom", "lots"][..], "\"lots\" is not an amount"),
        (
            &["kratom", "3", "bananas"][..],
            "\"bananas\" is not a unit selfcheck knows",
        ),
        (&["kratom", "0g"][..], "is not an amount"),
        (
            &["kratom", "3g", "--pain", "11"][..],
            "--pain 11: expected a whole number from 0 to 10",
        ),
        (
            &["kratom", "3g", "--for", "fun"][..],
            "--for fun: expected one of pain, stress, mood, sleep, other",
        ),
        (
            &["kratom", "3g", "--time", "25:00"][..],
            "--time 25:00: expected a 24-hour time",
        ),
        (
            &["kratom", "3g", "--date", "2999-01-01"][..],
            "is after today",
        ),
        (
            &["kratom", "3g", "--date", "20-11-2026"][..],
            "expected a date as YYYY-MM-DD",
        ),
        (&["3g"][..], "say what was taken"),
        (&["kra\u{7}tom"][..], "control character"),
    ] {
        let env = Env::new();
        let (code, _, err) = log(&env, args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(
            !env.data().join("journal").exists(),
            "{args:?} created the journal"
        );
    }
}

#[test]
fn an_unknown_name_is_kept_as_typed_and_said_once() {
    let env = Env::new();
    let (code, out, err) = log(&env, &["foobarol", "2", "tabs"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.lines().next().unwrap().split(" at ").next().unwrap(),
        "Logged foobarol 2 tablets"
    );
    assert!(
        err.contains("\"foobarol\" is not in selfcheck's list of substances"),
        "{err}"
    );
    let (_, _, err) = log(&env, &["foobarol", "1", "tab"]);
    assert!(err.is_empty(), "said twice: {err}");
    assert_eq!(entries(&env)[0]["class"], json!("other"));
    assert_eq!(entries(&env)[0]["substance"], json!(null));
}

#[test]
fn a_damaged_entry_is_named_and_skipped_never_rewritten() {
    let env = Env::new();
    log(&env, &["kratom", "3g"]);
    let bad = env.data().join("journal/2026-11-01_120000-beef.json");
    std::fs::write(&bad, b"{\"schema_version\": 1, \"id\": \"x\"").unwrap();
    let out = env.cmd().args(["log", "list"]).output().unwrap();
    assert!(out.status.success());
    let err = common::flat(&String::from_utf8_lossy(&out.stderr));
    assert!(
        err.contains("2026-11-01_120000-beef.json") && err.contains("damaged journal entry"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&bad).unwrap(),
        b"{\"schema_version\": 1, \"id\": \"x\""
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("kratom 3 g"));
}

#[test]
fn two_logs_at_once_both_land() {
    let env = Env::new();
    let bin = assert_cmd::cargo::cargo_bin("selfcheck");
    let children: Vec<_> = (0..8)
        .map(|i| {
            std::process::Command::new(&bin)
                .env("SELFCHECK_DATA_DIR", env.data())
                .env("SELFCHECK_CONFIG_DIR", env.tmp.path().join("config"))
                .args([
                    "log",
                    "ibuprofen",
                    &format!("{}00mg", i + 1),
                    "--time",
                    "00:00",
                ])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    assert_eq!(entries(&env).len(), 8);
}

/// Logs `name` on `date` at `time`.
fn at(env: &Env, name: &str, date: &str, time: &str) {
    let (code, _, err) = log(env, &[name, "--date", date, "--time", time]);
    assert_eq!(code, 0, "{err}");
}

/// The summary of a check-in on 2026-11-23, with the journal's week before it.
fn summary(env: &Env) -> Value {
    env.checkin(&quiet_week(), Some("2026-11-23"));
    env.summary_json()
}

#[test]
fn a_same_day_combination_is_flagged_with_its_day_and_entries() {
    let pairs = [
        ("oxycodone", "wine"),
        ("tramadol", "diazepam"),
        ("codeine", "zolpidem"),
        ("morphine", "gabapentin"),
        ("kratom", "beer"),
        ("kratom", "xanax"),
        ("kratom", "zopiclone"),
        ("kratom", "pregabalin"),
    ];
    for (first, with) in pairs {
        let env = Env::new();
        at(&env, first, "2026-11-20", "08:00");
        at(&env, with, "2026-11-20", "19:00");
        at(&env, "ibuprofen", "2026-11-20", "12:00");
        let s = summary(&env);
        let flag = s["flags"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == "sedating_combination")
            .unwrap_or_else(|| panic!("{first} + {with}: {}", s["flags"]));
        assert_eq!(flag["dates"], json!(["2026-11-20"]));
        assert_eq!(flag["own_rule"], json!(true));
        let combos = &s["journal"]["combinations"];
        assert_eq!(combos.as_array().unwrap().len(), 1);
        assert_eq!(
            combos[0]["entries"].as_array().unwrap().len(),
            2,
            "ibuprofen is not part of it"
        );
    }
}

#[test]
fn a_day_apart_one_class_twice_or_a_pain_reliever_with_wine_is_no_pair() {
    let env = Env::new();
    at(&env, "oxycodone", "2026-11-21", "09:00");
    at(&env, "diazepam", "2026-11-22", "09:00");
    // Two of one class are no pair, nor is a non-sedating reliever with wine.
    at(&env, "kratom", "2026-11-18", "09:00");
    at(&env, "red vein kratom", "2026-11-18", "10:00");
    at(&env, "ibuprofen", "2026-11-19", "20:00");
    at(&env, "wine", "2026-11-19", "20:30");
    let s = summary(&env);
    assert!(
        s["flags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["id"] != "sedating_combination"),
        "{}",
        s["flags"]
    );
    assert_eq!(s["journal"]["combinations"], json!([]));
}

#[test]
fn the_summary_shows_each_substance_by_week_in_every_format() {
    let env = Env::new();
    for (d, t) in [
        ("2026-11-17", "09:00"),
        ("2026-11-18", "09:00"),
        ("2026-11-18", "21:00"),
        ("2026-11-22", "09:00"),
    ] {
        let (code, _, err) = log(
            &env,
            &[
                "kratom", "3g", "--for", "pain", "--date", d, "--time", t, "--pain", "6",
            ],
        );
        assert_eq!(code, 0, "{err}");
    }
    at(&env, "wine", "2026-11-22", "20:00");
    let s = summary(&env);
    let kratom = &s["journal"]["substances"][0];
    assert_eq!(kratom["name"], json!("kratom"));
    assert_eq!(
        (kratom["days"].clone(), kratom["entries"].clone()),
        (json!(3), json!(4))
    );
    assert_eq!(kratom["total"], json!({"value": 12.0, "unit": "g"}));
    assert_eq!(kratom["by_week"][0]["week"], json!("2026-11-16"));
    let text = String::from_utf8(env.stdout(&["summary"]))
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("kratom: 3 days, 4 entries, 12 g; for pain; pain 6"),
        "{text}"
    );
    assert!(
        text.contains(
            "You logged: kratom (kratom) at 09:00, 3 g; wine (alcohol) at 20:00 (11 hours apart)."
        ),
        "{text}"
    );
    for (format, row) in [
        ("markdown", "kratom: 3 days, 4 entries, 12 g"),
        (
            "html",
            "<th scope=\"row\">kratom (kratom)</th><td>3</td><td>4</td><td>12 g</td>",
        ),
    ] {
        let out = String::from_utf8(env.stdout(&["summary", "--format", format])).unwrap();
        assert!(out.contains(row), "{format}: {out}");
        assert!(
            out.contains("Two sedating substances within 12 hours of each other"),
            "{format}"
        );
        assert!(!out.to_lowercase().contains("misuse"), "{format}");
    }
}

#[test]
fn the_journal_travels_in_a_backup_and_imports_once() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-11-16"));
    at(&env, "kratom", "2026-11-20", "08:00");
    at(&env, "wine", "2026-11-20", "22:00");
    let backup: Value =
        serde_json::from_slice(&env.stdout(&["export", "--format", "json"])).unwrap();
    assert_eq!(backup["journal"].as_array().unwrap().len(), 2);
    let file = env.file(
        "backup.json",
        &serde_json::to_string_pretty(&backup).unwrap(),
    );
    let fresh = Env::new();
    let out = fresh.cmd().arg("import").arg(&file).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("Imported 2 journal entries; 0 already there"));
    assert_eq!(entries(&fresh), entries(&env));
    // Twice: nothing added twice.
    let out = fresh.cmd().arg("import").arg(&file).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("Imported 0 journal entries; 2 already there"));
    assert_eq!(entries(&fresh).len(), 2);
    // The export of the import is the same backup.
    let again: Value =
        serde_json::from_slice(&fresh.stdout(&["export", "--format", "json"])).unwrap();
    assert_eq!(again["journal"], backup["journal"]);
    // A damaged entry in a backup is named, not imported; the rest are.
    let mut bad = backup.clone();
    bad["journal"][0]["class"] = json!("unknown");
    bad["journal"][1]["id"] = json!("2026-11-20_230000-abcd");
    let file = env.file("bad.json", &bad.to_string());
    let other = Env::new();
    let out = other.cmd().arg("import").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("class \"unknown\" is not a known class"),
        "{err}"
    );
    assert_eq!(entries(&other).len(), 1);
}

#[test]
fn an_entry_goes_to_the_trash_and_comes_back() {
    let env = Env::new();
    at(&env, "kratom", "2026-11-20", "08:00");
    let id = entries(&env)[0]["id"].as_str().unwrap().to_string();
    // No terminal to ask in: --yes is needed.
    let out = env.cmd().args(["log", "delete", &id]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("add --yes"));
    env.cmd()
        .args(["log", "delete", &id, "--yes"])
        .assert()
        .success();
    assert!(entries(&env).is_empty());
    assert!(env
        .data()
        .join("journal-trash")
        .join(format!("{id}.json"))
        .exists());
    let out = env
        .cmd()
        .args(["log", "delete", "2026-01-01_000000-0000", "--yes"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("no entry 2026-01-01_000000-0000 in the journal"));
    env.cmd().args(["log", "restore", &id]).assert().success();
    assert_eq!(entries(&env).len(), 1);
    // `history restore` brings an entry back too.
    env.cmd()
        .args(["log", "delete", &id, "--yes"])
        .assert()
        .success();
    env.cmd()
        .args(["history", "restore", &id])
        .assert()
        .success()
        .stderr(common::said("Restored the entry kratom"));
    assert_eq!(entries(&env).len(), 1);
    // An id in neither trash keeps history's own message.
    env.cmd()
        .args(["history", "restore", "2026-01-01_000000-0000"])
        .assert()
        .code(1);
}

#[test]
fn the_journal_as_csv() {
    let env = Env::new();
    log(
        &env,
        &[
            "kratom",
            "3g",
            "--for",
            "pain",
            "--for",
            "sleep",
            "--date",
            "2026-11-20",
            "--time",
            "09:00",
            "--note",
            "=cmd",
        ],
    );
    log(&env, &["wine", "--date", "2026-11-20", "--time", "21:00"]);
    let bytes = env.stdout(&["export", "--format", "csv", "--journal"]);
    let text = String::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let headers = rows.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "id",
            "date",
            "time",
            "recorded_at",
            "name",
            "substance",
            "class",
            "amount",
            "unit",
            "for",
            "pain",
            "mood",
            "note"
        ]
    );
    let all: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
    assert_eq!(all.len(), 2);
    assert_eq!(&all[0][4], "kratom");
    assert_eq!((&all[0][7], &all[0][8]), ("3", "g"));
    assert_eq!(&all[0][9], "pain sleep");
    assert_eq!(
        &all[0][12], "'=cmd",
        "a formula is never live in a spreadsheet"
    );
    assert_eq!(&all[1][7], "");
    let out = env
        .cmd()
        .args(["export", "--format", "json", "--journal"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_plain_checkin_offers_the_journals_days_to_keep_or_change() {
    let today = chrono::Utc::now().date_naive(); // the binary runs with TZ=UTC
                                                 // Answers up to the relief-use item, then `relief`, then the rest.
    let answers = |relief: &str| {
        format!(
            "0\nsome\nnever\n0\n0\n0\n0\n0\ny\nno\n{relief}\nno\nno\nno\n\n7\n3\n6\n4\nno\n\n\n"
        )
    };
    for (typed, expected) in [("2", 2), ("5", 5)] {
        let env = Env::new();
        for days_ago in [0, 3] {
            let date = (today - chrono::Duration::days(days_ago)).to_string();
            log(
                &env,
                &[
                    "kratom", "3g", "--for", "pain", "--date", &date, "--time", "00:00",
                ],
            );
        }
        // Not what the question asks: no reason it names, a coffee, a prescribed dose.
        let yesterday = (today - chrono::Duration::days(1)).to_string();
        for words in [
            &["kratom", "2g"][..],
            &["coffee", "--for", "stress"][..],
            &["tramadol", "50mg", "--for", "pain", "--prescribed"][..],
        ] {
            let mut args = words.to_vec();
            args.extend(["--date", &yesterday, "--time", "00:00"]);
            log(&env, &args);
        }
        let out = env
            .cmd()
            .args(["checkin", "--plain"])
            .write_stdin(answers(typed))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let said = String::from_utf8_lossy(&out.stderr)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            said.contains("That is 2 days: a suggestion, not your answer"),
            "{said}"
        );
        assert!(said.contains("Counted: what the question names"), "{said}");
        assert!(
            !said.contains("coffee") && !said.contains("tramadol"),
            "{said}"
        );
        assert_eq!(env.latest_answer("relief_use_days"), json!(expected));
        let record = saved(&env);
        assert_eq!(record["offered"], json!({"relief_use_days": 2}));
    }
    // With no entries in the week, nothing is offered and the record says nothing of it.
    let env = Env::new();
    log(
        &env,
        &[
            "kratom",
            "--date",
            &(today - chrono::Duration::days(20)).to_string(),
        ],
    );
    env.cmd()
        .args(["checkin", "--plain"])
        .write_stdin(answers("1"))
        .assert()
        .success();
    let record = saved(&env);
    assert!(record.get("offered").is_none());
}

#[test]
fn own_names_in_the_config_directory_and_a_bad_file_never_stops_logging() {
    let env = Env::new();
    let config = env.tmp.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("substances.json"),
        r#"{"substances": [{"name": "Dihydrocodeine", "class": "opioid", "also": ["DF118"]}]}"#,
    )
    .unwrap();
    let (code, _, err) = log(&env, &["df118", "30mg"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    let e = &entries(&env)[0];
    assert_eq!(
        (e["substance"].clone(), e["class"].clone()),
        (json!("dihydrocodeine"), json!("opioid"))
    );
    // An unknown class: a warning naming the file, and the built-in list.
    std::fs::write(
        config.join("substances.json"),
        r#"{"substances": [{"name": "x", "class": "sedative"}]}"#,
    )
    .unwrap();
    let (code, _, err) = log(&env, &["kratom", "2g"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("substances.json") && err.contains("unknown class"),
        "{err}"
    );
    // The hint for an unknown name says where to add it.
    let (_, _, err) = log(&env, &["mysteryol"]);
    // ... without guessing a class.
    assert!(
        err.contains("or add it to")
            && err.contains("\"class\": \"CLASS\"")
            && err.contains("where CLASS is one of")
            && !err.contains("\"class\": \"opioid\""),
        "{err}"
    );
}

#[test]
fn doctor_checks_the_journal_too() {
    let env = Env::new();
    log(&env, &["kratom", "3g"]);
    env.cmd()
        .arg("doctor")
        .assert()
        .success()
        .stdout(common::said("1 journal entry: no problems"));
    let bad = env.data().join("journal/2026-11-01_000000-0000.json");
    std::fs::write(&bad, "{}").unwrap();
    std::fs::set_permissions(&bad, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = env.cmd().arg("doctor").output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    let said = common::flat(&String::from_utf8_lossy(&out.stdout));
    assert!(
        said.contains("2026-11-01_000000-0000.json: a damaged journal entry"),
        "{said}"
    );
    assert_eq!(std::fs::read(&bad).unwrap(), b"{}", "never rewritten");
}

#[test]
fn an_answers_file_can_take_the_journals_days_with_from_journal() {
    let today = chrono::Utc::now().date_naive(); // the binary runs with TZ=UTC
    let env = Env::new();
    for days_ago in [0, 1, 4] {
        let date = (today - chrono::Duration::days(days_ago)).to_string();
        log(
            &env,
            &[
                "kratom", "3g", "--for", "pain", "--date", &date, "--time", "00:00",
            ],
        );
    }
    let mut week = quiet_week();
    week.as_object_mut().unwrap().remove("relief_use_days");
    // Without the flag, the item is missing, as the contract says.
    let out = env.answers_output(&week);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("relief_use_days: missing"));
    // With it, the journal's 3 days are the answer, and the record says they were offered.
    env.cmd()
        .args(["checkin", "--answers", "-", "--from-journal"])
        .write_stdin(week.to_string())
        .assert()
        .success();
    assert_eq!(env.latest_answer("relief_use_days"), json!(3));
    let record = saved(&env);
    assert_eq!(record["offered"], json!({"relief_use_days": 3}));
    // A file that gives its own answer keeps it; nothing is noted as offered.
    let other = Env::new();
    log(
        &other,
        &[
            "kratom",
            "3g",
            "--date",
            &today.to_string(),
            "--time",
            "00:00",
        ],
    );
    other
        .cmd()
        .args(["checkin", "--answers", "-", "--from-journal"])
        .write_stdin(quiet_week().to_string())
        .assert()
        .success();
    assert_eq!(other.latest_answer("relief_use_days"), json!(1));
    let record = saved(&other);
    assert!(record.get("offered").is_none());
}

#[test]
fn the_result_after_a_checkin_counts_the_journals_flag() {
    let env = Env::new();
    at(&env, "kratom", "2026-11-22", "08:00");
    at(&env, "gabapentin", "2026-11-22", "20:00");
    let out = env
        .cmd()
        .args(["checkin", "--answers", "-", "--date", "2026-11-23"])
        .write_stdin(quiet_week().to_string())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains(
            "Sedating things together: Two sedating substances within 12 hours of each other"
        ),
        "{text}"
    );
}

#[test]
fn a_time_later_today_and_invisible_or_huge_values_are_refused() {
    let env = Env::new();
    let now = chrono::Utc::now(); // the binary runs with TZ=UTC
    if now.format("%H:%M").to_string() != "23:59" {
        let later = (now + chrono::Duration::minutes(1))
            .format("%H:%M")
            .to_string();
        let (code, _, err) = log(&env, &["kratom", "3g", "--time", &later]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("later than now"), "{err}");
    }
    for args in [
        &["\u{200b}"][..],
        &["oxy\u{202e}docaine"][..],
        &["kratom", "1e308g"][..],
    ] {
        let (code, _, err) = log(&env, args);
        assert_eq!(code, 1, "{args:?}: {err}");
    }
    assert!(entries(&env).is_empty());
}

#[test]
fn the_journals_trash_is_kept_through_import_restore_and_purge() {
    let env = Env::new();
    env.cmd().args(["log", "kratom", "3g"]).assert().success();
    let backup = env.tmp.path().join("backup.json");
    env.cmd()
        .args(["export", "--format", "json", "--out"])
        .arg(&backup)
        .assert()
        .success();
    let listed = env.json(&["log", "list"]);
    let id = listed["entries"][0]["id"].as_str().unwrap().to_string();
    env.cmd()
        .args(["log", "delete", &id, "--yes"])
        .assert()
        .success();
    // An older backup does not bring a deleted entry back beside its trash copy.
    let out = env.cmd().arg("import").arg(&backup).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("journal's trash") && err.contains("log restore"),
        "{err}"
    );
    assert!(env.json(&["log", "list"])["entries"]
        .as_array()
        .unwrap()
        .is_empty());
    env.cmd().args(["log", "restore", &id]).assert().success();
    assert_eq!(
        env.json(&["log", "list"])["entries"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Purge empties the journal's trash too.
    env.cmd()
        .args(["log", "delete", &id, "--yes"])
        .assert()
        .success();
    let out = env
        .cmd()
        .args(["history", "purge", "--yes"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 journal entry"), "{err}");
    assert!(common::list(&env.data().join("journal-trash")).is_empty());
}

#[test]
fn an_imported_entry_with_an_escape_sequence_in_any_field_is_refused() {
    let env = Env::new();
    env.cmd().args(["log", "kratom", "3g"]).assert().success();
    let export = env.json(&["export"]);
    for field in ["substance", "name", "note"] {
        let mut changed = export.clone();
        changed["journal"][0][field] = json!("\u{1b}]0;owned\u{7}\u{1b}[2J");
        let file = env.file("changed.json", &changed.to_string());
        let fresh = Env::new();
        let out = fresh.cmd().arg("import").arg(&file).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("control character"), "{field}: {err}");
        assert!(!out.stderr.contains(&0x1b), "{field}: {err}");
        let summary = fresh.cmd().arg("summary").output().unwrap();
        assert!(!summary.stdout.contains(&0x1b), "{field}");
    }
}

#[test]
fn a_leading_point_and_words_that_are_not_utf8_are_read() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    let (code, out, err) = log(&env, &["kratom", ".5g", "--time", "00:00"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("kratom 0.5 g"), "{out}");
    let out = env
        .cmd()
        .arg("log")
        .arg(std::ffi::OsStr::from_bytes(b"caf\xe9"))
        .arg("1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("not UTF-8"), "{err}");
}
