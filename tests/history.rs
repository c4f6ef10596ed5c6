//! `selfcheck history`: listing, filters, show, delete / restore / purge, and the busy lock.

use crate::common;

use common::{quiet_week, week_with, Env};
use predicates::prelude::*;
use serde_json::{json, Value};

fn history_json(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["history"];
    all.extend(args);
    env.json(&all)
}

fn dates(list: &Value) -> Vec<String> {
    list["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["date"].as_str().unwrap().to_string())
        .collect()
}

fn four_weeks(env: &Env) {
    env.checkin(&quiet_week(), Some("2026-10-26"));
    env.checkin(&week_with(json!({"gad_nervous": 3})), Some("2026-11-02"));
    env.checkin(
        &week_with(json!({"relief_use_days": 5})),
        Some("2026-11-09"),
    );
    env.checkin(&week_with(json!({"sleep_quality": 2})), Some("2026-11-16"));
}

#[test]
fn an_empty_history_says_how_to_start() {
    let env = Env::new();
    env.cmd()
        .arg("history")
        .assert()
        .success()
        .stdout(common::said("No check-ins yet").and(common::said("selfcheck checkin")));
    assert_eq!(history_json(&env, &[])["checkins"], json!([]));
}

#[test]
fn lists_newest_first_with_the_contract_columns() {
    let env = Env::new();
    four_weeks(&env);
    let out = env.cmd().arg("history").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "date         PEG  PHQ-2  GAD-2  Relief days  Sleep  GAD-7  flags"
    );
    assert_eq!(
        lines[1],
        "2026-11-16   1.3      1      1            1      2      -  -"
    );
    assert_eq!(
        lines[2],
        "2026-11-09   1.3      1      1            5      7      -  Edge off most days"
    );
    assert_eq!(
        lines[3],
        "2026-11-02   1.3      1      3            1      7      3  Nerves, worry (GAD-2)"
    );
    assert_eq!(lines.len(), 5);
    let list = history_json(&env, &[]);
    assert_eq!(
        dates(&list),
        ["2026-11-16", "2026-11-09", "2026-11-02", "2026-10-26"]
    );
    let first = &list["checkins"][1];
    assert_eq!(
        first["scores"],
        json!({"peg": 1.3, "phq2": 1, "gad2": 1, "phq9": null, "gad7": null})
    );
    // The columns are the question set's own.
    let heads: Vec<&str> = list["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        heads,
        [
            "peg",
            "phq2",
            "gad2",
            "relief_use_days",
            "sleep_quality",
            "phq9",
            "gad7"
        ]
    );
    assert_eq!(first["values"], json!([1.3, 1, 1, 5, 7, null, null]));
    assert_eq!(first["flags"], json!(["relief_most_days"]));
}

#[test]
fn filters_by_count_and_date() {
    let env = Env::new();
    four_weeks(&env);
    assert_eq!(
        dates(&history_json(&env, &["--last", "2"])),
        ["2026-11-16", "2026-11-09"]
    );
    assert_eq!(
        dates(&history_json(&env, &["--since", "2026-11-02"])),
        ["2026-11-16", "2026-11-09", "2026-11-02"]
    );
    assert_eq!(
        dates(&history_json(&env, &["--until", "2026-11-02"])),
        ["2026-11-02", "2026-10-26"]
    );
    assert_eq!(
        dates(&history_json(
            &env,
            &[
                "--since",
                "2026-10-27",
                "--until",
                "2026-11-10",
                "--last",
                "1"
            ]
        )),
        ["2026-11-09"]
    );
    assert_eq!(
        history_json(&env, &["--since", "2027-01-01"])["checkins"],
        json!([])
    );
    env.cmd()
        .args(["history", "--since", "2026-13-01"])
        .assert()
        .code(1)
        .stderr(common::said("--since 2026-13-01: there is no such day"));
    env.cmd()
        .args(["history", "--since", "1 Nov"])
        .assert()
        .code(1)
        .stderr(common::said("expected a date as YYYY-MM-DD"));
    env.cmd()
        .args(["history", "--since", "2026-11-10", "--until", "2026-11-01"])
        .assert()
        .code(1)
        .stderr(common::said("is after --until"));
}

#[test]
fn flags_across_checkins_appear_even_when_the_earlier_weeks_are_filtered_out() {
    let env = Env::new();
    for (date, days) in [
        ("2026-10-26", 0),
        ("2026-11-02", 1),
        ("2026-11-09", 2),
        ("2026-11-16", 3),
    ] {
        env.checkin(&week_with(json!({"relief_use_days": days})), Some(date));
    }
    let list = history_json(&env, &["--last", "1"]);
    assert_eq!(list["checkins"][0]["flags"], json!(["relief_use_rising"]));
}

