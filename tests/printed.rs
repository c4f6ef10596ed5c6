//! The appointment summary: Markdown and HTML snapshots for a fixed history, `--out`
//! safety, escaping of the person's words, and the page printed by a real browser.
//!
//! The browser test needs Debian's `chromium`, `poppler-utils` and `fonts-dejavu-core`
//! (`.ci/run` installs them); without them it fails, it never skips.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use common::{twelve_weeks, Env};
use predicates::prelude::*;

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
        .stderr(predicate::str::contains("readable only by you"));
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
        .stderr(
            predicate::str::contains("already exists").and(predicate::str::contains("--force")),
        );
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

#[test]
fn twelve_weeks_print_on_two_pages_with_flags_and_disclaimer() {
    for tool in ["chromium", "pdfinfo", "pdftotext"] {
        need(tool);
    }
    let env = Env::new();
    twelve_weeks(&env);
    let page = env.tmp.path().join("visit.html");
    let pdf = env.tmp.path().join("visit.pdf");
    env.cmd()
        .env("SOURCE_DATE_EPOCH", MADE)
        .args([
            "summary",
            "--last",
            "12",
            "--format",
            "html",
            "--name",
            "Sam Example",
            "--out",
        ])
        .arg(&page)
        .assert()
        .success();
    // The page sets no paper size (the browser's choice applies): print it on both.
    let html = std::fs::read_to_string(&page).unwrap();
    for size in ["A4", "letter"] {
        let sized = env.tmp.path().join(format!("visit-{size}.html"));
        std::fs::write(
            &sized,
            html.replacen("<style>", &format!("<style>@page {{ size: {size}; }}"), 1),
        )
        .unwrap();
        let profile = env.tmp.path().join(format!("chromium-profile-{size}"));
        let status = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-pdf-header-footer",
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
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .map(|n| n.trim().parse().unwrap())
            .expect("page count");
        assert!(
            pages <= 2,
            "12 weeks must fit on 2 {size} pages, got {pages}"
        );
        assert!(
            info.to_lowercase().contains(&size.to_lowercase()),
            "not printed on {size}: {info}"
        );
    }
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "Self-reported answers from a weekly self-check. Not a diagnosis",
        "Low mood or loss of interest at or above the PHQ-2 cut-off",
        "Frequent pain that affects sleep",
        "Used something to take the edge off on most days",
        "Sam Example",
        "What I want to talk about",
        "No check-in in the weeks of 2026-10-05",
    ] {
        assert!(
            text.contains(expected),
            "the PDF lacks {expected:?}:\n{text}"
        );
    }
}
