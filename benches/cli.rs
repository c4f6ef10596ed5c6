//! Whole-process timings of `history`, `summary --last 52` and `status` on data
//! directories of 520 and 5,000 check-ins, and a backup round trip of 60,000 check-ins
//! (`export` to a file, `import` into an empty directory, `export` again and compare)
//! (`cargo bench --bench cli`; `-- timings`, `-- backup` or `-- journal` runs one part).
//!
//! Each command runs as the user runs it (a new process, release build); the report gives
//! the median and worst of the runs and the peak resident memory of the process. Not a
//! test: nothing here fails on a slow machine.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{Duration as Days, Local};
use serde_json::{json, Value};

const RUNS: usize = 21;

fn binary() -> PathBuf {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--bin", "selfcheck"])
        .status()
        .expect("cargo build");
    assert!(status.success(), "release build failed");
    // Beside this bench's own binary (`…/release/deps/cli-HASH`), wherever the target
    // directory is (`CARGO_TARGET_DIR` or `--target-dir` move it).
    let exe = std::env::current_exe().expect("the bench's own path");
    exe.parent()
        .and_then(Path::parent)
        .map(|release| release.join("selfcheck"))
        .filter(|p| p.exists())
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/selfcheck"))
}

#[path = "../tests/common/items.rs"]
mod items;
use items::{follow_ups, gad7_more, phq9_more};

/// Answers for day `i`, as an `--answers` file has them: items skip logic does not ask are
/// left out.
fn week(i: usize) -> Value {
    let v = |m: usize| (i * 7 + m) % 11;
    let often = ["never", "some_days", "most_days", "every_day"];
    let (frequency, limits) = (often[i % 4], often[(i / 3) % 4]);
    let (interest, mood, nervous, worry) = (i % 4, (i / 2) % 4, (i / 3) % 4, (i / 5) % 4);
    let w = json!({
        "peg_pain": 1 + v(1) % 10, "peg_enjoyment": v(2), "peg_activity": v(3), "pain_sleep": v(4),
        "pain_frequency_3m": frequency,
        "pain_limits_3m": limits,
        "phq_interest": interest, "phq_mood": mood, "gad_nervous": nervous, "gad_worry": worry,
        "phq_selfharm": 0, "any_use_7d": true, "use_prescribed_only": i.is_multiple_of(5),
        "relief_use_days": i % 8,
        "use_more_than_meant": i.is_multiple_of(9), "use_tolerance": i.is_multiple_of(13), "use_cut_down": false,
        "relief_what": "ibuprofen 400 mg", "sleep_quality": v(5), "active_days": i % 8,
        "connection": v(6), "stress": v(7), "cycle_concern": i.is_multiple_of(17),
        "note": "a note of a few words to bring up"
    });
    // The set's own skip logic decides what is asked; the follow-ups it opens vary.
    let mut w = follow_ups(&w);
    for (n, id) in phq9_more().iter().chain(&gad7_more()).enumerate() {
        if w.get(id).is_some() {
            w[id] = json!((i + n) % 4);
        }
    }
    w
}

/// The same answers as a stored record has them: every item not asked marked skipped.
fn stored(i: usize) -> Value {
    let mut w = week(i);
    for item in &items::builtin().def.items {
        if w.get(&item.id).is_none() {
            w[&item.id] = json!({"skipped": true});
        }
    }
    w
}

