//! Fitting the terminal and people's habits: help for every subcommand (snapshots),
//! completions and a man page from the same definition, colour rules, `-q`, broken pipes.

use crate::common;

use std::process::Command;

use common::{quiet_week, week_with, Env};
use predicates::prelude::*;
use serde_json::json;

const SUBCOMMANDS: [&str; 11] = [
    "checkin",
    "summary",
    "history",
    "status",
    "export",
    "import",
    "doctor",
    "questions",
    "config",
    "completions",
    "man",
];

/// `selfcheck ARGS` with a fixed data directory, so help text is the same everywhere.
fn fixed(args: &[&str]) -> String {
    let env = Env::new();
    let out = env
        .cmd()
        .env("SELFCHECK_DATA_DIR", "/home/sam/.local/share/selfcheck")
        .env("COLUMNS", "100")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn help_for_every_subcommand() {
    let top = fixed(&["--help"]);
    assert!(top.contains("Examples:") && top.contains("Exit codes:"));
    insta::assert_snapshot!("help", top);
    for sub in SUBCOMMANDS {
        let help = fixed(&[sub, "--help"]);
        assert!(
            help.contains("Data directory: /home/sam/.local/share/selfcheck"),
            "{sub}"
        );
        assert!(help.contains("Exit codes:"), "{sub}");
        assert!(help.contains("Examples:"), "{sub} has no examples");
        insta::assert_snapshot!(format!("help_{sub}"), help);
    }
    for sub in [
        ["history", "show"],
        ["history", "delete"],
        ["questions", "validate"],
        ["config", "show"],
    ] {
        let help = fixed(&[sub[0], sub[1], "--help"]);
        insta::assert_snapshot!(format!("help_{}_{}", sub[0], sub[1]), help);
    }
}

#[test]
fn completions_cover_every_subcommand_and_flag() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = fixed(&["completions", shell]);
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} completions lack {sub}");
        }
        for flag in [
            "--plain",
            "--resume",
            "--answers",
            "--since",
            "--format",
            "--color",
            "--data-dir",
        ] {
            assert!(
                script.contains(flag.trim_start_matches('-')),
                "{shell} completions lack {flag}"
            );
        }
    }
    let bash = fixed(&["completions", "bash"]);
    insta::assert_snapshot!("completions_bash", bash);
    let checked = Command::new("bash")
        .arg("-n")
        .arg("-c")
        .arg(&bash)
        .status()
        .unwrap();
    assert!(
        checked.success(),
        "the bash completion script does not parse"
    );
}

#[test]
fn the_man_page_has_every_subcommand_and_the_exit_codes() {
    let page = fixed(&["man"]);
    assert!(page.starts_with(".ie"), "roff expected: {}", &page[..40]);
    for sub in SUBCOMMANDS {
        assert!(
            page.contains(&format!("SELFCHECK {}", sub.to_uppercase())),
            "no section for {sub}"
        );
    }
    assert!(page.contains("130") && page.contains("another selfcheck is changing the data"));
    // The subcommands' own sections, with their options.
    for (section, option) in [
        ("SELFCHECK REMIND ON", "\\-\\-day"),
        ("SELFCHECK HISTORY DELETE", "\\-\\-yes"),
        ("SELFCHECK LOG LIST", "\\-\\-format"),
        ("SELFCHECK QUESTIONS VALIDATE", "FILE"),
        ("SELFCHECK CONFIG SHOW", "SYNOPSIS"),
    ] {
        let at = page
            .find(&format!(".SH \"{section}\""))
            .unwrap_or_else(|| panic!("no {section}"));
        let own = &page[at..];
        let end = own[4..].find(".SH ").map_or(own.len(), |e| e + 4);
        assert!(own[..end].contains(option), "{section} lacks {option}");
    }
    insta::assert_snapshot!("man", page);
}

