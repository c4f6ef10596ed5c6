//! Every way in is checked: arguments, files and environment that are hostile or odd get a
//! clear error (or are skipped by name), never a panic or a hang.

use crate::common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use common::Env;
use predicates::prelude::*;

fn not_utf8(prefix: &[u8]) -> &OsStr {
    // Leaked so the argument outlives the command: a few bytes per test.
    let mut bytes = prefix.to_vec();
    bytes.extend_from_slice(b"\xff.json");
    OsStr::from_bytes(Box::leak(bytes.into_boxed_slice()))
}

#[test]
fn arguments_that_are_not_utf8_never_panic() {
    let env = Env::new();
    let path = not_utf8(b"x");
    for args in [
        vec![OsStr::new("import"), path],
        vec![OsStr::new("checkin"), OsStr::new("--answers"), path],
        vec![OsStr::new("--data-dir"), path, OsStr::new("history")],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        let code = out.status.code();
        assert!(matches!(code, Some(0..=2)), "{args:?}: exit {code:?}");
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("panicked"),
            "{args:?}"
        );
    }
    // Text that must be text is a usage error (exit 2), not a panic.
    env.cmd()
        .args([OsStr::new("history"), OsStr::new("show"), not_utf8(b"2026")])
        .assert()
        .code(2)
        .stderr(common::said("panicked").not());
}

