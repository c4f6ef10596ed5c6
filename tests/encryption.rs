//! Encryption at rest, as a person meets it: `encrypt` leaves nothing readable in the data
//! directory, saving needs no passphrase, reading asks for it once (file, wrong, none),
//! every feature works over encrypted data, `doctor` names what is wrong, and the standard
//! `age` tool opens the files without selfcheck.
//!
//! Needs the `age` command-line tool and tmux (`.ci/run` installs both); without them these
//! tests fail, they never skip.

use crate::common;

use std::os::unix::fs::PermissionsExt;

use common::pty::Session;
use common::sealed::{encrypt, files, pass, run, snapshot, unlocked, PASSPHRASE};
use common::{quiet_week, week_with, Env};
use serde_json::{json, Value};

/// Words that must never be readable in an encrypted data directory.
const SECRETS: &[&str] = &[
    "peg_pain",
    "phq_selfharm",
    "SECRETWORD",
    "my secret note",
    "logsecret",
    "draftsecret",
    "kratom",
    "weekly",
];

/// A store with what a person keeps: check-ins with notes, a deleted one, journal entries
/// (one deleted) and an unfinished check-in.
fn lived_in(env: &Env) {
    let week = week_with(json!({"relief_what": "kratom SECRETWORD", "note": "my secret note"}));
    for day in ["2026-11-04", "2026-11-11", "2026-11-18"] {
        env.checkin(&week, Some(day));
    }
    env.checkin(&quiet_week(), Some("2026-10-28"));
    env.cmd()
        .args(["history", "delete", "2026-10-28", "--yes"])
        .assert()
        .success();
    for day in ["2026-11-10", "2026-11-11"] {
        env.cmd()
            .args([
                "log",
                "kratom",
                "3g",
                "--for",
                "pain",
                "--note",
                "logsecret",
                "--date",
                day,
            ])
            .assert()
            .success();
    }
    let listed = env.json(&["log", "list"]);
    let id = listed["entries"][0]["id"].as_str().unwrap().to_string();
    env.cmd()
        .args(["log", "delete", &id, "--yes"])
        .assert()
        .success();
    let qref = env.json(&["export"])["checkins"][0]["questionnaire"].clone();
    let draft = json!({"questionnaire": qref, "started_at": "2026-11-20T10:00:00+00:00",
        "answers": {"peg_pain": 4, "note": "draftsecret"}});
    std::fs::write(env.data().join("draft.json"), draft.to_string()).unwrap();
}

