//! Reminders: a nudge on a set day when a check-in is due, from the scheduler the computer
//! has — a systemd user timer on Linux, a launchd agent on macOS, else a crontab line the
//! person adds themselves (selfcheck never edits a crontab). A habit kept once a week is
//! forgotten without one.
//!
//! This folder only says what to install, as text, and reads back what it wrote: no file
//! is touched and no program run here (`commands/remind/` does that). What fires is
//! `selfcheck remind notify`, which looks at `status` and shows a notification that never
//! names an answer.

pub(crate) mod cron;
pub(crate) mod launchd;
pub(crate) mod schedule;
pub(crate) mod systemd;

use std::path::{Path, PathBuf};

pub(crate) use schedule::{Repeat, Schedule};

/// The first line of every file `remind on` writes: `remind off` removes only files that
/// start with it, and `remind on` replaces only those.
pub(crate) const MARKER: &str =
    "Written by `selfcheck remind on`; `selfcheck remind off` removes it.";

/// The words of the notification: that a check-in is due, never what was answered.
pub(crate) const NOTICE_TITLE: &str = "selfcheck";
/// The notification's body.
pub(crate) const NOTICE_BODY: &str =
    "A check-in is due. Run selfcheck checkin when you have a few minutes.";

/// Which scheduler runs the reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Scheduler {
    /// A systemd user timer (Linux).
    Systemd,
    /// A launchd agent (macOS).
    Launchd,
    /// A crontab line, shown for you to add with `crontab -e`.
    Cron,
}

impl Scheduler {
    /// The name said to the person.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Scheduler::Systemd => "a systemd user timer",
            Scheduler::Launchd => "a launchd agent",
            Scheduler::Cron => "a crontab line",
        }
    }
}

/// What the reminder runs: this program, with the data and config folders in use.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    /// The selfcheck binary (absolute).
    pub program: PathBuf,
    /// The data folder (absolute).
    pub data_dir: PathBuf,
    /// The config folder (absolute), when there is one.
    pub config_dir: Option<PathBuf>,
}

/// Why a reminder cannot be written as asked.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RemindError {
    /// A day that is not one.
    #[error("--day {0}: not a day of the week; use a name such as monday or mon")]
    BadDay(String),
    /// A time that is not one.
    #[error("--time {0}: not a time of day; use HH:MM on the 24-hour clock, such as 18:00")]
    BadTime(String),
    /// A path the scheduler's file cannot hold.
    #[error("{}: a folder or program path with a line break or control character cannot go into a scheduler's file; move it, or set SELFCHECK_DATA_DIR to a plainer path", .0.display())]
    Unwritable(PathBuf),
    /// A file of the same name that selfcheck did not write.
    #[error("{}: this file was not written by selfcheck, so it is left as it is; to set the reminder, move it away (or use `--with cron`) and run `selfcheck remind on` again", .0.display())]
    NotOurs(PathBuf),
    /// A symbolic link where a file would go.
    #[error("{}: is a symbolic link, and selfcheck never writes or removes a file through one; remove the link and try again", .0.display())]
    Link(PathBuf),
}

/// Checks that a path can be written into a scheduler's file: no control characters.
pub(crate) fn plain_path(path: &Path) -> Result<&str, RemindError> {
    path.to_str()
        .filter(|s| !s.chars().any(char::is_control))
        .ok_or_else(|| RemindError::Unwritable(path.to_path_buf()))
}

/// Whether a file's text is one `remind on` wrote.
pub(crate) fn is_ours(text: &str) -> bool {
    text.lines().take(3).any(|l| l.contains(MARKER))
}
