//! The leaves every other part stands on: errors and exit codes, atomic file I/O, strict
//! JSON, dates, text safety and wrapping, where the data lives, and where output goes.
//! Nothing here knows about questions, check-ins or flags.

pub(crate) mod dates;
pub mod error;
pub(crate) mod fsio;
pub(crate) mod json;
pub(crate) mod output;
pub(crate) mod parallel;
pub mod paths;
pub mod signal;
pub mod text;
