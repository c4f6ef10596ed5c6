//! Damaged and foreign files: named in a warning, skipped, never rewritten; `doctor` lists
//! them all and changes nothing; an older record format is read as it is.

use crate::common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::{quiet_week, Env};
use predicates::prelude::*;
use serde_json::{json, Value};

fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>, u32)> {
    let mut out = Vec::new();
    for dir in ["checkins", "questionnaires", "trash"] {
        for p in common::list(&root.join(dir)) {
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            out.push((p.clone(), std::fs::read(&p).unwrap(), mode));
        }
    }
    out
}

/// A store with two good check-ins and one of each kind of damage.
fn damaged_store() -> (Env, Vec<&'static str>) {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-11-02"));
    env.checkin(&quiet_week(), Some("2026-11-09"));
    let good = std::fs::read(&env.checkin_files()[1]).unwrap();
    let dir = env.data().join("checkins");
    let mut random = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..700 {
        x = x.wrapping_mul(1103515245).wrapping_add(12345);
        random.push((x >> 16) as u8);
    }
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "2026-11-03_000000-trnc.json",
            good[..good.len() / 2].to_vec(),
        ),
        ("2026-11-04_000000-rand.json", random),
        (
            "2026-11-05_000000-shap.json",
            br#"{"schema_version": 2, "id": 7, "answers": []}"#.to_vec(),
        ),
        (
            "2026-11-06_000000-newr.json",
            br#"{"schema_version": 3, "id": "x", "future": true}"#.to_vec(),
        ),
        ("2026-11-07_000000-empt.json", Vec::new()),
        ("2026-11-08_000000-good.json~", good.clone()),
    ];
    let names = files.iter().map(|(n, _)| *n).collect();
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    (env, names)
}

#[test]
fn history_and_summary_name_each_damaged_file_and_show_all_the_good_ones() {
    let (env, names) = damaged_store();
    let before = snapshot(&env.data());
    for args in [
        vec!["history"],
        vec!["summary", "--last", "10"],
        vec!["summary"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        for name in &names {
            assert!(err.contains(name), "{args:?}: {name} not named in:\n{err}");
        }
        assert!(err.contains("left as it is"));
    }
    let out = env
        .cmd()
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list["checkins"].as_array().unwrap().len(), 2);
    env.checkin(&quiet_week(), None);
    let after = snapshot(&env.data());
    for (path, bytes, mode) in &before {
        let now = after
            .iter()
            .find(|(p, _, _)| p == path)
            .expect("file still there");
        assert_eq!(
            (&now.1, now.2),
            (bytes, *mode),
            "{} was changed",
            path.display()
        );
    }
}

#[test]
fn doctor_lists_every_problem_changes_nothing_and_exits_5() {
    let (env, names) = damaged_store();
    std::fs::set_permissions(
        env.checkin_files()[0].clone(),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let before = snapshot(&env.data());
    let out = env.cmd().arg("doctor").output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    let text = common::flat(&String::from_utf8_lossy(&out.stdout));
    for name in &names {
        assert!(text.contains(name), "{name} not named in:\n{text}");
    }
    assert!(text.contains("file mode is 644"), "{text}");
    assert!(text.contains("written by a newer selfcheck"), "{text}");
    assert!(text.contains("Checked 2 check-ins"), "{text}");
    assert_eq!(snapshot(&env.data()), before, "doctor must change nothing");
}

#[test]
fn doctor_is_happy_with_a_healthy_store() {
    let env = Env::new();
    env.cmd()
        .arg("doctor")
        .assert()
        .success()
        .stdout(common::said("no data directory yet"));
    env.checkin(&quiet_week(), None);
    env.cmd()
        .arg("doctor")
        .assert()
        .success()
        .stdout(common::said(
            "Checked 1 check-in, 0 in the trash, 1 question set copy: no problems.",
        ));
}

#[test]
fn doctor_reports_a_changed_question_set_copy_and_a_bad_questions_file() {
    let env = Env::new();
    env.checkin(&quiet_week(), None);
    let copy = common::list(&env.data().join("questionnaires"))[0].clone();
    let text = std::fs::read_to_string(&copy)
        .unwrap()
        .replace("No pain", "No pain at all");
    std::fs::write(&copy, text).unwrap();
    let bad = env.file("bad.json", "{\"format\": \"selfcheck-questions/1\"}");
    let out = env
        .cmd()
        .arg("doctor")
        .arg("--questions")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("no longer matches the name it was saved under"),
        "{text}"
    );
    assert!(text.contains("bad.json"), "{text}");
}

#[test]
fn doctor_reports_a_data_directory_others_can_read() {
    let env = Env::new();
    env.checkin(&quiet_week(), None);
    std::fs::set_permissions(env.data(), std::fs::Permissions::from_mode(0o750)).unwrap();
    env.cmd()
        .arg("doctor")
        .assert()
        .code(5)
        .stdout(common::said("can be read by other users").and(common::said("chmod 700")));
}

