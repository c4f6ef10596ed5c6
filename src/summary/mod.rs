//! The summary model and how it is built. The engine decides (flags, persistence, change,
//! crisis level); this layer words those decisions and gathers what a report shows into one
//! typed [`Summary`], computed once per command. Renderers only lay it out.

mod build;
mod evidence;
mod flags;
pub(crate) mod glance;
pub(crate) mod history;
pub(crate) mod journal;
mod journal_flags;
mod latest;
mod model;
mod safety;
mod sections;
mod trends;
pub use safety::answer_of as safety_answer;

pub use build::{build, history_lines_for, latest, lines, period};
pub use model::*; // with the evidence lines it re-exports
