//! The private local store: what a saved file holds, its permissions, and damaged files.

use crate::common;

use std::os::unix::fs::PermissionsExt;
use std::process::Command as StdCommand;

use common::{quiet_week, week_with, Env};
use predicates::prelude::*;
use serde_json::json;

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_saved_file_holds_what_was_answered() {
    let env = Env::new();
    let answers = week_with(json!({"note": "ask about the knee", "stress": 6}));
    env.checkin(&answers, Some("2026-11-16"));
    let files = env.checkin_files();
    assert_eq!(files.len(), 1);
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    assert_eq!(record["schema_version"], json!(2));
    assert!(record["written_by"]
        .as_str()
        .unwrap()
        .starts_with("selfcheck "));
    assert_eq!(record["date"], json!("2026-11-16"));
    assert_eq!(record["questionnaire"]["id"], json!("weekly"));
    assert_eq!(record["questionnaire"]["version"], json!(3));
    assert_eq!(
        files[0].file_stem().unwrap().to_string_lossy(),
        record["id"].as_str().unwrap()
    );
    // recorded_at is RFC 3339 with an offset.
    let at = record["recorded_at"].as_str().unwrap();
    assert!(chrono::DateTime::parse_from_rfc3339(at).is_ok(), "{at}");
    for (id, value) in answers.as_object().unwrap() {
        assert_eq!(&record["answers"][id], value, "answer to {id}");
    }
    // The questions as asked are kept once, beside the check-ins.
    let copies = common::list(&env.data().join("questionnaires"));
    assert_eq!(copies.len(), 1);
    let copy: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&copies[0]).unwrap()).unwrap();
    assert_eq!(
        copy["items"][0]["text"],
        json!("What number best describes your pain on average in the past week?")
    );
    assert!(copies[0]
        .to_string_lossy()
        .contains(record["questionnaire"]["digest"].as_str().unwrap()));
}

#[test]
fn folders_are_0700_and_files_0600_whatever_the_umask() {
    let env = Env::new();
    let bin = assert_cmd::cargo::cargo_bin("selfcheck");
    let answers = env.file("week.json", &quiet_week().to_string());
    let status = StdCommand::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 000; exec '{}' checkin --answers '{}'",
            bin.display(),
            answers.display()
        ))
        .env("SELFCHECK_DATA_DIR", env.data())
        .output()
        .unwrap();
    assert!(status.status.success());
    for dir in [
        env.data(),
        env.data().join("checkins"),
        env.data().join("questionnaires"),
    ] {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    }
    let mut files = env.checkin_files();
    files.extend(common::list(&env.data().join("questionnaires")));
    assert_eq!(files.len(), 2);
    for f in files {
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
}

#[test]
fn two_checkins_on_one_day_are_two_files() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-11-16"));
    env.checkin(&week_with(json!({"stress": 9})), Some("2026-11-16"));
    let files = env.checkin_files();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files.iter().all(|f| f
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("2026-11-16_")));
    // The latest saved is the one summarised.
    assert_eq!(env.latest_answer("stress"), json!(9));
}

