//! Every text output fits the terminal: the result after a check-in, `summary` and
//! `history` at 60, 80 and 120 columns, through `COLUMNS` and through a real terminal of
//! that width (tmux): no line wider than the terminal, words never split, and the result
//! after a check-in within 25 lines at 80 columns.

use crate::common;

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::{tmux, twelve_weeks, week_with, Env};
use serde_json::json;

const WIDTHS: [usize; 3] = [60, 80, 120];

fn at(env: &Env, columns: usize, args: &[&str], stdin: Option<String>) -> String {
    let mut cmd = env.cmd();
    cmd.args(args).env("COLUMNS", columns.to_string());
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fits(text: &str, columns: usize, what: &str) {
    for line in text.lines() {
        let width = console::measure_text_width(line);
        assert!(
            width <= columns,
            "{what}: a line of {width} at {columns}:\n{line}\n\n{text}"
        );
    }
    // A word is never split: every word of the output is a word of the same output
    // unwrapped (a split would leave halves such as "highes" / "t").
    for cut in ["highes\n", "c\nall", "pai\n"] {
        assert!(
            !text.contains(cut),
            "{what}: a word split at {columns}:\n{text}"
        );
    }
}

/// A believable 12 weeks, then this week's check-in with its result.
fn heavy_week() -> String {
    common::follow_ups(&week_with(json!({
        "peg_pain": 8, "peg_enjoyment": 7, "peg_activity": 7, "pain_sleep": 8,
        "pain_frequency_3m": "every_day", "pain_limits_3m": "most_days",
        "phq_interest": 2, "phq_mood": 2, "gad_nervous": 2, "gad_worry": 2,
        "relief_use_days": 6, "relief_what": "kratom 3 g twice a day",
        "sleep_quality": 2, "stress": 8, "cycle_concern": true,
    })))
    .to_string()
}

#[test]
fn the_result_summary_and_history_fit_60_80_and_120_columns() {
    for columns in WIDTHS {
        let env = Env::new();
        twelve_weeks(&env);
        let result = at(
            &env,
            columns,
            &["checkin", "--answers", "-", "--date", "2026-11-23"],
            Some(heavy_week()),
        );
        fits(&result, columns, "the result after a check-in");
        if columns == 80 {
            // With the "Saved …" line on stderr, the whole screen is one line more.
            assert!(
                result.lines().count() < 25,
                "{} lines:\n{result}",
                result.lines().count()
            );
        }
        insta::assert_snapshot!(format!("result_{columns}"), result);
        assert!(result.contains("Flags: "), "{result}");
        let summary = at(&env, columns, &["summary"], None);
        fits(&summary, columns, "summary");
        let period = at(&env, columns, &["summary", "--last", "12"], None);
        fits(&period, columns, "summary --last 12");
        let history = at(&env, columns, &["history"], None);
        fits(&history, columns, "history");
        insta::assert_snapshot!(format!("history_{columns}"), history);
        insta::assert_snapshot!(format!("summary_{columns}"), summary);
    }
}

#[test]
fn a_real_terminal_of_60_and_120_columns_is_honoured_without_columns_set() {
    let env = Env::new();
    twelve_weeks(&env);
    let bin = assert_cmd::cargo::cargo_bin("selfcheck");
    for columns in [60usize, 120] {
        let socket = format!("selfcheck-width-{}-{columns}", std::process::id());
        let done = env.tmp.path().join(format!("done-{columns}"));
        let script = format!(
            "env -u COLUMNS TZ=UTC SELFCHECK_DATA_DIR='{}' SELFCHECK_CONFIG_DIR='{}' '{}' history; '{}' summary | head -12; touch '{}'; sleep 600",
            env.data().display(),
            env.config().display(),
            bin.display(),
            bin.display(),
            done.display()
        );
        let started = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d", "-x"])
            .arg(columns.to_string())
            .args(["-y", "60"])
            .arg(&script)
            .status()
            .expect("tmux is needed for the terminal-width tests: install it (apt-get install tmux) or run ./.ci/run, which does");
        assert!(started.success());
        let start = Instant::now();
        while !done.exists() {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "selfcheck did not finish"
            );
            sleep(Duration::from_millis(50));
        }
        // -J joins lines the terminal wrapped: a joined line wider than the pane was wrapped.
        let screen = tmux(&socket, &["capture-pane", "-p", "-J"]);
        let _ = Command::new("tmux")
            .args(["-L", &socket, "kill-server"])
            .status();
        fits(&screen, columns, "a real terminal");
        assert!(screen.contains("Pain most days"), "{screen}");
        if columns == 120 {
            assert!(
                screen.contains("Relief days"),
                "the wide terminal shows every column:\n{screen}"
            );
        } else {
            assert!(screen.contains("Not shown at this width"), "{screen}");
        }
    }
}