#[test]
fn show_prints_one_checkin_with_its_questions() {
    let env = Env::new();
    four_weeks(&env);
    env.cmd()
        .args(["history", "show", "2026-11-02"])
        .assert()
        .success()
        .stdout(common::said("check-in of Monday 2 November 2026"))
        .stdout(common::said("Feeling nervous, anxious, or on edge"))
        .stdout(common::said("-> 3 (Nearly every day)"))
        .stdout(common::said(
            "Nerves or worry at or above the GAD-2 cut-off",
        ));
    let id = history_json(&env, &[])["checkins"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.cmd()
        .args(["history", "show", &id])
        .assert()
        .success()
        .stdout(common::said("2026-11-16"));
    env.cmd()
        .args(["history", "show", "2026-01-01"])
        .assert()
        .code(1)
        .stderr(common::said("no check-in on 2026-01-01"));
}

#[test]
fn a_date_with_two_checkins_lists_both_ids() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-11-16"));
    env.checkin(&quiet_week(), Some("2026-11-16"));
    let ids: Vec<String> = history_json(&env, &[])["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    for action in [vec!["show"], vec!["delete", "--yes"]] {
        let out = env
            .cmd()
            .arg("history")
            .args(&action)
            .arg("2026-11-16")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("2 check-ins on 2026-11-16"), "{err}");
        for id in &ids {
            assert!(err.contains(id.as_str()), "{err}");
        }
    }
    assert_eq!(env.checkin_files().len(), 2);
}

#[test]
fn delete_moves_to_the_trash_and_restore_brings_it_back() {
    let env = Env::new();
    four_weeks(&env);
    let before = std::fs::read(&env.checkin_files()[1]).unwrap();
    // Without a terminal and without --yes, nothing happens.
    env.cmd()
        .args(["history", "delete", "2026-11-02"])
        .assert()
        .code(1)
        .stderr(common::said("add --yes"));
    assert_eq!(env.checkin_files().len(), 4);

    env.cmd()
        .args(["history", "delete", "2026-11-02", "--yes"])
        .assert()
        .success()
        .stderr(common::said("selfcheck history restore"));
    assert_eq!(
        dates(&history_json(&env, &[])),
        ["2026-11-16", "2026-11-09", "2026-10-26"]
    );
    let trash = common::list(&env.data().join("trash"));
    assert_eq!(trash.len(), 1);
    assert_eq!(
        std::fs::read(&trash[0]).unwrap(),
        before,
        "the file is moved, not rewritten"
    );
    // The trash is left out of summaries.
    let s = env
        .cmd()
        .args(["summary", "--last", "10", "--format", "json"])
        .output()
        .unwrap();
    let s: Value = serde_json::from_slice(&s.stdout).unwrap();
    assert_eq!(s["period"]["checkins"], json!(3));

    env.cmd()
        .args(["history", "restore", "2026-11-02"])
        .assert()
        .success();
    assert_eq!(
        dates(&history_json(&env, &[])),
        ["2026-11-16", "2026-11-09", "2026-11-02", "2026-10-26"]
    );
    assert_eq!(common::list(&env.data().join("trash")).len(), 0);
    env.cmd()
        .args(["history", "restore", "2026-11-02"])
        .assert()
        .code(1)
        .stderr(common::said("in the trash"));
}

#[test]
fn purge_empties_the_trash_only_after_confirmation() {
    let env = Env::new();
    four_weeks(&env);
    env.cmd()
        .args(["history", "delete", "2026-10-26", "--yes"])
        .assert()
        .success();
    env.cmd()
        .args(["history", "purge"])
        .assert()
        .code(1)
        .stderr(common::said("add --yes"));
    assert_eq!(common::list(&env.data().join("trash")).len(), 1);
    env.cmd()
        .args(["history", "purge", "--yes"])
        .assert()
        .success()
        .stderr(common::said("Removed 1 check-in from the trash"));
    assert_eq!(common::list(&env.data().join("trash")).len(), 0);
    assert_eq!(env.checkin_files().len(), 3);
    env.cmd()
        .args(["history", "purge", "--yes"])
        .assert()
        .success()
        .stderr(common::said("The trash is empty"));
}

#[test]
fn a_second_selfcheck_moving_files_is_told_at_once_that_one_is_busy() {
    let env = Env::new();
    four_weeks(&env);
    // Hold the lock as another selfcheck would.
    let lock = std::fs::File::open(env.data().join(".lock"))
        .or_else(|_| std::fs::File::create(env.data().join(".lock")))
        .unwrap();
    lock.try_lock()
        .expect("the busy lock, taken as another selfcheck would");
    env.cmd()
        .args(["history", "delete", "2026-11-02", "--yes"])
        .assert()
        .code(4)
        .stderr(common::said("another selfcheck is changing your data"));
    assert_eq!(env.checkin_files().len(), 4);
    // Saving a new check-in never waits for the lock.
    env.checkin(&quiet_week(), None);
    assert_eq!(env.checkin_files().len(), 5);
    drop(lock);
    env.cmd()
        .args(["history", "delete", "2026-11-02", "--yes"])
        .assert()
        .success();
}

