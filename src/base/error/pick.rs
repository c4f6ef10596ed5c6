//! Refusals of choosing one check-in by date or id (`history show|delete|restore`).

use thiserror::Error;

/// What choosing a check-in refuses. `place` is where it looked (" in the trash"), or "".
#[derive(Debug, Error)]
pub enum PickError {
    /// A date in another form: what to type instead.
    #[error("{0}")]
    DateForm(String),
    /// No check-in on that day.
    #[error("no check-in on {date}{place}; `selfcheck history` lists the dates there are")]
    NoneOn {
        /// The day.
        date: chrono::NaiveDate,
        /// Where it looked.
        place: String,
    },
    /// More than one check-in on that day.
    #[error("{} check-ins on {date}{place}: {}. Give the id of the one you mean.", ids.len(), ids.join(", "))]
    ManyOn {
        /// The day.
        date: chrono::NaiveDate,
        /// Where it looked.
        place: String,
        /// Their ids.
        ids: Vec<String>,
    },
    /// No check-in with that id.
    #[error("no check-in with the id \"{target}\"{place}; give a date as YYYY-MM-DD, or an id as `selfcheck history --ids` lists them")]
    NoSuchId {
        /// What was given.
        target: String,
        /// Where it looked.
        place: String,
    },
}
