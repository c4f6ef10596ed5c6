//! Runs the real binary against a private temporary data directory.
#![allow(dead_code)]

pub mod items;
pub mod kill;
pub mod pty;
pub mod sealed;

#[allow(unused_imports)] // each test binary uses some of them
pub use items::{follow_ups, gad7_more, phq9_more};

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{json, Value};
use tempfile::TempDir;

/// The day `n` days before today, as YYYY-MM-DD, in the binary's time zone (tests run it
/// with TZ=UTC). A test that needs a check-in today and another before it dates the earlier
/// one from today: a fixed date beside today reads differently on every day the suite runs.
pub fn days_ago(n: i64) -> String {
    (chrono::Utc::now().date_naive() - chrono::Duration::days(n)).to_string()
}

/// Makes a file look `hours` old (its modification time), as a temporary file left by a
/// run killed that long ago.
pub fn make_old(path: &Path, hours: u64) {
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(hours * 3600);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(then))
        .expect("set the modification time");
}

/// A moved clock (the suite run under `faketime`, as the README's check does) reaches the
/// binary too: the variables to pass on, none when unset.
pub fn clock_vars() -> Vec<(&'static str, std::ffi::OsString)> {
    ["LD_PRELOAD", "FAKETIME", "FAKETIME_DONT_FAKE_MONOTONIC"]
        .into_iter()
        .filter_map(|var| std::env::var_os(var).map(|v| (var, v)))
        .collect()
}

/// A temporary home for one test: its data directory and scratch files.
pub struct Env {
    pub tmp: TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The data directory (not created until something is saved).
    pub fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    /// `selfcheck` with the data directory set and a clean environment.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// The same as [`Env::cmd`], as a `std::process::Command` (to set its stdout, or to
    /// start it in the background).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("selfcheck"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.tmp.path())
            .env("TZ", "UTC")
            .env("SELFCHECK_DATA_DIR", self.data())
            .env("SELFCHECK_CONFIG_DIR", self.config());
        cmd.envs(clock_vars());
        cmd
    }

    /// The config directory (not created unless a test writes to it).
    pub fn config(&self) -> PathBuf {
        self.tmp.path().join("config")
    }

    /// Copies the fixture set `name` (in `tests/fixtures/`) into the config directory as one
    /// of the person's own question sets.
    pub fn own_set(&self, name: &str) {
        let dir = self.config().join("questions");
        std::fs::create_dir_all(&dir).expect("questions folder");
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name),
            dir.join(name),
        )
        .expect("copy the fixture set");
    }

    /// Writes a scratch file and returns its path.
    pub fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.tmp.path().join(name);
        std::fs::write(&path, contents).expect("write scratch file");
        path
    }

    /// Saves a check-in from answers (JSON), optionally for an earlier day; must succeed.
    /// The two-step follow-ups a positive screen brings are answered "Not at all" unless
    /// given (see [`follow_ups`]).
    pub fn checkin(&self, answers: &Value, date: Option<&str>) {
        let mut cmd = self.cmd();
        cmd.args(["checkin", "--answers", "-"])
            .write_stdin(follow_ups(answers).to_string());
        if let Some(d) = date {
            cmd.args(["--date", d]);
        }
        cmd.assert().success();
    }

    /// `checkin --answers -` with exactly these answers (no follow-ups filled in), as it
    /// ended.
    pub fn answers_output(&self, answers: &Value) -> std::process::Output {
        self.cmd()
            .args(["checkin", "--answers", "-"])
            .write_stdin(answers.to_string())
            .output()
            .expect("run selfcheck")
    }

    /// Runs `selfcheck ARGS`, which must succeed, and returns what it printed.
    pub fn stdout(&self, args: &[&str]) -> Vec<u8> {
        let out = self.cmd().args(args).output().expect("run selfcheck");
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    /// Runs `selfcheck ARGS --format json` and parses what it printed.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        serde_json::from_slice(&self.stdout(&all)).expect("JSON output")
    }

    /// `summary --format json`, parsed.
    pub fn summary_json(&self) -> Value {
        self.json(&["summary"])
    }

    /// The stored value of one answer of the latest check-in, as `summary` reports it.
    pub fn latest_answer(&self, id: &str) -> Value {
        let s = self.summary_json();
        s["latest"]["answers"]
            .as_array()
            .expect("answers")
            .iter()
            .find(|a| a["item"] == id)
            .unwrap_or_else(|| panic!("no answer to {id}"))["value"]
            .clone()
    }

    /// Flag ids in the latest summary.
    pub fn flag_ids(&self) -> Vec<String> {
        self.summary_json()["flags"]
            .as_array()
            .expect("flags array")
            .iter()
            .map(|f| f["id"].as_str().expect("flag id").to_string())
            .collect()
    }

    /// Every check-in file saved.
    pub fn checkin_files(&self) -> Vec<PathBuf> {
        list(&self.data().join("checkins"))
    }
}

