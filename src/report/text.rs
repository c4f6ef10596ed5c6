//! Summaries as plain text for the terminal: calm, ordered, readable without colour.

use super::Report;
use crate::base::text::{safe, width, wrap, wrap_hanging};
use crate::questionnaire::Severity;
use crate::summary::{EvidenceKind, FlagLine, Scope, ScoreLine, Summary};

/// Plain text.
pub struct Text {
    /// Draw sparklines with block characters (otherwise digits 1-8).
    pub unicode: bool,
}

impl Text {
    /// Block characters only where the terminal's locale can show them.
    pub fn for_terminal() -> Self {
        let utf8 = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                v.contains("utf-8") || v.contains("utf8")
            });
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        Text {
            unicode: utf8 && !dumb,
        }
    }
}

pub(super) fn number(value: Option<f64>, decimals: u8) -> String {
    match value {
        Some(v) => format!("{v:.prec$}", prec = usize::from(decimals)),
        None => "-".to_string(),
    }
}

pub(super) fn line(out: &mut String, text: &str, indent: &str) {
    ln!(out, "{}", wrap(text, indent, width()));
}

/// A line with a hanging indent: `first` before its first line, `rest` before the others.
pub(super) fn hanging(out: &mut String, text: &str, first: &str, rest: &str) {
    ln!(out, "{}", wrap_hanging(text, first, rest, width()));
}

/// "PEG (pain, enjoyment, general activity): 6.0 of 10" and the cut-off in words.
fn score_words(s: &ScoreLine) -> String {
    let value = s.value.as_f64();
    let cutoff = match (s.cutoff, value) {
        (Some(c), Some(v)) if v >= c => {
            format!(", at or above the usual cut-off of {}", number(Some(c), 0))
        }
        (Some(c), Some(_)) => format!(", below the usual cut-off of {}", number(Some(c), 0)),
        _ => String::new(),
    };
    match value {
        Some(v) => format!(
            "{}: {} of {}{cutoff}{}",
            s.title,
            number(Some(v), s.decimals),
            number(Some(s.max), 0),
            s.band
                .as_ref()
                .map(|b| format!("; {b}"))
                .unwrap_or_default()
        ),
        None => format!("{}: not worked out (not every item was answered)", s.title),
    }
}

pub(super) fn scores(out: &mut String, list: &[ScoreLine]) {
    ln!(out, "\n{}", heading("Scores"));
    for score in list {
        hanging(out, &score_words(score), "  ", "      ");
    }
}

/// A heading: bold where colour is on (the words carry the meaning either way).
pub(super) fn heading(text: &str) -> String {
    console::style(text).bold().to_string()
}

/// A flag's marker: words and symbols first, colour only as an extra.
pub(super) fn marker(severity: Severity) -> String {
    match severity {
        Severity::Urgent => console::style("[!!] URGENT:").red().bold().to_string(),
        Severity::Flag => console::style("[!]").yellow().bold().to_string(),
        Severity::Info => "[i] For information:".to_string(),
    }
}

/// A flag in three parts: its title, when (compressed), and why (its latest answers). The
/// rule, its source and the persistence rule are told once, at the end ([`rules`]).
fn flag_block(out: &mut String, f: &FlagLine) {
    hanging(
        out,
        &format!("{} {}", marker(f.severity), f.title),
        "  ",
        "      ",
    );
    hanging(out, &format!("When: {}.", f.when), "      ", "        ");
    let changes = f.evidence.iter().any(|e| e.kind == EvidenceKind::Event);
    let why = if changes {
        "What changed"
    } else if f.from_journal {
        "You logged"
    } else {
        "You answered"
    };
    if !f.why.is_empty() {
        hanging(out, &format!("{why}: {}.", f.why), "      ", "        ");
    }
}

/// "; " and the brief sources, when there are any.
fn cited(sources: &str) -> String {
    if sources.is_empty() {
        String::new()
    } else {
        format!("; {sources}")
    }
}

/// The rules behind the flags shown, their sources and the persistence rule: told once.
fn rules(out: &mut String, s: &Summary) {
    if s.flags.is_empty() {
        return;
    }
    ln!(out, "\n{}", heading("The rules behind these flags"));
    for f in &s.flags {
        let kind = if f.own_rule {
            "this tool's own rule"
        } else {
            "published cut-off"
        };
        hanging(
            out,
            &format!("{}: {} ({kind}{})", f.title, f.rule, cited(&f.source_short)),
            "  ",
            "    ",
        );
    }
    if let Some(rule) = s.flags.iter().find_map(|f| f.persistence_rule.as_ref()) {
        hanging(out, &format!("Persistent means {rule}."), "  ", "    ");
    }
    if !s.sources.is_empty() {
        let list: Vec<String> = s
            .sources
            .iter()
            .map(|src| format!("{}: {}", src.instrument, src.citation))
            .collect();
        hanging(out, &format!("Sources: {}.", list.join("; ")), "  ", "    ");
    }
}

pub(super) fn header(out: &mut String, s: &Summary, title: &str) {
    line(out, title, "");
    line(out, &s.disclaimer, "");
    if let Some(crisis) = &s.crisis {
        ln!(out, "\n{}", crisis.title.to_uppercase());
        if let Some(message) = &crisis.message {
            line(out, message, "  ");
        }
        for l in &crisis.lines {
            line(out, l, "  ");
        }
    }
}

