//! Backups that can always be restored: `import` reads an export as a stream, so its size
//! is not limited and its memory is that of one record; a damaged file imports nothing; a
//! piped export is imported as it comes, even with its question sets at the end.

use crate::common;

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use common::{quiet_week, twelve_weeks, Env};
use predicates::prelude::*;
use serde_json::{json, Value};

fn export(env: &Env) -> Vec<u8> {
    env.stdout(&["export", "--format", "json"])
}

/// `selfcheck import FILE` into `env`, its heap limited to `mb` megabytes (as the kernel
/// counts it: every private writable mapping).
fn import_limited(env: &Env, file: &std::path::Path, mb: u64) -> std::process::Output {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("selfcheck"));
    cmd.env_clear()
        .envs(common::clock_vars())
        .env("TZ", "UTC")
        .env("HOME", env.tmp.path())
        .env("SELFCHECK_DATA_DIR", env.data())
        .env("SELFCHECK_CONFIG_DIR", env.config())
        .arg("import")
        .arg(file);
    let limit = mb * 1024 * 1024;
    // SAFETY: setrlimit only, between fork and exec. (The crate denies `unsafe`; a test
    // that limits a child's memory has no safe way to do it.)
    #[allow(unsafe_code)]
    unsafe {
        cmd.pre_exec(move || {
            let rl = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_DATA, &rl) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("run selfcheck import")
}

#[test]
fn a_backup_larger_than_memory_allows_is_restored_one_record_at_a_time() {
    let env = Env::new();
    twelve_weeks(&env);
    let mut e: Value = serde_json::from_slice(&export(&env)).unwrap();
    // 70 MB the reader must pass over (a future field, a note the size of a book): before,
    // a 64 MB limit refused it, and reading it whole took eight times its size.
    e["attachments"] = json!("x".repeat(70 * 1024 * 1024));
    let file = env.file("big.json", &e.to_string());
    let other = Env::new();
    let out = import_limited(&other, &file, 40);
    let says = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{says}");
    assert!(says.contains("Imported 11 check-ins"), "{says}");
    let again: Value = serde_json::from_slice(&export(&other)).unwrap();
    assert_eq!(again["checkins"], e["checkins"]);
}

#[test]
fn an_export_is_written_and_read_back_byte_for_byte() {
    let env = Env::new();
    twelve_weeks(&env);
    env.checkin(
        &common::week_with(json!({"note": "\"quotes\", \\ back-slashes, tabs\tand ünïcödé ✓"})),
        Some("2026-11-20"),
    );
    let first = export(&env);
    // The streamed export is the envelope as pretty JSON, as before.
    let value: Value = serde_json::from_slice(&first).unwrap();
    let mut pretty = serde_json::to_vec_pretty(&value).unwrap();
    pretty.push(b'\n');
    assert_eq!(
        String::from_utf8_lossy(&first),
        String::from_utf8_lossy(&pretty)
    );
    let file = env.tmp.path().join("first.json");
    std::fs::write(&file, &first).unwrap();
    let other = Env::new();
    other.cmd().arg("import").arg(&file).assert().success();
    let at_epoch = |env: &Env| {
        env.cmd()
            .args(["export", "--format", "json"])
            .env("SOURCE_DATE_EPOCH", "0")
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(
        at_epoch(&env),
        at_epoch(&other),
        "the round trip changed a byte"
    );
    // An empty store exports an empty list, which imports as nothing.
    let empty = Env::new();
    let none: Value = serde_json::from_slice(&export(&empty)).unwrap();
    assert_eq!(none["checkins"], json!([]));
    assert_eq!(none["questionnaires"], json!({}));
}

#[test]
fn a_cut_off_backup_file_imports_nothing() {
    let env = Env::new();
    twelve_weeks(&env);
    let whole = export(&env);
    let cut = &whole[..whole.len() * 2 / 3];
    let file = env.tmp.path().join("cut.json");
    std::fs::write(&file, cut).unwrap();
    let other = Env::new();
    other
        .cmd()
        .arg("import")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(common::said("not a valid export").and(common::said("nothing was imported")));
    assert!(other.checkin_files().is_empty());
    // A key given twice at the top is named, as in every JSON file selfcheck reads.
    let text = String::from_utf8(whole).unwrap();
    let twice = text.replacen("\"format\"", "\"exported_at\": \"x\",\n  \"format\"", 1);
    let file = env.file("twice.json", &twice);
    other
        .cmd()
        .arg("import")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(common::said("\"exported_at\" is given twice"));
    assert!(other.checkin_files().is_empty());
}

fn import_piped(env: &Env, bytes: &[u8]) -> std::process::Output {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("selfcheck"))
        .env_clear()
        .envs(common::clock_vars())
        .env("TZ", "UTC")
        .env("HOME", env.tmp.path())
        .env("SELFCHECK_DATA_DIR", env.data())
        .env("SELFCHECK_CONFIG_DIR", env.config())
        .args(["import", "/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_piped_backup_is_checked_whole_like_a_file_and_a_cut_one_imports_nothing() {
    // An own set's export: its question set comes after the check-ins that need it.
    let env = Env::new();
    env.own_set("energy.json");
    for (date, energy) in [("2026-11-02", 2), ("2026-11-09", 3)] {
        env.cmd()
            .args([
                "checkin",
                "--set",
                "energy",
                "--answers",
                "-",
                "--date",
                date,
            ])
            .write_stdin(
                json!({"energy": energy, "nap_days": 1, "worry": 1, "tense": 1}).to_string(),
            )
            .assert()
            .success();
    }
    env.checkin(&quiet_week(), Some("2026-11-16"));
    let whole = export(&env);
    let other = Env::new();
    let out = import_piped(&other, &whole);
    let says = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{says}");
    assert!(says.contains("Imported 3 check-ins"), "{says}");
    assert_eq!(other.checkin_files().len(), 3);

    // The pipe's copy was a nameless file: nothing of it is left in the data folder.
    let mut left: Vec<String> = std::fs::read_dir(other.data())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    left.sort();
    assert_eq!(left, ["checkins", "questionnaires"]);

    // Cut after the check-ins, before their sets: read whole first, so nothing is imported.
    let text = String::from_utf8(whole).unwrap();
    let cut = text.find("\"questionnaires\"").unwrap();
    let third = Env::new();
    let out = import_piped(&third, &text.as_bytes()[..cut]);
    let says = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{says}");
    assert!(says.contains("nothing was imported"), "{says}");
    assert_eq!(third.checkin_files().len(), 0);
}

#[test]
fn import_reads_standard_input_and_checks_every_field_strictly() {
    let env = Env::new();
    env.checkin(&common::quiet_week(), None);
    let export = env.json(&["export"]);
    let fresh = Env::new();
    fresh
        .cmd()
        .args(["import", "-"])
        .write_stdin(export.to_string())
        .assert()
        .success();
    assert_eq!(
        fresh.checkin_files().len(),
        1,
        "imported from standard input"
    );
    for (what, change) in [
        (
            "an unknown offered item",
            json!({"offered": {"no_such_item": 3}}),
        ),
        (
            "a negative offered value",
            json!({"offered": {"relief_use_days": -4}}),
        ),
        (
            "a save time in year 9999",
            json!({"recorded_at": "9999-01-01T00:00:00+00:00"}),
        ),
        (
            "a save time in year 0",
            json!({"recorded_at": "0000-01-01T00:00:00+00:00"}),
        ),
    ] {
        let mut bad = export.clone();
        for (k, v) in change.as_object().unwrap() {
            bad["checkins"][0][k] = v.clone();
        }
        let other = Env::new();
        let out = other
            .cmd()
            .args(["import", "-"])
            .write_stdin(bad.to_string())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{what}: {err}");
        assert!(other.checkin_files().is_empty(), "{what} was imported");
    }
}
