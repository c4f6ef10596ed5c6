//! The command line, as clap types only: parsing and doing never mix.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod help;
mod log;
mod remind;

pub use help::*;
pub use log::{LogAction, LogArgs};
pub use remind::{RemindAction, SchedulerChoice};

/// A private weekly self-check on pain, mood and pleasure, and reliance on substances.
///
/// Answers stay on this computer. The summary says what you answered, which published
/// cut-offs or own rules it meets, and when it may help to talk to a clinician.
/// It is not a diagnosis.
#[derive(Debug, Parser)]
#[command(name = "selfcheck", version, propagate_version = true)]
pub struct Cli {
    /// Folder holding your check-ins (default: SELFCHECK_DATA_DIR, else $XDG_DATA_HOME/selfcheck,
    /// else the platform's data folder)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Colour and emphasis: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print nothing but errors, crisis resources and the data asked for
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// For encrypted data: read the passphrase from the first line of FILE instead of asking
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        env = "SELFCHECK_PASSPHRASE_FILE"
    )]
    pub passphrase_file: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set or TERM=dumb.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Shells for `completions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash.
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
    /// PowerShell.
    Powershell,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer this week's questions (a few minutes) and see what they mean.
    #[command(after_help = CHECKIN_HELP)]
    Checkin(CheckinArgs),
    /// Show a non-diagnostic summary of your latest check-in, or of a period.
    #[command(after_help = SUMMARY_HELP)]
    Summary(SummaryArgs),
    /// List past check-ins; show, delete or restore one.
    #[command(after_help = HISTORY_HELP, args_conflicts_with_subcommands = true)]
    History(HistoryArgs),
    /// Note something taken between check-ins (what, how much, why); `log list` shows them.
    #[command(after_help = LOG_HELP)]
    Log(LogArgs),
    /// Say when the last check-in was and whether this week's is due (exit 3 when due).
    #[command(after_help = STATUS_HELP)]
    Status(StatusArgs),
    /// Export every check-in as JSON (for import), CSV (spreadsheets) or FHIR R4 (clinics).
    #[command(after_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// Import a JSON export (for example on a new computer); nothing stored is changed.
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
    /// Check the data directory and the question set; list every problem (exit 5 if any).
    #[command(after_help = DOCTOR_HELP)]
    Doctor(DoctorArgs),
    /// List, show or validate question sets (your own go in the config directory).
    #[command(after_help = QUESTIONS_HELP)]
    Questions {
        /// What to do.
        #[command(subcommand)]
        action: QuestionsAction,
    },
    /// Encrypt your data with a passphrase (age format); saving never needs the passphrase.
    #[command(after_help = ENCRYPT_HELP)]
    Encrypt,
    /// Turn encrypted data back into plain files (asks for the passphrase).
    #[command(after_help = DECRYPT_HELP)]
    Decrypt,
    /// Change the passphrase of encrypted data (--rotate: a new key too).
    #[command(after_help = PASSPHRASE_HELP)]
    Passphrase {
        /// Read the new passphrase from the first line of FILE instead of asking twice
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
        /// Also make a new key and encrypt every file again to it, so that an old copy of
        /// key.age (a backup, a sync peer) opens nothing saved from now on
        #[arg(long)]
        rotate: bool,
    },
    /// Show where the configuration file is, or what it says.
    #[command(after_help = CONFIG_HELP)]
    Config {
        /// What to do.
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// A reminder on a set day when a check-in is due: on, off, status.
    #[command(after_help = REMIND_HELP)]
    Remind {
        /// What to do.
        #[command(subcommand)]
        action: RemindAction,
    },
    /// Print shell completions (from the same definition as --help).
    #[command(
        after_help = "Examples:\n  selfcheck completions bash > ~/.local/share/bash-completion/completions/selfcheck\n  selfcheck completions zsh > ~/.zfunc/_selfcheck\n  selfcheck completions fish > ~/.config/fish/completions/selfcheck.fish"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (from the same definition as --help).
    #[command(
        after_help = "Examples:\n  selfcheck man > selfcheck.1 && man ./selfcheck.1\n  selfcheck man | gzip > ~/.local/share/man/man1/selfcheck.1.gz"
    )]
    Man,
}

/// What `questions` can do.
#[derive(Debug, Subcommand)]
pub enum QuestionsAction {
    /// List the question sets: the built-in one and yours.
    List,
    /// Show a question set: every question, scale and flag rule with its source.
    Show {
        /// A set id from `selfcheck questions list`
        id: String,
    },
    /// Check a questions file and list every problem (exit 1 if any).
    Validate {
        /// The file
        file: PathBuf,
    },
}

/// What `config` can do.
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the configuration file's path.
    Path,
    /// Print the configuration in use (defaults filled in).
    Show,
}

/// Formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Every check-in, lossless (`import` reads it back).
    Json,
    /// One row per check-in, one column per item and score.
    Csv,
    /// A FHIR R4 Bundle: the Questionnaire and one QuestionnaireResponse per check-in.
    Fhir,
}

/// Options of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Format
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// With --format csv: the intake journal's entries instead of the check-ins
    #[arg(long)]
    pub journal: bool,
    /// Where to write it.
    #[command(flatten)]
    pub output: OutArgs,
}

/// Options of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A file made by `selfcheck export --format json`
    pub file: PathBuf,
}

/// Options of `doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Also check this questions file (default: the built-in set)
    #[arg(long, value_name = "FILE")]
    pub questions: Option<PathBuf>,
}

