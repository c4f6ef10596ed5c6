//! Encryption you can trust over time: a save that meets `encrypt`, `decrypt` or
//! `passphrase --rotate` waits and lands once, in the store's final form; a killed form
//! change releases its lock and can be finished; only your own key is ever sealed to; a
//! rotation leaves an old `key.age` copy opening nothing new.
//!
//! The interleavings are made exact with the test build's pause points (`SELFCHECK_PAUSE`,
//! `store/form.rs`): one process stops at a named step, the other is started against it,
//! then the first is let go. No timing decides what a test sees.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::sealed::{encrypt, files, pass, run, unlocked};
use common::{week_with, Env};
use serde_json::{json, Value};

/// A selfcheck started in the background, its stderr going to a file.
struct Running {
    child: Child,
    stderr: PathBuf,
}

impl Running {
    fn start(
        env: &Env,
        args: &[&str],
        stdin: Option<&str>,
        pause: Option<(&str, &Path)>,
    ) -> Running {
        let stderr = env.tmp.path().join(format!("stderr-{}", rand_suffix()));
        let mut cmd = env.std_cmd();
        cmd.env("SELFCHECK_PASSPHRASE_FILE", pass(env))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr).unwrap());
        if let Some((step, dir)) = pause {
            cmd.env("SELFCHECK_PAUSE", format!("{step}={}", dir.display()));
        }
        let mut child = cmd.spawn().unwrap();
        let mut input = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).unwrap();
        }
        drop(input);
        Running { child, stderr }
    }

    /// Its stderr so far, lines joined (messages are wrapped to the width).
    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr)
            .unwrap_or_default()
            .replace('\n', " ")
    }

    /// Waits until its stderr contains `text` (it is waiting for a lock).
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.stderr().contains(text) {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "never said {text:?}: {}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Its exit code and stderr.
    fn finish(mut self) -> (i32, String) {
        let status = self.child.wait().unwrap();
        (status.code().unwrap_or(-1), self.stderr())
    }

    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// A pause point's folder: where `STEP.reached` appears and `STEP.go` lets it go.
fn pause_dir(env: &Env) -> PathBuf {
    let dir = env.tmp.path().join(format!("pause-{}", rand_suffix()));
    std::fs::create_dir(&dir).unwrap();
    dir
}

fn wait_reached(dir: &Path, step: &str) {
    let start = Instant::now();
    while !dir.join(format!("{step}.reached")).exists() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{step} never reached"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn go(dir: &Path, step: &str) {
    std::fs::write(dir.join(format!("{step}.go")), b"").unwrap();
}

/// A check-in with a note that says which one it is.
fn week_noted(note: &str) -> String {
    common::follow_ups(&week_with(json!({ "note": note }))).to_string()
}

/// How many stored files hold `word` readable (in the clear), anywhere in the data folder.
fn plain_copies(env: &Env, word: &str) -> usize {
    files(&env.data())
        .iter()
        .filter(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).contains(word))
        .count()
}

