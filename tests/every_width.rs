//! Every command's output and messages at 40, 60, 80 and 120 columns, to a file (`COLUMNS`)
//! and to a real terminal of that width (script(1)'s pseudo-terminal, `COLUMNS` unset): no
//! line wider than the width unless it is one word standing alone (a path, an id), and no
//! word split (every word at a narrow width is a word of the same output at 120 columns).
//!
//! The commands are walked from `--help` (every command and subcommand it lists), so a new
//! command without an entry in [`RUNS`] fails here. Each run gets a fresh copy of a rich
//! data directory: twelve weeks and a heavy week with a self-harm answer today (crisis
//! lines everywhere), journal entries forming a dangerous pair, a damaged file (warnings)
//! and a configuration with a mistake in it (warnings).

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{twelve_weeks, week_with, Env};
use serde_json::json;

const WIDTHS: [usize; 4] = [40, 60, 80, 120];

/// Every command line run here, as words after `selfcheck` ({DIR} is a scratch folder).
/// Several end in an error on purpose: error messages are walked too.
const RUNS: &[&[&str]] = &[
    &["checkin", "--answers", "{DIR}/answers.json"],
    &["checkin", "--answers", "{DIR}/wrong.json"],
    &["checkin", "--plain"],
    &[
        "checkin",
        "--date",
        "2999-01-01",
        "--answers",
        "{DIR}/answers.json",
    ],
    &["summary"],
    &["summary", "--last", "12"],
    &["summary", "--since", "yesterday"],
    &[
        "summary",
        "--last",
        "12",
        "--format",
        "html",
        "--out",
        "{DIR}/visit.html",
    ],
    &["summary", "--out", "{DIR}/answers.json"],
    &["history"],
    &["history", "show"],
    &["history", "show", "1999-01-01"],
    &["history", "delete", "2026-11-16", "--yes"],
    &["history", "restore", "nothing-like-this"],
    &["history", "purge", "--yes"],
    &["log", "oxycodone", "5", "mg", "for", "pain"],
    &["log", "list"],
    &["log", "delete", "zzzz", "--yes"],
    &["log", "restore", "zzzz"],
    &["log"],
    &["status"],
    &["export", "--format", "csv", "--out", "{DIR}/out.csv"],
    &["export", "--format", "xml"],
    &["import", "{DIR}/missing.json"],
    &["import", "{DIR}/answers.json"],
    &["doctor"],
    &["questions", "list"],
    &["questions", "show"],
    &["questions", "show", "no-such-set"],
    &["questions", "validate", "{DIR}/wrong.json"],
    &["encrypt", "--passphrase-file", "{DIR}/missing-passphrase"],
    &["decrypt"],
    &["passphrase"],
    &["remind", "on", "--with", "launchd", "--day", "sunday"],
    &["remind", "on", "--day", "someday"],
    &["remind", "status"],
    &["remind", "off"],
    &["remind", "notify"],
    &["config", "path"],
    &["config", "show"],
    &["help"],
    &["--version"],
    &["no-such-command"],
];

/// Runs whose standard output is data (a shell script, a manual page, Markdown for a
/// portal, CSV): only their messages are held to the width.
const DATA: &[&[&str]] = &[
    &["completions", "bash"],
    &["man"],
    &["remind", "on", "--with", "cron"],
    &["summary", "--last", "12", "--format", "markdown"],
    &["export", "--format", "csv"],
];

