//! The intake journal on paper: a compact table per substance and, when the journal spans
//! two weeks or more, small charts of days a week for the most used.

use super::{chart, esc};
use crate::summary::Summary;

/// The intake journal of the period as a compact table: per substance (most days first) the
/// days, entries, total, the change by week, the reasons and the pain and mood noted.
pub(super) fn journal(o: &mut String, s: &Summary) {
    let Some(j) = s.journal.as_ref().filter(|j| !j.substances.is_empty()) else {
        return;
    };
    ln!(
        o,
        "<section class=\"keep\">\n<h2>{}</h2>\n<table>\n<thead><tr><th scope=\"col\">Substance</th><th scope=\"col\">Days</th><th scope=\"col\">Entries</th><th scope=\"col\">Total</th><th scope=\"col\">Over the weeks</th><th scope=\"col\">For</th><th scope=\"col\">Pain, mood</th></tr></thead>\n<tbody>",
        esc(&super::super::journal::heading(j))
    );
    for l in &j.substances {
        let c = super::super::journal::cells(l);
        ln!(
            o,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td class=\"words\">{}</td><td class=\"words\">{}</td><td class=\"words\">{}</td></tr>",
            esc(&c[0]), esc(&c[1]), esc(&c[2]), esc(&c[3]), esc(&c[4]), esc(&c[5]), esc(&c[6])
        );
    }
    ln!(o, "</tbody>\n</table>");
    if let Some(note) = super::super::journal::left_out(j) {
        ln!(o, "<p class=\"small\">{}</p>", esc(&note));
    }
    // Days a week of the most used substances, when the journal spans two weeks or more.
    let drawn: Vec<_> = j
        .substances
        .iter()
        .take(3)
        .map(|l| j.days_by_week(l))
        .filter(|t| t.weekly.len() >= 2)
        .collect();
    if !drawn.is_empty() {
        ln!(
            o,
            "<p class=\"small\">Days a week with an entry, for the most used:</p>\n<div class=\"charts small\">"
        );
        for t in &drawn {
            let n = o.len();
            ln!(o, "<figure>\n<figcaption>{}</figcaption>", esc(&t.title));
            chart::chart(o, t, n, chart::Size::Small);
            ln!(o, "</figure>");
        }
        ln!(o, "</div>");
    }
    ln!(o, "</section>");
}
