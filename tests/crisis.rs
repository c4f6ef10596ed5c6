//! Crisis lines that nothing can hide: a bad or unknown config value, an unreadable config
//! file, a failing `--out`, `-q`, `history`, and the locale's region, each with the
//! self-harm item above "Not at all".

use crate::common;

use common::{week_with, Env};
use predicates::prelude::*;
use serde_json::json;

const TITLE: &str = "IF YOU NEED HELP NOW";

fn urgent() -> serde_json::Value {
    week_with(json!({"phq_selfharm": 3}))
}

fn write_config(env: &Env, text: &str) {
    std::fs::create_dir_all(env.config()).unwrap();
    std::fs::write(env.config().join("config.json"), text).unwrap();
}

/// `summary` with these locale variables, its wrap indents folded.
fn summary_in(env: &Env, vars: &[(&str, &str)]) -> String {
    let mut cmd = env.cmd();
    cmd.envs(vars.iter().copied()).arg("summary");
    unwrapped(&cmd.output().unwrap().stdout)
}

/// Output with the wrap indents folded, so a phrase can be found whatever the width.
fn unwrapped(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace("\n  ", " ")
}

#[test]
fn an_unknown_region_saves_the_checkin_and_shows_every_line() {
    let env = Env::new();
    write_config(&env, r#"{"crisis_region": "Eire"}"#);
    let out = env.answers_output(&urgent());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = unwrapped(&out.stdout);
    assert!(
        text.starts_with(&format!("\n{TITLE}")),
        "crisis lines first:\n{text}"
    );
    for line in [
        "988",
        "9-8-8",
        "Samaritans 116 123",
        "50808",
        "13 11 14",
        "1737",
    ] {
        assert!(text.contains(line), "{line} missing:\n{text}");
    }
    let err = common::flat(&String::from_utf8_lossy(&out.stderr));
    assert!(
        err.contains("\"crisis_region\": \"Eire\" is not a known region"),
        "{err}"
    );
    assert_eq!(env.checkin_files().len(), 1, "the check-in was saved");
    // Every later summary works too.
    env.cmd()
        .arg("summary")
        .assert()
        .success()
        .stdout(common::said(TITLE));
}

#[test]
fn ireland_and_every_region_name_their_emergency_number() {
    let env = Env::new();
    env.checkin(&urgent(), None);
    write_config(&env, r#"{"crisis_region": "IE"}"#);
    let text = unwrapped(&env.stdout(&["summary"]));
    // 50808 is a text service of its own, not Samaritans': named apart.
    assert!(
        text.contains("Ireland: Samaritans 116 123 (free, any time); or text 50808 (a free text service of its own, any time); emergency 112 or 999."),
        "{text}"
    );
    assert!(!text.contains("988"), "{text}");
    write_config(&env, r#"{"crisis_region": "UK"}"#);
    let text = unwrapped(&env.stdout(&["summary"]));
    assert!(
        text.contains("United Kingdom: Samaritans 116 123 (free, any time); or text SHOUT to 85258 (Shout, free, any time); emergency 999"),
        "{text}"
    );
    write_config(&env, r#"{"crisis_region": "all"}"#);
    let text = unwrapped(&env.stdout(&["summary"]));
    for (region, emergency) in [
        ("United States", "emergency 911"),
        ("Canada", "emergency 911"),
        ("United Kingdom", "emergency 999"),
        ("Ireland", "emergency 112 or 999"),
        ("Australia", "emergency 000"),
        ("New Zealand", "emergency 111"),
    ] {
        let line = text
            .lines()
            .find(|l| l.contains(&format!("{region}:")))
            .unwrap_or_else(|| panic!("no line for {region}:\n{text}"));
        assert!(line.contains(emergency), "{line}");
    }
    assert!(text.contains("findahelpline.com"));
}

#[test]
fn an_unreadable_or_broken_config_file_never_hides_the_lines() {
    let env = Env::new();
    // A folder where the file should be cannot be read.
    std::fs::create_dir_all(env.config().join("config.json")).unwrap();
    env.cmd()
        .args(["checkin", "--answers", "-"])
        .write_stdin(urgent().to_string())
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!("\n{TITLE}")))
        .stderr(common::said("could not be read"));
    std::fs::remove_dir(env.config().join("config.json")).unwrap();
    write_config(&env, "{\"crisis_region\": ");
    for args in [
        &["summary"][..],
        &["summary", "--format", "markdown"],
        &["history", "show", "latest"],
    ] {
        let mut cmd = env.cmd();
        cmd.args(args);
        if args[0] == "history" {
            let id = env.summary_json()["latest"]["id"]
                .as_str()
                .unwrap()
                .to_string();
            cmd = env.cmd();
            cmd.args(["history", "show", &id]);
        }
        cmd.assert()
            .success()
            .stdout(common::said("If you need help now").or(common::said(TITLE)))
            .stderr(common::said("not valid JSON"));
    }
}

#[test]
fn a_failing_out_file_still_shows_the_lines_first() {
    let env = Env::new();
    env.checkin(&urgent(), None);
    let target = env.tmp.path().join("no such folder/visit.html");
    env.cmd()
        .args(["summary", "--format", "html", "--out"])
        .arg(&target)
        .assert()
        .code(1)
        .stderr(
            common::said("If you need help now: If you are in danger").and(common::said("988")),
        );
    // Written fine, they are on the terminal too.
    let fine = env.tmp.path().join("visit.html");
    env.cmd()
        .args(["-q", "summary", "--format", "html", "--out"])
        .arg(&fine)
        .assert()
        .success()
        .stderr(common::said("If you need help now"));
}

#[test]
fn quiet_keeps_the_one_line_resource_and_history_adds_it() {
    let env = Env::new();
    // Low mood brings the one-line version only.
    env.cmd()
        .args(["-q", "checkin", "--answers", "-"])
        .write_stdin(
            common::follow_ups(&week_with(json!({"phq_interest": 2, "phq_mood": 2}))).to_string(),
        )
        .assert()
        .success()
        .stdout(common::said("If things feel too much"))
        .stdout(common::said(TITLE).not());
    env.cmd()
        .args(["history"])
        .assert()
        .success()
        .stdout(common::said("If things feel too much").not());
    env.checkin(&urgent(), Some("2026-11-02"));
    for args in [&["history"][..], &["-q", "history"]] {
        env.cmd()
            .args(args)
            .assert()
            .success()
            .stdout(common::said("Self-harm thoughts"))
            .stdout(common::said("If things feel too much"));
    }
    let list = env.json(&["history"]);
    assert!(
        list["crisis_line"].as_str().unwrap().contains("988"),
        "{list}"
    );
}

#[test]
fn the_locale_chooses_the_region_when_none_is_set() {
    let env = Env::new();
    env.checkin(&urgent(), None);
    let text = summary_in(&env, &[("LANG", "en_AU.UTF-8")]);
    assert!(text.contains("Australia: Lifeline 13 11 14"), "{text}");
    assert!(!text.contains("988"), "{text}");
    // LC_ALL wins over LANG; en_GB is the UK.
    let text = summary_in(&env, &[("LANG", "en_AU.UTF-8"), ("LC_ALL", "en_GB.UTF-8")]);
    assert!(text.contains("United Kingdom: Samaritans"), "{text}");
    assert!(!text.contains("Lifeline"), "{text}");
    // A territory with no lines of its own: every region's, and findahelpline.com.
    let text = summary_in(&env, &[("LANG", "de_DE.UTF-8")]);
    assert!(text.contains("988") && text.contains("1737") && text.contains("findahelpline.com"));
    env.cmd()
        .env("LANG", "en_NZ.UTF-8")
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(common::said(
            "crisis_region:   NZ (New Zealand, from the locale (LANG=en_NZ.UTF-8))",
        ));
    env.cmd()
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(common::said("crisis_region:   all (every region's lines"));
}

#[test]
fn the_lines_follow_the_self_harm_answer_during_a_checkin() {
    let env = Env::new();
    // --plain, piped: the 8th answer is the self-harm item, at "More than half the days".
    let input = "0\nsome days\n1\n0\n1\n1\n0\n2\nno\n7\n3\n6\n4\nno\n\n";
    let out = env
        .cmd()
        .args(["checkin", "--plain"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let asked = String::from_utf8_lossy(&out.stderr);
    let question = asked.find("better off dead").expect("self-harm question");
    let lines = asked.find(TITLE).expect("crisis lines during the check-in");
    let next = asked.find("pain medicine").expect("next section");
    assert!(question < lines && lines < next, "{asked}");
    assert_eq!(asked.matches(TITLE).count(), 1, "shown once: {asked}");
    // A calm answer shows nothing.
    let calm = "0\nsome days\n1\n0\n1\n1\n0\n0\nno\n7\n3\n6\n4\nno\n\n";
    env.cmd()
        .args(["checkin", "--plain"])
        .write_stdin(calm)
        .assert()
        .success()
        .stderr(common::said(TITLE).not());
}

#[test]
fn a_resumed_checkin_shows_the_lines_before_its_next_question() {
    let env = Env::new();
    // Stop after the self-harm answer (8th), then resume.
    env.cmd()
        .args(["checkin", "--plain"])
        .write_stdin("0\nsome days\n1\n0\n1\n1\n0\n2\n")
        .assert()
        .code(130);
    let out = env
        .cmd()
        .args(["checkin", "--plain", "--resume"])
        .write_stdin("no\n7\n3\n6\n4\nno\n\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let asked = String::from_utf8_lossy(&out.stderr);
    let lines = asked.find(TITLE).expect("crisis lines on resuming");
    let next = asked.find("pain medicine").expect("the next question");
    assert!(lines < next, "{asked}");
}

#[test]
fn after_an_answer_of_2_or_3_the_next_step_is_the_crisis_lines_not_a_page() {
    for (answer, to_lines) in [(3, true), (2, true), (1, false)] {
        let env = Env::new();
        let out = env.answers_output(&common::follow_ups(&week_with(
            json!({"phq_selfharm": answer}),
        )));
        assert!(out.status.success());
        let text = unwrapped(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let next = &text[text.find("Next:").expect("a Next line")..];
        assert_eq!(
            next.starts_with("Next: please use the crisis lines above now"),
            to_lines,
            "{answer}: {next}"
        );
        assert_eq!(next.contains("visit.html"), !to_lines, "{answer}: {next}");
        // The crisis block is shown once, first.
        assert_eq!(text.matches(TITLE).count(), 1, "{text}");
        assert!(text.find(TITLE) < text.find("Next:"), "{text}");
    }
}

#[test]
fn each_regions_crisis_line_is_in_every_format() {
    let env = Env::new();
    env.checkin(&urgent(), None);
    for (region, line) in [
        ("US", "United States: call or text 988 (Suicide & Crisis Lifeline); emergency 911."),
        ("CA", "Canada: call or text 9-8-8 (Suicide Crisis Helpline); emergency 911."),
        ("UK", "United Kingdom: Samaritans 116 123 (free, any time); or text SHOUT to 85258 (Shout, free, any time); emergency 999; NHS 111 for urgent help that is not an emergency."),
        ("IE", "Ireland: Samaritans 116 123 (free, any time); or text 50808 (a free text service of its own, any time); emergency 112 or 999."),
        ("AU", "Australia: Lifeline 13 11 14; emergency 000."),
        ("NZ", "New Zealand: call or text 1737; emergency 111."),
    ] {
        write_config(&env, &format!(r#"{{"crisis_region": "{region}"}}"#));
        let flat = |args: &[&str]| {
            String::from_utf8_lossy(&env.stdout(args))
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let text = flat(&["summary"]);
        assert!(text.contains(line), "{region} text:\n{text}");
        let md = flat(&["summary", "--format", "markdown"]);
        assert!(
            md.contains(&line.replace('&', "\\&")),
            "{region} Markdown:\n{md}"
        );
        let html = flat(&["summary", "--format", "html"]);
        assert!(html.contains(&line.replace('&', "&amp;")), "{region} HTML");
        let json = flat(&["summary", "--format", "json"]);
        assert!(json.contains(line), "{region} JSON");
    }
}