#[test]
fn a_key_given_twice_is_an_error_naming_it_wherever_json_comes_in() {
    let env = Env::new();
    // Answers file: the second phq_selfharm must not silently win.
    let mut answers = common::quiet_week().to_string();
    answers.insert_str(1, "\"phq_selfharm\": 3, ");
    env.cmd()
        .args(["checkin", "--answers", "-"])
        .write_stdin(answers)
        .assert()
        .code(1)
        .stderr(common::said("\"phq_selfharm\" is given twice"))
        // Refused, but the person wrote a self-harm answer: the crisis lines all the same.
        .stdout(common::said("IF YOU NEED HELP NOW"));
    assert!(env.checkin_files().is_empty());
    // Config: a warning that names the key; the command still runs.
    std::fs::create_dir_all(env.config()).unwrap();
    std::fs::write(
        env.config().join("config.json"),
        r#"{"crisis_region": "US", "crisis_region": "UK"}"#,
    )
    .unwrap();
    env.cmd()
        .arg("status")
        .assert()
        .code(3)
        .stderr(common::said("\"crisis_region\" is given twice"));
    std::fs::remove_file(env.config().join("config.json")).unwrap();
    // A question set.
    let set = include_str!("../questions/weekly.json").replacen(
        "\"id\": \"weekly\",",
        "\"id\": \"weekly\", \"id\": \"twice\",",
        1,
    );
    let file = env.file("twice.json", &set);
    env.cmd()
        .args(["questions", "validate"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(common::said("\"id\" is given twice"));
    // A stored check-in: reported by name and skipped, never read with one value chosen.
    env.checkin(&common::quiet_week(), Some("2026-11-02"));
    let stored = env.checkin_files().remove(0);
    let text = std::fs::read_to_string(&stored).unwrap();
    std::fs::write(
        &stored,
        text.replacen(
            "\"answers\": {",
            "\"answers\": {\n    \"phq_selfharm\": 3,",
            1,
        ),
    )
    .unwrap();
    env.cmd()
        .arg("history")
        .assert()
        .success()
        .stderr(common::said("\"phq_selfharm\" is given twice"));
    // An export.
    let export = env.file(
        "twice-export.json",
        r#"{"format": "selfcheck-export", "format": "selfcheck-export", "schema_version": 1, "exported_at": "x", "checkins": []}"#,
    );
    env.cmd()
        .arg("import")
        .arg(&export)
        .assert()
        .code(1)
        .stderr(common::said("\"format\" is given twice"));
}

#[test]
fn a_bom_is_skipped_and_minus_zero_is_zero() {
    let env = Env::new();
    let answers = common::week_with(serde_json::json!({"phq_selfharm": 0}))
        .to_string()
        .replace("\"phq_selfharm\":0", "\"phq_selfharm\":-0");
    assert!(answers.contains("-0"));
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(answers.as_bytes());
    env.cmd()
        .args(["checkin", "--answers", "-"])
        .write_stdin(bytes)
        .assert()
        .success();
    assert_eq!(env.latest_answer("phq_selfharm"), serde_json::json!(0));
}

#[test]
fn an_export_with_a_strange_schema_version_says_what_is_wrong() {
    let env = Env::new();
    for (version, says) in [
        (
            "-1",
            "\"schema_version\" is -1; it must be a whole number from 1 to 1",
        ),
        (
            "1.5",
            "\"schema_version\" is 1.5; it must be a whole number from 1 to 1",
        ),
        ("0", "\"schema_version\" is 0"),
    ] {
        let export = env.file(
            "odd.json",
            &format!(r#"{{"format": "selfcheck-export", "schema_version": {version}, "exported_at": "x", "checkins": []}}"#),
        );
        env.cmd()
            .arg("import")
            .arg(&export)
            .assert()
            .code(1)
            .stderr(common::said(says));
    }
}

/// Stops a plain check-in after two answers, edits its draft (`from` → `to`), and tries to
/// resume it.
fn resume_edited_draft(env: &Env, from: &str, to: &str) -> assert_cmd::assert::Assert {
    env.cmd()
        .args(["checkin", "--plain"])
        .write_stdin("4\n4\n")
        .assert()
        .code(130);
    let draft = env.data().join("draft.json");
    let text = std::fs::read_to_string(&draft).unwrap();
    std::fs::write(&draft, text.replacen(from, to, 1)).unwrap();
    env.cmd()
        .args(["checkin", "--plain", "--resume"])
        .write_stdin("")
        .assert()
}

fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn a_draft_with_a_key_given_twice_is_named_not_resumed() {
    let env = Env::new();
    resume_edited_draft(&env, "\"peg_pain\": 4", "\"peg_pain\": 4, \"peg_pain\": 9")
        .code(1)
        .stderr(common::said("\"peg_pain\" is given twice"));
}

#[test]
fn named_pipes_and_odd_time_zones_never_hang_it() {
    use std::time::Duration;
    let env = Env::new();
    env.checkin(&common::quiet_week(), Some("2026-11-02"));
    let fifo = env.data().join("checkins/2026-11-09_120000-abcd.json");
    mkfifo(&fifo);
    for args in [
        &["history"][..],
        &["status"],
        &["summary"],
        &["export", "--format", "csv"],
    ] {
        let out = env
            .cmd()
            .args(args)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 3)),
            "{args:?}: {:?}",
            out.status
        );
        if args[0] != "status" {
            assert!(
                String::from_utf8_lossy(&out.stderr).contains("named pipe"),
                "{args:?} names it"
            );
        }
    }
    env.cmd()
        .arg("doctor")
        .timeout(Duration::from_secs(20))
        .assert()
        .code(5)
        .stdout(common::said("2026-11-09_120000-abcd.json").and(common::said("named pipe")));
    // After saving, the check-in's result reads every file again.
    env.cmd()
        .args(["checkin", "--answers", "-"])
        .write_stdin(common::quiet_week().to_string())
        .timeout(Duration::from_secs(20))
        .assert()
        .success();
    std::fs::remove_file(&fifo).unwrap();
    // A named pipe as the config file, or as an own question set.
    std::fs::create_dir_all(env.config().join("questions")).unwrap();
    mkfifo(&env.config().join("config.json"));
    mkfifo(&env.config().join("questions/pipe.json"));
    env.cmd()
        .arg("status")
        .timeout(Duration::from_secs(20))
        .assert()
        .code(0)
        .stderr(common::said("named pipe"));
    env.cmd()
        .args(["questions", "list"])
        .timeout(Duration::from_secs(20))
        .assert()
        .success()
        .stdout(common::said("not usable"));
    // TZ naming a device: the system time zone, a warning, no runaway read.
    for tz in ["/dev/zero", ":/dev/zero", "../../../../../dev/zero"] {
        env.cmd()
            .env("TZ", tz)
            .arg("status")
            .timeout(Duration::from_secs(20))
            .assert()
            .code(0)
            .stderr(common::said("does not name a time zone file"));
    }
}

