//! `summary` as plain text for the terminal: calm, ordered, no colour needed to read it.

use std::fmt::Write as _;

use super::{wrap, Report};
use crate::questionnaire::Severity;
use crate::summary::{FlagLine, ScoreLine, Summary};

const WIDTH: usize = 78;

/// Plain text.
pub struct Text;

/// Free text from the person may hold anything: show control characters as visible escapes
/// so they cannot move the cursor or change the terminal.
pub fn safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                format!("\\u{{{:x}}}", c as u32)
            } else if c == '\n' {
                " / ".to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn number(value: Option<f64>, decimals: u8) -> String {
    match value {
        Some(v) => format!("{v:.prec$}", prec = usize::from(decimals)),
        None => "-".to_string(),
    }
}

fn score_line(s: &ScoreLine) -> String {
    let range = format!(
        "range {}-{}",
        number(Some(s.min), 0),
        number(Some(s.max), 0)
    );
    let value = s.value.as_f64();
    let cutoff = match (s.cutoff, value) {
        (Some(c), Some(v)) if v >= c => {
            format!("; at or above the usual cut-off of {}", number(Some(c), 0))
        }
        (Some(c), _) => format!("; usual cut-off {}", number(Some(c), 0)),
        _ => String::new(),
    };
    format!(
        "  {:<42} {:>4}   ({range}{cutoff})",
        s.title,
        number(value, s.decimals)
    )
}

fn marker(severity: Severity) -> &'static str {
    match severity {
        Severity::Urgent => "[!!] URGENT:",
        Severity::Flag => "[!]",
        Severity::Info => "[i] For information:",
    }
}

fn flag_block(out: &mut String, f: &FlagLine) {
    let _ = writeln!(
        out,
        "{}",
        wrap(&format!("{} {}", marker(f.severity), f.title), "  ", WIDTH)
    );
    let body = "      ";
    for e in &f.evidence {
        let when = if f.count > 1 || f.evidence.iter().any(|x| x.date != e.date) {
            format!("{}: ", e.date)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{}",
            wrap(
                &format!("You answered: {when}{}: {}", e.label, safe(&e.text)),
                body,
                WIDTH
            )
        );
    }
    let kind = if f.own_rule {
        "this tool's own rule"
    } else {
        "published cut-off"
    };
    let _ = writeln!(
        out,
        "{}",
        wrap(&format!("Rule ({kind}): {}", f.rule), body, WIDTH)
    );
    let _ = writeln!(
        out,
        "{}",
        wrap(&format!("Source: {}", f.source), body, WIDTH)
    );
    if f.persistent {
        let dates: Vec<String> = f.dates.iter().map(|d| d.to_string()).collect();
        let _ = writeln!(
            out,
            "{}",
            wrap(
                &format!(
                    "Persistent: in 3 or more of the last 4 check-ins ({}).",
                    dates.join(", ")
                ),
                body,
                WIDTH
            )
        );
    }
    let _ = writeln!(out, "{}", wrap(&f.message, body, WIDTH));
}

impl Report for Text {
    fn render(&self, s: &Summary) -> Vec<u8> {
        let mut out = String::new();
        if let Some(message) = &s.message {
            let _ = writeln!(out, "{message}");
            let _ = writeln!(out, "{}", s.disclaimer);
            return out.into_bytes();
        }
        let Some(latest) = &s.latest else {
            return out.into_bytes();
        };
        let title = s
            .questionnaire
            .as_ref()
            .map(|q| q.title.as_str())
            .unwrap_or("selfcheck");
        let _ = writeln!(
            out,
            "{title}: check-in of {}",
            latest.date.format("%A %-d %B %Y (%Y-%m-%d)")
        );
        let _ = writeln!(out, "{}", wrap(&s.disclaimer, "", WIDTH));

        if let Some(crisis) = &s.crisis {
            let _ = writeln!(out, "\n{}", crisis.title.to_uppercase());
            for line in &crisis.lines {
                let _ = writeln!(out, "{}", wrap(line, "  ", WIDTH));
            }
        }

        let _ = writeln!(out, "\nScores");
        for score in &latest.scores {
            let _ = writeln!(out, "{}", score_line(score));
        }

        if s.flags.is_empty() {
            let _ = writeln!(out, "\nFlags: none appeared this time.");
        } else {
            let _ = writeln!(out, "\nFlags: {} appeared", s.flags.len());
            for f in &s.flags {
                flag_block(&mut out, f);
            }
        }

        if !s.changes.is_empty() {
            let _ = writeln!(out, "\nChanges since the previous check-in");
            for c in &s.changes {
                let word = if c.direction == "worse" {
                    "rose"
                } else {
                    "fell"
                };
                let _ = writeln!(
                    out,
                    "{}",
                    wrap(
                        &format!(
                            "{}: {word} from {} on {} to {} on {} (sum of the items, 0-{}).",
                            c.title, c.from, c.from_date, c.to, c.to_date, c.max
                        ),
                        "  ",
                        WIDTH
                    )
                );
            }
        }

        let _ = writeln!(out, "\nTalking to a clinician");
        let _ = writeln!(out, "{}", wrap(&s.clinician.suggestion, "  ", WIDTH));
        for item in &s.clinician.bring_up {
            let _ = writeln!(out, "{}", wrap(&format!("- {item}"), "    ", WIDTH));
        }

        let _ = writeln!(out, "\nWhat you answered");
        let mut section = "";
        for a in &latest.answers {
            if a.section != section {
                section = &a.section;
                let _ = writeln!(out, "  {section}");
            }
            let _ = writeln!(
                out,
                "{}",
                wrap(&format!("{}: {}", a.label, safe(&a.text)), "    ", WIDTH)
            );
        }

        if let Some(short) = &s.crisis_short {
            let _ = writeln!(out, "\n{}", wrap(short, "", WIDTH));
        }
        out.into_bytes()
    }
}
