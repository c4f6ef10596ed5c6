//! `checkin --plain`: a line-by-line check-in for screen readers and simple terminals,
//! driven by a pipe and by a pseudo-terminal; wrong input is asked again, never skipped.

use crate::common;

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::Env;
use predicates::prelude::*;
use serde_json::json;

/// Answers for every question asked when there was no pain this week and no use.
const CALM: &str = "0\nsome days\n1\n0\n1\n1\n0\n0\nno\n7\n3\n6\n4\nno\nask about stretching\n";

fn answer_of(env: &Env, id: &str) -> serde_json::Value {
    env.latest_answer(id)
}

/// What a piped check-in said on stderr, its lines joined by single spaces (prompts wrap).
fn said(env: &Env, input: &str) -> (i32, String) {
    let out = env
        .cmd()
        .args(["checkin", "--plain"])
        .write_stdin(input)
        .output()
        .unwrap();
    // (A pipe does not echo what was typed, so a prompt and what follows share a line.)
    let text = String::from_utf8_lossy(&out.stderr);
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (out.status.code().unwrap_or(-1), joined)
}

#[test]
fn a_piped_plain_checkin_is_a_real_checkin() {
    let env = Env::new();
    env.cmd()
        .args(["checkin", "--plain"])
        .write_stdin(CALM)
        .assert()
        .success()
        .stderr(common::said("Pain, question 1 of 24"))
        .stderr(common::said("Pain, question 2 of 21"))
        .stderr(common::said("  1. Never\n  2. Some days"))
        .stderr(common::said("0 = Not at all"))
        .stdout(common::said("Flags: none this time."));
    assert_eq!(env.checkin_files().len(), 1);
    assert_eq!(answer_of(&env, "pain_frequency_3m"), json!("some_days"));
    assert_eq!(answer_of(&env, "stress"), json!(4));
    assert_eq!(answer_of(&env, "note"), json!("ask about stretching"));
    assert!(!env.data().join("draft.json").exists());
}

#[test]
fn wrong_input_is_asked_again_with_what_is_allowed() {
    let env = Env::new();
    let input = format!(
        "eleven\n11\n-1\n{}",
        CALM.replacen("some days", "sometimes\n9\n2", 1)
    );
    let (code, text) = said(&env, &input);
    assert_eq!(code, 0, "{text}");
    for expected in [
        "\"eleven\" is not one of the answers here. Type a number from 0 to 10.",
        "\"11\" is not one of the answers here.",
        "\"sometimes\" is not one of the answers here. Type a number from 1 to 4, or the words (never, some days, most days, every day; the start is enough).",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    assert_eq!(answer_of(&env, "peg_pain"), json!(0));
    assert_eq!(answer_of(&env, "pain_frequency_3m"), json!("some_days"));
}

#[test]
fn changing_an_answer_at_the_review_asks_the_follow_ups() {
    let env = Env::new();
    // At the review: change answer 1 (pain) to 6, then answer the three follow-ups, save.
    let input = format!("{CALM}1\n6\n5\n4\n3\nsave\n");
    env.cmd()
        .args(["checkin", "--plain"])
        .write_stdin(input)
        .assert()
        .success();
    assert_eq!(answer_of(&env, "peg_pain"), json!(6));
    assert_eq!(answer_of(&env, "peg_enjoyment"), json!(5));
    assert_eq!(answer_of(&env, "pain_sleep"), json!(3));
}

#[test]
fn input_ending_early_saves_no_checkin_and_keeps_a_draft_to_resume() {
    let env = Env::new();
    env.cmd()
        .args(["checkin", "--plain"])
        .write_stdin("4\n4\n")
        .assert()
        .code(130)
        .stderr(common::said("Nothing was saved as a check-in"));
    assert!(env.checkin_files().is_empty());
    let draft: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.data().join("draft.json")).unwrap()).unwrap();
    assert_eq!(draft["answers"], json!({"peg_pain": 4, "peg_enjoyment": 4}));
    // A draft is not a check-in.
    env.cmd()
        .arg("history")
        .assert()
        .success()
        .stdout(common::said("No check-ins yet"));
    let e = env
        .cmd()
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    let e: serde_json::Value = serde_json::from_slice(&e.stdout).unwrap();
    assert_eq!(e["checkins"], json!([]));
    // Resuming asks only what is left (question 3 on), then saves and removes the draft.
    let rest = "2\n3\nmost days\nsome days\n1\n1\n0\n0\n0\nno\n5\n2\n6\n6\nno\n\n\n";
    env.cmd()
        .args(["checkin", "--plain", "--resume"])
        .write_stdin(rest)
        .assert()
        .success()
        .stderr(common::said("question 3 of 24"))
        .stderr(common::said("question 1 of 24").not());
    assert_eq!(answer_of(&env, "peg_pain"), json!(4));
    assert_eq!(answer_of(&env, "peg_activity"), json!(2));
    assert!(!env.data().join("draft.json").exists());
    env.cmd()
        .args(["checkin", "--resume", "--plain"])
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(common::said("no interrupted check-in to resume"));
}

