//! The crisis floor: no question set (own, or carried in an import) removes or replaces the
//! crisis lines, and no failure (a full standard output, an answers file refused for another
//! mistake) keeps them from a person who gave a self-harm answer.

use crate::common;

use common::{week_with, Env};
use serde_json::{json, Value};

/// The built-in set's text, as a starting point for a set of one's own.
fn builtin_set() -> Value {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questions/weekly.json"),
    )
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A set that tries to turn the crisis lines off: its safety rule brings none, and its own
/// crisis text holds a made-up number.
fn hostile_set(id: &str) -> Value {
    let mut set = builtin_set();
    set["id"] = json!(id);
    for flag in set["flags"].as_array_mut().unwrap() {
        if flag["id"] == "safety" {
            flag["crisis"] = json!("none");
            flag["message"] = json!("Call 0900-123456 for a paid reading.");
            flag.as_object_mut().unwrap().remove("graded");
        }
    }
    set["crisis"]["lines"] = json!(["Call 0900-123456 now.", "Nobody else can help."]);
    set["crisis"]["regions"] = json!([]);
    set["crisis"]["short"] = json!("Call 0900-123456.");
    set
}

/// The crisis lines every format must carry, and the number no set may bring.
fn assert_floor(text: &str, what: &str) {
    assert!(text.contains("988"), "{what}: no crisis lines:\n{text}");
    assert!(text.contains("116 123"), "{what}: no crisis lines:\n{text}");
    assert!(
        !text.contains("0900"),
        "{what}: the set's own number is shown:\n{text}"
    );
}

#[test]
fn validate_refuses_a_set_that_removes_the_crisis_lines() {
    let env = Env::new();
    // `questions validate` on `set`: refused (exit 1), saying `why`.
    let refused = |name: &str, set: &Value, why: &str| {
        let file = env.file(name, &serde_json::to_string_pretty(set).unwrap());
        let out = env
            .cmd()
            .args(["questions", "validate"])
            .arg(&file)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(why), "{err}");
        file
    };
    refused("hostile.json", &hostile_set("mine"), "speaks to safety");
    refused(
        "hostile2.json",
        &hostile_set("mine"),
        "\"crisis\": \"full\"",
    );
    // A set that asks the self-harm item with no rule for it at all.
    let mut without = builtin_set();
    without["flags"]
        .as_array_mut()
        .unwrap()
        .retain(|f| f["id"] != "safety");
    let set = refused("without.json", &without, "no flag shows the crisis lines");
    // Used for a check-in, it is refused too (nothing saved).
    let out = env
        .cmd()
        .args(["checkin", "--answers", "-", "--questions"])
        .arg(&set)
        .write_stdin(week_with(json!({"phq_selfharm": 3})).to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!env.data().join("checkins").exists());
}

#[test]
fn a_carried_set_in_an_import_shows_the_binarys_lines_and_never_its_own() {
    // An export whose check-in was answered with a hostile set (made by hand, as an
    // attacker would: its digest and reference made to match).
    let env = Env::new();
    env.checkin(
        &common::follow_ups(&week_with(json!({"phq_selfharm": 3}))),
        None,
    );
    let mut export = env.json(&["export"]);
    let version = export["checkins"][0]["questionnaire"]["version"].clone();
    let text = serde_json::to_string_pretty(&hostile_set("carried")).unwrap();
    let digest = selfcheck::questionnaire::digest(text.as_bytes());
    let name = format!("carried-v{version}-{digest}.json");
    export["questionnaires"] = json!({ name: text });
    export["checkins"][0]["questionnaire"] =
        json!({"id": "carried", "version": version, "digest": digest});
    let file = env.file("carried.json", &export.to_string());
    let fresh = Env::new();
    let out = fresh.cmd().arg("import").arg(&file).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for format in ["text", "markdown", "html"] {
        let shown = String::from_utf8(fresh.stdout(&["summary", "--format", format])).unwrap();
        assert_floor(&shown, format);
    }
    let json = fresh.summary_json();
    assert_eq!(json["crisis_resources"], true, "{json}");
    assert_floor(&json.to_string(), "json");
    let history = String::from_utf8(fresh.stdout(&["history"])).unwrap();
    assert!(!history.contains("0900"), "{history}");
}

#[test]
fn an_own_set_may_add_a_line_after_the_binarys_never_replace_them() {
    let env = Env::new();
    let mut set = builtin_set();
    set["id"] = json!("mine");
    set["crisis"]["lines"]
        .as_array_mut()
        .unwrap()
        .push(json!("Our clinic's line: 555-0100, weekdays."));
    let dir = env.config().join("questions");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("mine.json"),
        serde_json::to_string_pretty(&set).unwrap(),
    )
    .unwrap();
    let out = env
        .cmd()
        .args(["checkin", "--set", "mine", "--answers", "-"])
        .write_stdin(common::follow_ups(&week_with(json!({"phq_selfharm": 2}))).to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).replace("\n  ", " ");
    assert!(text.contains("988"), "{text}");
    assert!(
        text.contains("From your question set \"mine\": Our clinic's line: 555-0100"),
        "{text}"
    );
    assert!(
        text.find("988") < text.find("555-0100"),
        "the binary's lines first: {text}"
    );
}

#[test]
fn a_full_standard_output_still_saves_and_shows_the_lines_on_stderr() {
    let env = Env::new();
    use std::io::Write;
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut child = env
        .std_cmd()
        .args(["checkin", "--answers", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(full)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let answers = common::follow_ups(&week_with(json!({"phq_selfharm": 2})));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(answers.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("IF YOU NEED HELP NOW") && err.contains("988"),
        "{err}"
    );
    assert_eq!(
        env.checkin_files().len(),
        1,
        "the check-in was saved: {err}"
    );
}

#[test]
fn an_answers_file_refused_for_another_mistake_still_shows_the_lines() {
    let env = Env::new();
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Duration::days(1)).to_string();
    let answers = common::follow_ups(&week_with(json!({"phq_selfharm": 3})));
    let out = env
        .cmd()
        .args(["checkin", "--answers", "-", "--date", &tomorrow])
        .write_stdin(answers.to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("IF YOU NEED HELP NOW") && text.contains("988"),
        "{text}"
    );
    // A value out of range beside it.
    let mut wrong = answers.clone();
    wrong["peg_pain"] = json!(99);
    let out = env.answers_output(&wrong);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("IF YOU NEED HELP NOW"), "{text}");
    // Without a self-harm answer, no lines.
    let mut calm = common::follow_ups(&week_with(json!({"phq_selfharm": 0})));
    calm["peg_pain"] = json!(99);
    let out = env.answers_output(&calm);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}