fn flags_and_advice(out: &mut String, s: &Summary, period: bool) {
    if s.flags.is_empty() {
        let when = if period {
            "in this period"
        } else {
            "this time"
        };
        ln!(
            out,
            "\n{}",
            heading(&format!("Flags: none appeared {when}."))
        );
    } else {
        let when = if period { " in this period" } else { "" };
        ln!(
            out,
            "\n{}",
            heading(&format!(
                "Flags: {} appeared{when}, the most important first",
                s.flags.len()
            ))
        );
        for f in &s.flags {
            flag_block(out, f);
        }
    }
    if !s.period_changes.is_empty() {
        ln!(out, "\n{}", heading("Change over the period"));
        for c in &s.period_changes {
            line(out, &format!("{}.", c.text), "  ");
        }
    }
    if !s.changes.is_empty() {
        ln!(out, "\n{}", heading("Changes between check-ins"));
        for c in &s.changes {
            line(out, &format!("{}: {}.", c.title, c.text), "  ");
        }
    }
    ln!(out, "\n{}", heading("Talking to a clinician"));
    line(out, &s.clinician.suggestion, "  ");
    for item in &s.clinician.bring_up {
        hanging(out, &format!("- {item}"), "    ", "      ");
    }
}

fn render_period(s: &Summary, unicode: bool) -> String {
    let mut out = String::new();
    let title = super::content::title(s);
    let (from, to) = (s.period.from, s.period.to);
    let range = match (from, to) {
        (Some(a), Some(b)) if a == b => format!("on {a}"),
        (Some(a), Some(b)) => format!("from {a} to {b}"),
        _ => String::new(),
    };
    let n = s.period.checkins;
    header(
        &mut out,
        s,
        &format!(
            "{title}: summary of {n} check-in{} {range}",
            if n == 1 { "" } else { "s" }
        ),
    );
    let weeks = s.period.weeks;
    let missed = &s.period.missed_weeks;
    ln!(
        out,
        "\nCovers {weeks} week{}; a check-in in {} of them.",
        if weeks == 1 { "" } else { "s" },
        weeks - missed.len()
    );
    if let Some(missed) = super::content::coverage(s).1 {
        line(&mut out, &missed, "");
    }
    super::own_words::concerns(&mut out, s);
    super::glance::text(&mut out, s);

    if !s.trends.is_empty() {
        let gap = if unicode { "·" } else { "." };
        let not_asked = if s.trends.iter().any(|(_, t)| t.chart && t.any_not_asked()) {
            format!(
                "; {} = not asked that week",
                if unicode { "◦" } else { "-" }
            )
        } else {
            String::new()
        };
        ln!(out);
        line(
            &mut out,
            &format!(
                "Trends: one mark per week, on each measure's full range ({gap} = no check-in that week{not_asked})"
            ),
            "",
        );
        for group in [
            crate::questionnaire::TrendGroup::Burden,
            crate::questionnaire::TrendGroup::Wellbeing,
        ] {
            for (_, t) in s.trends.iter().filter(|(_, t)| t.group == group && t.chart) {
                super::text_trends::trend_line(&mut out, t, unicode);
            }
        }
    }
    flags_and_advice(&mut out, s, true);
    super::journal::text_section(&mut out, s);
    super::own_words::used_and_notes(&mut out, s);
    rules(&mut out, s);
    if let Some(short) = &s.crisis_short {
        ln!(out);
        line(&mut out, short, "");
    }
    out
}

fn render_latest(s: &Summary, full_questions: bool) -> String {
    let mut out = String::new();
    let Some(latest) = &s.latest else {
        return out;
    };
    let title = super::content::title(s);
    header(
        &mut out,
        s,
        &format!(
            "{title}: check-in of {}",
            latest.date.format("%A %-d %B %Y (%Y-%m-%d)")
        ),
    );
    if full_questions {
        line(
            &mut out,
            &format!("Id {}; saved {}.", latest.id, latest.recorded_at),
            "",
        );
    }
    super::glance::text(&mut out, s);
    scores(&mut out, &latest.scores);
    flags_and_advice(&mut out, s, false);
    super::journal::text_section(&mut out, s);

    ln!(out, "\n{}", heading("What you answered"));
    let mut section = "";
    for a in &latest.answers {
        if a.section != section {
            section = &a.section;
            ln!(out, "  {section}");
        }
        if full_questions {
            line(&mut out, &a.question, "    ");
            line(&mut out, &format!("-> {}", safe(&a.text)), "       ");
        } else {
            hanging(
                &mut out,
                &format!("{}: {}", a.label, safe(&a.text)),
                "    ",
                "      ",
            );
        }
    }
    rules(&mut out, s);
    if let Some(short) = &s.crisis_short {
        ln!(out);
        line(&mut out, short, "");
    }
    out
}

impl Report for Text {
    fn render(&self, s: &Summary) -> Vec<u8> {
        if let Some(message) = &s.message {
            let mut out = String::new();
            line(&mut out, message, "");
            line(&mut out, &s.disclaimer, "");
            return out.into_bytes();
        }
        match s.scope {
            Scope::Period => render_period(s, self.unicode),
            Scope::Checkin => super::result::render_result(s),
            Scope::Latest => render_latest(s, false),
        }
        .into_bytes()
    }
}

/// One check-in in full, with every question as it was asked (`history show`).
pub fn checkin_text(s: &Summary) -> Vec<u8> {
    render_latest(s, true).into_bytes()
}
