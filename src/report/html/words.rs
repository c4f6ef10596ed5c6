//! The person's own words on paper: what they want to talk about (long ones cut to two
//! lines on the front page) and their notes, whole, with any the front page cut short.

use super::{content, esc};
use crate::summary::Summary;

/// Up to 3 things to talk about, in the person's words, first on the front page.
pub(super) fn concerns(o: &mut String, s: &Summary) {
    if s.concerns.is_empty() {
        return;
    }
    ln!(
        o,
        "<section class=\"keep\">\n<h2>What I want to talk about</h2>\n<ol>"
    );
    for c in &s.concerns {
        let when = c
            .date
            .map(|d| format!(" <span class=\"small\">({d})</span>"))
            .unwrap_or_default();
        match content::front_text(&c.text) {
            Some(cut) => {
                ln!(
                    o,
                    "<li>{} <span class=\"small\">({}in full with the notes)</span></li>",
                    esc(&cut),
                    c.date.map(|d| format!("{d}, ")).unwrap_or_default()
                );
            }
            None => {
                ln!(o, "<li>{}{when}</li>", esc(&c.text));
            }
        }
    }
    ln!(o, "</ol>\n</section>");
}

/// The notes of the period not already whole on the front page as things to talk about,
/// and any concern the front page cut short.
pub(super) fn notes(o: &mut String, s: &Summary) {
    let whole = |c: &&crate::summary::DatedText| content::front_text(&c.text).is_none();
    let shown = |n: &crate::summary::DatedText| {
        s.concerns
            .iter()
            .filter(whole)
            .any(|c| c.date == n.date && c.text == n.text)
    };
    let cut = s.concerns.iter().filter(|c| c.date.is_none() && !whole(c));
    let rest: Vec<_> = cut.chain(s.notes.iter().filter(|n| !shown(n))).collect();
    if rest.is_empty() {
        return;
    }
    let heading = if s.notes.iter().any(shown) {
        "Other notes"
    } else {
        "Notes"
    };
    ln!(o, "<section>\n<h2>{heading}</h2>\n<ul>");
    for n in rest {
        ln!(
            o,
            "<li>{}{}</li>",
            n.date
                .map(|d| d.format("%-d %b %Y: ").to_string())
                .unwrap_or_default(),
            esc(&n.text)
        );
    }
    ln!(o, "</ul>\n</section>");
}