/// The commands `--help` lists, with their subcommands ("log list"), walked from the top.
fn commands(env: &Env) -> Vec<String> {
    fn listed(help: &str) -> Vec<String> {
        help.lines()
            .skip_while(|l| !l.starts_with("Commands:"))
            .skip(1)
            .take_while(|l| !l.trim().is_empty())
            // A command's line starts two spaces in; its wrapped description, further.
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
            .filter_map(|l| l.split_whitespace().next().map(str::to_string))
            .filter(|c| c != "help")
            .collect()
    }
    let help = |args: &[&str]| {
        let out = env.std_cmd().args(args).arg("--help").output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let mut all = Vec::new();
    for top in listed(&help(&[])) {
        for sub in listed(&help(&[&top])) {
            all.push(format!("{top} {sub}"));
        }
        all.push(top);
    }
    all.push("help".to_string());
    all
}

/// A rich data directory and configuration, made once and copied for every run.
fn template() -> Env {
    let env = Env::new();
    twelve_weeks(&env);
    let heavy = common::follow_ups(&week_with(json!({
        "peg_pain": 8, "peg_enjoyment": 7, "peg_activity": 7, "pain_sleep": 8,
        "pain_frequency_3m": "every_day", "pain_limits_3m": "most_days",
        "phq_interest": 2, "phq_mood": 2, "gad_nervous": 2, "gad_worry": 2, "phq_selfharm": 1,
        "relief_use_days": 6, "relief_what": "kratom 3 g twice a day, and a glass of wine most evenings",
        "sleep_quality": 2, "stress": 8, "cycle_concern": true,
        "note": "Ask about the knee, the new shift and whether the kratom is making the mornings worse",
    })));
    env.checkin(&heavy, None);
    for entry in [
        &["kratom", "3g", "for", "pain"][..],
        &["alprazolam", "0.5", "mg"],
    ] {
        env.cmd().arg("log").args(entry).assert().success();
    }
    std::fs::write(
        env.data()
            .join("checkins")
            .join("2026-10-01_120000-broken.json"),
        "{ not json",
    )
    .unwrap();
    std::fs::create_dir_all(env.config()).unwrap();
    std::fs::write(
        env.config().join("config.json"),
        r#"{"summary_format": "pdf-please", "colour": "blue"}"#,
    )
    .unwrap();
    let answers = common::follow_ups(&week_with(json!({"phq_selfharm": 2})));
    env.file("answers.json", &answers.to_string());
    env.file(
        "wrong.json",
        r#"{"peg_pain": 14, "sleep_quality": "badly", "mood": 3}"#,
    );
    env.file("plain-input", "4\n4\n");
    env
}

/// A fresh copy of the template's folder for one run.
fn copy_of(template: &Env) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let copied = Command::new("cp")
        .arg("-a")
        .arg(format!("{}/.", template.tmp.path().display()))
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(copied.success());
    dir
}

fn words(run: &[&str], dir: &Path) -> Vec<String> {
    run.iter()
        .map(|w| w.replace("{DIR}", &dir.display().to_string()))
        .collect()
}

/// `selfcheck RUN` with output to files, `COLUMNS` set: stdout and stderr together (only
/// stderr for `data`).
fn to_file(dir: &Path, run: &[&str], columns: usize, data: bool) -> String {
    let out = base(dir)
        .args(words(run, dir))
        .env("COLUMNS", columns.to_string())
        .stdin(std::fs::File::open(dir.join("plain-input")).unwrap())
        .output()
        .unwrap();
    let stdout = if data {
        Default::default()
    } else {
        String::from_utf8_lossy(&out.stdout)
    };
    format!("{stdout}{}", String::from_utf8_lossy(&out.stderr))
}

