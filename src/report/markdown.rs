//! `summary --format markdown`: the appointment report as Markdown that still reads as
//! plain text when a patient portal strips the formatting (short lines, plain symbols).

use std::fmt::Write as _;

use super::content;
use super::Report;
use crate::summary::Summary;

/// Markdown.
pub struct Markdown;

/// Escapes text so it cannot become Markdown or HTML: the person's words stay words.
/// Every escaped text follows a prefix ("- ", "1. ", "| "), so only characters that act
/// mid-line are escaped, and a portal that strips formatting shows few backslashes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A flag's marker in words.
fn mark(f: &crate::summary::FlagLine) -> &'static str {
    match f.severity {
        crate::questionnaire::Severity::Urgent => "URGENT: ",
        crate::questionnaire::Severity::Info => "For information: ",
        crate::questionnaire::Severity::Flag => "",
    }
}

impl Report for Markdown {
    fn render(&self, s: &Summary) -> Vec<u8> {
        let mut o = String::new();
        let title = s
            .questionnaire
            .as_ref()
            .map(|q| q.title.as_str())
            .unwrap_or("selfcheck");
        if let Some(message) = &s.message {
            let _ = writeln!(
                o,
                "# {}\n\n{}\n\n{}",
                escape(title),
                escape(message),
                escape(&s.disclaimer)
            );
            return o.into_bytes();
        }
        let _ = writeln!(o, "# {}: {}\n", escape(title), content::range(s));
        if let Some(name) = &s.person {
            let _ = writeln!(o, "Name: {}  ", escape(name));
        }
        let (coverage, missed) = content::coverage(s);
        let _ = writeln!(o, "Covers: {coverage}  ");
        if let Some(missed) = missed {
            let _ = writeln!(o, "{missed}  ");
        }
        if let Some(made) = &s.made {
            let _ = writeln!(o, "Made: {made}  ");
        }
        let _ = writeln!(o, "**{}**\n", escape(&s.disclaimer));

        if let Some(crisis) = &s.crisis {
            let _ = writeln!(o, "## {}\n", escape(&crisis.title));
            if let Some(message) = &crisis.message {
                let _ = writeln!(o, "{}\n", escape(message));
            }
            for line in &crisis.lines {
                let _ = writeln!(o, "- {}", escape(line));
            }
            let _ = writeln!(o);
        }

        if !s.concerns.is_empty() {
            let _ = writeln!(o, "## What I want to talk about\n");
            for (i, c) in s.concerns.iter().enumerate() {
                let when = c.date.map(|d| format!(" ({d})")).unwrap_or_default();
                let _ = writeln!(o, "{}. {}{when}", i + 1, escape(&c.text));
            }
            let _ = writeln!(o);
        }

        super::glance::markdown(&mut o, s);
        let _ = writeln!(o, "## Flagged\n");
        if s.flags.is_empty() {
            let _ = writeln!(o, "Nothing this tool checks was flagged in this period.\n");
        } else {
            for f in &s.flags {
                let _ = writeln!(
                    o,
                    "- **{}{}**: {}",
                    mark(f),
                    escape(&f.title),
                    escape(&f.when_short)
                );
            }
            let _ = writeln!(
                o,
                "\nWhy each appeared (the answers, the rule and its source) is at the end.\n"
            );
        }

        let rows = content::snapshot(s);
        if !rows.is_empty() {
            let _ = writeln!(o, "## Snapshot\n");
            let _ = writeln!(
                o,
                "| Measure | First | Latest | Lowest | Highest | Change |"
            );
            let _ = writeln!(o, "|---|---|---|---|---|---|");
            for r in rows {
                let _ = writeln!(
                    o,
                    "| {} ({}) | {} |",
                    escape(r.title),
                    escape(r.direction),
                    r.cells().join(" | ")
                );
            }
            let _ = writeln!(o);
            for band in content::bands(s) {
                let _ = writeln!(o, "{}\n", escape(&band));
            }
            let _ = writeln!(o, "## Week by week\n");
            for (_, t) in s.trends.iter().filter(|(_, t)| t.chart) {
                let values: Vec<String> = t
                    .weekly
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        if t.not_asked(i) {
                            "not asked".to_string()
                        } else {
                            content::num(*v, t.decimals)
                        }
                    })
                    .collect();
                let _ = writeln!(o, "- {}: {}", escape(&t.title), values.join(", "));
            }
            let _ = writeln!(o, "\n(– = no check-in that week.)\n");
        }

        if !s.pattern.is_empty() || !s.pattern_texts.is_empty() {
            let _ = writeln!(o, "## Pain medicines, alcohol and other substances\n");
            for p in &s.pattern {
                let _ = writeln!(
                    o,
                    "- {}: yes in {} of {}{}",
                    escape(&p.label),
                    p.yes_dates.len(),
                    p.asked,
                    content::pattern_when(p)
                );
            }
            for (text, dates) in content::grouped_texts(&s.pattern_texts) {
                let _ = writeln!(o, "- What was used: {} ({dates})", escape(&text));
            }
            let _ = writeln!(o);
        }
        if let Some(j) = s.journal.as_ref().filter(|j| !j.substances.is_empty()) {
            let _ = writeln!(o, "## {}\n", escape(&super::journal::heading(j)));
            for l in &j.substances {
                let _ = writeln!(o, "- {}", escape(&super::journal::substance_line(l)));
            }
            if let Some(note) = super::journal::left_out(j) {
                let _ = writeln!(o, "\n{}", escape(&note));
            }
            let _ = writeln!(o);
        }

        if !s.notes.is_empty() {
            let _ = writeln!(o, "## Notes\n");
            for n in &s.notes {
                let _ = writeln!(
                    o,
                    "- {}: {}",
                    n.date.map(|d| d.to_string()).unwrap_or_default(),
                    escape(&n.text)
                );
            }
            let _ = writeln!(o);
        }

        let _ = writeln!(o, "## Every check-in\n");
        let heads: Vec<String> = content::table_columns(s)
            .iter()
            .map(|(_, c)| escape(&c.heading))
            .collect();
        let _ = writeln!(o, "| Date | {} | Flags |", heads.join(" | "));
        let _ = writeln!(o, "|---|{}---|", "---|".repeat(heads.len()));
        for c in &s.checkins {
            let cells = content::cells(s, c);
            let shorts: Vec<&str> = c
                .flags
                .iter()
                .map(|id| {
                    s.flags
                        .iter()
                        .find(|f| &f.id == id)
                        .map_or(id.as_str(), |f| f.short.as_str())
                })
                .collect();
            let flags = if shorts.is_empty() {
                "–".to_string()
            } else {
                shorts.join(", ")
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                c.date,
                cells.join(" | "),
                escape(&flags)
            );
        }
        let _ = writeln!(o);

        if !s.flags.is_empty() {
            let _ = writeln!(o, "## Why each flag appeared\n");
            for f in &s.flags {
                let _ = writeln!(o, "### {}{}\n", mark(f), escape(&f.title));
                let _ = writeln!(
                    o,
                    "- {}",
                    escape(&content::when_flagged(f, s.period.checkins))
                );
                if let Some(e) = content::latest_evidence(f) {
                    let _ = writeln!(o, "- {}", escape(&e));
                }
                let _ = writeln!(o, "- Rule ({}): {}", content::rule_kind(f), escape(&f.rule));
                let _ = writeln!(o, "- Source: {}\n", escape(&f.source));
            }
        }

        let _ = writeln!(o, "## About these numbers\n");
        for line in &s.scoring {
            let _ = writeln!(o, "- {}", escape(line));
        }
        let _ = writeln!(
            o,
            "- {}\"This tool's own rule\" marks rules that are not published cut-offs.",
            escape(&content::persistence(s))
        );
        let _ = writeln!(o, "\nSources:\n");
        for src in &s.sources {
            let _ = writeln!(
                o,
                "- {}: {}",
                escape(&src.instrument),
                escape(&src.citation)
            );
        }
        for credit in content::credits(s) {
            let _ = writeln!(o, "\n{}", escape(credit));
        }
        let _ = writeln!(o, "\n{}\n", escape(&s.disclaimer));
        if let Some(short) = &s.crisis_short {
            let _ = writeln!(o, "{}\n", escape(short));
        }
        o.into_bytes()
    }
}
