//! Crash safety and concurrency: SIGKILL at random moments never corrupts or loses a saved
//! check-in, and two selfchecks saving at once both keep every check-in.

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::{quiet_week, Env};
use serde_json::Value;

/// A small deterministic generator; the seed is printed so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn seed() -> u64 {
    let seed = std::env::var("SELFCHECK_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("seed {seed} (set SELFCHECK_TEST_SEED to replay)");
    seed
}

/// Starts `selfcheck args` and kills it with SIGKILL after `delay`, unless it ended first.
/// Returns its stderr when it exited successfully on its own.
fn run_and_maybe_kill(env: &Env, args: &[&str], stdin: &str, delay: Duration) -> Option<String> {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("selfcheck"))
        .args(args)
        .env("SELFCHECK_DATA_DIR", env.data())
        .env("TZ", "UTC")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            return status
                .success()
                .then(|| String::from_utf8_lossy(&out.stderr).into_owned());
        }
        if start.elapsed() >= delay {
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_micros(100));
    }
}

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
    // The next save clears what killed runs left behind.
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
        if rng.next() % 10 == 0 {
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
