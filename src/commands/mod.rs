//! The commands, one function each: options and configuration in, output and an exit
//! code out. Parsing lives in `cli.rs`; the work lives in the modules these call.
//!
//! Data goes to stdout and messages to stderr; `-q` silences the messages but never errors
//! or crisis resources.

use std::io::{IsTerminal, Write};

use crate::base::error::{self, Error};
use crate::cli::{Command, PeriodArgs};
use crate::store::selection::Selection;

mod checkin;
mod config;
mod context;
mod decrypt;
mod doctor;
mod encrypt;
mod export;
mod history;
mod import;
mod log;
mod passphrase;
mod questions;
mod remind;
mod status;
mod summary;

pub use context::Context;

/// Runs one command.
pub(crate) fn dispatch(ctx: &Context, command: Command) -> Result<u8, Error> {
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
        Command::Import(args) => import::import(ctx, &args),
        Command::Questions { action } => questions::questions(ctx, &action),
        Command::Config { action } => ok(config::config(ctx, &action)),
        Command::Encrypt => encrypt::encrypt(ctx),
        Command::Decrypt => decrypt::decrypt(ctx),
        Command::Passphrase {
            new_passphrase_file,
            rotate,
        } => passphrase::passphrase(ctx, new_passphrase_file.as_deref(), rotate),
        Command::Remind { action } => remind::remind(ctx, &action),
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

/// Writes text for the person to stdout, every line laid out by the one wrapper
/// ([`crate::base::text::lines`]): what fits is left as it is.
fn print_text(text: impl AsRef<[u8]>) -> Result<(), Error> {
    let text = String::from_utf8_lossy(text.as_ref());
    print(crate::base::text::lines(&text, crate::base::text::width()).as_bytes())
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

fn period_of(args: &PeriodArgs) -> Result<Selection, Error> {
    Selection::from_args(args.last, args.since.as_deref(), args.until.as_deref())
}

/// Asks before something that changes the history; `--yes` answers for scripts.
pub(super) fn confirm(question: &str, yes: bool) -> Result<bool, Error> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Refused(
            "there is no terminal to ask for confirmation in; add --yes to go ahead without being asked".to_string(),
        ));
    }
    let answer = dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact_opt();
    let _ = console::Term::stderr().show_cursor();
    Ok(matches!(answer, Ok(Some(true))))
}
