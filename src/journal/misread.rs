//! Why words or an entry are not a journal entry: what `log` says back, and what `doctor`
//! and `import` say of a stored or exported entry. Each names what to type instead.

use thiserror::Error;

/// The example of an amount every message about one gives.
const AN_AMOUNT: &str = "a number and a unit, such as 3g, 400 mg or 2 glasses";

/// Why words or an entry were not taken.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub(crate) enum Misread {
    /// Words where an amount goes that are not one.
    #[error("\"{0}\" is not an amount: expected {AN_AMOUNT}")]
    NotAnAmount(String),
    /// A number alone where a unit was needed.
    #[error("expected {AN_AMOUNT}")]
    NeedsUnit,
    /// A unit selfcheck does not know.
    #[error("\"{unit}\" is not a unit selfcheck knows (known: {known})")]
    UnknownUnit {
        /// What was typed.
        unit: String,
        /// The units there are.
        known: String,
    },
    /// "for" followed by words that are partly not reasons.
    #[error("\"{words}\": the reasons are {reasons} (other words go in --note)")]
    Reasons {
        /// The words from "for" on.
        words: String,
        /// The reasons there are.
        reasons: String,
    },
    /// Two amounts in one line.
    #[error("\"{0}\" is two amounts; log each on its own line")]
    TwoAmounts(String),
    /// A control character in a name or note.
    #[error("{0} has a control character; type it as plain text")]
    Control(String),
    /// A zero-width or bidirectional character in a name or note.
    #[error("{0} has an invisible or direction-changing character (zero-width or bidirectional); type it as plain text")]
    Invisible(String),
    /// A name or note over its length.
    #[error("{what} is longer than {max} characters")]
    TooLong {
        /// "the name", "the note".
        what: String,
        /// The limit.
        max: usize,
    },
    /// Not an entry's JSON (an import).
    #[error("not a valid journal entry ({0})")]
    NotAnEntry(String),
    /// An entry whose fields cannot be right.
    #[error("journal entry {id}: {}", problems.join("; "))]
    Wrong {
        /// The entry's id.
        id: String,
        /// Every problem.
        problems: Vec<String>,
    },
}
