//! The front of a summary laid out: one line per situation with flags ("At a glance"), in
//! the terminal and in Markdown. The lines are the summary model's (`summary/glance.rs`);
//! here they are only placed, marked and wrapped.

use super::text::{hanging, heading, marker};
use crate::base::text::safe;
use crate::summary::Summary;

/// "At a glance" in the terminal.
pub(super) fn text(out: &mut String, s: &Summary) {
    if s.glance.is_empty() {
        return;
    }
    ln!(out, "\n{}", heading("At a glance"));
    for g in &s.glance {
        hanging(
            out,
            &format!("{} {}: {}", marker(g.severity), g.title, safe(&g.text)),
            "  ",
            "      ",
        );
    }
}

/// "At a glance" in Markdown.
pub(super) fn markdown(o: &mut String, s: &Summary) {
    if s.glance.is_empty() {
        return;
    }
    ln!(o, "## At a glance\n");
    for g in &s.glance {
        ln!(
            o,
            "- **{}**: {}",
            super::markdown::escape(&g.title),
            super::markdown::escape(&g.text)
        );
    }
    ln!(o);
}