#[test]
fn a_damaged_file_is_named_skipped_and_left_alone() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-11-09"));
    let dir = env.data().join("checkins");
    let damaged = [
        (
            "2026-11-10_000000-aaaa.json",
            &b"{\"schema_version\": 1, \"id\": \"x\""[..],
        ),
        ("2026-11-11_000000-bbbb.json", &b""[..]),
        (
            "2026-11-12_000000-cccc.json",
            &b"{\"schema_version\": 9}"[..],
        ),
        ("2026-11-13_000000-dddd.json", &b"[1, 2, 3]"[..]),
        ("notes.txt~", &b"editor backup"[..]),
    ];
    for (name, bytes) in damaged {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let out = env
        .cmd()
        .args(["summary", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = common::flat(&String::from_utf8_lossy(&out.stderr));
    for (name, _) in damaged {
        assert!(stderr.contains(name), "{name} not named in:\n{stderr}");
    }
    assert!(stderr.contains("written by a newer selfcheck"), "{stderr}");
    assert!(stderr.contains("the file is empty"), "{stderr}");
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["latest"]["date"], json!("2026-11-09"));
    for (name, bytes) in damaged {
        assert_eq!(
            std::fs::read(dir.join(name)).unwrap(),
            bytes,
            "{name} was changed"
        );
    }
    // Saving another check-in does not touch them either.
    env.checkin(&quiet_week(), None);
    for (name, bytes) in damaged {
        assert_eq!(
            std::fs::read(dir.join(name)).unwrap(),
            bytes,
            "{name} was changed"
        );
    }
}

#[test]
fn an_unfinished_temporary_file_is_never_read_as_a_checkin() {
    let env = Env::new();
    env.checkin(&quiet_week(), None);
    std::fs::write(
        env.data()
            .join("checkins")
            .join(".2026-11-20_000000-eeee.json.1.0.tmp"),
        "{",
    )
    .unwrap();
    env.cmd()
        .arg("summary")
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
}

#[test]
fn nothing_is_created_by_a_summary() {
    let env = Env::new();
    env.cmd()
        .arg("summary")
        .assert()
        .success()
        .stdout(common::said("No check-ins yet"))
        .stdout(common::said("selfcheck checkin"));
    assert!(!env.data().exists());
}

#[test]
fn the_data_directory_follows_the_contract() {
    let env = Env::new();
    let xdg = env.tmp.path().join("xdg");
    let flag = env.tmp.path().join("flagdir");
    let week = quiet_week().to_string();
    // XDG_DATA_HOME when absolute.
    env.cmd()
        .env_remove("SELFCHECK_DATA_DIR")
        .env("XDG_DATA_HOME", &xdg)
        .args(["checkin", "--answers", "-"])
        .write_stdin(week.clone())
        .assert()
        .success();
    assert_eq!(common::list(&xdg.join("selfcheck/checkins")).len(), 1);
    // A relative XDG_DATA_HOME is ignored, as the XDG spec says.
    env.cmd()
        .env_remove("SELFCHECK_DATA_DIR")
        .env("XDG_DATA_HOME", "relative/dir")
        .arg("--help")
        .assert()
        .success()
        .stdout(common::said("relative/dir").not());
    // --data-dir beats SELFCHECK_DATA_DIR, before or after the subcommand.
    env.cmd()
        .args(["checkin", "--answers", "-", "--data-dir"])
        .arg(&flag)
        .write_stdin(week.clone())
        .assert()
        .success();
    env.cmd()
        .arg("--data-dir")
        .arg(&flag)
        .args(["checkin", "--answers", "-"])
        .write_stdin(week)
        .assert()
        .success();
    assert_eq!(common::list(&flag.join("checkins")).len(), 2);
    assert!(!env.data().exists());
    // --help names the directory in use.
    env.cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(common::said(&format!(
            "Data directory: {}",
            env.data().display()
        )))
        .stdout(common::said("130"));
}

#[test]
fn a_rejected_checkin_leaves_what_is_stored_unchanged() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-11-09"));
    let snapshot = |env: &Env| -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut all = env.checkin_files();
        all.extend(common::list(&env.data().join("questionnaires")));
        all.into_iter()
            .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
            .collect()
    };
    let before = snapshot(&env);
    env.cmd()
        .args(["checkin", "--answers", "-"])
        .write_stdin(week_with(json!({"stress": 12})).to_string())
        .assert()
        .code(1);
    env.cmd()
        .args(["checkin", "--answers", "-", "--date", "2999-01-01"])
        .write_stdin(quiet_week().to_string())
        .assert()
        .code(1);
    assert_eq!(snapshot(&env), before);
}

#[test]
fn a_data_directory_others_can_read_is_reported_not_changed() {
    let env = Env::new();
    std::fs::create_dir(env.data()).unwrap();
    std::fs::set_permissions(env.data(), std::fs::Permissions::from_mode(0o755)).unwrap();
    env.cmd()
        .args(["checkin", "--answers", "-"])
        .write_stdin(quiet_week().to_string())
        .assert()
        .success()
        .stderr(common::said("can be read by other users").and(common::said("chmod 700")));
    assert_eq!(
        mode(&env.data()),
        0o755,
        "a folder the person chose is left as it is"
    );
    assert_eq!(mode(&env.data().join("checkins")), 0o700);
}