/// The table at a width: every line fits, flags by short title, missed weeks marked.
fn table(env: &Env, columns: &str, args: &[&str]) -> String {
    let out = env
        .cmd()
        .arg("history")
        .args(args)
        .env("COLUMNS", columns)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_table_fits_the_terminal_with_short_titles_and_missed_weeks_marked() {
    let env = Env::new();
    common::twelve_weeks(&env);
    for columns in ["40", "60", "80", "120"] {
        let text = table(&env, columns, &[]);
        let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(
            widest <= columns.parse().unwrap(),
            "a line of {widest} at {columns}:\n{text}"
        );
        assert!(!text.contains("pain_affects_sleep"), "a raw id:\n{text}");
        assert!(
            text.contains("·  no check-in the week of 5 Oct 2026"),
            "{text}"
        );
    }
    let wide = table(&env, "120", &[]);
    assert!(wide.contains("Pain most days"), "{wide}");
    let narrow = table(&env, "40", &[]);
    assert!(narrow.contains("Not shown at this width"), "{narrow}");
    // Ids when asked for, as `history show` takes them.
    let with_ids = table(&env, "100", &["--ids"]);
    let list = history_json(&env, &[]);
    let id = list["checkins"][0]["id"].as_str().unwrap();
    assert!(with_ids.contains(id), "{with_ids}");
    assert_eq!(list["missed_weeks"], json!(["2026-W41"]));
    assert!(list["checkins"][0]["flag_titles"].is_array());
}

#[test]
fn show_without_a_target_shows_the_latest_and_bad_targets_say_what_to_type() {
    let env = Env::new();
    env.cmd()
        .args(["history", "show"])
        .assert()
        .code(1)
        .stderr(common::said("no check-ins to show yet"));
    env.checkin(&quiet_week(), Some("2026-11-09"));
    env.checkin(&quiet_week(), Some("2026-11-16"));
    env.cmd()
        .args(["history", "show"])
        .assert()
        .success()
        .stdout(common::said("Monday 16 November 2026"));
    env.cmd()
        .args(["history", "show", "2026-10-12"])
        .assert()
        .code(1)
        .stderr(common::said(
            "no check-in on 2026-10-12; `selfcheck history` lists the dates there are",
        ));
    env.cmd()
        .args(["history", "show", "16-11-2026"])
        .assert()
        .code(1)
        .stderr(common::said(
            "\"16-11-2026\" looks like a date; write it as YYYY-MM-DD",
        ));
    env.cmd()
        .args(["history", "show", "nonsense"])
        .assert()
        .code(1)
        .stderr(common::said("`selfcheck history --ids`"));
}

#[test]
fn a_long_history_read_a_part_at_a_time_lists_the_same_as_read_whole() {
    // 1,300 days of check-ins (more than two parts), written as copies of one saved check-in
    // with their own dates and answers that vary, so rules across check-ins fire at part
    // boundaries too.
    let env = Env::new();
    env.checkin(&quiet_week(), None);
    let dir = env.data().join("checkins");
    let first = common::list(&dir)[0].clone();
    let template: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&first).unwrap()).unwrap();
    std::fs::remove_file(first).unwrap();
    let today = chrono::Utc::now().date_naive();
    for i in 0..1300i64 {
        let date = today - chrono::Duration::days(i);
        let id = format!("{date}_120000-{:04x}", i);
        let mut r = template.clone();
        r["id"] = json!(id);
        r["date"] = json!(date.to_string());
        r["recorded_at"] = json!(format!("{date}T12:00:00+00:00"));
        r["answers"]["peg_pain"] = json!(1 + (i * 7) % 10);
        r["answers"]["relief_use_days"] = json!((i / 3) % 8);
        if i % 97 == 0 {
            continue; // a missed day now and then
        }
        std::fs::write(dir.join(format!("{id}.json")), r.to_string()).unwrap();
        // Every other day a second check-in, its name's time before the first's and its
        // moment recorded after it: read, it comes second, wherever the parts are cut.
        if i % 2 == 0 {
            let id = format!("{date}_090000-{:04x}", i);
            r["id"] = json!(id);
            r["recorded_at"] = json!(format!("{date}T13:00:00+00:00"));
            r["answers"]["peg_pain"] = json!(10 - (i * 3) % 10);
            std::fs::write(dir.join(format!("{id}.json")), r.to_string()).unwrap();
        }
    }
    let all = env.json(&["history"]);
    let whole = env.json(&["history", "--last", "5000"]);
    assert_eq!(
        whole["checkins"].as_array().unwrap().len(),
        1286 + 643,
        "read whole"
    );
    assert_eq!(all["checkins"].as_array().unwrap().len(), 1286 + 643);
    assert_eq!(all, whole, "the parts joined are the whole");
}
