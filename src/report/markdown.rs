//! `summary --format markdown`: the appointment report as Markdown that still reads as
//! plain text when a patient portal strips the formatting (short lines, plain symbols).

use super::content;
use super::Report;
use crate::summary::Summary;

/// Markdown.
pub struct Markdown;

/// Escapes text so it cannot become Markdown or HTML: the person's words stay words.
/// Every escaped text follows a prefix ("- ", "1. ", "| "), so only characters that act
/// mid-line are escaped, and a portal that strips formatting shows few backslashes.
pub(super) fn escape(text: &str) -> String {
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
        let title = content::title(s);
        if let Some(message) = &s.message {
            ln!(
                o,
                "# {}\n\n{}\n\n{}",
                escape(title),
                escape(message),
                escape(&s.disclaimer)
            );
            return o.into_bytes();
        }
        ln!(o, "# {}: {}\n", escape(title), content::range(s));
        if let Some(name) = &s.person {
            ln!(o, "Name: {}  ", escape(name));
        }
        let (coverage, missed) = content::coverage(s);
        ln!(o, "Covers: {coverage}  ");
        if let Some(missed) = missed {
            ln!(o, "{missed}  ");
        }
        if let Some(made) = &s.made {
            ln!(o, "Made: {made}  ");
        }
        ln!(o, "**{}**\n", escape(&s.disclaimer));

        if let Some(crisis) = &s.crisis {
            ln!(o, "## {}\n", escape(&crisis.title));
            if let Some(message) = &crisis.message {
                ln!(o, "{}\n", escape(message));
            }
            for line in &crisis.lines {
                ln!(o, "- {}", escape(line));
            }
            ln!(o);
        }

        if !s.concerns.is_empty() {
            ln!(o, "## What I want to talk about\n");
            for (i, c) in s.concerns.iter().enumerate() {
                let when = c.date.map(|d| format!(" ({d})")).unwrap_or_default();
                ln!(o, "{}. {}{when}", i + 1, escape(&c.text));
            }
            ln!(o);
        }

        super::glance::markdown(&mut o, s);
        ln!(o, "## Flagged\n");
        if s.flags.is_empty() {
            ln!(o, "Nothing this tool checks was flagged in this period.\n");
        } else {
            for f in &s.flags {
                ln!(
                    o,
                    "- **{}{}**: {}",
                    mark(f),
                    escape(&f.title),
                    escape(&f.when_short)
                );
            }
            ln!(
                o,
                "\nWhy each appeared (the answers, the rule and its source) is at the end.\n"
            );
        }

        let rows = content::snapshot(s);
        if !rows.is_empty() {
            ln!(o, "## Snapshot\n");
            ln!(
                o,
                "| Measure | First | Latest | Lowest | Highest | Change |"
            );
            ln!(o, "|---|---|---|---|---|---|");
            for r in rows {
                ln!(
                    o,
                    "| {} ({}) | {} |",
                    escape(r.title),
                    escape(r.direction),
                    r.cells().join(" | ")
                );
            }
            ln!(o);
            for band in content::bands(s) {
                ln!(o, "{}\n", escape(&band));
            }
            ln!(o, "## Week by week\n");
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
                ln!(o, "- {}: {}", escape(&t.title), values.join(", "));
            }
            ln!(o, "\n(– = no check-in that week.)\n");
        }

        if !s.pattern.is_empty() || !s.pattern_texts.is_empty() {
            ln!(o, "## Pain medicines, alcohol and other substances\n");
            for p in &s.pattern {
                ln!(
                    o,
                    "- {}: yes in {} of {}{}",
                    escape(&p.label),
                    p.yes_dates.len(),
                    p.asked,
                    content::pattern_when(p)
                );
            }
            for (text, dates) in content::grouped_texts(&s.pattern_texts) {
                ln!(o, "- What was used: {} ({dates})", escape(&text));
            }
            ln!(o);
        }
        if let Some(j) = s.journal.as_ref().filter(|j| !j.substances.is_empty()) {
            ln!(o, "## {}\n", escape(&super::journal::heading(j)));
            for l in &j.substances {
                ln!(o, "- {}", escape(&super::journal::substance_line(l)));
            }
            if let Some(note) = super::journal::left_out(j) {
                ln!(o, "\n{}", escape(&note));
            }
            ln!(o);
        }

        if !s.notes.is_empty() {
            ln!(o, "## Notes\n");
            for n in &s.notes {
                ln!(
                    o,
                    "- {}: {}",
                    n.date.map(|d| d.to_string()).unwrap_or_default(),
                    escape(&n.text)
                );
            }
            ln!(o);
        }

        ln!(o, "## Every check-in\n");
        let heads: Vec<String> = content::table_columns(s)
            .iter()
            .map(|(_, c)| escape(&c.heading))
            .collect();
        ln!(o, "| Date | {} | Flags |", heads.join(" | "));
        ln!(o, "|---|{}---|", "---|".repeat(heads.len()));
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
            ln!(
                o,
                "| {} | {} | {} |",
                c.date,
                cells.join(" | "),
                escape(&flags)
            );
        }
        ln!(o);

        if !s.flags.is_empty() {
            ln!(o, "## Why each flag appeared\n");
            for f in &s.flags {
                ln!(o, "### {}{}\n", mark(f), escape(&f.title));
                ln!(
                    o,
                    "- {}",
                    escape(&content::when_flagged(f, s.period.checkins))
                );
                if let Some(e) = content::latest_evidence(f) {
                    ln!(o, "- {}", escape(&e));
                }
                ln!(o, "- Rule ({}): {}", content::rule_kind(f), escape(&f.rule));
                ln!(o, "- Source: {}\n", escape(&f.source));
            }
        }

        ln!(o, "## About these numbers\n");
        for line in &s.scoring {
            ln!(o, "- {}", escape(line));
        }
        ln!(
            o,
            "- {}\"This tool's own rule\" marks rules that are not published cut-offs.",
            escape(&content::persistence(s))
        );
        ln!(o, "\nSources:\n");
        for src in &s.sources {
            ln!(
                o,
                "- {}: {}",
                escape(&src.instrument),
                escape(&src.citation)
            );
        }
        for credit in content::credits(s) {
            ln!(o, "\n{}", escape(credit));
        }
        ln!(o, "\n{}\n", escape(&s.disclaimer));
        if let Some(short) = &s.crisis_short {
            ln!(o, "{}\n", escape(short));
        }
        o.into_bytes()
    }
}
