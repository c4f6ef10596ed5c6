//! Output formats of a summary, one file each, behind one small trait.
//!
//! A report formats a [`Summary`](crate::summary::Summary) and nothing else: it never reads
//! files or evaluates rules, so every format says the same thing.

mod content;
mod history;
mod html;
mod json;
mod markdown;
mod questions;
mod text;

pub use history::history_text;
pub use html::{esc as html_escape, Html};
pub use json::{to_json, Json};
pub use markdown::{escape as markdown_escape, Markdown};
pub use questions::questions_text;
pub use text::{checkin_text, safe as safe_text, Text};

use crate::summary::Summary;

/// Formats a summary as bytes for stdout or a file.
pub trait Report {
    /// The formatted summary.
    fn render(&self, summary: &Summary) -> Vec<u8>;
}

/// Wraps `text` to `width` columns, every line starting with `indent`.
pub(crate) fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::from(indent);
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(indent);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out
}