/// A data directory of `n` daily check-ins ending today: one saved through the binary (so
/// the question set copy is real), the rest written as copies with their own dates.
fn build_data(bin: &Path, dir: &Path, n: usize) {
    let mut child = Command::new(bin)
        .arg("--data-dir")
        .arg(dir)
        .args(["checkin", "--answers", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run selfcheck");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(week(0).to_string().as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    let checkins = dir.join("checkins");
    let first = std::fs::read_dir(&checkins)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let template: Value = serde_json::from_slice(&std::fs::read(&first).unwrap()).unwrap();
    std::fs::remove_file(first).unwrap();
    let today = Local::now().date_naive();
    // Daily; for more than 20,000 (back past 1970) a few a day, to stay after 1900.
    let per_day = n.div_ceil(20_000).max(1);
    for i in 0..n {
        let (day, slot) = (i / per_day, i % per_day);
        let date = today - Days::days(day as i64);
        let id = format!("{date}_1200{slot:02}-{i:04x}");
        let mut r = template.clone();
        r["id"] = json!(id);
        r["date"] = json!(date.to_string());
        r["recorded_at"] = json!(format!("{date}T12:00:{slot:02}+00:00"));
        let mut answers = stored(i);
        answers["relief_what"] = json!("ibuprofen 400 mg");
        r["answers"] = answers;
        std::fs::write(
            checkins.join(format!("{id}.json")),
            serde_json::to_vec_pretty(&r).unwrap(),
        )
        .unwrap();
    }
}

/// Runs a command once; returns its wall time and peak resident memory in KiB.
// The child is reaped by `wait4` (which also gives its resource usage), not `Child::wait`.
#[allow(clippy::zombie_processes)]
#[allow(unsafe_code)] // wait4 for the child's peak memory: std has no safe way to ask
fn run_once(bin: &Path, dir: &Path, args: &[&str]) -> (Duration, i64) {
    let start = Instant::now();
    let child = Command::new(bin)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run selfcheck");
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for the child we spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as i32;
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(rc, pid, "wait4");
    (elapsed, usage.ru_maxrss)
}

fn main() {
    let bin = binary();
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wants = |part: &str| only.is_empty() || only.iter().any(|o| o == part);
    if wants("timings") {
        timings(&bin);
    }
    if wants("floor") {
        floor(&bin);
    }
    if wants("backup") {
        backup(&bin, 60_000);
    }
    if wants("journal") {
        journal(&bin);
    }
    if wants("encrypted") {
        encrypted(&bin);
    }
}

/// 520 check-ins, plain and then encrypted: `history`, `summary --last 52` and
/// `checkin --answers` on each, and the unlock alone (`history --last 1`, encrypted).
fn encrypted(bin: &Path) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    build_data(bin, &dir, 520);
    let pass = tmp.path().join("pass.txt");
    std::fs::write(&pass, "correct horse battery staple\n").unwrap();
    let answers = tmp.path().join("week.json");
    std::fs::write(&answers, week(1).to_string()).unwrap();
    let pass_arg = pass.to_str().unwrap();
    let checkin = [
        "checkin",
        "--answers",
        answers.to_str().unwrap(),
        "--date",
        "2020-01-01",
    ];
    let reads: [&[&str]; 2] = [&["history"], &["summary", "--last", "52"]];
    println!("selfcheck over 520 check-ins, plain and encrypted ({RUNS} runs each, release build)");
    println!(
        "{:<10} {:<30} {:>10} {:>10} {:>12}",
        "store", "command", "median ms", "max ms", "peak RSS MB"
    );
    let show = |store: &str, label: &str, (median, max, peak): (f64, f64, f64)| {
        println!("{store:<10} {label:<30} {median:>10.1} {max:>10.1} {peak:>12.1}");
        median
    };
    let label = |args: &[&str]| args.join(" ");
    let plain: Vec<f64> = reads
        .iter()
        .map(|args| show("plain", &label(args), measure(bin, &dir, args)))
        .collect();
    let plain_saving = show(
        "plain",
        "checkin --answers FILE",
        measure(bin, &dir, &checkin),
    );
    run_once(bin, &dir, &["encrypt", "--passphrase-file", pass_arg]);
    assert!(dir.join("key.age").exists(), "encrypt failed");
    let unlock = ["history", "--last", "1", "--passphrase-file", pass_arg];
    let unlocking = show(
        "encrypted",
        "history --last 1 (the unlock)",
        measure(bin, &dir, &unlock),
    );
    let mut ratios = Vec::new();
    for (args, plain) in reads.iter().zip(&plain) {
        let with: Vec<&str> = args
            .iter()
            .copied()
            .chain(["--passphrase-file", pass_arg])
            .collect();
        let median = show("encrypted", &label(args), measure(bin, &dir, &with));
        ratios.push((label(args), (median - unlocking) / plain));
    }
    let saving = show(
        "encrypted",
        "checkin --answers FILE",
        measure(bin, &dir, &checkin),
    );
    for (what, ratio) in ratios {
        println!("{what}: encrypted after the unlock / plain = {ratio:.1}");
    }
    println!(
        "checkin --answers FILE: encrypted (no unlock) / plain = {:.1}",
        saving / plain_saving
    );
}

/// A year of a journal (3 entries a day, 1,095 in all) beside 52 check-ins: `log` itself,
/// `log list` and `summary --last 52`, which reads the journal of its period.
fn journal(bin: &Path) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    build_data(bin, &dir, 52);
    let journal = dir.join("journal");
    std::fs::create_dir_all(&journal).unwrap();
    let today = Local::now().date_naive();
    let kinds = [
        ("kratom", "kratom", "kratom", 3.0, "g"),
        ("ibuprofen", "ibuprofen", "non_opioid", 400.0, "mg"),
        ("wine", "alcohol", "alcohol", 2.0, "glass"),
    ];
    let mut n = 0;
    for day in 0..365u64 {
        let date = today - Days::days(day as i64);
        for (slot, (name, substance, class, value, unit)) in kinds.iter().enumerate() {
            let id = format!("{date}_0{}0000-{:04x}", slot + 7, n % 65536);
            let entry = json!({
                "schema_version": 1, "id": id, "date": date.to_string(),
                "time": format!("0{}:00", slot + 7), "recorded_at": format!("{date}T0{}:00:00+00:00", slot + 7),
                "name": name, "substance": substance, "class": class,
                "amount": {"value": value, "unit": unit}, "for": ["pain"],
                "pain": 5, "mood": 5, "note": null
            });
            std::fs::write(
                journal.join(format!("{id}.json")),
                serde_json::to_vec_pretty(&entry).unwrap(),
            )
            .unwrap();
            n += 1;
        }
    }
    println!("\nintake journal: {n} entries and 52 check-ins ({RUNS} runs each, release build)");
    println!(
        "{:<26} {:>10} {:>10} {:>12}",
        "command", "median ms", "max ms", "peak RSS MB"
    );
    for args in [
        &["log", "paracetamol", "500mg"][..],
        &["log", "list"],
        &["summary", "--last", "52"],
    ] {
        let (median, max, peak) = measure(bin, &dir, args);
        println!(
            "{:<26} {median:>10.1} {max:>10.1} {peak:>12.1}",
            args.join(" ")
        );
    }
}

