//! The commands, one function each: options and configuration in, output and an exit
//! code out. Parsing lives in `cli.rs`; the work lives in the modules these call.
//!
//! Data goes to stdout and messages to stderr; `-q` silences the messages but never errors
//! or crisis resources.
//!
//! Layer: commands. It may use: error, fsio, dates, text, paths, cli, output, questionnaire,
//! config, crisis, sets, answers, record, store, draft, status, period, engine, summary,
//! history, report, export; and checkin, flow, dialog, plain, stop, doctor, import, lib, main
//! beside it.

use std::io::Write;

use crate::cli::{CheckinArgs, Command, PeriodArgs};
use crate::config::{Config, ConfigDir};
use crate::error::{self, Error};
use crate::period::Period;
use crate::questionnaire::Questionnaire;
use crate::sets;
use crate::store::{FileProblem, Loaded, Store};

mod checkin;
mod config;
mod crisis;
mod doctor;
mod encrypt;
mod export;
mod history;
mod keys;
mod log;
mod log_delete;
mod log_list;
mod log_notice;
mod questions;
mod status;
mod summary;

/// What every command needs: the data, the configuration and how loud to be.
pub struct Context {
    /// The data directory.
    pub store: Store,
    /// The config directory, when one could be found.
    pub config_dir: Option<ConfigDir>,
    /// The configuration file's settings.
    pub config: Config,
    /// What was wrong in the configuration file (each with what is used instead).
    pub config_problems: Vec<String>,
    /// `-q`: nothing but errors, crisis resources and the data asked for.
    pub quiet: bool,
    /// Whether a bad `crisis_region` was warned about already.
    pub region_warned: std::cell::Cell<bool>,
    /// `--passphrase-file` (or `SELFCHECK_PASSPHRASE_FILE`), for encrypted data.
    pub passphrase_file: Option<std::path::PathBuf>,
}

impl Context {
    /// A message for the person (stderr), unless `-q`. Messages carry values from files
    /// (names, config keys and values, file names): each line passes the control-character
    /// check, so none can move the cursor or retitle the terminal.
    fn say(&self, message: &str) {
        if !self.quiet {
            eprintln!("{}", safe_lines(message));
        }
    }

    /// Warnings about files that were skipped (stderr), unless `-q`.
    fn warn_problems(&self, loaded: &Loaded) {
        for p in &loaded.problems {
            self.warn_file(p);
        }
    }

    /// A warning about one file that was skipped (stderr), unless `-q`.
    fn warn_file(&self, p: &FileProblem) {
        self.say(&format!(
            "warning: {}: {}; the file was left as it is.",
            p.path.display(),
            p.problem
        ));
    }

    /// Every check-in, with warnings about the files that were skipped.
    fn load(&self) -> Result<Loaded, Error> {
        let mut loaded = self.store.load()?;
        crate::engine::keep_valid(&mut loaded);
        self.warn_problems(&loaded);
        Ok(loaded)
    }

    /// The question set a check-in uses: `--questions FILE`, `--set ID`, the configured one,
    /// or the built-in one. A configured set that cannot be used is a warning, not a stop.
    fn question_set(&self, args: &CheckinArgs) -> Result<Questionnaire, Error> {
        if let Some(path) = &args.questions {
            return Questionnaire::load(path);
        }
        if let Some(id) = &args.set {
            return sets::find(self.config_dir.as_ref(), id);
        }
        match &self.config.question_set {
            Some(id) => sets::find(self.config_dir.as_ref(), id).or_else(|e| {
                self.say(&format!(
                    "warning: the configured question_set \"{id}\" cannot be used ({}); the built-in set is used instead.",
                    e.to_string().lines().next().unwrap_or_default()
                ));
                Questionnaire::builtin()
            }),
            None => Questionnaire::builtin(),
        }
    }

    /// Prints the configuration file's problems as warnings (unless `-q`); a bad region is
    /// warned about where crisis lines are shown.
    pub fn warn_config(&self) {
        let file = self
            .config_dir
            .as_ref()
            .map(ConfigDir::file)
            .unwrap_or_default();
        for p in &self.config_problems {
            self.say(&format!("warning: {}: {p}", file.display()));
        }
    }
}

/// Runs one command.
pub fn dispatch(ctx: &Context, command: Command) -> Result<u8, Error> {
    if !matches!(command, Command::Config { .. } | Command::Doctor(_)) {
        // `config show` and `doctor` report these as problems of their own.
        ctx.warn_config();
    }
    let ok = |r: Result<(), Error>| r.map(|()| error::exit::OK);
    if reads_contents(&command) {
        // Encrypted data: the passphrase once, before anything is read.
        if let Err(e) = ctx.unlock() {
            ctx.crisis_when_locked();
            return Err(e);
        }
    }
    match command {
        Command::Checkin(args) => ok(checkin::checkin(ctx, &args)),
        Command::Summary(args) => ok(summary::summary(ctx, &args)),
        Command::History(args) => ok(history::history(ctx, &args)),
        Command::Log(args) => ok(log::log(ctx, &args)),
        Command::Status(_) => status::status(ctx),
        Command::Doctor(args) => doctor::doctor(ctx, &args),
        Command::Export(args) => ok(export::export(ctx, &args)),
        Command::Import(args) => export::import(ctx, &args),
        Command::Questions { action } => questions::questions(ctx, &action),
        Command::Config { action } => ok(config::config(ctx, &action)),
        Command::Encrypt => encrypt::encrypt(ctx),
        Command::Decrypt => encrypt::decrypt(ctx),
        Command::Passphrase {
            new_passphrase_file,
            rotate,
        } => encrypt::passphrase(ctx, new_passphrase_file.as_deref(), rotate),
        Command::Completions { shell } => ok(print(&crate::cli::completions(shell))),
        Command::Man => ok(print(&crate::cli::man())),
    }
}

/// Whether a command reads what is stored (and so needs the key of encrypted data). Saving
/// a check-in or a log entry does not; neither does `status` (it goes by file names).
fn reads_contents(command: &Command) -> bool {
    match command {
        Command::Summary(_) | Command::History(_) | Command::Export(_) | Command::Import(_) => true,
        Command::Log(args) => args.action.is_some(),
        Command::Checkin(args) => args.resume || (args.answers.is_some() && args.from_journal),
        _ => false,
    }
}

/// `text` with control characters made visible in each line (its line breaks kept).
fn safe_lines(text: &str) -> String {
    text.split('\n')
        .map(crate::text::safe)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes data to stdout; a closed pipe (`selfcheck history | head -1`) is the reader's
/// choice, not a failure.
fn print(bytes: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    written_to_stdout(out.write_all(bytes).and_then(|()| out.flush()))
}

/// The outcome of writing to stdout: a closed pipe is the reader's choice (`| head`).
fn written_to_stdout(written: std::io::Result<()>) -> Result<(), Error> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|source| Error::Io {
            action: "write to".to_string(),
            path: "standard output".into(),
            source,
        }),
    }
}

/// Writes `value` as pretty JSON to stdout as it is serialised, never held whole (a list
/// of tens of thousands of check-ins); a closed pipe is the reader's choice.
fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Error> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    written_to_stdout(written)
}

fn period_of(args: &PeriodArgs) -> Result<Period, Error> {
    Period::from_args(args.last, args.since.as_deref(), args.until.as_deref())
}
