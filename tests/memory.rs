//! Memory is bounded by design, not by the size of a history: at 25,000 check-ins and
//! 30,000 journal entries every command peaks under 40 MB (its peak resident set, from the
//! kernel's own count for that process, `wait4`), and an import carrying 100 question sets
//! of 1 MB does too.
//!
//! The history is made by copying real records (one check-in of the built-in set and one of
//! an own set, one journal entry, each saved by selfcheck) under new names and dates, all
//! counted back from today, so the test holds on any day.

use crate::common;

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use common::Env;
use serde_json::{json, Value};

const CHECKINS: usize = 25_000;
const ENTRIES: usize = 30_000;
const LIMIT_KB: i64 = 40 * 1024;

/// Runs `cmd` under `/usr/bin/time` (stdin from `input` when given, stdout and stderr to
/// files) and returns selfcheck's peak resident memory in KB, its exit code and what it
/// wrote to stderr. The measure is `time`'s: the kernel's count for its own child, which
/// starts from `time`'s small memory (a child of this test would start its count from the
/// test's).
fn peak(cmd: std::process::Command, input: Option<&Path>, out: &Path) -> (i64, i32, String) {
    let err = out.with_extension("err");
    let figure = out.with_extension("peak");
    let mut timed = std::process::Command::new("/usr/bin/time");
    timed
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&figure)
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .env_clear()
        .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .stdout(std::fs::File::create(out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .stdin(match input {
            Some(p) => Stdio::from(std::fs::File::open(p).unwrap()),
            None => Stdio::null(),
        });
    let status = timed
        .status()
        .expect("/usr/bin/time (Debian package time; ./.ci/run installs it)");
    let said = std::fs::read_to_string(&figure).unwrap_or_default();
    let kb = said
        .lines()
        .rev()
        .find_map(|l| l.trim().parse::<i64>().ok())
        .unwrap_or_else(|| panic!("no figure from /usr/bin/time: {said:?}"));
    (
        kb,
        status.code().unwrap_or(-1),
        std::fs::read_to_string(&err).unwrap_or_default(),
    )
}

fn write_private(path: &Path, bytes: &[u8]) {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .and_then(|mut f| f.write_all(bytes))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn only_file(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.pop().unwrap()
}

fn json_of(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// A data directory of `CHECKINS` check-ins (every other one an own set's) and `ENTRIES`
/// journal entries, the latest yesterday.
fn long_history() -> Env {
    let env = Env::new();
    env.own_set("energy.json");
    let yesterday = common::days_ago(1);
    env.checkin(&common::quiet_week(), Some(&yesterday));
    let builtin = json_of(&only_file(&env.data().join("checkins")));
    std::fs::remove_dir_all(env.data().join("checkins")).unwrap();
    env.cmd()
        .args(["checkin", "--set", "energy", "--answers", "-", "--date"])
        .arg(&yesterday)
        .write_stdin(json!({"energy": 2, "nap_days": 1, "worry": 1, "tense": 1}).to_string())
        .assert()
        .success();
    let own = json_of(&only_file(&env.data().join("checkins")));
    std::fs::remove_dir_all(env.data().join("checkins")).unwrap();
    env.cmd()
        .args(["log", "kratom", "3g", "--for", "pain", "--date"])
        .arg(&yesterday)
        .args(["--time", "00:00"])
        .assert()
        .success();
    let entry = json_of(&only_file(&env.data().join("journal")));
    std::fs::remove_dir_all(env.data().join("journal")).unwrap();

    let day = |back: usize| common::days_ago(back as i64 + 1);
    let checkins = env.data().join("checkins");
    std::fs::create_dir(&checkins).unwrap();
    for i in 0..CHECKINS {
        let date = day((CHECKINS - 1 - i) / 4);
        let id = format!("{date}_{:02}0000-{i:04x}", 8 + i % 4);
        let mut record = if i % 2 == 0 {
            builtin.clone()
        } else {
            own.clone()
        };
        record["id"] = json!(id);
        record["date"] = json!(date);
        let bytes = serde_json::to_vec_pretty(&record).unwrap();
        write_private(&checkins.join(format!("{id}.json")), &bytes);
    }
    let journal = env.data().join("journal");
    std::fs::create_dir(&journal).unwrap();
    for i in 0..ENTRIES {
        let date = day((ENTRIES - 1 - i) / 5);
        let time = format!("{:02}:00", 7 + i % 5);
        let id = format!("{date}_{:02}0000-{i:04x}", 7 + i % 5);
        let mut e = entry.clone();
        e["id"] = json!(id);
        e["date"] = json!(date);
        e["time"] = json!(time);
        let bytes = serde_json::to_vec_pretty(&e).unwrap();
        write_private(&journal.join(format!("{id}.json")), &bytes);
    }
    env
}

#[test]
fn every_command_over_a_long_history_peaks_under_40_mb() {
    let env = long_history();
    let out = env.tmp.path().join("out");
    let export = env.tmp.path().join("export.json");
    let mut over = Vec::new();
    let mut run = |args: &[&str], input: Option<&Path>, to: &Path| {
        let mut cmd = env.std_cmd();
        cmd.args(args);
        let (kb, code, err) = peak(cmd, input, to);
        eprintln!(
            "{:>8.1} MB  selfcheck {}",
            kb as f64 / 1024.0,
            args.join(" ")
        );
        assert_eq!(code, 0, "selfcheck {}: {err}", args.join(" "));
        if kb > LIMIT_KB {
            over.push(format!("selfcheck {}: {kb} KB", args.join(" ")));
        }
    };
    let answers = env.tmp.path().join("answers.json");
    std::fs::write(
        &answers,
        common::follow_ups(&common::quiet_week()).to_string(),
    )
    .unwrap();
    let answers_arg = answers.to_string_lossy().into_owned();
    run(&["checkin", "--answers", &answers_arg], None, &out);
    // A name never logged before is looked for in the whole journal.
    run(&["log", "willow bark", "2g", "--for", "pain"], None, &out);
    run(&["history"], None, &out);
    run(&["history", "--format", "json"], None, &out);
    run(&["summary"], None, &out);
    run(&["summary", "--last", "52"], None, &out);
    run(&["summary", "--last", "52", "--format", "html"], None, &out);
    run(&["summary", "--format", "json"], None, &out);
    run(&["status"], None, &out);
    run(&["log", "list"], None, &out);
    run(&["log", "list", "--format", "json"], None, &out);
    run(&["export", "--format", "csv"], None, &out);
    run(&["export", "--format", "csv", "--journal"], None, &out);
    run(&["export", "--format", "fhir"], None, &out);
    run(&["export", "--format", "json"], None, &export);
    // Imported back into the same data: every record is read and compared, none written;
    // the own set's check-ins come before their set in the export, and from a pipe they
    // once waited in memory.
    let export_arg = export.to_string_lossy().into_owned();
    run(&["import", &export_arg], None, &out);
    run(&["import", "-"], Some(&export), &out);
    assert!(over.is_empty(), "over {LIMIT_KB} KB: {over:#?}");

    // The figures are real: the exported file holds them all.
    let exported = json_of(&export);
    assert_eq!(exported["checkins"].as_array().unwrap().len(), CHECKINS + 1);
    assert_eq!(exported["journal"].as_array().unwrap().len(), ENTRIES + 1);
}

#[test]
fn an_import_carrying_100_sets_of_1_mb_peaks_under_40_mb() {
    let env = Env::new();
    let questions = env.config().join("questions");
    std::fs::create_dir_all(&questions).unwrap();
    let fixture =
        json_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/energy.json"));
    let padding: Vec<String> = (0..10_000)
        .map(|i| {
            format!(
                "Line {i} of a long introduction, there to make this set large. {}",
                "x".repeat(40)
            )
        })
        .collect();
    for n in 1..=100 {
        let mut set = fixture.clone();
        set["id"] = json!(format!("energy{n}"));
        set["intro"] = json!(padding);
        let bytes = serde_json::to_vec(&set).unwrap();
        assert!(bytes.len() > 1_000_000, "{}", bytes.len());
        // One own set at a time in the config folder: the export carries every set used.
        if n > 1 {
            std::fs::remove_file(questions.join(format!("energy{}.json", n - 1))).unwrap();
        }
        std::fs::write(questions.join(format!("energy{n}.json")), bytes).unwrap();
        env.cmd()
            .args([
                "checkin",
                "--set",
                &format!("energy{n}"),
                "--answers",
                "-",
                "--date",
            ])
            .arg(common::days_ago(n + 1))
            .write_stdin(json!({"energy": 5, "nap_days": 1, "worry": 1, "tense": 1}).to_string())
            .assert()
            .success();
    }
    let export = env.tmp.path().join("export.json");
    let (kb, code, err) = peak(
        {
            let mut c = env.std_cmd();
            c.args(["export", "--format", "json"]);
            c
        },
        None,
        &export,
    );
    assert_eq!(code, 0, "{err}");
    eprintln!("{:>8.1} MB  export carrying 100 sets", kb as f64 / 1024.0);
    assert_eq!(
        json_of(&export)["questionnaires"]
            .as_object()
            .unwrap()
            .len(),
        100
    );

    for piped in [false, true] {
        let fresh = Env::new();
        let mut cmd = fresh.std_cmd();
        let (kb, code, err) = if piped {
            cmd.args(["import", "-"]);
            peak(cmd, Some(&export), &fresh.tmp.path().join("out"))
        } else {
            cmd.arg("import").arg(&export);
            peak(cmd, None, &fresh.tmp.path().join("out"))
        };
        eprintln!(
            "{:>8.1} MB  import carrying 100 sets (piped: {piped})",
            kb as f64 / 1024.0
        );
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("Imported 100 check-ins"), "{err}");
        assert!(kb < LIMIT_KB, "import (piped: {piped}) peaked at {kb} KB");
    }
}
