//! Crash safety and concurrency: SIGKILL at random moments never corrupts or loses a saved
//! check-in, and two selfchecks saving at once both keep every check-in.

use crate::common;

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::kill::{run_and_maybe_kill, seed, Lcg};
use common::{quiet_week, Env};
use serde_json::Value;

/// How long an uninterrupted check-in takes here, in microseconds (the median of 5).
fn full_run_micros(env: &Env, week: &str) -> u64 {
    let mut times: Vec<u64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let saved = run_and_maybe_kill(
                env,
                &["checkin", "--answers", "-", "--date", "2026-11-15"],
                week,
                Duration::from_secs(30),
            );
            assert!(saved.is_some());
            start.elapsed().as_micros() as u64
        })
        .collect();
    times.sort();
    times[2].max(1000)
}

fn listed(env: &Env) -> (Vec<Value>, String) {
    let out = env
        .cmd()
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    (
        list["checkins"].as_array().unwrap().clone(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn sigkill_during_checkin_never_corrupts_or_drops_a_saved_checkin() {
    let env = Env::new();
    let mut rng = Lcg(seed());
    let week = quiet_week().to_string();
    let mut saved = BTreeSet::new();
    let mut killed = 0;
    let span = full_run_micros(&env, &week);
    for _ in 0..300 {
        // Kill anywhere from start-up to a little after a normal run would have ended.
        let delay = Duration::from_micros(rng.next() % (span * 2));
        match run_and_maybe_kill(
            &env,
            &["checkin", "--answers", "-", "--date", "2026-11-16"],
            &week,
            delay,
        ) {
            Some(stderr) => {
                let id = stderr
                    .split('(')
                    .nth(1)
                    .and_then(|s| s.split(')').next())
                    .expect("saved id")
                    .to_string();
                saved.insert(id);
            }
            None => killed += 1,
        }
    }
    eprintln!("{} saved, {killed} killed", saved.len());
    assert!(
        killed > 30 && !saved.is_empty(),
        "the delays should both interrupt and let runs finish"
    );
    let (list, warnings) = listed(&env);
    assert_eq!(warnings, "", "every file in the data directory must parse");
    let ids: BTreeSet<String> = list
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        saved.is_subset(&ids),
        "a check-in reported as saved is missing"
    );
    // Files are whole check-ins or temporary files, nothing else.
    for path in env.checkin_files() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".tmp") {
            continue;
        }
        let v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).expect("whole JSON");
        assert!(ids.contains(v["id"].as_str().unwrap()));
    }
    // The next save clears what killed runs left behind, once it is an hour old (a fresh
    // one might be another computer's write in a shared folder).
    for path in env.checkin_files() {
        if path.to_string_lossy().ends_with(".tmp") {
            common::make_old(&path, 2);
        }
    }
    env.checkin(&quiet_week(), None);
    assert!(env
        .checkin_files()
        .iter()
        .all(|p| !p.to_string_lossy().ends_with(".tmp")));
}

#[test]
fn sigkill_during_delete_never_loses_a_checkin() {
    let env = Env::new();
    let mut rng = Lcg(seed());
    for day in 1..=28 {
        env.checkin(&quiet_week(), Some(&format!("2026-02-{day:02}")));
    }
    let span = full_run_micros(&env, &quiet_week().to_string());
    let all: BTreeSet<String> = listed(&env)
        .0
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    for round in 0..300 {
        let day = 1 + round % 28;
        let delay = Duration::from_micros(rng.next() % (span * 2));
        let date = format!("2026-02-{day:02}");
        if round % 2 == 0 {
            run_and_maybe_kill(&env, &["history", "delete", &date, "--yes"], "", delay);
        } else {
            run_and_maybe_kill(&env, &["history", "restore", &date], "", delay);
        }
    }
    let (list, warnings) = listed(&env);
    assert_eq!(warnings, "");
    let mut seen: Vec<String> = list
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    for path in common::list(&env.data().join("trash")) {
        let v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap())
            .expect("whole JSON in the trash");
        seen.push(v["id"].as_str().unwrap().to_string());
    }
    seen.sort();
    assert_eq!(
        seen,
        all.into_iter().collect::<Vec<_>>(),
        "each check-in is in exactly one place"
    );
}