/// Options of `status` (`--quiet` prints nothing: the exit code says it).
#[derive(Debug, Args)]
pub struct StatusArgs {}

/// Which check-ins: the last N, or by date (local day the check-in is about).
#[derive(Debug, Args, Clone, Default)]
pub struct PeriodArgs {
    /// Only the last N check-ins
    #[arg(long, value_name = "N")]
    pub last: Option<usize>,
    /// Only check-ins on or after this day (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Only check-ins on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
}

/// Output formats of `history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ListFormat {
    /// A table for the terminal.
    #[default]
    Text,
    /// JSON for scripts.
    Json,
}

/// Options of `history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Show, delete, restore or purge; without one, list check-ins.
    #[command(subcommand)]
    pub action: Option<HistoryAction>,
    /// Which check-ins to list.
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Show each check-in's id (for `history show`, `delete` and `restore`); shown anyway
    /// when two check-ins share a date
    #[arg(long)]
    pub ids: bool,
}

/// What `history` can do besides listing.
#[derive(Debug, Subcommand)]
pub enum HistoryAction {
    /// Show one check-in in full, with the questions as they were asked.
    Show {
        /// A date (YYYY-MM-DD) or a check-in id; the latest check-in when left out
        target: Option<String>,
    },
    /// Move a check-in to the trash (asks first).
    Delete {
        /// A date (YYYY-MM-DD) or a check-in id
        target: String,
        /// Do not ask for confirmation
        #[arg(long)]
        yes: bool,
    },
    /// Bring a check-in back from the trash.
    Restore {
        /// A date (YYYY-MM-DD) or a check-in id in the trash
        target: String,
    },
    /// Remove every check-in in the trash for good (asks first).
    Purge {
        /// Do not ask for confirmation
        #[arg(long)]
        yes: bool,
    },
}

/// Options of `checkin`.
#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// Read answers from this JSON file (`-` for standard input) instead of asking
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// The day the check-in is about, YYYY-MM-DD (default: today; not in the future)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Use this questions file instead of the built-in weekly set
    #[arg(long, value_name = "FILE", conflicts_with = "set")]
    pub questions: Option<PathBuf>,

    /// Use this question set (an id from `selfcheck questions list`)
    #[arg(long, value_name = "ID")]
    pub set: Option<String>,

    /// Ask line by line: numbered choices, typed answers (screen readers, simple terminals, pipes)
    #[arg(long, conflicts_with = "answers")]
    pub plain: bool,

    /// Continue a check-in that was interrupted, from its saved draft
    #[arg(long, conflicts_with = "answers")]
    pub resume: bool,
    /// With --answers: an item the intake journal can answer (days of taking the edge off),
    /// left out of the file, takes the journal's number of days; the record notes it
    #[arg(long, requires = "answers")]
    pub from_journal: bool,
}

/// Output formats of `summary`: listed here once; `--format`, the config file's
/// `summary_format` and their messages all take the names from this list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SummaryFormat {
    /// Plain text for the terminal.
    Text,
    /// Markdown, to paste into a patient-portal message.
    Markdown,
    /// A printable page (save as PDF from any browser).
    Html,
    /// JSON for scripts (shape in docs/guide.md).
    Json,
}

/// Where output goes: `--out FILE` (`-` for stdout), refusing to replace a file.
#[derive(Debug, Args, Clone, Default)]
pub struct OutArgs {
    /// Write to this file (created 0600) instead of standard output; `-` is standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace FILE if it already exists
    #[arg(long)]
    pub force: bool,
}

/// Options of `summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// Which check-ins (default: the latest, compared with the one before it).
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Output format (default: text, or summary_format in the configuration)
    #[arg(long, value_enum)]
    pub format: Option<SummaryFormat>,
    /// Where to write it.
    #[command(flatten)]
    pub output: OutArgs,
    /// A name to print in the header of a printed summary (never stored)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Something you want to talk about, in your words (up to 3; default: your latest notes)
    #[arg(long, value_name = "TEXT")]
    pub concern: Vec<String>,
}

impl SummaryFormat {
    /// The name as typed (`markdown`).
    pub fn name(self) -> &'static str {
        match self {
            SummaryFormat::Text => "text",
            SummaryFormat::Markdown => "markdown",
            SummaryFormat::Html => "html",
            SummaryFormat::Json => "json",
        }
    }

    /// Every name, quoted and joined: `"text", "markdown", "html", "json"`.
    pub fn names() -> String {
        Self::value_variants()
            .iter()
            .map(|f| format!("\"{}\"", f.name()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