#[test]
fn an_answers_file_may_still_be_a_pipe_the_person_gave() {
    let env = Env::new();
    let fifo = env.tmp.path().join("answers.pipe");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            std::fs::write(fifo, common::quiet_week().to_string()).unwrap();
        })
    };
    env.cmd()
        .args(["checkin", "--answers"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success();
    writer.join().unwrap();
    assert_eq!(env.checkin_files().len(), 1);
}

#[test]
fn only_its_own_temporary_files_are_ever_removed() {
    let env = Env::new();
    env.checkin(&common::quiet_week(), Some("2026-11-02"));
    let checkins = env.data().join("checkins");
    let theirs = [
        ".notes.tmp",
        ".syncthing.2026-11-02_120000-abcd.json.tmp",
        ".2026-11-02_x.json.tmp",
    ];
    for name in theirs {
        std::fs::write(checkins.join(name), "someone else's").unwrap();
    }
    // Temporary files of selfcheck's own whose process is gone: an old one, and a fresh one
    // (perhaps another computer's write in a shared folder, its process number meaningless
    // here), and one of an earlier version's form.
    let ours = ".2026-11-09_120000-abcd.json.selfcheck-99999999-0-0000abcd.tmp";
    std::fs::write(checkins.join(ours), "{").unwrap();
    common::make_old(&checkins.join(ours), 2);
    let fresh = ".2026-11-09_120000-beef.json.selfcheck-99999998-0-0000abcd.tmp";
    std::fs::write(checkins.join(fresh), "{").unwrap();
    common::make_old(&checkins.join(fresh), 0); // now, as this test's clock says
    let legacy = ".2026-11-09_120000-cafe.json.99999997.0.tmp";
    std::fs::write(checkins.join(legacy), "{").unwrap();
    common::make_old(&checkins.join(legacy), 2);
    env.checkin(&common::quiet_week(), None);
    for name in theirs.iter().chain(&[fresh, legacy]) {
        assert!(checkins.join(name).exists(), "{name} was removed");
    }
    assert!(
        !checkins.join(ours).exists(),
        "a stale temporary of its own stays"
    );

    // Beside an --out file: a planted file with an old-looking temporary name is left alone
    // and does not stop the write; a killed run's copy of health data is cleared.
    let out_dir = env.tmp.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let planted = out_dir.join(format!(".r.csv.{}.0.tmp", std::process::id()));
    std::fs::write(&planted, "not selfcheck's").unwrap();
    let leftover = out_dir.join(".visit.html.selfcheck-99999999-3-0badcafe.tmp");
    std::fs::write(&leftover, "health data").unwrap();
    common::make_old(&leftover, 2);
    let fresh = out_dir.join(".r.md.selfcheck-99999998-0-0badcafe.tmp");
    std::fs::write(&fresh, "another computer's, being written").unwrap();
    common::make_old(&fresh, 0);
    env.cmd()
        .args(["export", "--format", "csv", "--force", "--out"])
        .arg(out_dir.join("r.csv"))
        .assert()
        .success();
    assert!(out_dir.join("r.csv").exists());
    assert!(
        planted.exists(),
        "a file selfcheck did not create was removed"
    );
    assert!(
        !leftover.exists(),
        "a killed run's temporary copy stays beside the output"
    );
    assert!(
        fresh.exists(),
        "a fresh temporary of a process not running here was removed"
    );
}

#[test]
fn a_long_legal_out_name_is_written() {
    let env = Env::new();
    env.checkin(&common::quiet_week(), None);
    let name = format!("{}.md", "a".repeat(241));
    assert_eq!(name.len(), 244);
    let path = env.tmp.path().join(&name);
    env.cmd()
        .args(["summary", "--format", "markdown", "--out"])
        .arg(&path)
        .assert()
        .success();
    assert!(path.exists());
}

#[test]
fn a_non_utf8_out_name_is_written_as_given() {
    let env = Env::new();
    env.checkin(&common::quiet_week(), None);
    let path = env.tmp.path().join(not_utf8(b"visit"));
    env.cmd()
        .args([OsStr::new("summary"), OsStr::new("--out"), path.as_os_str()])
        .assert()
        .success();
    assert!(path.exists(), "written under the exact bytes given");
}

#[test]
fn import_leaves_a_trashed_checkin_in_the_trash() {
    let env = Env::new();
    env.checkin(&common::quiet_week(), Some("2026-11-02"));
    let backup = env.tmp.path().join("backup.json");
    env.cmd()
        .args(["export", "--format", "json", "--out"])
        .arg(&backup)
        .assert()
        .success();
    env.cmd()
        .args(["history", "delete", "2026-11-02", "--yes"])
        .assert()
        .success();
    env.cmd()
        .arg("import")
        .arg(&backup)
        .assert()
        .success()
        .stderr(common::said("in the trash").and(common::said("history restore")));
    assert!(
        env.checkin_files().is_empty(),
        "not imported beside the trash copy"
    );
    env.cmd()
        .args(["history", "restore", "2026-11-02"])
        .assert()
        .success();
    assert_eq!(env.checkin_files().len(), 1);
}

#[test]
fn a_stopped_checkin_says_what_was_kept() {
    let env = Env::new();
    // Nothing answered: no word of a draft.
    env.cmd()
        .args(["checkin", "--plain"])
        .write_stdin("")
        .assert()
        .code(130)
        .stderr(common::said("before any question was answered"));
    assert!(!env.data().join("draft.json").exists());
    // Two answers: kept.
    env.cmd()
        .args(["checkin", "--plain"])
        .write_stdin("4\n4\n")
        .assert()
        .code(130)
        .stderr(common::said("kept as a draft"));
    // A data folder that cannot be written (a file where the folder should be): said so.
    let env = Env::new();
    std::fs::write(env.data(), "not a folder").unwrap();
    env.cmd()
        .args(["checkin", "--plain"])
        .write_stdin("4\n4\n")
        .assert()
        .code(130)
        .stderr(common::said("could not be kept as a draft"))
        .stderr(common::said("are kept as a draft").not());
}

fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn symlinks_are_never_followed_to_change_someone_elses_files() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let env = Env::new();
    // `checkins/` is a link to a folder of the person's: used, never chmodded.
    let theirs = env.tmp.path().join("their-folder");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::set_permissions(&theirs, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::create_dir(env.data()).unwrap();
    symlink(&theirs, env.data().join("checkins")).unwrap();
    env.checkin(&common::quiet_week(), Some("2026-11-02"));
    assert_eq!(mode(&theirs), 0o755, "the link's target was chmodded");
    // A folder whose permissions the person changed keeps them.
    let trash = env.data().join("trash");
    std::fs::create_dir(&trash).unwrap();
    std::fs::set_permissions(&trash, std::fs::Permissions::from_mode(0o750)).unwrap();
    env.cmd()
        .args(["history", "delete", "2026-11-02", "--yes"])
        .assert()
        .success();
    assert_eq!(mode(&trash), 0o750, "the person's chmod was undone");
    // A dangling `.lock` link: refused, and nothing is created where it points.
    let target = env.tmp.path().join("outside.txt");
    let _ = std::fs::remove_file(env.data().join(".lock"));
    symlink(&target, env.data().join(".lock")).unwrap();
    env.cmd()
        .args(["history", "restore", "2026-11-02"])
        .assert()
        .code(1)
        .stderr(common::said("symbolic link"));
    assert!(!target.exists(), "the lock link's target was created");
}

#[test]
fn csv_cells_never_run_as_formulas_after_any_separator() {
    let env = Env::new();
    for (date, note) in [
        ("2026-10-26", "x;=1+1"),
        ("2026-11-02", "a,@SUM(A1)"),
        ("2026-11-09", "ok|-2+3"),
        ("2026-11-16", "=HYPERLINK(\"http://x\")"),
    ] {
        env.checkin(
            &common::week_with(serde_json::json!({"note": note})),
            Some(date),
        );
    }
    let csv = String::from_utf8(env.stdout(&["export", "--format", "csv"])).unwrap();
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let note = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "note")
        .unwrap();
    let notes: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[note].to_string())
        .collect();
    assert_eq!(
        notes,
        [
            "x;'=1+1",
            "a,'@SUM(A1)",
            "ok|'-2+3",
            "'=HYPERLINK(\"http://x\")"
        ]
    );
}

