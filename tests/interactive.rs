//! The interactive check-in in a real pseudo-terminal (tmux): answer every question, change
//! one answer on the review screen, save, and see it in `summary`; stop half-way and find
//! nothing saved and the terminal restored.
//!
//! Needs tmux (`.ci/run` installs it). Without tmux these tests fail; they never skip.

use crate::common;

use std::process::Command;

use common::pty::Session;
use common::{flat, tmux, Env};
use serde_json::json;

#[test]
fn answer_everything_change_one_answer_on_review_and_save() {
    let env = Env::new();
    let s = Session::start(&env, "full");
    s.wait_for("It takes a few minutes");
    s.wait_for("not a diagnosis");
    s.answer("Start the check-in", 0);
    // No pain this week: the three follow-ups are skipped and the count drops to 20.
    s.answer("Pain · question 1 of 24", 0);
    s.answer("Pain · question 2 of 21", 2); // pain most days over 3 months
    s.answer("question 3 of 21", 1); // limits some days
    s.wait_for("Over the last 2 weeks, how often have you been bothered");
    s.answer("question 4 of 21", 1); // interest: several days
    s.answer("question 5 of 21", 1); // mood: several days
    s.answer("question 6 of 21", 0);
    s.answer("question 7 of 21", 0);
    s.wait_for("no one is notified");
    s.answer("question 8 of 21", 0); // self-harm item: not at all
    s.answer("question 9 of 21", 0); // no use: the follow-ups are skipped
    s.answer("question 10 of 15", 6); // sleep quality
    s.answer("question 11 of 15", 3); // active days
    s.answer("question 12 of 15", 7); // connection
    s.wait_for("10  Extreme stress");
    s.answer("question 13 of 15", 4); // stress
    s.answer("question 14 of 15", 0); // cycle concern: no
    s.wait_for("question 15 of 15");
    s.type_text("ask about the knee");
    s.keys(&["Enter"]);

    // Review: every answer is listed; change the stress answer (13 rows below "Save").
    s.wait_for("Review your answers");
    s.wait_for("Overall stress (past week): 4 of 10");
    s.wait_for("Note to bring up with a clinician: ask about the knee");
    s.answer("Save this check-in", 13);
    s.wait_for("changing your answer");
    s.answer(
        "In the past week, how would you rate your overall stress?",
        4,
    ); // 4 -> 8
    s.wait_for("Overall stress (past week): 8 of 10");
    // Changing pain from 0 opens its follow-ups.
    s.answer("Save this check-in", 1);
    s.answer("changing your answer", 3); // pain 0 -> 3
    s.answer("a follow-up question after your change", 2); // enjoyment
    s.answer("a follow-up question after your change", 2); // activity
    s.answer("how much did pain interfere with your sleep", 6); // sleep interference 6
    s.wait_for("Pain interfered with sleep: 6 of 10");
    s.answer("Save this check-in", 0);
    assert_eq!(s.exit_code(), 0);

    let stdout = std::fs::read_to_string(env.tmp.path().join("stdout")).unwrap();
    assert!(stdout.contains("Pain affects sleep"), "{stdout}");
    let answer = |id: &str| env.latest_answer(id);
    assert_eq!(answer("stress"), json!(8));
    assert_eq!(answer("peg_pain"), json!(3));
    assert_eq!(answer("pain_sleep"), json!(6));
    assert_eq!(answer("note"), json!("ask about the knee"));
    assert_eq!(answer("relief_use_days"), json!(null));
    let flags = env.flag_ids();
    assert!(
        flags.contains(&"pain_affects_sleep".to_string()),
        "{flags:?}"
    );
    assert_eq!(env.checkin_files().len(), 1);
    assert!(s.cursor_visible());
}

