//! Output formats of a summary, one file each, behind one small trait.
//!
//! A report formats a [`Summary`](crate::summary::Summary) and nothing else: it never reads
//! files or evaluates rules, so every format says the same thing.

/// Writes one line of a report. Renderers write to memory (a `String`), which cannot
/// fail, so there is no result to check or to throw away; the commands write the bytes out
/// and report any error there.
macro_rules! ln {
    ($out:expr) => {
        $out.push('\n')
    };
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

/// Writes part of a line of a report (see [`ln!`]).
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {
        $out.push_str(&format!($($arg)*))
    };
}

mod content;
mod glance;
mod history;
mod html;
mod journal;
mod json;
mod markdown;
mod own_words;
mod questions;
mod result;
mod text;
mod text_trends;

pub use history::history_text;
pub use html::Html;
pub use json::{to_json, Json};
pub use markdown::Markdown;
pub use questions::questions_text;
pub use text::{checkin_text, Text};

use crate::summary::Summary;

/// Formats a summary as bytes for stdout or a file.
pub trait Report {
    /// The formatted summary.
    fn render(&self, summary: &Summary) -> Vec<u8>;
}