#[test]
fn after_encrypt_nothing_in_the_data_directory_is_readable_and_modes_stay_private() {
    let env = Env::new();
    lived_in(&env);
    let before = env.json(&["export"]);
    let (code, _, err) = run(
        env.cmd(),
        &["encrypt", "--passphrase-file", pass(&env).to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("cannot be recovered"), "{err}");
    assert!(err.contains("export"), "suggests an export first: {err}");
    for path in files(&env.data()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mode = path.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", path.display());
        if ![".lock", ".form.lock", "recipient.txt"].contains(&name.as_str()) {
            assert!(name.ends_with(".json.age") || name == "key.age", "{name}");
        }
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for secret in SECRETS {
            assert!(
                !text.contains(secret),
                "{secret:?} readable in {}",
                path.display()
            );
        }
    }
    for dir in [
        "",
        "checkins",
        "trash",
        "questionnaires",
        "journal",
        "journal-trash",
    ] {
        let mode = env
            .data()
            .join(dir)
            .metadata()
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o700, "{dir}");
    }
    assert!(env.data().join("draft.json.age").exists());
    // Everything is still there, the same, for the person with the passphrase.
    let (code, out, err) = run(unlocked(&env), &["export", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let after: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(after["checkins"], before["checkins"]);
    assert_eq!(after["journal"], before["journal"]);
    // A second run has nothing left to do, and asks for nothing.
    let (code, _, err) = run(env.cmd(), &["encrypt"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("Encrypted 0 files"), "{err}");
}

#[test]
fn saving_needs_no_passphrase_and_reading_takes_it_from_a_file_refuses_a_wrong_one_or_none() {
    let env = Env::new();
    // A week before today's check-in below (both dated from today, so no gap week between).
    env.checkin(
        &week_with(json!({"peg_pain": 8})),
        Some(&common::days_ago(7)),
    );
    encrypt(&env);
    // Saving: no passphrase anywhere.
    let (code, out, err) = run(env.cmd(), &["checkin", "--answers", "-"]);
    assert_eq!(code, 1, "no stdin answers: {err}");
    assert!(out.is_empty());
    let mut save = env.cmd();
    save.args(["checkin", "--answers", "-"])
        .write_stdin(week_with(json!({"peg_pain": 9})).to_string());
    let (code, out, err) = run(save, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Flags: 1") && out.contains("Pain: Severe pain this week"),
        "this check-in's own flag: {out}"
    );
    assert!(
        err.contains("encrypted") && err.contains("selfcheck summary"),
        "{err}"
    );
    let (code, out, err) = run(env.cmd(), &["log", "ibuprofen", "400mg", "--for", "pain"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Logged ibuprofen 400 mg for pain"), "{out}");
    let sealed = files(&env.data())
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".json.age"))
        .count();
    assert_eq!(sealed, 4, "two check-ins, their question set, one entry");
    // status: by file names, no passphrase.
    let (code, out, _) = run(env.cmd(), &["status"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("check-in is done"), "{out}");

    let before = snapshot(&env.data());
    // None: a clear error (and the one-line crisis resource, which nothing may hide).
    let (code, out, err) = run(env.cmd(), &["summary"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("--passphrase-file") && err.contains("SELFCHECK_PASSPHRASE_FILE"),
        "{err}"
    );
    assert!(err.contains("findahelpline"), "{err}");
    // Wrong: exit 1, nothing changed.
    let wrong = env.file("wrong.txt", "not the passphrase\n");
    for cmd in ["summary", "history", "decrypt", "passphrase"] {
        let (code, _, err) = run(
            env.cmd(),
            &[cmd, "--passphrase-file", wrong.to_str().unwrap()],
        );
        assert_eq!(code, 1, "{cmd}: {err}");
        assert!(err.contains("does not open your key"), "{cmd}: {err}");
    }
    assert_eq!(
        snapshot(&env.data()),
        before,
        "a wrong passphrase changed files"
    );
    // From the file, by option or environment.
    let (code, out, err) = run(
        env.cmd(),
        &["history", "--passphrase-file", pass(&env).to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 3, "{out}");
    let (code, out, err) = run(unlocked(&env), &["summary", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let s: Value = serde_json::from_str(&out).unwrap();
    assert!(
        s["journal"]["substances"]
            .as_array()
            .is_some_and(|a| !a.is_empty()),
        "{s}"
    );
}

#[test]
fn every_feature_works_over_encrypted_data() {
    let env = Env::new();
    lived_in(&env);
    common::twelve_weeks(&env);
    encrypt(&env);
    let ok = |args: &[&str]| -> String {
        let (code, out, err) = run(unlocked(&env), args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    };
    let list: Value = serde_json::from_str(&ok(&["history", "--format", "json"])).unwrap();
    assert_eq!(list["checkins"].as_array().unwrap().len(), 14);
    let csv = ok(&["export", "--format", "csv", "--journal"]);
    assert!(csv.contains("logsecret"), "{csv}");
    assert!(ok(&["history", "show", "2026-11-18"]).contains("my secret note"));
    assert!(ok(&["summary", "--last", "12"]).contains("Not a diagnosis"));
    assert!(ok(&["summary", "--format", "markdown"]).contains("# "));
    assert!(ok(&["summary", "--format", "html"]).contains("<html"));
    let csv = ok(&["export", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 15, "a header and 14 rows");
    let fhir: Value = serde_json::from_str(&ok(&["export", "--format", "fhir"])).unwrap();
    assert_eq!(fhir["resourceType"], "Bundle");
    assert!(ok(&["log", "list"]).contains("kratom"));
    assert!(common::flat(&ok(&["doctor"])).contains("no problems"));
    // Delete and restore a check-in and a journal entry: each stays encrypted.
    ok(&["history", "delete", "2026-11-18", "--yes"]);
    assert!(common::list(&env.data().join("trash"))
        .iter()
        .all(|p| p.to_string_lossy().ends_with(".json.age")));
    ok(&["history", "restore", "2026-11-18"]);
    let entries: Value = serde_json::from_str(&ok(&["log", "list", "--format", "json"])).unwrap();
    let id = entries["entries"][0]["id"].as_str().unwrap().to_string();
    ok(&["log", "delete", &id, "--yes"]);
    ok(&["log", "restore", &id]);
    ok(&["history", "delete", "2026-11-04", "--yes"]);
    ok(&["history", "purge", "--yes"]);
    assert!(common::list(&env.data().join("trash")).is_empty());
    // An encrypted export: to the same key; importing it again changes nothing.
    let backup = env.tmp.path().join("backup.json.age");
    ok(&[
        "export",
        "--format",
        "json",
        "--out",
        backup.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&backup)
        .unwrap()
        .starts_with(b"age-encryption.org/v1\n"));
    let before = snapshot(&env.data().join("checkins"));
    let (code, _, err) = run(unlocked(&env), &["import", backup.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(snapshot(&env.data().join("checkins")), before);
    // Into plain data elsewhere it cannot be opened, and says how.
    let other = Env::new();
    let (code, _, err) = run(other.cmd(), &["import", backup.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("encrypted") && err.contains("key.age"),
        "{err}"
    );
    // A plain-data export to .age is refused with what to do.
    let (code, _, err) = run(
        other.cmd(),
        &["export", "--format", "json", "--out", "x.json.age"],
    );
    assert_eq!(code, 1);
    assert!(err.contains("selfcheck encrypt"), "{err}");

    // A new passphrase: only key.age changes; the old one stops working.
    let new = env.file("new.txt", "a brand new passphrase\n");
    let before = snapshot(&env.data().join("checkins"));
    let key_before = std::fs::read(env.data().join("key.age")).unwrap();
    let (code, _, err) = run(
        unlocked(&env),
        &["passphrase", "--new-passphrase-file", new.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(snapshot(&env.data().join("checkins")), before);
    assert_ne!(
        std::fs::read(env.data().join("key.age")).unwrap(),
        key_before
    );
    let (code, _, _) = run(unlocked(&env), &["history"]);
    assert_eq!(code, 1, "the old passphrase no longer opens the key");
    // And back to plain files.
    let (code, _, err) = run(
        env.cmd(),
        &["decrypt", "--passphrase-file", new.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(files(&env.data())
        .iter()
        .all(|p| !p.to_string_lossy().ends_with(".age")));
    assert!(!env.data().join("recipient.txt").exists());
    let list = env.json(&["history"]);
    assert_eq!(
        list["checkins"].as_array().unwrap().len(),
        13,
        "one was purged"
    );
}

#[test]
fn doctor_names_a_mixed_store_a_missing_key_a_wrong_recipient_and_undecryptable_files() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-11-16"));
    encrypt(&env);
    // Another person's data: a plain check-in, an encrypted one and a recipient.
    let other = Env::new();
    other.checkin(&quiet_week(), Some("2026-11-09"));
    let plain = common::list(&other.data().join("checkins"))[0].clone();
    let plain_copy = env.data().join("checkins").join(plain.file_name().unwrap());
    std::fs::copy(&plain, &plain_copy).unwrap();
    other.checkin(&quiet_week(), Some("2026-11-02"));
    other
        .cmd()
        .args(["encrypt", "--passphrase-file"])
        .arg(other.file("p.txt", "another passphrase\n"))
        .assert()
        .success();
    let foreign = common::list(&other.data().join("checkins"))
        .into_iter()
        .find(|p| p.to_string_lossy().contains("2026-11-02"))
        .unwrap();
    let foreign_copy = env
        .data()
        .join("checkins")
        .join(foreign.file_name().unwrap());
    std::fs::copy(&foreign, &foreign_copy).unwrap();
    let doctor = |env: &Env| {
        let before = snapshot(&env.data());
        let (code, out, err) = run(unlocked(env), &["doctor"]);
        assert_eq!(snapshot(&env.data()), before, "doctor changed files");
        (code, common::flat(&(out + &err)))
    };
    let (code, out) = doctor(&env);
    assert_eq!(code, 5, "{out}");
    assert!(out.contains(&plain_copy.display().to_string()), "{out}");
    assert!(out.contains("is not encrypted"), "{out}");
    assert!(out.contains(&foreign_copy.display().to_string()), "{out}");
    assert!(
        out.contains("encrypted to a key that is not yours"),
        "a file sealed to another key is named as such: {out}"
    );
    // A recipient that is not the key's.
    let recipient = env.data().join("recipient.txt");
    let own = std::fs::read(&recipient).unwrap();
    std::fs::copy(other.data().join("recipient.txt"), &recipient).unwrap();
    let (code, out) = doctor(&env);
    assert_eq!(code, 5);
    assert!(
        out.contains("recipient.txt") && out.contains("not the public half"),
        "{out}"
    );
    std::fs::write(&recipient, own).unwrap();
    // A missing key.
    std::fs::rename(env.data().join("key.age"), env.tmp.path().join("key.age")).unwrap();
    let (code, out) = doctor(&env);
    assert_eq!(code, 5);
    assert!(
        out.contains("key.age") && out.contains("is missing"),
        "{out}"
    );
}

#[test]
fn the_age_tool_opens_the_key_and_a_checkin_without_selfcheck() {
    let env = Env::new();
    env.checkin(
        &week_with(json!({"relief_what": "kratom SECRETWORD"})),
        Some("2026-11-16"),
    );
    encrypt(&env);
    // `age -d key.age > identity.txt`, typing the passphrase as the README says.
    let identity = env.tmp.path().join("identity.txt");
    let session = Session::shell(
        &env,
        "age",
        &format!(
            "age -d '{}' > '{}'",
            env.data().join("key.age").display(),
            identity.display()
        ),
    );
    session.wait_for("passphrase");
    session.type_text(PASSPHRASE);
    session.keys(&["Enter"]);
    assert_eq!(session.exit_code(), 0, "{}", session.screen());
    let sealed = common::list(&env.data().join("checkins"))[0].clone();
    let out = std::process::Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&identity)
        .arg(&sealed)
        .output()
        .expect("the age tool is needed: apt-get install age, or run ./.ci/run, which does");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["answers"]["relief_what"], "kratom SECRETWORD");
}

/// Waits until the screen shows `text` at least `times` times.
fn wait_for_count(session: &Session, text: &str, times: usize) {
    let start = std::time::Instant::now();
    while session.screen().matches(text).count() < times {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "timed out waiting for {times} x {text:?}:\n{}",
            session.screen()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn on_a_terminal_encrypt_asks_twice_and_reading_asks_once_with_another_try() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-11-16"));
    let s = Session::start_with(&env, "encrypt", "encrypt");
    s.wait_for("cannot be recovered");
    let answer = |prompt: &str, times: usize, text: &str| {
        wait_for_count(&s, prompt, times);
        s.type_text(text);
        s.keys(&["Enter"]);
    };
    answer("New passphrase", 1, "short");
    s.wait_for("at least 8 characters");
    answer("New passphrase", 2, PASSPHRASE);
    answer("The same passphrase again", 1, "something else");
    s.wait_for("did not match");
    answer("New passphrase", 3, PASSPHRASE);
    answer("The same passphrase again", 2, PASSPHRASE);
    assert_eq!(s.exit_code(), 0, "{}", s.screen());
    assert!(
        !s.screen().contains(PASSPHRASE),
        "the passphrase was echoed"
    );
    assert!(env.data().join("key.age").exists());
    drop(s);

    let s = Session::start_with(&env, "read", "history");
    wait_for_count(&s, "Passphrase for your selfcheck data", 1);
    s.type_text("not it at all");
    s.keys(&["Enter"]);
    s.wait_for("try again (2 left)");
    wait_for_count(&s, "Passphrase for your selfcheck data", 2);
    s.type_text(PASSPHRASE);
    s.keys(&["Enter"]);
    assert_eq!(s.exit_code(), 0, "{}", s.screen());
    let out = std::fs::read_to_string(env.tmp.path().join("stdout")).unwrap();
    assert!(out.contains("2026-11-16"), "{out}");
}

#[test]
fn after_a_checkin_on_a_terminal_the_comparisons_ask_for_the_passphrase_and_enter_skips() {
    let env = Env::new();
    env.checkin(&week_with(json!({"peg_pain": 3})), Some("2026-11-09"));
    encrypt(&env);
    let answers = env.file("week.json", &week_with(json!({"peg_pain": 8})).to_string());
    let args = format!("checkin --answers '{}'", answers.display());
    let s = Session::start_with(&env, "skip", &args);
    s.wait_for("Enter skips");
    s.keys(&["Enter"]);
    assert_eq!(s.exit_code(), 0, "{}", s.screen());
    s.wait_for("on its own");
    drop(s);
    let s = Session::start_with(&env, "compare", &args);
    s.wait_for("Enter skips");
    s.type_text(PASSPHRASE);
    s.keys(&["Enter"]);
    assert_eq!(s.exit_code(), 0, "{}", s.screen());
    assert!(!s.screen().contains("on its own"), "{}", s.screen());
    let out = std::fs::read_to_string(env.tmp.path().join("stdout")).unwrap();
    assert!(out.contains("Weekly self-check"), "{out}");
}
