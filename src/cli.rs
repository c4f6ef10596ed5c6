//! The command line, as clap types only: parsing and doing never mix.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Examples shown in the top-level `--help`.
pub const EXAMPLES: &str = "\
Examples:
  selfcheck checkin                  this week's check-in, in the terminal (about 3 minutes)
  selfcheck summary --last 12        how the last 12 check-ins went, with trends and flags
  selfcheck summary --last 12 --format html --out visit.html   a page to print for a clinician
  selfcheck status -q || selfcheck checkin                      check in when one is due";

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
    /// Answer this week's questions (about 3 minutes) and see what they mean.
    #[command(after_help = CHECKIN_HELP)]
    Checkin(CheckinArgs),
    /// Show a non-diagnostic summary of your latest check-in, or of a period.
    #[command(after_help = SUMMARY_HELP)]
    Summary(SummaryArgs),
    /// List past check-ins; show, delete or restore one.
    #[command(after_help = HISTORY_HELP, args_conflicts_with_subcommands = true)]
    History(HistoryArgs),
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
    /// Show where the configuration file is, or what it says.
    #[command(after_help = CONFIG_HELP)]
    Config {
        /// What to do.
        #[command(subcommand)]
        action: ConfigAction,
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

const QUESTIONS_HELP: &str = "\
Examples:
  selfcheck questions list                 the built-in set and yours
  selfcheck questions show weekly          every question and rule, with sources
  selfcheck questions validate mine.json   check your own set before using it
Your own sets are JSON files (format: questions/README.md) in the questions folder of the
config directory; `selfcheck checkin --set ID` uses one.";

const CONFIG_HELP: &str = "\
Examples:
  selfcheck config path     where the file is
  selfcheck config show     what is in force
The file is JSON; every key is optional:
  {\"question_set\": \"weekly\", \"cadence\": \"weekly\" or {\"every_days\": 14},
   \"crisis_region\": \"all\" or a region (US, UK, CA, AU, NZ),
   \"summary_period\": \"latest\" or {\"last\": 12},
   \"summary_format\": \"text\", \"markdown\", \"html\" or \"json\"}
An unknown key is an error that names it.";

const EXPORT_HELP: &str = "\
Examples:
  selfcheck export --format json --out backup.json   everything, to import elsewhere
  selfcheck export --format csv --out checkins.csv   one row per check-in, for a spreadsheet
  selfcheck export --format fhir --out fhir.json     a FHIR R4 Bundle for a clinic system
The file is created readable only by you; an existing file is kept unless --force.";

const IMPORT_HELP: &str = "\
Examples:
  selfcheck import backup.json     add the check-ins of a JSON export
Importing the same file twice adds nothing twice. A check-in stored with the same id but
other content is reported as a conflict (exit 1) and not imported.";

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

const DOCTOR_HELP: &str = "\
Examples:
  selfcheck doctor                        check every file; change nothing
  selfcheck doctor --questions mine.json  also check a question set of your own";

/// Options of `doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Also check this questions file (default: the built-in set)
    #[arg(long, value_name = "FILE")]
    pub questions: Option<PathBuf>,
}

const HISTORY_HELP: &str = "\
Examples:
  selfcheck history                      every check-in, newest first
  selfcheck history --last 12            the last 12
  selfcheck history --since 2026-01-01 --format json
  selfcheck history show 2026-11-16      one check-in in full, with the questions as asked
  selfcheck history delete 2026-11-16    move it to the trash (asks first; --yes for scripts)
  selfcheck history restore ID           bring it back from the trash
  selfcheck history purge                empty the trash for good (asks first)";

const STATUS_HELP: &str = "\
Examples:
  selfcheck status                   when was my last check-in; is this week's due?
  selfcheck status --quiet || echo 'Time for your weekly check-in: selfcheck checkin'

In a shell profile (~/.bashrc), a gentle reminder when a check-in is due:
  selfcheck status --quiet || echo 'selfcheck: this week'\''s check-in is due'
In a crontab, a Monday 9:00 reminder by mail or notification:
  0 9 * * 1  selfcheck status --quiet || notify-send 'selfcheck' 'Weekly check-in is due'

A check-in is due when there is none yet in this ISO week (Monday to Sunday, local time).";

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
}

/// What `history` can do besides listing.
#[derive(Debug, Subcommand)]
pub enum HistoryAction {
    /// Show one check-in in full, with the questions as they were asked.
    Show {
        /// A date (YYYY-MM-DD) or a check-in id
        target: String,
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

const CHECKIN_HELP: &str = "\
Examples:
  selfcheck checkin                          ask the questions in this terminal
  selfcheck checkin --answers week.json      check in from a file, without prompts
  echo '{...}' | selfcheck checkin --answers - --date 2026-11-16

The answers file is one JSON object of item ids and values, for example:
  {\"peg_pain\": 4, \"peg_enjoyment\": 3, \"peg_activity\": 5, \"pain_sleep\": 2,
   \"pain_frequency_3m\": \"most_days\", \"pain_limits_3m\": \"some_days\",
   \"phq_interest\": 1, \"phq_mood\": 1, \"gad_nervous\": 2, \"gad_worry\": 1,
   \"phq_selfharm\": 0, \"any_use_7d\": false, \"sleep_quality\": 6, \"active_days\": 3,
   \"connection\": 7, \"stress\": 5, \"cycle_concern\": false, \"note\": \"ask about sleep\"}
Integers without quotes, true/false, option ids as strings, text as strings; null only for
optional items. Leave out items that skip logic would not ask (here: the substance follow-ups,
as any_use_7d is false). Every problem is reported at once and nothing is saved.";

const SUMMARY_HELP: &str = "\
Examples:
  selfcheck summary                     the latest check-in, compared with the one before
  selfcheck summary --last 12           the last 12 check-ins: trends, flags, persistence
  selfcheck summary --since 2026-09-01  everything since a day
  selfcheck summary --format json       the same, for scripts
  selfcheck summary --last 12 --format html --out visit.html --name 'Sam' \\
      --concern 'Knee pain at night'    a page to print or save as PDF for an appointment
  selfcheck summary --last 12 --format markdown   to paste into a patient-portal message";

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
}

/// Output formats of `summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Plain text for the terminal.
    Text,
    /// Markdown, to paste into a patient-portal message.
    Markdown,
    /// A printable page (save as PDF from any browser).
    Html,
    /// JSON for scripts (shape in the README).
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

/// Shell completions, generated from the same definition as `--help`.
pub fn completions(shell: Shell) -> Vec<u8> {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    clap_complete::generate(generator, &mut cmd, "selfcheck", &mut out);
    out
}

/// The manual page (roff), generated from the same definition as `--help`, with a section
/// per subcommand and the exit codes.
pub fn man() -> Vec<u8> {
    use clap::CommandFactory;
    let cmd = Cli::command().after_help(crate::error::exit::help_text());
    let mut out = Vec::new();
    let page = clap_mangen::Man::new(cmd.clone());
    let _ = page.render(&mut out);
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("selfcheck {}", sub.get_name());
        out.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
        let sub = sub.clone().bin_name(name);
        let sub_page = clap_mangen::Man::new(sub);
        let _ = sub_page.render_description_section(&mut out);
        let _ = sub_page.render_synopsis_section(&mut out);
        let _ = sub_page.render_options_section(&mut out);
        let _ = sub_page.render_extra_section(&mut out);
    }
    out
}