/// The notes of every readable check-in, as the person's export shows them.
fn notes(env: &Env) -> Vec<String> {
    let (code, out, err) = run(unlocked(env), &["export", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let export: Value = serde_json::from_str(&out).unwrap();
    export["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["answers"]["note"].as_str().map(String::from))
        .collect()
}

fn sealed_count(env: &Env) -> usize {
    files(&env.data())
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".json.age"))
        .count()
}

fn two_weeks(env: &Env) {
    env.checkin(
        &week_with(json!({"note": "first"})),
        Some(&common::days_ago(14)),
    );
    env.checkin(
        &week_with(json!({"note": "second"})),
        Some(&common::days_ago(7)),
    );
}

/// The form change pauses with its lock held; the save started then waits, saying so, and
/// lands once the form change is done, in its final form.
fn save_meets_a_form_change(env: &Env, form: &[&str], note: &str) -> (i32, String) {
    save_meets_a_form_change_saying(env, form, note).1
}

/// [`save_meets_a_form_change`], with what the form change said on stderr.
fn save_meets_a_form_change_saying(
    env: &Env,
    form: &[&str],
    note: &str,
) -> (String, (i32, String)) {
    let dir = pause_dir(env);
    let change = Running::start(env, form, None, Some(("form::locked", &dir)));
    wait_reached(&dir, "form::locked");
    let save = Running::start(
        env,
        &["checkin", "--answers", "-"],
        Some(&week_noted(note)),
        None,
    );
    save.wait_for("waiting for it to finish");
    go(&dir, "form::locked");
    let (code, err) = change.finish();
    assert_eq!(code, 0, "{form:?}: {err}");
    (err, save.finish())
}

/// `passphrase --rotate`, the new passphrase (the same) from the file.
fn rotate_args(env: &Env) -> Vec<String> {
    ["passphrase", "--rotate", "--new-passphrase-file"]
        .map(String::from)
        .into_iter()
        .chain([pass(env).display().to_string()])
        .collect()
}
/// A save pauses after sealing, before its file is in place; the form change started then
/// waits for it, and converts it with the others.
fn form_change_meets_a_save(env: &Env, form: &[&str], note: &str) {
    let dir = pause_dir(env);
    let save = Running::start(
        env,
        &["checkin", "--answers", "-"],
        Some(&week_noted(note)),
        Some(("save::sealed", &dir)),
    );
    wait_reached(&dir, "save::sealed");
    let change = Running::start(env, form, None, None);
    change.wait_for("waiting for it to finish");
    go(&dir, "save::sealed");
    let (code, err) = save.finish();
    assert_eq!(code, 0, "{err}");
    let (code, err) = change.finish();
    assert_eq!(code, 0, "{form:?}: {err}");
}

#[test]
fn a_save_that_meets_decrypt_is_plain_and_read_once() {
    let env = Env::new();
    two_weeks(&env);
    encrypt(&env);
    let (code, err) = save_meets_a_form_change(&env, &["decrypt"], "during decrypt");
    assert_eq!(code, 0, "{err}");
    form_change_meets_a_save(&env, &["encrypt"], "before encrypt");
    form_change_meets_a_save(&env, &["decrypt"], "before decrypt");
    assert_eq!(sealed_count(&env), 0, "the store ended plain");
    assert!(!env.data().join("key.age").exists());
    let mut got = notes(&env);
    got.sort();
    assert_eq!(
        got,
        [
            "before decrypt",
            "before encrypt",
            "during decrypt",
            "first",
            "second"
        ],
        "every acknowledged save, once"
    );
}

#[test]
fn a_save_that_meets_encrypt_is_sealed_and_nothing_is_left_in_the_clear() {
    let env = Env::new();
    two_weeks(&env);
    form_change_meets_a_save(&env, &["encrypt"], "saved while encrypting");
    let (code, err) = save_meets_a_form_change(&env, &["decrypt"], "saved while decrypting");
    assert_eq!(code, 0, "{err}");
    let (code, err) = save_meets_a_form_change(&env, &["encrypt"], "saved again while encrypting");
    assert_eq!(code, 0, "{err}");
    for word in ["saved while", "saved again", "first", "second"] {
        assert_eq!(
            plain_copies(&env, word),
            0,
            "{word:?} readable in the store"
        );
    }
    let mut got = notes(&env);
    got.sort();
    assert_eq!(
        got,
        [
            "first",
            "saved again while encrypting",
            "saved while decrypting",
            "saved while encrypting",
            "second"
        ]
    );
}

#[test]
fn a_killed_form_change_releases_its_lock_and_runs_again_to_the_end() {
    let env = Env::new();
    two_weeks(&env);
    encrypt(&env);
    // decrypt killed with every file plain but its key files still there.
    let dir = pause_dir(&env);
    let change = Running::start(&env, &["decrypt"], None, Some(("decrypt::converted", &dir)));
    wait_reached(&dir, "decrypt::converted");
    change.kill();
    // The lock went with it: the save does not wait; it is sealed (the key is still there).
    env.checkin(&week_with(json!({"note": "after the kill"})), None);
    let (code, out, _) = run(unlocked(&env), &["doctor"]);
    assert_eq!(code, 5, "a half-done store is named: {out}");
    let (code, _, err) = run(unlocked(&env), &["decrypt"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sealed_count(&env), 0);
    let mut got = notes(&env);
    got.sort();
    assert_eq!(got, ["after the kill", "first", "second"]);

    // encrypt killed with its lock held: a save waits for nothing once it is gone.
    let dir = pause_dir(&env);
    let change = Running::start(&env, &["encrypt"], None, Some(("form::locked", &dir)));
    wait_reached(&dir, "form::locked");
    let save = Running::start(
        &env,
        &["checkin", "--answers", "-"],
        Some(&week_noted("waited for a killed encrypt")),
        None,
    );
    save.wait_for("waiting for it to finish");
    change.kill();
    let (code, err) = save.finish();
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(unlocked(&env), &["encrypt"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(plain_copies(&env, "waited for a killed"), 0);
    assert_eq!(notes(&env).len(), 4);
}

#[test]
fn random_kills_of_encrypt_and_decrypt_between_saves_lose_nothing() {
    let env = Env::new();
    two_weeks(&env);
    let mut rng = common::kill::Lcg(common::kill::seed());
    let mut acknowledged = vec!["first".to_string(), "second".to_string()];
    for round in 0..16 {
        let form = if round % 2 == 0 { "encrypt" } else { "decrypt" };
        let change = Running::start(&env, &[form], None, None);
        let note = format!("round {round}");
        let save = Running::start(
            &env,
            &["checkin", "--answers", "-"],
            Some(&week_noted(&note)),
            None,
        );
        std::thread::sleep(Duration::from_millis(rng.next() % 400));
        change.kill();
        let (code, err) = save.finish();
        if code == 0 {
            acknowledged.push(note);
        } else {
            assert!(!err.contains("Saved"), "{err}");
        }
    }
    // Finished either way, every acknowledged save is read back exactly once.
    for form in ["encrypt", "decrypt", "encrypt"] {
        let (code, _, err) = run(unlocked(&env), &[form]);
        assert_eq!(code, 0, "{form}: {err}");
    }
    for note in &acknowledged {
        assert_eq!(plain_copies(&env, note), 0, "{note:?} in the clear");
    }
    let mut got = notes(&env);
    got.sort();
    acknowledged.sort();
    assert_eq!(got, acknowledged);
}

#[test]
fn rotate_makes_a_new_key_and_an_old_key_copy_opens_nothing_new() {
    let env = Env::new();
    two_weeks(&env);
    encrypt(&env);
    let old_key = std::fs::read(env.data().join("key.age")).unwrap();
    let old_recipient = std::fs::read_to_string(env.data().join("recipient.txt")).unwrap();
    // Without --rotate, the message says what an old copy still does.
    let (code, _, err) = run(
        unlocked(&env),
        &[
            "passphrase",
            "--new-passphrase-file",
            pass(&env).to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("still opens") && err.contains("--rotate"),
        "{err}"
    );
    // A save that meets the rotation half-way lands sealed to the new key.
    let args = rotate_args(&env);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (err, (code, _)) = save_meets_a_form_change_saying(&env, &args, "during rotation");
    assert!(err.contains("A new key"), "{err}");
    assert_eq!(code, 0);
    env.checkin(&week_with(json!({"note": "after rotation"})), None);
    let new_recipient = std::fs::read_to_string(env.data().join("recipient.txt")).unwrap();
    assert_ne!(new_recipient, old_recipient);
    let mut got = notes(&env);
    got.sort();
    assert_eq!(
        got,
        ["after rotation", "during rotation", "first", "second"]
    );
    // The old key.age (a backup, a sync peer) with the old passphrase: nothing opens.
    let copy = Env::new();
    copy_tree(&env.data(), &copy.data());
    std::fs::write(copy.data().join("key.age"), &old_key).unwrap();
    let (code, out, err) = run(unlocked(&copy), &["history", "--format", "json"]);
    assert_eq!(code, 0, "the old key still unlocks: {err}");
    let listed: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(listed["checkins"].as_array().unwrap().len(), 0, "{out}");
    assert!(err.contains("a key that is not yours"), "{err}");
}

#[test]
fn a_rotation_killed_half_way_reads_whole_and_finishes() {
    let env = Env::new();
    two_weeks(&env);
    encrypt(&env);
    let dir = pause_dir(&env);
    let args = rotate_args(&env);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let rotate = Running::start(&env, &args, None, Some(("rotate::begun", &dir)));
    wait_reached(&dir, "rotate::begun");
    rotate.kill();
    env.checkin(&week_with(json!({"note": "mid-rotation"})), None);
    assert_eq!(
        notes(&env).len(),
        3,
        "old and new key both open, with the old passphrase"
    );
    let (code, out, _) = run(unlocked(&env), &["doctor"]);
    assert_eq!(code, 5);
    assert!(
        out.contains("key-next.age") && out.contains("--rotate"),
        "{out}"
    );
    // A plain passphrase change now would lock the new key in the old one's place and
    // lose the files not yet re-encrypted: refused, pointing to --rotate.
    let (code, _, err) = run(
        unlocked(&env),
        &[
            "passphrase",
            "--new-passphrase-file",
            pass(&env).to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--rotate"), "{err}");
    let (code, _, err) = run(unlocked(&env), &args);
    assert_eq!(code, 0, "{err}");
    assert!(!env.data().join("key-next.age").exists());
    assert_eq!(notes(&env).len(), 3);
    let (code, out, _) = run(unlocked(&env), &["doctor"]);
    assert_eq!(code, 0, "{out}");
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Another person's recipient, from a store of their own.
fn strangers_recipient() -> (Env, String) {
    let other = Env::new();
    other.checkin(&common::quiet_week(), None);
    encrypt(&other);
    let r = std::fs::read_to_string(other.data().join("recipient.txt")).unwrap();
    (other, r)
}

#[test]
fn a_swapped_or_linked_recipient_is_never_sealed_to() {
    let env = Env::new();
    two_weeks(&env);
    encrypt(&env);
    let (other, theirs) = strangers_recipient();
    let recipient = env.data().join("recipient.txt");
    std::fs::write(&recipient, &theirs).unwrap();
    // Saving without the passphrase: the pinned key, and the swap named.
    let out = env.answers_output(&common::follow_ups(&week_with(
        json!({"note": "locked save"}),
    )));
    let err = common::flat(&String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("recipient.txt") && err.contains("was not used"),
        "{err}"
    );
    // With the key unlocked: its own half (an encrypted export, here), the swap named.
    let backup = env.tmp.path().join("backup.json.age");
    let (code, _, err) = run(
        unlocked(&env),
        &[
            "export",
            "--format",
            "json",
            "--out",
            backup.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("not the public half"), "{err}");
    let (code, out, err) = run(unlocked(&env), &["doctor"]);
    assert_eq!(code, 5, "{err}");
    assert!(
        out.contains("recipient.txt") && out.contains("not the public half"),
        "{out}"
    );
    // Everything still opens with the person's own key.
    assert_eq!(notes(&env).len(), 3);
    // The backup is sealed to the person's key: the stranger's key cannot open it, theirs can.
    let (code, _, err) = run(unlocked(&other), &["import", backup.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot be decrypted"), "{err}");
    let (code, _, err) = run(unlocked(&env), &["import", backup.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");

    // A link where recipient.txt should be: never followed.
    std::fs::remove_file(&recipient).unwrap();
    let target = env.tmp.path().join("elsewhere.txt");
    std::fs::write(&target, &theirs).unwrap();
    std::os::unix::fs::symlink(&target, &recipient).unwrap();
    let out = env.answers_output(&common::follow_ups(&week_with(
        json!({"note": "linked save"}),
    )));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    let (code, out, _) = run(unlocked(&env), &["doctor"]);
    assert_eq!(code, 5);
    assert!(out.contains("symbolic link"), "{out}");
    assert_eq!(notes(&env).len(), 4);
}

#[test]
fn a_question_set_near_the_limit_goes_through_encrypt_and_decrypt() {
    let env = Env::new();
    let mut set = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/energy.json"),
    )
    .unwrap();
    let limit = 4 * 1024 * 1024;
    let pad = limit - set.len() - 16;
    set.insert_str(1, &" ".repeat(pad));
    let dir = env.config().join("questions");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("energy.json"), &set).unwrap();
    let answers = json!({"energy": 3, "nap_days": 2, "worry": 1, "tense": 1}).to_string();
    env.cmd()
        .args(["checkin", "--set", "energy", "--answers", "-"])
        .write_stdin(answers)
        .assert()
        .success();
    for form in ["encrypt", "decrypt", "encrypt", "decrypt"] {
        let (code, _, err) = run(unlocked(&env), &[form]);
        assert_eq!(code, 0, "{form}: {err}");
    }
    assert!(!env.data().join("key.age").exists());
    assert!(!env.data().join("recipient.txt").exists());
}

#[test]
fn decrypt_that_cannot_open_a_file_changes_nothing_and_new_saves_stay_sealed() {
    let env = Env::new();
    two_weeks(&env);
    encrypt(&env);
    let (other, _) = strangers_recipient();
    let foreign = common::list(&other.data().join("checkins"))[0].clone();
    std::fs::copy(
        &foreign,
        env.data()
            .join("checkins")
            .join(foreign.file_name().unwrap()),
    )
    .unwrap();
    let before = common::sealed::snapshot(&env.data());
    let (code, _, err) = run(unlocked(&env), &["decrypt"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(foreign.file_name().unwrap().to_str().unwrap()),
        "named: {err}"
    );
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(common::sealed::snapshot(&env.data()), before);
    env.checkin(&week_with(json!({"note": "after a refused decrypt"})), None);
    assert_eq!(plain_copies(&env, "after a refused decrypt"), 0);
    // encrypt afterwards does not speak of a stopped encrypt.
    let (code, _, err) = run(unlocked(&env), &["encrypt"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("was stopped"), "{err}");
}

#[test]
fn encrypt_names_the_plain_files_it_did_not_make_and_deletes_none() {
    let env = Env::new();
    two_weeks(&env);
    let checkins = env.data().join("checkins");
    let one = common::list(&checkins)[0].clone();
    let stem = one.file_stem().unwrap().to_string_lossy().into_owned();
    let conflict = checkins.join(format!("{stem}.sync-conflict-20261103-101010-ABCDEFG.json"));
    std::fs::copy(&one, &conflict).unwrap();
    let partial = checkins.join(format!(".syncthing.{stem}.json.tmp"));
    std::fs::copy(&one, &partial).unwrap();
    let dropbox = env.data().join("draft (conflicted copy 2026-11-03).json");
    std::fs::write(&dropbox, "{}").unwrap();
    let (code, _, err) = run(unlocked(&env), &["encrypt"]);
    assert_eq!(code, 0, "{err}");
    for path in [&conflict, &partial, &dropbox] {
        assert!(path.exists(), "{} was deleted", path.display());
        assert!(
            err.contains(&path.display().to_string()),
            "{} not named: {err}",
            path.display()
        );
    }
    assert!(err.contains("in the clear"), "{err}");
}

#[test]
fn the_smaller_fixes() {
    // A wrong passphrase for encrypt over encrypted data: exit 1, nothing changed.
    let env = Env::new();
    two_weeks(&env);
    encrypt(&env);
    let wrong = env.file("wrong.txt", "not the passphrase\n");
    let (code, _, err) = run(
        env.cmd(),
        &["encrypt", "--passphrase-file", wrong.to_str().unwrap()],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("does not open your key"), "{err}");

    // A refused encrypt creates nothing (no terminal, no passphrase file).
    let fresh = Env::new();
    let (code, _, err) = run(fresh.cmd(), &["encrypt"]);
    assert_eq!(code, 1, "{err}");
    assert!(!fresh.data().exists(), "the data folder was created");

    // An empty SELFCHECK_PASSPHRASE_FILE is unset: status and plain saves work.
    let plain = Env::new();
    let mut cmd = plain.cmd();
    cmd.env("SELFCHECK_PASSPHRASE_FILE", "")
        .args(["checkin", "--answers", "-"])
        .write_stdin(common::follow_ups(&week_with(json!({"phq_selfharm": 2}))).to_string());
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut status = plain.cmd();
    status.env("SELFCHECK_PASSPHRASE_FILE", "").arg("status");
    assert_eq!(status.output().unwrap().status.code(), Some(0));

    // A byte-order mark before the passphrase is not part of it; a file others can read
    // is warned about.
    let bom = env.file(
        "bom.txt",
        &format!("\u{feff}{}\n", common::sealed::PASSPHRASE),
    );
    std::fs::set_permissions(&bom, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let (code, _, err) = run(
        env.cmd(),
        &["history", "--passphrase-file", bom.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("can be read by other users") && err.contains("chmod 600"),
        "{err}"
    );

    // The passphrase command's hint names its own flag.
    let mut cmd = env.cmd();
    cmd.env("SELFCHECK_PASSPHRASE_FILE", pass(&env))
        .arg("passphrase");
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("--new-passphrase-file"), "{err}");
}

#[test]
fn a_log_entry_waits_for_decrypt_and_a_save_killed_half_way_leaves_nothing_in_the_clear() {
    let env = Env::new();
    two_weeks(&env);
    encrypt(&env);
    // A journal entry meets decrypt holding its lock: it waits, then lands plain.
    let dir = pause_dir(&env);
    let change = Running::start(&env, &["decrypt"], None, Some(("form::locked", &dir)));
    wait_reached(&dir, "form::locked");
    let log = Running::start(
        &env,
        &["log", "kratom", "3g", "--note", "logged while decrypting"],
        None,
        None,
    );
    log.wait_for("waiting for it to finish");
    go(&dir, "form::locked");
    assert_eq!(change.finish().0, 0);
    let (code, err) = log.finish();
    assert_eq!(code, 0, "{err}");
    assert_eq!(sealed_count(&env), 0);
    assert_eq!(
        plain_copies(&env, "logged while decrypting"),
        1,
        "the entry, once, plain"
    );

    // A save killed after writing its plain temporary file, before linking it: encrypt
    // then removes that temporary (its writer is gone), so no answer stays in the clear.
    let dir = pause_dir(&env);
    let save = Running::start(
        &env,
        &["checkin", "--answers", "-"],
        Some(&week_noted("killed before it landed")),
        Some(("fsio::linking", &dir)),
    );
    wait_reached(&dir, "fsio::linking");
    assert_eq!(
        plain_copies(&env, "killed before it landed"),
        1,
        "its temporary file"
    );
    save.kill();
    let (code, _, err) = run(unlocked(&env), &["encrypt"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        plain_copies(&env, "killed before it landed"),
        0,
        "nothing in the clear"
    );
    assert!(
        !notes(&env).contains(&"killed before it landed".to_string()),
        "never acknowledged, never there"
    );
}