#[test]
fn ctrl_c_half_way_saves_nothing_and_restores_the_terminal() {
    let env = Env::new();
    let s = Session::start(&env, "ctrlc");
    s.answer("Start the check-in", 0);
    s.answer("question 1 of 24", 4);
    s.answer("question 2 of 24", 4);
    s.wait_for("question 3 of 24");
    s.keys(&["C-c"]);
    assert_eq!(s.exit_code(), 130);
    s.wait_for("Nothing was saved as a check-in");
    assert!(
        env.checkin_files().is_empty(),
        "a stopped check-in must save no check-in"
    );
    assert!(s.cursor_visible(), "the cursor must be visible again");
    let stty = std::fs::read_to_string(env.tmp.path().join("stty-ctrlc")).unwrap();
    assert!(
        stty.contains(" echo ") && stty.contains(" icanon"),
        "echo must be back on: {stty}"
    );
    // The answers so far are a draft (0600), not a check-in: history does not show it.
    let draft: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.data().join("draft.json")).unwrap()).unwrap();
    assert_eq!(draft["answers"]["peg_pain"], json!(4));
    assert_eq!(draft["answers"]["peg_enjoyment"], json!(4));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(env.data().join("draft.json"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    env.cmd()
        .arg("history")
        .assert()
        .success()
        .stdout(predicates::str::contains("No check-ins yet"));
    drop(s);

    // Resume: the two answers are kept, the check-in goes straight on at question 3 (no
    // welcome, no "Ready?").
    let r = Session::start_with(&env, "resume", "checkin --resume");
    r.wait_for("question 3 of 24");
    assert!(!r.screen().contains("Ready?"), "{}", r.screen());
    r.answer("question 3 of 24", 1); // activity
    r.answer("question 4 of 24", 2); // sleep
    r.answer("question 5 of 24", 1); // pain some days in 3 months: the limits item follows
    for n in 6..=12 {
        r.answer(&format!("question {n} of 24"), 0);
    }
    for n in 13..=18 {
        r.answer(&format!("question {n} of 18"), 0);
    }
    r.wait_for("Review your answers");
    r.wait_for("Pain on average (past week): 4 of 10");
    r.answer("Save this check-in", 0);
    assert_eq!(r.exit_code(), 0);
    assert_eq!(env.checkin_files().len(), 1);
    assert!(
        !env.data().join("draft.json").exists(),
        "the draft is removed once saved"
    );
    let value = |id: &str| env.latest_answer(id);
    assert_eq!(
        (
            value("peg_pain"),
            value("peg_enjoyment"),
            value("peg_activity")
        ),
        (json!(4), json!(4), json!(1))
    );
}

#[test]
fn a_closed_terminal_saves_nothing() {
    let env = Env::new();
    let s = Session::start(&env, "hup");
    s.answer("Start the check-in", 0);
    s.answer("question 1 of 24", 4);
    s.wait_for("question 2 of 24");
    // SIGHUP, as when the terminal window is closed.
    let pane_pid = tmux(&s.socket, &["display", "-p", "#{pane_pid}"]);
    let found = Command::new("pgrep")
        .args(["-P", pane_pid.trim(), "selfcheck"])
        .output()
        .unwrap();
    let pid = String::from_utf8_lossy(&found.stdout).trim().to_string();
    assert!(!pid.is_empty(), "selfcheck is not running under the pane");
    assert!(Command::new("kill")
        .args(["-HUP", &pid])
        .status()
        .unwrap()
        .success());
    let code = s.exit_code();
    assert_ne!(code, 0, "a hung-up check-in must not report success");
    assert!(env.checkin_files().is_empty(), "no check-in may be saved");
    assert!(s.cursor_visible(), "the cursor must be visible again");
}

#[test]
fn esc_stops_and_saves_nothing_even_on_the_review_screen() {
    let env = Env::new();
    let s = Session::start(&env, "esc");
    s.answer("Start the check-in", 0);
    s.answer("question 1 of 24", 0);
    s.answer("question 2 of 21", 1); // pain some days in 3 months
    for n in 3..=9 {
        s.answer(&format!("question {n} of 21"), 0);
    }
    for n in 10..=15 {
        s.answer(&format!("question {n} of 15"), 0);
    }
    s.wait_for("Review your answers");
    // The Enter after the last answer, pressed once more: the review asks, nothing is saved.
    s.keys(&["Enter"]);
    s.wait_for("choose one first");
    assert!(
        env.checkin_files().is_empty(),
        "a second Enter must not save"
    );
    s.keys(&["Escape"]);
    assert_eq!(s.exit_code(), 130);
    s.wait_for("Nothing was saved as a check-in");
    assert!(env.checkin_files().is_empty());
    assert!(s.cursor_visible());
}

#[test]
fn not_now_an_unfinished_checkin_and_esc_while_changing_an_answer() {
    let env = Env::new();
    // "Not now": exit 0, a goodbye, no draft.
    let s = Session::start(&env, "notnow");
    s.answer("Start the check-in", 1);
    assert_eq!(s.exit_code(), 0);
    s.wait_for("Not now, then: nothing was saved.");
    assert!(!env.data().join("draft.json").exists());
    drop(s);

    // Two answers, then Ctrl-C: a draft.
    let s = Session::start(&env, "half");
    s.answer("Start the check-in", 0);
    s.answer("question 1 of 24", 4);
    s.answer("question 2 of 24", 4);
    s.wait_for("question 3 of 24");
    s.keys(&["C-c"]);
    assert_eq!(s.exit_code(), 130);
    drop(s);

    // A new check-in offers it; "Start over" asks again, and "No" continues it.
    let s = Session::start(&env, "offer");
    s.wait_for("did not finish it");
    s.answer("Continue it", 1);
    s.wait_for("Discard the answers of the unfinished check-in?");
    s.answer("No, continue it", 0);
    s.wait_for("question 3 of 24");
    s.keys(&["C-c"]);
    assert_eq!(s.exit_code(), 130);
    let draft = || -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(env.data().join("draft.json")).unwrap()).unwrap()
    };
    assert_eq!(draft()["answers"]["peg_pain"], json!(4), "kept");
    drop(s);

    // Start over, confirmed: the old answers go; the new check-in starts at question 1.
    let s = Session::start(&env, "over");
    s.answer("Continue it", 1);
    s.answer("No, continue it", 1);
    s.answer("question 1 of 24", 0);
    s.answer("question 2 of 21", 1); // pain some days in 3 months
    for n in 3..=9 {
        s.answer(&format!("question {n} of 21"), 0);
    }
    for n in 10..=15 {
        s.answer(&format!("question {n} of 15"), 0);
    }
    // Esc while changing an answer goes back to the review, the answer unchanged.
    s.answer("Save this check-in", 1);
    s.wait_for("changing your answer");
    s.keys(&["Escape"]);
    s.wait_for("Review your answers");
    s.answer("Save this check-in", 0);
    assert_eq!(s.exit_code(), 0);
    assert_eq!(env.latest_answer("peg_pain"), json!(0));
    assert_eq!(env.checkin_files().len(), 1);
    drop(s);

    // A second check-in the same week is told about the first, and can go on.
    let s = Session::start(&env, "again");
    s.wait_for("You already checked in on");
    s.answer("Start the check-in", 0);
    s.wait_for("question 1 of 24");
    s.keys(&["Escape"]);
    assert_eq!(s.exit_code(), 130);
}