/// `man` reads the page without a warning (the Debian package installs it for `man
/// selfcheck`; `.ci/package` looks it up there).
#[test]
fn man_reads_the_page_without_warnings() {
    let env = Env::new();
    let page = env.file("selfcheck.1", &fixed(&["man"]));
    let out = std::process::Command::new("man")
        .args(["-l"])
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .env("MAN_KEEP_FORMATTING", "")
        .output()
        .expect("man (.ci/run installs man-db)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("SELFCHECK REMIND ON") && text.contains("--time <HH:MM>"),
        "{text}"
    );
}

fn has_escapes(bytes: &[u8]) -> bool {
    bytes.contains(&0x1b)
}

#[test]
fn colour_only_when_wanted() {
    let env = Env::new();
    env.checkin(&week_with(json!({"phq_selfharm": 1, "phq_mood": 3})), None);
    let run = |extra: &[&str], vars: &[(&str, &str)]| {
        let mut cmd = env.cmd();
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd.args(extra).arg("summary").output().unwrap().stdout
    };
    assert!(
        has_escapes(&run(&["--color", "always"], &[])),
        "--color always"
    );
    assert!(
        !has_escapes(&run(&["--color", "never"], &[])),
        "--color never"
    );
    assert!(!has_escapes(&run(&[], &[])), "stdout is not a terminal");
    assert!(
        !has_escapes(&run(&["--color", "auto"], &[("NO_COLOR", "1")])),
        "NO_COLOR"
    );
    assert!(
        !has_escapes(&run(&["--color", "auto"], &[("TERM", "dumb")])),
        "TERM=dumb"
    );
    // Without colour, flags are still told apart by words and symbols.
    let plain = String::from_utf8(run(&["--color", "never"], &[])).unwrap();
    assert!(
        plain.contains("[!!] URGENT:") && plain.contains("[!] Low mood"),
        "{plain}"
    );
}

#[test]
fn quiet_silences_messages_but_never_errors_or_crisis_resources() {
    let env = Env::new();
    env.cmd()
        .args(["-q", "checkin", "--answers", "-"])
        .write_stdin(quiet_week().to_string())
        .assert()
        .success()
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::is_empty());
    env.cmd()
        .args(["checkin", "-q", "--answers", "-"])
        .write_stdin(week_with(json!({"phq_selfharm": 2})).to_string())
        .assert()
        .success()
        .stdout(common::said("IF YOU NEED HELP NOW").and(common::said("988")))
        .stdout(common::said("What you answered").not());
    env.cmd()
        .args(["-q", "checkin", "--answers", "-"])
        .write_stdin("{\"peg_pain\": 99}")
        .assert()
        .code(1)
        .stderr(common::said("peg_pain: 99 is out of range"));
    // Data asked for is still printed; warnings about damaged files are not.
    std::fs::write(env.data().join("checkins/2026-01-01_000000-bad0.json"), "{").unwrap();
    env.cmd()
        .args(["-q", "history"])
        .assert()
        .success()
        .stdout(common::said("date"))
        .stderr(predicate::str::is_empty());
    env.cmd()
        .args(["-q", "summary"])
        .assert()
        .success()
        .stdout(common::said("IF YOU NEED HELP NOW"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-01-05"));
    // Enough check-ins that the output outgrows the pipe's buffer.
    let first = env.checkin_files()[0].clone();
    let template: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&first).unwrap()).unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    for i in 0..600 {
        let date = start + chrono::Duration::days(i);
        let id = format!("{date}_120000-{i:04x}");
        let mut r = template.clone();
        r["id"] = json!(id);
        r["date"] = json!(date.to_string());
        std::fs::write(
            env.data().join("checkins").join(format!("{id}.json")),
            r.to_string(),
        )
        .unwrap();
    }
    for args in [
        "history",
        "history --format json",
        "export --format csv",
        "summary --last 600 --format json",
    ] {
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "set -o pipefail; '{}' {args} | head -1 > /dev/null",
                assert_cmd::cargo::cargo_bin("selfcheck").display()
            ))
            .env("SELFCHECK_DATA_DIR", env.data())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args}: {:?} {err}", out.status);
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args}: {err}"
        );
    }
}
