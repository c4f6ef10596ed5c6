//! The person's own words in the terminal's period summary, as the printed page has them:
//! what they want to talk about (first, before the flags), then what they said they used
//! and their notes. Someone preparing for an appointment in the terminal sees what they
//! wrote. Control characters are shown visibly ([`safe`]), never passed to the terminal.

use super::text::{hanging, heading};
use crate::base::text::safe;
use crate::summary::Summary;

/// "What I want to talk about": the concerns given (`--concern`), else the latest notes.
pub(super) fn concerns(out: &mut String, s: &Summary) {
    if s.concerns.is_empty() {
        return;
    }
    ln!(out, "\n{}", heading("What I want to talk about"));
    for (i, c) in s.concerns.iter().enumerate() {
        let when = c.date.map(|d| format!(" ({d})")).unwrap_or_default();
        hanging(
            out,
            &format!("{}. {}{when}", i + 1, safe(&c.text)),
            "  ",
            "     ",
        );
    }
}

/// "What was used" (the same words on several days given once, with their days) and every
/// note of the period, oldest first.
pub(super) fn used_and_notes(out: &mut String, s: &Summary) {
    let used = super::content::grouped_texts(&s.pattern_texts);
    if !used.is_empty() {
        ln!(out, "\n{}", heading("What was used, in your words"));
        for (text, dates) in used {
            hanging(out, &format!("- {} ({dates})", safe(&text)), "  ", "    ");
        }
    }
    if !s.notes.is_empty() {
        ln!(out, "\n{}", heading("Notes"));
        for n in &s.notes {
            let day = n.date.map(|d| format!("{d}: ")).unwrap_or_default();
            hanging(out, &format!("- {day}{}", safe(&n.text)), "  ", "    ");
        }
    }
}