#[test]
fn the_crisis_lines_follow_the_self_harm_answer_then_the_checkin_goes_on() {
    let env = Env::new();
    let s = Session::start(&env, "crisis");
    s.answer("Start the check-in", 0);
    s.answer("Pain · question 1 of 24", 0);
    s.answer("question 2 of 21", 1); // pain some days in 3 months
    for n in 3..=7 {
        s.answer(&format!("question {n} of 21"), 0);
    }
    s.answer("question 8 of 21", 1); // self-harm item: several days
                                     // The lines come at once, before the next question, and then the check-in goes on.
    s.wait_for("IF YOU NEED HELP NOW");
    assert!(!s.screen().contains("question 9 of 21"), "{}", s.screen());
    s.answer("Go on with the check-in", 0);
    s.answer("question 9 of 21", 0);
    for n in 10..=14 {
        s.answer(&format!("question {n} of 15"), 0);
    }
    s.wait_for("question 15 of 15");
    s.keys(&["Enter"]);
    s.answer("Save this check-in", 0);
    assert_eq!(s.exit_code(), 0);
    assert_eq!(env.latest_answer("phq_selfharm"), json!(1));
    // The result shows them again first, and the summary at the very end.
    let stdout = std::fs::read_to_string(env.tmp.path().join("stdout")).unwrap();
    assert!(
        stdout.starts_with("\nIF YOU NEED HELP NOW") || stdout.starts_with("IF YOU NEED HELP NOW"),
        "{stdout}"
    );
}