/// `selfcheck RUN` in a pseudo-terminal `columns` wide (script(1)), `COLUMNS` unset (its
/// standard output to nowhere for `data`).
fn in_terminal(dir: &Path, run: &[&str], columns: usize, data: bool) -> String {
    let bin = assert_cmd::cargo::cargo_bin("selfcheck");
    let quoted: Vec<String> = words(run, dir).iter().map(|w| format!("'{w}'")).collect();
    let line = format!(
        "stty cols {columns} rows 50; timeout 30 '{}' {} < '{}' {}",
        bin.display(),
        quoted.join(" "),
        dir.join("plain-input").display(),
        if data { "> /dev/null" } else { "" }
    );
    let out = base(dir)
        .env("SHELL", "/bin/sh")
        .args(["-q", "-e", "-c", &line, "/dev/null"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    console::strip_ansi_codes(&text).into_owned()
}

/// `selfcheck` (or `script`, when `dir` is given one) with this copy's folders.
fn base(dir: &Path) -> Command {
    let program: PathBuf = if dir.join(".script").exists() {
        "script".into()
    } else {
        assert_cmd::cargo::cargo_bin("selfcheck")
    };
    let mut cmd = Command::new(program);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("TZ", "UTC")
        .env("LANG", "C.UTF-8")
        .env("SELFCHECK_DATA_DIR", dir.join("data"))
        .env("SELFCHECK_CONFIG_DIR", dir.join("config"));
    cmd.envs(common::clock_vars());
    cmd
}

/// What is wrong with `text` at `columns`: lines too wide (not one word alone), and words
/// split across a line break (the end of a line and the start of the next make a word of
/// the same output at 120 columns: "highes" / "t", "2026-09-0" / "8_2335").
fn problems(text: &str, wide: &BTreeSet<String>, columns: usize) -> Vec<String> {
    let mut found = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for line in &lines {
        let width = console::measure_text_width(line);
        if width > columns && line.trim().contains(' ') {
            found.push(format!("{width} columns: {line:?}"));
        }
    }
    if columns < 120 {
        for pair in lines.windows(2) {
            let (Some(end), Some(start)) = (
                pair[0].split_whitespace().last(),
                pair[1].split_whitespace().next(),
            ) else {
                continue;
            };
            let joined = format!("{end}{start}");
            if wide.contains(&joined) {
                found.push(format!("a word split: {end:?} / {start:?}"));
            }
        }
    }
    found
}

#[test]
fn every_command_and_message_fits_40_60_80_and_120_columns_in_a_file_and_a_terminal() {
    let template = template();
    // Every command --help lists is run here at least once.
    let runs: Vec<String> = RUNS.iter().chain(DATA).map(|r| r.join(" ")).collect();
    for command in commands(&template) {
        assert!(
            runs.iter()
                .any(|r| r == &command || r.starts_with(&format!("{command} "))),
            "`selfcheck {command}` is not walked here: add it to RUNS"
        );
    }
    let mut helps: Vec<Vec<String>> = commands(&template)
        .into_iter()
        .map(|c| {
            let mut words: Vec<String> = c.split(' ').map(str::to_string).collect();
            words.push("--help".to_string());
            words
        })
        .collect();
    helps.push(vec!["--help".to_string()]);
    let as_words = |r: &&[&str]| r.iter().map(|w| w.to_string()).collect::<Vec<String>>();
    let mut all: Vec<(Vec<String>, bool)> = RUNS.iter().map(|r| (as_words(r), false)).collect();
    all.extend(DATA.iter().map(|r| (as_words(r), true)));
    all.extend(helps.into_iter().map(|h| (h, false)));

    let mut report = Vec::new();
    for (run, data) in &all {
        let data = *data;
        let run: Vec<&str> = run.iter().map(String::as_str).collect();
        for terminal in [false, true] {
            let output = |columns: usize| {
                let dir = copy_of(&template);
                let text = if terminal {
                    std::fs::write(dir.path().join(".script"), "").unwrap();
                    in_terminal(dir.path(), &run, columns, data)
                } else {
                    to_file(dir.path(), &run, columns, data)
                };
                // Each copy has its own folder: named the same, the words compare.
                text.replace(&dir.path().display().to_string(), "/tmp/copy")
            };
            let wide_text = output(120);
            assert!(
                data || !wide_text.trim().is_empty(),
                "`selfcheck {}` printed nothing",
                run.join(" ")
            );
            let wide: BTreeSet<String> = wide_text.split_whitespace().map(str::to_string).collect();
            for columns in WIDTHS {
                let text = if columns == 120 {
                    wide_text.clone()
                } else {
                    output(columns)
                };
                for p in problems(&text, &wide, columns) {
                    report.push(format!(
                        "`selfcheck {}` at {columns}{}: {p}",
                        run.join(" "),
                        if terminal { " (terminal)" } else { "" }
                    ));
                }
            }
        }
    }
    assert!(
        report.is_empty(),
        "{} problems:\n{}",
        report.len(),
        report.join("\n")
    );
}
