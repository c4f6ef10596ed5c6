//! The options of `selfcheck log`: one command line per thing taken, never a prompt.

use clap::{Args, Subcommand};

use super::ListFormat;

/// Options of `log`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct LogArgs {
    /// List the journal; without it, log what is named.
    #[command(subcommand)]
    pub action: Option<LogAction>,
    /// What was taken and how much, in either order: `kratom 3g`, `3g kratom`, `2 glasses wine`, `red vein kratom 4 grams for pain`
    #[arg(value_name = "NAME [AMOUNT [UNIT]]", value_parser = clap::value_parser!(std::ffi::OsString))]
    pub words: Vec<std::ffi::OsString>,
    /// Why (pain, stress, mood, sleep, other); may be given more than once
    #[arg(long = "for", value_name = "REASON")]
    pub reasons: Vec<String>,
    /// Pain around then, 0-10
    #[arg(long, value_name = "N")]
    pub pain: Option<String>,
    /// Mood around then, 0-10 (10 = best)
    #[arg(long, value_name = "N")]
    pub mood: Option<String>,
    /// A note
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The day it was taken (YYYY-MM-DD; default today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// The time it was taken (HH:MM, 24-hour; default now, or none for another day)
    #[arg(long, value_name = "HH:MM")]
    pub time: Option<String>,
    /// Taken exactly as prescribed (a pair of prescribed entries is noticed once a week)
    #[arg(long)]
    pub prescribed: bool,
}

/// What `log` can do besides logging.
#[derive(Debug, Subcommand)]
pub enum LogAction {
    /// List journal entries, newest first, each with its short id.
    List {
        /// Only entries on or after this day (YYYY-MM-DD)
        #[arg(long, value_name = "YYYY-MM-DD")]
        since: Option<String>,
        /// Only entries on or before this day (YYYY-MM-DD)
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<String>,
        /// Only the last N entries
        #[arg(long, value_name = "N")]
        last: Option<usize>,
        /// Output format
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Move a journal entry to the journal's trash (asks first).
    Delete {
        /// The entry's short id as `log list` shows it, its whole id, or a day (YYYY-MM-DD) to choose from its entries
        id: String,
        /// Do not ask for confirmation
        #[arg(long)]
        yes: bool,
    },
    /// Bring a journal entry back from the journal's trash.
    Restore {
        /// The entry's id
        id: String,
    },
}