#[test]
fn plain_mode_in_a_terminal_lists_its_words_and_takes_their_start() {
    let env = Env::new();
    let s = Session::start_with(&env, "plainwords", "checkin --plain");
    let line = |text: &str| {
        s.type_text(text);
        s.keys(&["Enter"]);
    };
    s.wait_for("Type a number from 0 to 10:");
    line("0"); // no pain: its follow-ups are skipped
               // The words are listed, the prompt wrapped to the terminal.
    s.wait_for("or the words (never, some days, most days, every day;");
    line("most");
    line("n"); // never: the only answer starting with n
    s.wait_for("or the words (not at all, several days,");
    line("several days");
    line("sev");
    line("not");
    line("more");
    line("not at all");
    line("y"); // used something: yes
    line("no"); // not everything prescribed
    line("2"); // days
    line("no");
    line("n");
    line("n");
    line("ibuprofen");
    for n in ["7", "3", "6", "4"] {
        line(n);
    }
    line("yes"); // cycle concern
    line(""); // no note
    s.wait_for("Press Enter (or type save)");
    line("");
    assert_eq!(s.exit_code(), 0);
    let answer = |id: &str| env.latest_answer(id);
    assert_eq!(answer("pain_frequency_3m"), json!("most_days"));
    assert_eq!(answer("pain_limits_3m"), json!("never"));
    assert_eq!(answer("phq_interest"), json!(1));
    assert_eq!(answer("phq_mood"), json!(1));
    assert_eq!(answer("gad_nervous"), json!(0));
    assert_eq!(answer("gad_worry"), json!(2));
    assert_eq!(answer("use_prescribed_only"), json!(false));
    assert_eq!(answer("phq_selfharm"), json!(0));
    assert_eq!(answer("any_use_7d"), json!(true));
    assert_eq!(answer("relief_use_days"), json!(2));
    assert_eq!(answer("relief_what"), json!("ibuprofen"));
    assert_eq!(answer("cycle_concern"), json!(true));
}

#[test]
fn the_journal_offers_its_days_and_the_answer_stays_the_persons() {
    let env = Env::new();
    let today = chrono::Utc::now().date_naive(); // the binary runs with TZ=UTC
    for days_ago in [0, 2] {
        let date = (today - chrono::Duration::days(days_ago)).to_string();
        env.cmd()
            .args([
                "log", "kratom", "3g", "--for", "pain", "--date", &date, "--time", "00:00",
            ])
            .assert()
            .success();
    }
    let s = Session::start(&env, "offer-journal");
    s.answer("Start the check-in", 0);
    s.answer("Pain · question 1 of 24", 0);
    s.answer("question 2 of 21", 1);
    for n in 3..=8 {
        s.answer(&format!("question {n} of 21"), 0);
    }
    s.answer("question 9 of 21", 1); // used something: yes
    s.answer("question 10 of 21", 0); // not everything prescribed
                                      // The journal's days are shown as a suggestion, not pre-selected:
                                      // the person moves to 2.
    s.wait_for("Your journal,");
    s.wait_for("That is 2 days: a suggestion");
    s.answer("question 11 of 21", 2);
    for n in 12..=14 {
        s.answer(&format!("question {n} of 21"), 0);
    }
    s.wait_for("question 15 of 21");
    s.keys(&["Enter"]);
    for n in 16..=20 {
        s.answer(&format!("question {n} of 21"), 0);
    }
    s.wait_for("question 21 of 21");
    s.keys(&["Enter"]);
    s.answer("Save this check-in", 0);
    assert_eq!(s.exit_code(), 0);
    assert_eq!(env.latest_answer("relief_use_days"), json!(2));
    let file = &env.checkin_files()[0];
    let record: serde_json::Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    assert_eq!(record["offered"], json!({"relief_use_days": 2}));
}