/// Runs a command once to warm the page cache (as a weekly user's would not be: the warm
/// case is reported), then [`RUNS`] times: the median and worst time in ms, and the peak
/// memory in MB.
fn measure(bin: &Path, dir: &Path, args: &[&str]) -> (f64, f64, f64) {
    let mut times = Vec::new();
    let mut peak = 0;
    run_once(bin, dir, args);
    for _ in 0..RUNS {
        let (t, rss) = run_once(bin, dir, args);
        times.push(t);
        peak = peak.max(rss);
    }
    times.sort();
    (
        times[RUNS / 2].as_secs_f64() * 1000.0,
        times[RUNS - 1].as_secs_f64() * 1000.0,
        peak as f64 / 1024.0,
    )
}

/// `history` against the floor of reading every stored file: `cat` of the check-ins and the
/// question set copies, to /dev/null. The ratio is what checking every record costs.
fn floor(bin: &Path) {
    println!(
        "selfcheck history against cat of every stored file ({RUNS} runs each, release build)"
    );
    println!(
        "{:<8} {:>14} {:>10} {:>8}",
        "records", "history ms", "cat ms", "ratio"
    );
    for n in [520usize, 5000] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        build_data(bin, &dir, n);
        let (history, _, _) = measure(bin, &dir, &["history"]);
        let mut times = Vec::new();
        for _ in 0..=RUNS {
            let start = Instant::now();
            let status = Command::new("sh")
                .args([
                    "-c",
                    "cat \"$1\"/checkins/* \"$1\"/questionnaires/* > /dev/null",
                    "sh",
                ])
                .arg(&dir)
                .status()
                .expect("run cat");
            assert!(status.success(), "cat");
            times.push(start.elapsed());
        }
        times.remove(0);
        times.sort();
        let cat = times[RUNS / 2].as_secs_f64() * 1000.0;
        println!("{n:<8} {history:>14.1} {cat:>10.1} {:>8.2}", history / cat);
    }
}

/// Exports `n` check-ins to a file, imports it into an empty directory, exports that again
/// and checks that the two exports are the same bytes: nothing lost, nothing changed.
fn backup(bin: &Path, n: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let (from, to) = (tmp.path().join("from"), tmp.path().join("to"));
    build_data(bin, &from, n);
    let (first, second) = (
        tmp.path().join("first.json"),
        tmp.path().join("second.json"),
    );
    println!("\nbackup round trip of {n} check-ins (one run each, release build)");
    println!("{:<34} {:>10} {:>12}", "command", "seconds", "peak RSS MB");
    let steps: [(&Path, Vec<&std::ffi::OsStr>, &str); 3] = [
        (
            &from,
            vec![
                "export".as_ref(),
                "--format".as_ref(),
                "json".as_ref(),
                "--out".as_ref(),
                first.as_os_str(),
            ],
            "export --out first.json",
        ),
        (
            &to,
            vec!["import".as_ref(), first.as_os_str()],
            "import first.json (empty directory)",
        ),
        (
            &to,
            vec![
                "export".as_ref(),
                "--format".as_ref(),
                "json".as_ref(),
                "--out".as_ref(),
                second.as_os_str(),
            ],
            "export --out second.json",
        ),
    ];
    for (dir, args, label) in steps {
        let args: Vec<&str> = args.iter().map(|a| a.to_str().unwrap()).collect();
        let (t, rss) = run_once(bin, dir, &args);
        println!(
            "{label:<34} {:>10.1} {:>12.1}",
            t.as_secs_f64(),
            rss as f64 / 1024.0
        );
    }
    let size = std::fs::metadata(&first).unwrap().len();
    let same = std::fs::read(&first).unwrap() == std::fs::read(&second).unwrap();
    let count = std::fs::read_dir(to.join("checkins")).unwrap().count();
    println!(
        "export size {:.1} MB; check-ins after import: {count} of {n}; the two exports are {}",
        size as f64 / 1e6,
        if same { "the same bytes" } else { "DIFFERENT" }
    );
    assert!(
        same && count == n,
        "the round trip lost or changed something"
    );
}

fn timings(bin: &Path) {
    let bin = bin.to_path_buf();
    println!("selfcheck whole-process timings ({RUNS} runs each, release build)");
    println!(
        "{:<8} {:<22} {:>10} {:>10} {:>12}",
        "records", "command", "median ms", "max ms", "peak RSS MB"
    );
    for n in [520usize, 5000] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        build_data(&bin, &dir, n);
        for args in [&["history"][..], &["summary", "--last", "52"], &["status"]] {
            let (median, max, peak) = measure(&bin, &dir, args);
            println!(
                "{n:<8} {:<22} {median:>10.1} {max:>10.1} {peak:>12.1}",
                args.join(" ")
            );
        }
    }
}
