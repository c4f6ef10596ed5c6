//! The README and docs/ say what is true: every `selfcheck …` command line they show parses
//! (`--help` appended succeeds, so every subcommand, flag and value in it is real), and every
//! relative link points at a file of the project.

use crate::common;

use std::path::{Path, PathBuf};

use common::Env;

fn documents() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = vec![root.join("README.md"), root.join("questions/README.md")];
    let mut more: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("a docs/ folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    more.sort();
    docs.extend(more);
    docs
}

/// The command lines a document shows: code-block lines and inline code starting with
/// `selfcheck `, cut at a comment, a pipe, `||`, `&&`, `;` or a redirection.
fn command_lines(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        let mut candidates: Vec<&str> = Vec::new();
        if in_block {
            candidates.push(line.trim());
        } else {
            candidates.extend(line.split('`').skip(1).step_by(2));
        }
        for c in candidates {
            // `0 9 * * 1  selfcheck status …` (a crontab line) and `echo … || selfcheck …`
            for part in c.split("||").flat_map(|p| p.split("&&")) {
                let Some(at) = part.find("selfcheck ") else {
                    continue;
                };
                let before = &part[..at];
                if !(before.trim().is_empty()
                    || before.trim_end().ends_with('*')
                    || before.ends_with("| "))
                {
                    continue;
                }
                let mut cmd = &part[at..];
                for stop in [" #", " |", " ;", " <", " >", ")"] {
                    if let Some(i) = cmd.find(stop) {
                        cmd = &cmd[..i];
                    }
                }
                found.push(cmd.trim().to_string());
            }
        }
    }
    found
}

/// Words of a shell command line, with '…' and "…" quotes.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            (None, c) => word.push(c),
        }
    }
    if any || !word.is_empty() {
        words.push(word);
    }
    words
}

#[test]
fn every_command_line_shown_parses_and_every_link_resolves() {
    let env = Env::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).unwrap();
        let name = doc.file_name().unwrap().to_string_lossy().into_owned();
        for line in command_lines(&text) {
            let words = shell_words(&line);
            // A placeholder ("selfcheck log NAME [AMOUNT]", "show|delete") is not a command.
            if words
                .iter()
                .any(|w| w.contains('[') || w.contains('|') || w.contains('…') || w == "...")
            {
                continue;
            }
            checked += 1;
            let out = env
                .std_cmd()
                .args(&words[1..])
                .arg("--help")
                .output()
                .unwrap();
            if !out.status.success() {
                problems.push(format!(
                    "{name}: `{line}` does not parse: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ));
            }
        }
        let dir = doc.parent().unwrap();
        for target in text.split("](").skip(1).filter_map(|t| t.split(')').next()) {
            if target.starts_with("http")
                || target.starts_with('#')
                || target.starts_with("mailto:")
            {
                continue;
            }
            let file = target.split('#').next().unwrap();
            if !dir.join(file).exists() {
                problems.push(format!("{name}: the link to {target} goes nowhere"));
            }
        }
    }
    assert!(checked > 40, "only {checked} command lines found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_readme_is_short_and_links_every_document_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(
        lines <= 200,
        "README.md has {lines} lines; the rest belongs in docs/"
    );
    for doc in documents().iter().skip(2) {
        let link = format!("(docs/{})", doc.file_name().unwrap().to_string_lossy());
        assert_eq!(
            readme.matches(&link).count(),
            1,
            "README.md links {link} once"
        );
    }
    for promise in [
        "not a diagnosis",
        "never leave your computer",
        "If you need help now",
        "./.ci/run",
    ] {
        assert!(readme.contains(promise), "README.md says {promise:?}");
    }
}