#[test]
fn log_delete_of_a_day_lists_its_entries_to_choose_from() {
    let env = Env::new();
    for (name, time) in [("kratom", "00:00"), ("wine", "00:01")] {
        env.cmd()
            .args(["log", name, "--time", time])
            .assert()
            .success();
    }
    let today = chrono::Utc::now().date_naive().to_string(); // the binary runs with TZ=UTC
    let s = Session::start_with(&env, "delete-day", &format!("log delete {today}"));
    s.wait_for(&format!("Which entry of {today}?"));
    s.wait_for("None of these");
    // The second: wine. A key sent before the list reads keys can be dropped: move until
    // the cursor is on it.
    for _ in 0..50 {
        let screen = s.screen();
        if screen.contains("❯ 00:01 wine") {
            break;
        }
        s.keys(&[if screen.contains("❯ None") {
            "Up"
        } else {
            "Down"
        }]);
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    s.wait_for("❯ 00:01 wine");
    s.keys(&["Enter"]);
    s.wait_for("Move the entry wine of");
    s.keys(&["y"]);
    assert_eq!(s.exit_code(), 0);
    let left = env.json(&["log", "list"]);
    let names: Vec<&str> = left["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["kratom"]);
}

/// A scale starts with nothing chosen: a second Enter meant for the screen before asks for a
/// choice and stores nothing; a typed number chooses its answer (1 then 0 for 10), and Home,
/// End and the arrows move. Yes/no questions start with nothing chosen too.
#[test]
fn nothing_is_chosen_for_the_person_and_numbers_choose() {
    let env = Env::new();
    let s = Session::start(&env, "untouched");
    s.answer("Start the check-in", 0);
    s.wait_for("question 1 of 24");
    assert!(
        s.untouched(),
        "the pain scale must start with nothing chosen"
    );
    // The double Enter: nothing is answered, the question stays and says why.
    s.keys(&["Enter"]);
    s.wait_for("choose one first");
    assert!(s.screen().contains("question 1 of 24"));
    assert!(
        !env.data().join("draft.json").exists(),
        "nothing may be stored"
    );
    // 1 then 0 is 10.
    s.keys(&["1", "0", "Enter"]);
    s.wait_for("question 2 of 24");
    let draft: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.data().join("draft.json")).unwrap()).unwrap();
    assert_eq!(draft["answers"]["peg_pain"], json!(10), "{draft}");
    // A single digit chooses it; End then Home end on the first answer.
    s.answer("question 2 of 24", 2); // interference with enjoyment: 2
    s.wait_for("question 3 of");
    s.keys(&["7", "Enter"]);
    s.wait_for("question 4 of");
    s.keys(&["End", "Home", "Enter"]);
    s.wait_for("question 5 of");
    let draft: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.data().join("draft.json")).unwrap()).unwrap();
    let answers = &draft["answers"];
    let given: Vec<i64> = answers
        .as_object()
        .unwrap()
        .values()
        .filter_map(serde_json::Value::as_i64)
        .collect();
    assert!(given.contains(&7) && given.contains(&0), "{draft}");
    s.keys(&["Escape"]);
    assert_eq!(s.exit_code(), 130);
}