#[test]
fn plain_mode_in_a_real_terminal() {
    let env = Env::new();
    let socket = format!("selfcheck-plain-{}", std::process::id());
    let rc = env.tmp.path().join("rc");
    let script = format!(
        "env TZ=UTC SELFCHECK_DATA_DIR='{}' '{}' checkin --plain > /dev/null; echo $? > '{}'; sleep 600",
        env.data().display(),
        assert_cmd::cargo::cargo_bin("selfcheck").display(),
        rc.display()
    );
    let started = Command::new("tmux")
        .args([
            "-L",
            &socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "40",
        ])
        .arg(script)
        .status()
        .expect("tmux is needed (apt-get install tmux; ./.ci/run does)");
    assert!(started.success());
    let screen = || {
        let out = Command::new("tmux")
            .args(["-L", &socket, "capture-pane", "-p"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let wait_for = |text: &str| {
        let start = Instant::now();
        while !screen().contains(text) {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "no {text:?} on:\n{}",
                screen()
            );
            sleep(Duration::from_millis(50));
        }
    };
    let send = |line: &str| {
        Command::new("tmux")
            .args(["-L", &socket, "send-keys", "-t", "0", "-l", line])
            .status()
            .unwrap();
        Command::new("tmux")
            .args(["-L", &socket, "send-keys", "-t", "0", "Enter"])
            .status()
            .unwrap();
    };
    wait_for("Type a number from 0 to 10:");
    send("twelve");
    wait_for("\"twelve\" is not one of the answers here.");
    for line in CALM.lines() {
        send(line);
    }
    wait_for("Press Enter (or type save)");
    send("");
    let start = Instant::now();
    let code = loop {
        if let Ok(t) = std::fs::read_to_string(&rc) {
            if let Ok(c) = t.trim().parse::<i32>() {
                break c;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "did not finish:\n{}",
            screen()
        );
        sleep(Duration::from_millis(50));
    };
    let _ = Command::new("tmux")
        .args(["-L", &socket, "kill-server"])
        .status();
    assert_eq!(code, 0);
    assert_eq!(env.checkin_files().len(), 1);
}

#[test]
fn a_checkin_from_an_answers_file_keeps_an_interrupted_draft() {
    let env = Env::new();
    env.cmd()
        .args(["checkin", "--plain"])
        .write_stdin("4\n")
        .assert()
        .code(130);
    env.checkin(&common::quiet_week(), None);
    assert!(
        env.data().join("draft.json").exists(),
        "the interrupted check-in's draft must stay"
    );
    env.cmd()
        .arg("doctor")
        .assert()
        .success()
        .stdout(common::said("draft"));
}

#[test]
fn plain_mode_lists_its_words_and_takes_any_unambiguous_start() {
    let env = Env::new();
    let (code, text) = said(
        &env,
        "0\nmost\nn\nseveral days\nsev\nnot\nmore\nnot at all\nn\n7\n3\n6\n4\nno\n\n",
    );
    assert_eq!(code, 0, "{text}");
    for expected in [
        "Type a number from 1 to 4, or the words (never, some days, most days, every day; the start is enough):",
        "or the words (not at all, several days, more than half the days, nearly every day; the start is enough):",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    assert_eq!(answer_of(&env, "pain_frequency_3m"), json!("most_days"));
    assert_eq!(answer_of(&env, "pain_limits_3m"), json!("never"));
    assert_eq!(answer_of(&env, "phq_interest"), json!(1));
    assert_eq!(answer_of(&env, "phq_mood"), json!(1));
    assert_eq!(answer_of(&env, "gad_nervous"), json!(0));
    assert_eq!(answer_of(&env, "gad_worry"), json!(2));
    assert_eq!(answer_of(&env, "any_use_7d"), json!(false));
    // A start shared by two answers ("n" on the 0-3 items: not at all, nearly every day)
    // is asked again, never guessed.
    let other = Env::new();
    other
        .cmd()
        .args(["checkin", "--plain"])
        .write_stdin("0\nsome\nnever\nn\n")
        .assert()
        .code(130)
        .stderr(common::said("\"n\" is not one of the answers here"));
    assert!(other.checkin_files().is_empty());
}

#[test]
fn plain_mode_offers_an_unfinished_checkin_and_not_now_keeps_it() {
    let env = Env::new();
    // Two answers, then the end of input: a draft.
    env.cmd()
        .args(["checkin", "--plain"])
        .write_stdin("3\n2\n")
        .assert()
        .code(130);
    assert!(env.data().join("draft.json").exists());
    // Offered again: 3 is "Not now", which keeps it and exits 0.
    env.cmd()
        .args(["checkin", "--plain"])
        .write_stdin("3\n")
        .assert()
        .success()
        .stderr(common::said("did not finish it"))
        .stderr(common::said("Your unfinished check-in is kept"));
    // 1 continues it at its third question.
    env.cmd()
        .args(["checkin", "--plain"])
        .write_stdin("1\n2\n2\nmost\nsome\n1\n1\n0\n0\n0\nno\n7\n3\n6\n4\nno\n\n")
        .assert()
        .success();
    assert_eq!(answer_of(&env, "peg_pain"), json!(3));
    assert_eq!(answer_of(&env, "peg_enjoyment"), json!(2));
    assert_eq!(answer_of(&env, "pain_frequency_3m"), json!("most_days"));
    assert_eq!(answer_of(&env, "pain_limits_3m"), json!("some_days"));
}

#[test]
fn the_count_says_why_it_changes() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["checkin", "--plain"])
        .write_stdin("5\n5\n5\n5\nsome days\nsome days\n2\n2\n0\n0\n0\n1\n")
        .output()
        .unwrap();
    let err = common::flat(&String::from_utf8_lossy(&out.stderr));
    assert!(
        err.contains("question 1 of 24 (more if answers call for follow-ups)"),
        "{err}"
    );
    // The PHQ-9's other items and its difficulty question.
    let phq = common::items::phq9_more().len() + 1;
    assert!(
        err.contains(&format!(
            "question 9 of {} (more if answers call for follow-ups) Your answers to PHQ-2 (interest, mood) add {phq} follow-up questions: questions 12 to {}. There are now {} in all.",
            24 + phq,
            11 + phq,
            24 + phq
        )),
        "{err}"
    );
    // The first follow-up says what it follows (here in the set's own words).
    assert!(
        err.contains("question 12 of")
            && err.contains("Because your answers met the PHQ-2 cut-off"),
        "{err}"
    );
}