#[test]
fn two_sets_with_one_id_or_one_shadowing_weekly_are_reported() {
    let env = Env::new();
    let dir = env.config().join("questions");
    std::fs::create_dir_all(&dir).unwrap();
    let energy = include_str!("fixtures/energy.json");
    std::fs::write(dir.join("a.json"), energy).unwrap();
    std::fs::write(dir.join("b.json"), energy).unwrap();
    let shadow = energy.replacen("\"id\": \"energy\"", "\"id\": \"weekly\"", 1);
    std::fs::write(dir.join("c.json"), &shadow).unwrap();
    env.cmd()
        .args(["questions", "list"])
        .assert()
        .success()
        .stdout(common::said("\"energy\" is also the id of"))
        .stdout(common::said("is the built-in set's, so it is never used"));
    env.cmd()
        .args(["checkin", "--set", "energy", "--answers", "-"])
        .write_stdin(r#"{"energy": 5, "nap_days": 1, "worry": 1, "tense": 1}"#)
        .assert()
        .code(1)
        .stderr(common::said("2 question sets have the id \"energy\""));
    assert!(env.checkin_files().is_empty());
    env.cmd()
        .args(["questions", "validate"])
        .arg(dir.join("c.json"))
        .assert()
        .code(1)
        .stderr(common::said("\"weekly\" is already taken"));
    env.cmd()
        .arg("doctor")
        .assert()
        .code(5)
        .stdout(common::said("c.json").and(common::said("never used")));
}

#[test]
fn a_relative_home_or_an_endless_cadence_is_refused_by_name() {
    let env = Env::new();
    let out = env
        .cmd()
        .env_remove("SELFCHECK_DATA_DIR")
        .env("HOME", "relative-home")
        .current_dir(env.tmp.path())
        .args(["checkin", "--answers", "-"])
        .write_stdin(common::quiet_week().to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(common::flat(&String::from_utf8_lossy(&out.stderr)).contains("not an absolute path"));
    assert!(
        !env.tmp.path().join("relative-home").exists(),
        "nothing created"
    );
    std::fs::create_dir_all(env.config()).unwrap();
    std::fs::write(
        env.config().join("config.json"),
        r#"{"cadence": {"every_days": 4294967295}}"#,
    )
    .unwrap();
    env.cmd()
        .arg("status")
        .assert()
        .code(3)
        .stderr(common::said("with N from 1 to 3650"));
}

#[test]
fn sync_tools_files_are_named_never_read_or_deleted() {
    let env = Env::new();
    env.checkin(&common::quiet_week(), Some("2026-11-02"));
    let original = env.checkin_files().remove(0);
    let dir = original.parent().unwrap().to_path_buf();
    let stem = original.file_stem().unwrap().to_string_lossy().into_owned();
    let copies = [
        format!("{stem}.sync-conflict-20261103-101010-ABCDEFG.json"),
        format!("{stem} (conflicted copy 2026-11-03).json"),
        format!(".syncthing.{stem}.json.tmp"),
        format!(".{stem}.json.icloud"),
    ];
    for name in &copies {
        std::fs::copy(&original, dir.join(name)).unwrap();
    }
    let list = env.json(&["history"]);
    assert_eq!(
        list["checkins"].as_array().unwrap().len(),
        1,
        "a copy was read as a check-in"
    );
    env.cmd()
        .arg("history")
        .assert()
        .success()
        .stderr(common::said("conflict copy made by Syncthing"))
        .stderr(common::said("iCloud Drive has not downloaded"));
    env.cmd()
        .arg("doctor")
        .assert()
        .code(5)
        .stdout(common::said("sync-conflict").and(common::said("keep the one you want")));
    env.checkin(&common::quiet_week(), None);
    for name in &copies {
        assert!(dir.join(name).exists(), "{name} was removed");
    }
}

/// A change made to an exported record.
type Change = Box<dyn Fn(&mut serde_json::Value)>;

/// An export of one check-in, with its record changed by `change`.
fn export_with(env: &Env, change: impl Fn(&mut serde_json::Value)) -> std::path::PathBuf {
    let mut export: serde_json::Value =
        serde_json::from_slice(&env.stdout(&["export", "--format", "json"])).unwrap();
    change(&mut export["checkins"][0]);
    env.file("changed-export.json", &export.to_string())
}

#[test]
fn every_record_that_comes_in_is_checked_against_its_question_set() {
    let source = Env::new();
    source.checkin(&common::quiet_week(), Some("2026-11-02"));
    let bad: Vec<(&str, Change)> = vec![
        (
            "peg_pain: 9223372036854775807 is out of range",
            Box::new(|r| r["answers"]["peg_pain"] = serde_json::json!(i64::MAX)),
        ),
        (
            "phq_selfharm",
            Box::new(|r| r["answers"]["phq_selfharm"] = serde_json::json!("zzz")),
        ),
        (
            "pain_frequency_3m",
            Box::new(|r| r["answers"]["pain_frequency_3m"] = serde_json::json!(3)),
        ),
        (
            "not an item",
            Box::new(|r| r["answers"]["made_up"] = serde_json::json!(1)),
        ),
        (
            "outside 1900-01-01",
            Box::new(|r| {
                r["date"] = serde_json::json!("9999-12-31");
                r["id"] = serde_json::json!("9999-12-31_120000-abcd");
            }),
        ),
        (
            "not of the form",
            Box::new(|r| r["id"] = serde_json::json!("-rf")),
        ),
        (
            "does not start with its date",
            Box::new(|r| r["id"] = serde_json::json!("2026-01-01_120000-abcd")),
        ),
    ];
    for (says, change) in bad {
        let env = Env::new();
        let file = export_with(&source, change);
        env.cmd()
            .arg("import")
            .arg(&file)
            .assert()
            .code(1)
            .stderr(common::said(says));
        assert!(env.checkin_files().is_empty(), "{says}: imported anyway");
    }
    // A stored record changed by hand: named and skipped, never shown with invented meaning.
    let stored = source.checkin_files().remove(0);
    let text = std::fs::read_to_string(&stored).unwrap();
    std::fs::write(
        &stored,
        text.replace("\"phq_selfharm\": 0", "\"phq_selfharm\": \"zzz\""),
    )
    .unwrap();
    let out = source.cmd().arg("history").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("do not fit its question set"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("2026-11-02"));
    // A stored record dated in the far future is skipped by status too.
    std::fs::write(
        &stored,
        text.replace("\"date\": \"2026-11-02\"", "\"date\": \"9999-12-31\""),
    )
    .unwrap();
    source
        .cmd()
        .arg("status")
        .assert()
        .code(3)
        .stdout(common::said("9999").not());
}

#[test]
fn a_hand_edited_draft_is_checked_before_it_is_resumed() {
    let env = Env::new();
    resume_edited_draft(&env, "\"peg_pain\": 4", "\"peg_pain\": 999, \"bogus\": 1")
        .code(1)
        .stderr(common::said("peg_pain: 999 is out of range"))
        .stderr(common::said("bogus: not an item"));
    assert!(
        env.data().join("draft.json").exists(),
        "the draft was left as it is"
    );
}

#[test]
fn limits_agree_a_set_cannot_allow_a_checkin_too_big_to_read() {
    let env = Env::new();
    let mut set: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/energy.json")).unwrap();
    set["id"] = serde_json::json!("huge");
    set["items"].as_array_mut().unwrap().push(serde_json::json!({
        "id": "long_note", "version": 1, "section": "mind", "type": "text", "max_length": 5_000_000,
        "label": "Note", "text": "Anything else?", "required": false,
        "source": {"ref": "own", "wording": "own"}
    }));
    let file = env.file("huge.json", &set.to_string());
    env.cmd()
        .args(["questions", "validate"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(common::said(
            "over the 1048576 byte limit of a stored check-in",
        ));
    // Import enforces the text limits of the set the record was answered with.
    let source = Env::new();
    source.checkin(&common::quiet_week(), Some("2026-11-02"));
    let long = "x".repeat(5000);
    let export = export_with(&source, |r| r["answers"]["note"] = serde_json::json!(long));
    env.cmd()
        .arg("import")
        .arg(&export)
        .assert()
        .code(1)
        .stderr(common::said("note: the text is 5000 characters long"));
}

#[test]
fn set_texts_with_escape_sequences_never_reach_a_terminal() {
    let env = Env::new();
    let mut set: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/energy.json")).unwrap();
    set["title"] = serde_json::json!("Energy \u{1b}[2J\u{1b}]0;pwned\u{7}");
    set["crisis"]["lines"][0] = serde_json::json!("Call \u{1b}[8mhidden\u{1b}[0m");
    let file = env.file("escapes.json", &set.to_string());
    for args in [
        vec!["questions", "validate"],
        vec!["checkin", "--answers", "-", "--questions"],
    ] {
        let out = env
            .cmd()
            .args(&args)
            .arg(&file)
            .write_stdin(r#"{"energy": 5, "nap_days": 1, "worry": 1, "tense": 1}"#)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("title: contains the control character U+001B"),
            "{err}"
        );
        assert!(err.contains("crisis.lines[0]"), "{err}");
        assert!(
            !out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b),
            "an escape got through"
        );
    }
    assert!(env.checkin_files().is_empty());
}

#[test]
fn a_checkin_is_never_saved_where_it_could_not_be_read_back() {
    let env = Env::new();
    env.cmd()
        .args(["checkin", "--answers", "-", "--date", "1899-12-31"])
        .write_stdin(common::quiet_week().to_string())
        .assert()
        .code(1)
        .stderr(common::said("is before 1900-01-01"));
    assert!(env.checkin_files().is_empty(), "saved, yet unreadable");
    env.checkin(&common::quiet_week(), Some("1900-01-01"));
    let list = env.json(&["history"]);
    assert_eq!(list["checkins"].as_array().unwrap().len(), 1, "read back");
}

#[test]
fn out_writes_a_new_file_or_replaces_a_regular_one_never_anything_else() {
    use std::os::unix::fs::FileTypeExt;
    let env = Env::new();
    env.checkin(&common::quiet_week(), None);
    let dir = env.tmp.path().join("out");
    std::fs::create_dir(&dir).unwrap();
    let fifo = dir.join("pipe");
    let device = dir.join("null");
    let folder = dir.join("folder");
    let link = dir.join("link.csv");
    let target = dir.join("target.csv");
    for (tool, args) in [
        ("mkfifo", vec![fifo.to_str().unwrap()]),
        // A device node, as root can make one (CI runs as root).
        ("mknod", vec![device.to_str().unwrap(), "c", "1", "3"]),
    ] {
        let made = std::process::Command::new(tool)
            .args(&args)
            .status()
            .unwrap();
        assert!(
            made.success(),
            "{tool} failed: this test needs root (./.ci/run runs as root)"
        );
    }
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(&target, "someone's file").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for (path, what) in [
        (&fifo, "a named pipe"),
        (&device, "a device"),
        (&folder, "a folder"),
        (&link, "a symbolic link"),
    ] {
        for force in [false, true] {
            let mut cmd = env.cmd();
            cmd.args(["export", "--format", "csv", "--out"]).arg(path);
            if force {
                cmd.arg("--force");
            }
            let out = cmd.output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{what}: {err}");
            assert!(
                err.contains(what) && err.contains("Nothing was written"),
                "{what}: {err}"
            );
        }
    }
    let kind = |p: &std::path::Path| std::fs::symlink_metadata(p).unwrap().file_type();
    assert!(kind(&fifo).is_fifo());
    assert!(kind(&device).is_char_device());
    assert!(kind(&folder).is_dir());
    assert!(kind(&link).is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "someone's file");
    // A regular file: refused without --force, saying it is a file; replaced with it.
    let file = dir.join("r.csv");
    std::fs::write(&file, "old").unwrap();
    let out = env
        .cmd()
        .args(["export", "--format", "csv", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists (a file)"));
    env.cmd()
        .args(["export", "--format", "csv", "--force", "--out"])
        .arg(&file)
        .assert()
        .success();
    assert_ne!(std::fs::read_to_string(&file).unwrap(), "old");
}
