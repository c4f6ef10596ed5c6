//! The flags on paper: one row per situation on the front page, and on the last page why
//! each flag appeared (the answers, the rule and its source); the table's marks.

use super::{content, esc, marker};
use crate::questionnaire::Severity;
use crate::summary::Summary;

/// The front page's flags: one row per situation of the guidance that has flags, its
/// strongest sign with scores and dates and the others named (every flag, and why it
/// appeared, is at the end). A minute's reading, however many flags overlap.
pub(super) fn flag_list(o: &mut String, s: &Summary) {
    ln!(
        o,
        "<section class=\"keep\">\n<h2>Flagged <span class=\"small\">(by what each speaks to; every flag and why it appeared is at the end)</span></h2>"
    );
    if s.flags.is_empty() {
        ln!(
            o,
            "<p>Nothing this tool checks was flagged in this period.</p>\n</section>"
        );
        return;
    }
    ln!(
        o,
        "<table class=\"flaglist\">\n<thead><tr><th scope=\"col\">What it speaks to</th><th scope=\"col\">The strongest sign, when</th></tr></thead>\n<tbody>"
    );
    for g in &s.glance {
        let title = if g.severity == Severity::Urgent {
            format!("<strong>{}{}</strong>", marker(g.severity), esc(&g.title))
        } else {
            format!("{}{}", marker(g.severity), esc(&g.title))
        };
        ln!(
            o,
            "<tr><th scope=\"row\">{title}</th><td>{}</td></tr>",
            esc(&g.text)
        );
    }
    ln!(o, "</tbody>\n</table>\n</section>");
}

/// Why each flag appeared: the answers, the rule and its source.
pub(super) fn flagged(o: &mut String, s: &Summary) {
    if s.flags.is_empty() {
        return;
    }
    ln!(o, "<section>\n<h2>Why each flag appeared</h2>");
    for f in &s.flags {
        let class = if f.severity == Severity::Info {
            "flag info"
        } else {
            "flag"
        };
        // One paragraph each: the title, the latest answers, the rule and its source.
        let evidence = content::latest_evidence(f)
            .map(|e| format!(" {}.", esc(e.trim_end_matches('.'))))
            .unwrap_or_default();
        ln!(
            o,
            "<p class=\"{class}\"><strong>{}{}</strong> ({})<span class=\"small\">{evidence} Rule ({}): {}{}.</span></p>",
            marker(f.severity),
            esc(&f.title),
            esc(&f.when_short),
            content::rule_kind(f),
            esc(f.rule.trim_end_matches('.')),
            if f.source_short.is_empty() {
                String::new()
            } else {
                format!(" [{}]", esc(&f.source_short))
            }
        );
    }
    ln!(o, "</section>");
}

/// The table's mark for the flag at `i` of the summary's list: A, B, … Z, then AA, AB, …
pub(super) fn symbol(i: usize) -> String {
    let letter = |n: usize| char::from(b'A' + (n % 26) as u8);
    if i < 26 {
        letter(i).to_string()
    } else {
        format!("{}{}", letter(i / 26 - 1), letter(i))
    }
}