/// Files in a folder, sorted; empty if it does not exist.
pub fn list(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.expect("entry").path()).collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

/// A complete, calm week: no flag fires. Tests change one value at a time.
pub fn quiet_week() -> Value {
    json!({
        "peg_pain": 2, "peg_enjoyment": 1, "peg_activity": 1, "pain_sleep": 1,
        "pain_frequency_3m": "some_days", "pain_limits_3m": "never",
        "phq_interest": 0, "phq_mood": 1, "gad_nervous": 1, "gad_worry": 0,
        "phq_selfharm": 0,
        "any_use_7d": true, "use_prescribed_only": false, "relief_use_days": 1, "use_more_than_meant": false,
        "use_tolerance": false, "use_cut_down": false, "relief_what": "ibuprofen once",
        "sleep_quality": 7, "active_days": 4, "connection": 8, "stress": 3,
        "cycle_concern": false, "note": null
    })
}

/// `quiet_week` with some values replaced.
pub fn week_with(changes: Value) -> Value {
    let mut week = quiet_week();
    for (k, v) in changes.as_object().expect("object") {
        if v.is_null() {
            week.as_object_mut().expect("object").remove(k);
        } else {
            week[k] = v.clone();
        }
    }
    week
}

/// Twelve weeks of check-ins (one week missed) as a person in pain might have them: pain
/// and relief use creeping up, sleep going down, low mood in the last weeks, two notes.
pub fn twelve_weeks(env: &Env) {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 8, 31).unwrap();
    for i in 0..12i64 {
        if i == 5 {
            continue; // a week without a check-in
        }
        let n = i as u64;
        let mut week = week_with(json!({
            "peg_pain": 3 + n / 2, "peg_enjoyment": 2 + n / 3, "peg_activity": 3 + n / 4,
            "pain_sleep": 2 + n / 2, "pain_frequency_3m": "most_days", "pain_limits_3m": "some_days",
            "phq_interest": if i > 8 { 2 } else { 1 }, "phq_mood": 1,
            "relief_use_days": (n / 2).min(7), "relief_what": "ibuprofen 400 mg",
            "sleep_quality": 7 - (n / 2).min(7) as i64, "stress": 4 + n / 3,
        }));
        if i == 3 {
            week["note"] = json!("Sleep is bad since the new shift");
        }
        if i == 10 {
            week["note"] = json!("Knee <worse> after stairs & \"long\" walks; ask about =physio");
        }
        let date = start + chrono::Duration::days(7 * i);
        env.checkin(&week, Some(&date.to_string()));
    }
}

/// Runs `tmux -L SOCKET ARGS` (a private tmux server) and returns what it printed.
pub fn tmux(socket: &str, args: &[&str]) -> String {
    let out = std::process::Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .expect("tmux is needed for the terminal tests: install it (apt-get install tmux) or run ./.ci/run, which does");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `text` with every run of spaces and line breaks made one space: messages are wrapped to
/// the width, so a sentence may break at any space.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Output that says `text`, wherever the wrapper broke its lines (see [`flat`]).
pub fn said(text: &str) -> impl predicates::Predicate<[u8]> {
    use predicates::prelude::*;
    let wanted = flat(text);
    let name: &'static str = Box::leak(format!("says {wanted:?}").into_boxed_str());
    predicate::function(move |s: &str| flat(s).contains(&wanted))
        .fn_name(name)
        .from_utf8()
}