#[test]
fn the_checkin_fits_every_terminal_from_40_by_20() {
    for (cols, rows) in [(100u16, 30u16), (80, 24), (60, 24), (40, 20)] {
        let env = Env::new();
        // A check-in already saved today: the welcome says so.
        env.checkin(&common::quiet_week(), None);
        let name = format!("fit{cols}");
        let s = Session::sized(&env, &name, "checkin", (cols, rows));
        s.wait_for("Start the check-in");
        let welcome = s.screen();
        if cols >= 60 {
            assert!(
                welcome.contains("Weekly self-check") && welcome.contains("You already checked in"),
                "{cols}x{rows}: the welcome's title and note must be on screen:\n{welcome}"
            );
        }
        // A double Enter on a fresh scale answers nothing; a typed digit does.
        s.answer("Start the check-in", 0);
        s.wait_for("question 1 of 24");
        assert!(
            s.untouched(),
            "{cols}x{rows}: nothing chosen:\n{}",
            s.screen()
        );
        s.keys(&["Enter"]);
        s.wait_for("choose one first");
        s.keys(&["6", "Enter"]);
        s.wait_for("question 2 of 24");
        s.keys(&["Escape"]);
        assert_eq!(s.exit_code(), 130);
        drop(s);
        let draft: serde_json::Value =
            serde_json::from_slice(&std::fs::read(env.data().join("draft.json")).unwrap()).unwrap();
        assert_eq!(draft["answers"], json!({"peg_pain": 6}), "{cols}x{rows}");

        // A long check-in (the PHQ-9 and GAD-7 follow-ups) resumed at its last question,
        // then the review, page by page.
        let mut answers = common::items::follow_ups(&common::week_with(json!({
            "peg_pain": 7, "phq_interest": 2, "phq_mood": 2, "gad_nervous": 2, "gad_worry": 2,
            "relief_what": "kratom most evenings and ibuprofen in the morning before work",
        })));
        answers.as_object_mut().unwrap().remove("note");
        let record: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&env.checkin_files()[0]).unwrap()).unwrap();
        let draft = json!({
            "questionnaire": record["questionnaire"],
            "started_at": chrono::Utc::now().to_rfc3339(),
            "answers": answers,
        });
        std::fs::write(env.data().join("draft.json"), draft.to_string()).unwrap();
        let r = Session::sized(
            &env,
            &format!("review{cols}"),
            "checkin --resume",
            (cols, rows),
        );
        r.wait_for("Your answer");
        assert!(!r.screen().contains("Ready?"), "--resume skips the welcome");
        r.keys(&["Enter"]); // the note, left empty
        r.wait_for("Review your answers");
        // The header is drawn first: wait for the whole screen, not a half-drawn one.
        r.wait_for("Choose an");
        let mut seen = String::new();
        for _ in 0..40 {
            let screen = r.screen();
            assert!(
                screen.contains("Review your answers")
                    && flat(&screen).contains("Choose an answer to change it"),
                "{cols}x{rows}: the review's instructions must stay on screen:\n{screen}"
            );
            for line in screen.lines() {
                assert!(
                    !line.contains('…')
                        || line.contains("more below")
                        || line.contains("more above"),
                    "{cols}x{rows}: nothing is cut: {line:?}"
                );
            }
            seen.push_str(&flat(&screen));
            seen.push(' ');
            if screen.contains("Stop for now (your answers are kept") {
                break;
            }
            r.keys(&["PageDown"]);
            std::thread::sleep(std::time::Duration::from_millis(150));
        }
        let q = common::items::builtin();
        for (id, _) in answers.as_object().unwrap() {
            let label = &q.item(id).unwrap().label;
            assert!(
                seen.contains(&flat(label)),
                "{cols}x{rows}: {label:?} must be shown whole: {seen}"
            );
        }
        for whole in [
            "Pain on average (past week): 7 of 10",
            "kratom most evenings and ibuprofen in the morning before work",
        ] {
            assert!(seen.contains(whole), "{cols}x{rows}: {whole:?} in {seen}");
        }
    }
}
