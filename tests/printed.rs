//! The appointment summary: Markdown and HTML snapshots for a fixed history, `--out`
//! safety, escaping of the person's words, and the page printed by a real browser.
//!
//! The browser test needs Debian's `chromium`, `poppler-utils` and `fonts-dejavu-core`
//! (`.ci/run` installs them); without them it fails, it never skips.

use crate::common;

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use common::{twelve_weeks, Env};
use predicates::prelude::*;
use serde_json::json;

/// Reports are made "on" 2026-11-23, whatever today is.
const MADE: &str = "1795392000";

fn report(env: &Env, format: &str, extra: &[&str]) -> String {
    let out = env
        .cmd()
        .env("SOURCE_DATE_EPOCH", MADE)
        .args(["summary", "--last", "12", "--format", format])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn markdown_snapshot() {
    let env = Env::new();
    twelve_weeks(&env);
    insta::assert_snapshot!(
        "markdown_12_weeks",
        report(&env, "markdown", &["--name", "Sam Example"])
    );
}

#[test]
fn html_snapshot() {
    let env = Env::new();
    twelve_weeks(&env);
    insta::assert_snapshot!(
        "html_12_weeks",
        report(
            &env,
            "html",
            &["--name", "Sam Example", "--concern", "Knee pain at night"]
        )
    );
}

#[test]
fn the_persons_words_are_escaped_everywhere() {
    let env = Env::new();
    twelve_weeks(&env);
    let html = report(
        &env,
        "html",
        &[
            "--name",
            "<b>Sam</b>",
            "--concern",
            "<script>alert(1)</script>",
        ],
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;Sam&lt;/b&gt;"));
    assert!(html.contains("Knee &lt;worse&gt; after stairs &amp; &quot;long&quot; walks"));
    assert!(!html.contains("<script"), "no script of any kind");
    let md = report(
        &env,
        "markdown",
        &["--concern", "**bold** [link](http://x) <b>"],
    );
    assert!(
        md.contains("\\*\\*bold\\*\\* \\[link\\](http://x) \\<b\\>"),
        "{md}"
    );
    assert!(
        md.contains("Knee \\<worse\\> after stairs \\& \"long\" walks"),
        "{md}"
    );
}

/// The "What I want to talk about" section of a Markdown report.
fn concerns_section(md: &str) -> &str {
    md.split("## What I want to talk about")
        .nth(1)
        .and_then(|rest| rest.split("##").next())
        .expect("a What I want to talk about section")
}

#[test]
fn concerns_are_the_persons_words_never_the_flags() {
    let env = Env::new();
    twelve_weeks(&env);
    let md = report(&env, "markdown", &[]);
    let section = concerns_section(&md);
    assert!(section.contains("Knee"), "{section}");
    assert!(section.contains("Sleep is bad"), "{section}");
    assert!(
        !section.contains("cut-off") && !section.contains("Flag"),
        "{section}"
    );
    let md = report(
        &env,
        "markdown",
        &[
            "--concern",
            "one",
            "--concern",
            "two",
            "--concern",
            "three",
            "--concern",
            "four",
        ],
    );
    let section = concerns_section(&md);
    assert!(
        section.contains("3. three") && !section.contains("four"),
        "at most 3: {section}"
    );
}

#[test]
fn out_writes_a_private_file_and_never_replaces_one_without_force() {
    let env = Env::new();
    twelve_weeks(&env);
    let path = env.tmp.path().join("visit.html");
    env.cmd()
        .args(["summary", "--last", "12", "--format", "html", "--out"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::is_empty())
        .stderr(common::said("readable only by you"));
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    std::fs::write(&path, "mine").unwrap();
    env.cmd()
        .args(["summary", "--format", "markdown", "--out"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(common::said("already exists").and(common::said("--force")));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    env.cmd()
        .args(["summary", "--format", "markdown", "--force", "--out"])
        .arg(&path)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .starts_with("# Weekly self-check"));
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // `-` is standard output.
    env.cmd()
        .args(["summary", "--format", "html", "--out", "-"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("<!DOCTYPE html>"));
    let leftovers: Vec<_> = common::list(env.tmp.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_page_loads_nothing_from_outside() {
    let env = Env::new();
    twelve_weeks(&env);
    let html = report(&env, "html", &[]);
    assert!(html.contains(
        "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""
    ));
    for needle in [
        "<script", "<link", "<img", "<iframe", "<object", "@import", "url(http", "src=", "href=",
    ] {
        assert!(!html.contains(needle), "the page contains {needle:?}");
    }
    // The only url( references are to patterns inside the page itself.
    for (i, _) in html.match_indices("url(") {
        assert!(
            html[i..].starts_with("url(#"),
            "external reference at {}",
            &html[i..i + 30]
        );
    }
}

fn need(tool: &str) {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .unwrap();
    assert!(
        found.status.success(),
        "{tool} is needed to print the page (apt-get install chromium poppler-utils fonts-dejavu-core; ./.ci/run does)"
    );
}

/// Prints `html` with headless Chromium on `size` paper, with the browser's default header
/// and footer (the page's zero margin must keep them, and any file path, off the paper);
/// returns the page count, the text of page 1 and the whole text (words single-spaced).
fn print(env: &Env, html: &str, size: &str) -> (usize, String, String) {
    for tool in ["chromium", "pdfinfo", "pdftotext"] {
        need(tool);
    }
    let sized = env.tmp.path().join(format!("visit-{size}.html"));
    std::fs::write(
        &sized,
        html.replacen("<style>", &format!("<style>@page {{ size: {size}; }}"), 1),
    )
    .unwrap();
    let pdf = env.tmp.path().join(format!("visit-{size}.pdf"));
    let profile = env.tmp.path().join(format!("chromium-profile-{size}"));
    let status = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", sized.display()))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.to_lowercase().contains(&size.to_lowercase()),
        "not printed on {size}: {info}"
    );
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .expect("page count");
    let text = |first: bool| {
        let mut cmd = Command::new("pdftotext");
        if first {
            cmd.args(["-f", "1", "-l", "1"]);
        }
        let out = cmd.arg(&pdf).arg("-").output().unwrap();
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    (pages, text(true), text(false))
}

fn page_of(env: &Env, args: &[&str]) -> String {
    let page = env.tmp.path().join("visit.html");
    let _ = std::fs::remove_file(&page);
    env.cmd()
        .env("SOURCE_DATE_EPOCH", MADE)
        .args([
            "summary",
            "--format",
            "html",
            "--name",
            "Sam Example",
            "--out",
        ])
        .arg(&page)
        .args(args)
        .assert()
        .success();
    std::fs::read_to_string(&page).unwrap()
}

/// What page 1 always holds: the person's words, the flags, the snapshot and the charts that
/// tell the story.
const FRONT: [&str; 8] = [
    "What I want to talk about",
    "Flagged",
    "Snapshot",
    "The main measures, week by week",
    "PEG pain score",
    "Days took the edge off",
    "PHQ-2 (interest, mood)",
    "GAD-2 (nerves, worry)",
];

/// No flag or item id of the built-in set reaches paper.
fn no_raw_ids(text: &str) {
    let q: serde_json::Value =
        serde_json::from_str(include_str!("../questions/weekly.json")).unwrap();
    for list in ["flags", "trend_flags", "items"] {
        for f in q[list].as_array().unwrap() {
            let id = f["id"].as_str().unwrap();
            if id.contains('_') {
                assert!(!text.contains(id), "a raw id {id} on paper:\n{text}");
            }
        }
    }
    assert!(!text.contains("file:"), "a file path on paper:\n{text}");
}

#[test]
fn twelve_weeks_print_on_two_pages_with_a_front_sheet_first() {
    let env = Env::new();
    twelve_weeks(&env);
    let html = page_of(&env, &["--last", "12"]);
    for size in ["A4", "letter"] {
        let (pages, first, text) = print(&env, &html, size);
        assert!(
            pages <= 2,
            "12 weeks must fit on 2 {size} pages, got {pages}"
        );
        for expected in FRONT {
            assert!(
                first.contains(expected),
                "page 1 lacks {expected:?}:\n{first}"
            );
        }
        no_raw_ids(&text);
        for expected in [
            "Self-reported answers from a weekly self-check. Not a diagnosis",
            "Low mood or loss of interest at or above the PHQ-2 cut-off",
            "Frequent pain that affects sleep",
            "Used something beyond as directed to take the edge off, most days",
            "Sam Example",
            "No check-in in the weeks of 2026-10-05",
            "Why each flag appeared",
        ] {
            assert!(
                text.contains(expected),
                "the PDF lacks {expected:?}:\n{text}"
            );
        }
    }
}

#[test]
fn a_heavy_twelve_weeks_prints_on_three_pages_and_one_checkin_on_one() {
    let env = Env::new();
    let start = chrono::NaiveDate::from_ymd_opt(2026, 8, 31).unwrap();
    let long = "The pain in my lower back wakes me most nights and I take more kratom than I used to, sometimes twice a day, and a glass or two of wine to sleep; I worry about what that is doing and would like to talk about other ways to manage the pain and the sleep. ";
    for i in 0..12u64 {
        let week = common::week_with(json!({
            "peg_pain": 3 + (i * 7 / 11), "peg_enjoyment": 3 + i / 2, "peg_activity": 3 + i / 2,
            "pain_sleep": 6 + i / 4, "pain_frequency_3m": "every_day", "pain_limits_3m": "some_days",
            "phq_interest": 2 + i / 6, "phq_mood": 2, "gad_nervous": 2, "gad_worry": 2,
            "phq_selfharm": if i == 11 { 1 } else { 0 },
            "relief_use_days": i.min(7), "use_more_than_meant": true, "use_tolerance": i > 5,
            "relief_what": "kratom 3 g twice a day, wine", "cycle_concern": false,
            "sleep_quality": 2, "stress": 8,
            "note": if i % 3 == 2 { json!(format!("{long}{i}")) } else { json!(null) },
        }));
        let date = start + chrono::Duration::days(7 * i as i64);
        env.checkin(&week, Some(&date.to_string()));
    }
    let flags = env.summary_json()["flags"].as_array().unwrap().len();
    let html = page_of(&env, &["--last", "12"]);
    let period: serde_json::Value = env.json(&["summary", "--last", "12"]);
    let n = period["flags"].as_array().unwrap().len();
    assert!(
        n >= 10,
        "a heavy period has 10 flags or more, got {n} ({flags} in the latest)"
    );
    for size in ["A4", "letter"] {
        let (pages, first, text) = print(&env, &html, size);
        assert!(
            pages <= 3,
            "a heavy 12 weeks must fit on 3 {size} pages, got {pages}"
        );
        assert!(
            first.contains("IF YOU NEED HELP NOW")
                || first.to_lowercase().contains("if you need help now"),
            "{first}"
        );
        // The front sheet holds, even here, the person's words (long ones cut to two
        // lines), the flags, the snapshot and the charts that tell the story.
        let more = [
            "in full with the notes",
            "URGENT: Thoughts of self",
            "(the latest)",
            // One line per situation with flags, in the guidance's order.
            "Pain",
            "Relying on something",
            "Mood and nerves",
        ];
        for expected in FRONT.iter().chain(&more) {
            assert!(
                first.contains(expected),
                "page 1 of {size} lacks {expected:?}:\n{first}"
            );
        }
        // A note cut short on the front is printed whole with the notes.
        let whole = format!(
            "{} 11",
            long.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        assert!(text.contains(&whole), "the whole note is missing:\n{text}");
        no_raw_ids(&text);
    }
    // One check-in: one page, and its measures in words rather than empty charts.
    let one = Env::new();
    one.checkin(&common::quiet_week(), Some("2026-11-16"));
    let html = page_of(&one, &["--last", "12"]);
    assert!(!html.contains("<svg"), "no chart of a single point");
    assert!(!html.contains("yes in 0 of 0"));
    for size in ["A4", "letter"] {
        let (pages, _, text) = print(&one, &html, size);
        assert_eq!(pages, 1, "one check-in on one {size} page");
        assert!(
            text.contains("A chart needs two weeks with a value"),
            "{text}"
        );
        no_raw_ids(&text);
    }
}

#[test]
fn the_page_passes_axe_and_html_validate() {
    need("node");
    let web = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/web");
    assert!(
        std::path::Path::new(web)
            .join("node_modules/axe-core")
            .exists(),
        "the page checks are not installed: run ./.ci/run (it runs `npm ci` in {web})"
    );
    let env = Env::new();
    twelve_weeks(&env);
    let pages = [
        ("twelve weeks", page_of(&env, &["--last", "12"])),
        ("the latest", page_of(&env, &[])),
        ("nothing yet", page_of(&Env::new(), &[])),
    ];
    for (what, html) in pages {
        let file = env.tmp.path().join("checked.html");
        std::fs::write(&file, html).unwrap();
        let out = Command::new("node")
            .arg(format!("{web}/check.mjs"))
            .arg(&file)
            .output()
            .unwrap();
        let says = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{what}: the page fails the web's checks:\n{says}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(says.contains("0 problem(s)"), "{says}");
    }
}

/// Words with every run of white space as one space (a wrapped line read as one).
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_flag_of_the_first_weeks_only_says_when_it_last_appeared_in_every_format() {
    let env = Env::new();
    let dates: Vec<String> = (0..6).map(|i| common::days_ago(7 * (5 - i) + 1)).collect();
    for (i, date) in dates.iter().enumerate() {
        let answers = if i < 3 {
            common::week_with(json!({"phq_interest": 3}))
        } else {
            common::quiet_week()
        };
        env.checkin(&answers, Some(date));
    }
    let third = chrono::NaiveDate::parse_from_str(&dates[2], "%Y-%m-%d").unwrap();
    let long = format!("last on {}, not since", third.format("%-d %b %Y"));
    let text = flat(&String::from_utf8_lossy(
        &env.stdout(&["summary", "--last", "6"]),
    ));
    assert!(
        text.contains(&format!(
            "When: in 3 of the 6 check-ins of this period, {long}"
        )),
        "{text}"
    );
    let md = flat(&String::from_utf8_lossy(
        &env.stdout(&["summary", "--last", "6", "--format", "markdown"]),
    ));
    assert!(md.contains(&format!("3 of 6 check-ins, {long}")), "{md}");
    // Page 1 of the printed page, as the browser prints it.
    let html = page_of(&env, &["--last", "6"]);
    let (_, first, _) = print(&env, &html, "A4");
    assert!(first.contains(&long), "{first}");
    assert!(!first.contains("new in the latest"), "{first}");
}

#[test]
fn the_printed_crisis_box_carries_the_graded_message_of_a_single_checkin() {
    let env = Env::new();
    env.checkin(
        &common::week_with(json!({"phq_selfharm": 3})),
        Some(&common::days_ago(1)),
    );
    let html = page_of(&env, &[]);
    let start = html
        .find("<section class=\"crisis\"")
        .expect("a crisis box");
    let crisis = &html[start..start + html[start..].find("</section>").unwrap()];
    assert!(crisis.contains("Nearly every day"), "{crisis}");
    assert!(crisis.contains("today"), "{crisis}");
    for size in ["A4", "letter"] {
        let (pages, first, text) = print(&env, &html, size);
        assert_eq!(pages, 1, "one check-in on one {size} page:\n{text}");
        assert!(
            first.contains("Please contact a crisis line or a clinician today"),
            "{first}"
        );
    }
}