#[test]
fn two_selfchecks_saving_at_once_keep_all_200_checkins() {
    let env = Env::new();
    let data = env.data();
    let workers: Vec<_> = (0..2)
        .map(|w| {
            let data = data.clone();
            std::thread::spawn(move || {
                for i in 0..100 {
                    let mut week = quiet_week();
                    week["stress"] = serde_json::json!((w * 100 + i) % 11);
                    let out = Command::new(assert_cmd::cargo::cargo_bin("selfcheck"))
                        .args(["checkin", "--answers", "-", "--date", "2026-11-16"])
                        .env("SELFCHECK_DATA_DIR", &data)
                        .stdin(Stdio::piped())
                        .stdout(Stdio::null())
                        .stderr(Stdio::piped())
                        .spawn()
                        .and_then(|mut c| {
                            c.stdin
                                .take()
                                .unwrap()
                                .write_all(week.to_string().as_bytes())?;
                            c.wait_with_output()
                        })
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let (list, warnings) = listed(&env);
    assert_eq!(warnings, "");
    let ids: BTreeSet<&str> = list.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(list.len(), 200);
    assert_eq!(ids.len(), 200, "ids must be distinct");
}

#[test]
fn sigkill_during_import_never_leaves_a_broken_or_doubled_checkin() {
    let source = Env::new();
    for day in 1..=28 {
        source.checkin(&quiet_week(), Some(&format!("2026-02-{day:02}")));
    }
    let export = source
        .cmd()
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(export.status.success());
    let export_path = source.file("backup.json", &String::from_utf8(export.stdout).unwrap());
    let path = export_path.to_string_lossy().into_owned();
    let env = Env::new();
    let mut rng = Lcg(seed());
    let span = full_run_micros(&Env::new(), &quiet_week().to_string()) * 2;
    let mut interrupted = 0;
    for _ in 0..300 {
        let delay = Duration::from_micros(rng.next() % span);
        if run_and_maybe_kill(&env, &["import", &path], "", delay).is_none() {
            interrupted += 1;
        }
        // Start again from empty now and then, so imports are cut at every stage.
        if rng.next().is_multiple_of(10) {
            let _ = std::fs::remove_dir_all(env.data());
        }
    }
    eprintln!("{interrupted} of 300 imports interrupted");
    // Whatever was cut off, a last import completes the set: each check-in once, all whole.
    env.cmd().arg("import").arg(&export_path).assert().success();
    let (list, warnings) = listed(&env);
    assert_eq!(warnings, "");
    let ids: BTreeSet<&str> = list.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(list.len(), 28);
    assert_eq!(ids.len(), 28);
}

#[test]
fn sigkill_during_log_never_corrupts_or_drops_a_logged_entry() {
    let env = Env::new();
    let mut rng = Lcg(seed());
    let args = [
        "log",
        "kratom",
        "3g",
        "--time",
        "09:00",
        "--date",
        "2026-11-16",
    ];
    let span = {
        let mut times: Vec<u64> = (0..5)
            .map(|_| {
                let start = Instant::now();
                assert!(run_and_maybe_kill(&env, &args, "", Duration::from_secs(30)).is_some());
                start.elapsed().as_micros() as u64
            })
            .collect();
        times.sort();
        times[2]
    };
    let mut logged = 5;
    let mut killed = 0;
    for _ in 0..150 {
        let delay = Duration::from_micros(rng.next() % (span * 2));
        match run_and_maybe_kill(&env, &args, "", delay) {
            Some(_) => logged += 1,
            None => killed += 1,
        }
    }
    eprintln!("{logged} logged, {killed} killed");
    let out = env
        .cmd()
        .args(["log", "list", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "every file in the journal must parse"
    );
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = list["entries"].as_array().unwrap().len();
    assert!(n >= logged, "{n} entries, {logged} reported as logged");
    for path in common::list(&env.data().join("journal")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.ends_with(".json") || (name.starts_with('.') && name.ends_with(".tmp")),
            "a stray file {name}"
        );
    }
}

/// The stems of the stored files in `folder` (`X` of `X.json` and `X.json.age`), with how
/// many forms each has.
fn stems(env: &Env, folder: &str) -> std::collections::BTreeMap<String, usize> {
    let mut out = std::collections::BTreeMap::new();
    for path in common::list(&env.data().join(folder)) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue; // a temporary file of a killed write
        }
        let stem = name
            .trim_end_matches(".age")
            .trim_end_matches(".json")
            .to_string();
        *out.entry(stem).or_insert(0) += 1;
    }
    out
}

#[test]
fn sigkill_during_encrypt_or_decrypt_loses_nothing_and_a_second_run_finishes() {
    let env = Env::new();
    let mut rng = Lcg(seed());
    for day in 1..=16 {
        env.checkin(&quiet_week(), Some(&format!("2026-03-{day:02}")));
    }
    for day in 1..=8 {
        let date = format!("2026-03-{day:02}");
        env.cmd()
            .args(["log", "ibuprofen", "400mg", "--date", &date])
            .assert()
            .success();
    }
    let pass = env.file("pass.txt", "correct horse battery staple\n");
    let pass = pass.to_str().unwrap();
    let folders = ["checkins", "journal", "questionnaires"];
    let all: Vec<Vec<String>> = folders
        .iter()
        .map(|f| stems(&env, f).into_keys().collect())
        .collect();
    let whole = |env: &Env, finished: bool| {
        for (folder, want) in folders.iter().zip(&all) {
            let found = stems(env, folder);
            let names: Vec<String> = found.keys().cloned().collect();
            assert_eq!(&names, want, "a file was lost or added in {folder}");
            if finished {
                assert!(
                    found.values().all(|n| *n == 1),
                    "both forms left in {folder}"
                );
            }
        }
    };
    // How long a whole run takes, to kill anywhere in it.
    let timed = |args: &[&str]| {
        let start = Instant::now();
        assert!(run_and_maybe_kill(&env, args, "", Duration::from_secs(60)).is_some());
        start.elapsed().as_micros() as u64
    };
    let mut span = timed(&["encrypt", "--passphrase-file", pass]).max(timed(&[
        "decrypt",
        "--passphrase-file",
        pass,
    ])) as f64;
    let mut killed = 0;
    for round in 0..100 {
        for command in ["encrypt", "decrypt"] {
            let delay = Duration::from_micros(rng.next() % (span as u64).max(1000));
            let args = [command, "--passphrase-file", pass];
            if run_and_maybe_kill(&env, &args, "", delay).is_none() {
                killed += 1;
                span *= 1.02;
            } else {
                // Finished before the kill: the machine is faster than measured just now.
                span *= 0.9;
            }
            whole(&env, false);
            if round % 20 == 0 {
                // Read in the middle: every check-in once, whatever form it is in.
                let list = env.json(&["history", "--passphrase-file", pass]);
                assert_eq!(list["checkins"].as_array().unwrap().len(), 16);
            }
            let again = run_and_maybe_kill(
                &env,
                &[command, "--passphrase-file", pass],
                "",
                Duration::from_secs(60),
            );
            assert!(again.is_some(), "a second {command} must finish the job");
            whole(&env, true);
        }
    }
    eprintln!("{killed} of 200 runs killed");
    assert!(killed > 100, "the delays should interrupt most runs");
    let (list, warnings) = listed(&env);
    assert_eq!(warnings, "");
    assert_eq!(list.len(), 16);
    assert!(!env.data().join("key.age").exists());
}