#[test]
fn an_older_record_format_is_read_without_rewriting_it() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-11-09"));
    let path = env.checkin_files()[0].clone();
    let mut v1: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    v1["schema_version"] = json!(1);
    v1.as_object_mut().unwrap().remove("written_by");
    let bytes = serde_json::to_vec_pretty(&v1).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    let out = env
        .cmd()
        .args(["summary", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["latest"]["date"], json!("2026-11-09"));
    env.cmd().arg("doctor").assert().success();
    env.checkin(&quiet_week(), None);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "an old record is never rewritten"
    );
}

#[test]
fn nothing_about_the_person_is_written_outside_the_data_directory() {
    let env = Env::new();
    let tmp = env.tmp.path().join("tmpdir");
    let home = env.tmp.path().join("home");
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    let week = quiet_week().to_string();
    for args in [
        vec!["checkin", "--answers", "-"],
        vec!["summary"],
        vec!["summary", "--last", "4"],
        vec!["history"],
        vec!["status"],
        vec!["doctor"],
    ] {
        env.cmd()
            .env("TMPDIR", &tmp)
            .env("HOME", &home)
            .args(&args)
            .write_stdin(week.clone())
            .output()
            .unwrap();
    }
    assert!(
        common::list(&tmp).is_empty(),
        "files were written to TMPDIR"
    );
    assert!(common::list(&home).is_empty(), "files were written to HOME");
}

#[test]
fn dates_at_the_ends_of_the_calendar_do_not_crash_anything() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-11-09"));
    let path = env.checkin_files()[0].clone();
    let mut v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    for (date, id) in [
        ("0001-01-01", "0001-01-01_000000-aaaa"),
        ("9999-12-31", "9999-12-31_000000-bbbb"),
    ] {
        v["date"] = json!(date);
        v["id"] = json!(id);
        std::fs::write(
            env.data().join("checkins").join(format!("{id}.json")),
            v.to_string(),
        )
        .unwrap();
    }
    for args in [
        vec!["summary"],
        vec!["summary", "--last", "5"],
        vec!["history"],
        vec!["status"],
        vec!["doctor"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0) | Some(3) | Some(5)),
            "{args:?}: {:?} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn hostile_free_text_cannot_change_the_terminal() {
    let env = Env::new();
    let note = "clear\u{1b}[2J\u{1b}]0;owned\u{7} bell\u{8}";
    env.checkin(&common::week_with(json!({ "note": note })), None);
    for args in [
        vec!["summary"],
        vec![
            "history",
            "show",
            &chrono::Utc::now().date_naive().to_string(),
        ],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert!(out.status.success());
        assert!(
            !out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07),
            "{args:?}: raw control characters reached the terminal"
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("clear\\u{1b}[2J"), "{args:?}: {text}");
    }
}

#[test]
fn huge_inputs_are_refused_before_they_are_read() {
    let env = Env::new();
    let big = env.tmp.path().join("huge.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    env.cmd()
        .arg("checkin")
        .arg("--questions")
        .arg(&big)
        .args(["--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(1)
        .stderr(common::said("huge.json").and(common::said("the limit is")));
    env.cmd()
        .args(["questions", "validate"])
        .arg(&big)
        .assert()
        .code(1)
        .stderr(common::said("the limit is"));
    // An export has no size limit (it is read as a stream), but this is no export.
    env.cmd()
        .arg("import")
        .arg(&big)
        .assert()
        .code(1)
        .stderr(common::said("not a valid export").and(common::said("nothing was imported")));
    // One check-in far over anything selfcheck writes is refused before it is held whole.
    let huge_record = format!(
        r#"{{"format": "selfcheck-export", "schema_version": 1, "exported_at": "2026-11-16T12:00:00+00:00", "checkins": [{{"note": "{}"}}]}}"#,
        "x".repeat(3 * 1024 * 1024)
    );
    let file = env.file("huge_record.json", &huge_record);
    env.cmd()
        .arg("import")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(common::said("over 2097152 bytes").and(common::said("nothing was imported")));
    // A note is capped at 1,000 characters.
    let long = "x".repeat(1001);
    env.cmd()
        .args(["checkin", "--answers", "-"])
        .write_stdin(common::week_with(json!({ "note": long })).to_string())
        .assert()
        .code(1)
        .stderr(common::said("note: the text is 1001 characters long (allowed: a string of at most 1000 characters, or null)"));
}

#[test]
fn doctor_advises_chmod_700_for_a_folder_and_600_for_a_file() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.checkin(&common::quiet_week(), None);
    let folder = env.data().join("checkins").join("kept by hand");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    let file = env.checkin_files()[0].clone();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = common::flat(&String::from_utf8_lossy(
        &env.cmd().arg("doctor").output().unwrap().stdout,
    ));
    assert!(
        out.contains(&format!("chmod 700 '{}'", folder.display())),
        "{out}"
    );
    assert!(
        out.contains(&format!("chmod 600 '{}'", file.display())),
        "{out}"
    );
}
