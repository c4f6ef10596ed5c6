//! The flags on paper: one line each on the front page, in priority order, and on the last
//! page why each appeared (the answers, the rule and its source); the table's marks.

use std::fmt::Write as _;

use super::{content, esc, marker};
use crate::questionnaire::Severity;
use crate::summary::Summary;

/// Most rows of the front page's flag list; a longer list ends in one row of the rest.
const FRONT_FLAGS: usize = 10;

/// The flags, one line each in priority order: the title, then how often and whether
/// persistent or new, in a column of their own so the eye runs down them.
pub(super) fn flag_list(o: &mut String, s: &Summary) {
    let _ = writeln!(
        o,
        "<section class=\"keep\">\n<h2>Flagged <span class=\"small\">(why each appeared is at the end)</span></h2>"
    );
    if s.flags.is_empty() {
        let _ = writeln!(
            o,
            "<p>Nothing this tool checks was flagged in this period.</p>\n</section>"
        );
        return;
    }
    let _ = writeln!(
        o,
        "<table class=\"flaglist\">\n<thead><tr><th scope=\"col\">Flag</th><th scope=\"col\">Check-ins</th><th scope=\"col\">Pattern</th></tr></thead>\n<tbody>"
    );
    let total = s.period.checkins;
    // A long list keeps the front page: the first ones, then the rest by short title.
    let (shown, rest) = if s.flags.len() > FRONT_FLAGS {
        s.flags.split_at(FRONT_FLAGS - 1)
    } else {
        (&s.flags[..], &[][..])
    };
    for f in shown {
        let title = if f.severity == Severity::Urgent {
            format!("<strong>{}{}</strong>", marker(f.severity), esc(&f.title))
        } else {
            format!("{}{}", marker(f.severity), esc(&f.title))
        };
        // A flag not in the latest check-in says so, with its last day ("not since 9 Nov",
        // short to keep the column narrow): nothing on the
        // front reads as current that is not.
        let pattern = match f.last {
            Some(d) if !f.from_journal && !f.in_latest && total > 1 => {
                format!("not since {}", d.format("%-d %b"))
            }
            _ if f.persistent => "persistent".to_string(),
            _ if f.new && total > 1 => "new in the latest".to_string(),
            _ => String::new(),
        };
        let count = if f.from_journal {
            format!(
                "{} day{} logged",
                f.count,
                if f.count == 1 { "" } else { "s" }
            )
        } else {
            format!("{} of {total}", f.count)
        };
        let _ = writeln!(
            o,
            "<tr><th scope=\"row\">{title}</th><td>{count}</td><td>{pattern}</td></tr>"
        );
    }
    if !rest.is_empty() {
        let names: Vec<String> = rest.iter().map(|f| esc(&f.short)).collect();
        let _ = writeln!(
            o,
            "<tr><th scope=\"row\" colspan=\"3\">And {} more: {}</th></tr>",
            rest.len(),
            names.join(", ")
        );
    }
    let _ = writeln!(o, "</tbody>\n</table>\n</section>");
}

/// Why each flag appeared: the answers, the rule and its source.
pub(super) fn flagged(o: &mut String, s: &Summary) {
    if s.flags.is_empty() {
        return;
    }
    let _ = writeln!(o, "<section>\n<h2>Why each flag appeared</h2>");
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
        let _ = writeln!(
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
    let _ = writeln!(o, "</section>");
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
