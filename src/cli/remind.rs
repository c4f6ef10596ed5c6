//! `selfcheck remind`'s subcommands and options.

use clap::{Subcommand, ValueEnum};

/// What `remind` can do.
#[derive(Debug, Subcommand)]
pub enum RemindAction {
    /// Set the reminder (again): a systemd user timer, a launchd agent on macOS, else a
    /// crontab line to add yourself.
    On {
        /// The day it looks whether a check-in is due (default: the day of your latest
        /// check-in, else today)
        #[arg(long, value_name = "DAY")]
        day: Option<String>,
        /// The time of day, 24-hour clock (default: 18:00)
        #[arg(long, value_name = "HH:MM")]
        time: Option<String>,
        /// Which scheduler (default: launchd on macOS, systemd where systemctl is, else cron)
        #[arg(long, value_enum, value_name = "SCHEDULER")]
        with: Option<SchedulerChoice>,
    },
    /// Remove the reminder's files (a crontab line is shown for you to remove).
    Off,
    /// Say which reminder is set and when it next looks.
    Status,
    /// What the reminder runs: a notification when a check-in is due, else nothing.
    Notify,
}

/// Schedulers for `remind on --with`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchedulerChoice {
    /// A systemd user timer (Linux).
    Systemd,
    /// A launchd agent (macOS).
    Launchd,
    /// A crontab line, shown for you to add with `crontab -e`.
    Cron,
}
