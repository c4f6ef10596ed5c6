//! Errors a user can meet, each with a message that says what to do next, and its exit code.
//!
//! [`Error`] is what every function returns; each area's refusals are an enum of their own
//! (`store.rs`, `output.rs`, `draft.rs`, `pick.rs`, `sets.rs`, `journal.rs`, `import.rs`),
//! kept here at the bottom so every layer can use them. Free-text [`Error::Refused`] is for
//! the commands only, the edge where a refusal is said once.

mod draft;
mod import;
mod journal;
mod output;
mod pick;
mod sets;
mod store;

pub use draft::DraftError;
pub use import::ImportError;
pub use journal::JournalError;
pub use output::OutputError;
pub use pick::PickError;
pub use sets::SetError;
pub use store::StoreError;

use std::io;
use std::path::PathBuf;

use thiserror::Error;

/// Exit codes (the same table is in `--help` and docs/data.md).
pub mod exit {
    /// Done.
    pub const OK: u8 = 0;
    /// Could not do it.
    pub const FAILED: u8 = 1;
    /// Wrong command-line usage (clap).
    pub const USAGE: u8 = 2;
    /// `status`: a check-in is due.
    pub const DUE: u8 = 3;
    /// Another selfcheck holds the lock.
    pub const BUSY: u8 = 4;
    /// `doctor` found problems.
    pub const PROBLEMS: u8 = 5;
    /// A check-in was stopped before saving (Ctrl-C, Esc, closed terminal).
    pub const CANCELLED: u8 = 130;

    /// Every code with its meaning: the one source of `--help`, the man page and docs/data.md.
    pub const TABLE: [(u8, &str); 7] = [
        (OK, "done (a summary with flags is still a success)"),
        (FAILED, "could not do it: bad answers, bad file, I/O error; the message says what to do"),
        (USAGE, "wrong command-line usage"),
        (DUE, "`status` only: a check-in is due"),
        (BUSY, "another selfcheck is changing the data; nothing was changed"),
        (PROBLEMS, "`doctor` only: it found problems"),
        (CANCELLED, "a check-in was stopped (Ctrl-C, Esc, closed terminal); no check-in was saved (a draft is kept for `selfcheck checkin --resume`)"),
    ];

    /// The table as help text, wrapped under its codes.
    pub fn help_text() -> String {
        let mut out = String::from("Exit codes:");
        for (code, meaning) in TABLE {
            let text = crate::base::text::wrap(meaning, "       ", 98);
            out.push_str(&format!("\n  {code:<4} {}", text.trim_start()));
        }
        out
    }
}

/// What became of the answers of a check-in that was stopped: the one message says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DraftKept {
    /// No answer was given yet.
    #[default]
    Nothing,
    /// The answers so far are in the draft.
    Kept,
    /// The draft could not be written (a read-only or full data directory).
    NotWritten,
}

impl std::fmt::Display for DraftKept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DraftKept::Kept => "check-in stopped. Nothing was saved as a check-in, and your earlier check-ins are unchanged. Your answers so far are kept as a draft: `selfcheck checkin --resume` continues it.",
            DraftKept::NotWritten => "check-in stopped. Nothing was saved, and your earlier check-ins are unchanged. Your answers so far could not be kept as a draft (the data folder could not be written), so `selfcheck checkin` starts again from the first question.",
            DraftKept::Nothing => "check-in stopped before any question was answered. Nothing was saved, and your earlier check-ins are unchanged.",
        })
    }
}

/// Problems joined into one line (or one block) of a message.
fn joined(problems: &[String], between: &str) -> String {
    problems.join(between)
}

fn lines(problems: &[String]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Everything that can go wrong.
#[derive(Debug, Error)]
pub enum Error {
    /// A questions file that does not validate.
    #[error("{file}: the question set has {}:\n{}\nSee questions/README.md for the format.", crate::base::text::count(problems.len(), "problem", "problems"), lines(problems))]
    Questions {
        /// The file.
        file: String,
        /// Every problem, one line each.
        problems: Vec<String>,
    },
    /// An answers file that does not validate.
    #[error("{source_name}: {} with the answers; nothing was saved:\n{}\nSee `selfcheck checkin --help` for the answers format.", crate::base::text::count(problems.len(), "problem", "problems"), lines(problems))]
    Answers {
        /// Where the answers came from.
        source_name: String,
        /// Every problem, one line each.
        problems: Vec<String>,
    },
    /// `checkin` without `--answers` and without a terminal.
    #[error("there is no terminal to ask the questions in (standard input is not a terminal).\nTo check in without prompts, put your answers in a JSON file and run\n  selfcheck checkin --answers FILE\nor pipe them in with `--answers -`. `selfcheck checkin --help` shows the format and an example.\nTo answer line by line instead (typed answers, one per line), use `selfcheck checkin --plain`.")]
    NoTerminal,
    /// The person stopped the check-in; what became of the answers so far.
    #[error("{0}")]
    Cancelled(DraftKept),
    /// A bad date option.
    #[error("{flag} {given}: {reason}")]
    BadDate {
        /// Which option.
        flag: String,
        /// What was given.
        given: String,
        /// What is wrong and what is expected.
        reason: String,
    },
    /// A file or folder could not be read or written.
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        /// What was being done.
        action: String,
        /// The file or folder.
        path: PathBuf,
        /// The system's reason.
        source: io::Error,
    },
    /// The byte layer refused.
    #[error("could not encode or decode stored data: {0}")]
    Codec(String),
    /// No data directory could be found.
    #[error("no data directory: {0}. Set one with --data-dir DIR or SELFCHECK_DATA_DIR.")]
    NoDataDir(String),
    /// A config file that does not check.
    #[error("{}: {problem}. See `selfcheck config --help`.", file.display())]
    Config {
        /// The file.
        file: PathBuf,
        /// What is wrong.
        problem: String,
    },
    /// Another selfcheck holds the busy lock.
    #[error("another selfcheck is changing your data right now; nothing was changed. Try again when it has finished.")]
    Busy,
    /// The passphrase does not open `key.age`.
    #[error("that passphrase does not open your key; nothing was changed. Passphrases are case-sensitive: try again.")]
    WrongPassphrase,
    /// The store refused.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// `--out` refused.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// Resuming a draft refused.
    #[error(transparent)]
    Draft(#[from] DraftError),
    /// No one check-in matches.
    #[error(transparent)]
    Pick(#[from] PickError),
    /// No one question set matches.
    #[error(transparent)]
    Set(#[from] SetError),
    /// The journal refused.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// An import refused.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A command that needs something the person must fix (needs --yes, a flag that does
    /// not fit another): the commands' own refusals, said at the edge.
    #[error("{0}")]
    Refused(String),
    /// The terminal failed while asking.
    #[error("the terminal stopped working while asking ({0}); nothing was saved. Try again, or use `selfcheck checkin --answers FILE`.")]
    Terminal(String),
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Cancelled(_) => exit::CANCELLED,
            Error::Busy => exit::BUSY,
            _ => exit::FAILED,
        }
    }
}
