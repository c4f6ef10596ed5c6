//! `selfcheck remind on|off|status|notify`: a reminder on a set day when a check-in is
//! due. The texts come from `crate::remind`; these files write them (`on.rs`), remove them
//! (`off.rs`), read them back (`status.rs`), run the scheduler's own tools
//! (`programs.rs`), and show the notification (`notify.rs`, what the scheduler runs).

mod files;
mod notify;
mod off;
mod on;
mod programs;
mod status;

use std::path::PathBuf;

use crate::base::error::{self, Error};
use crate::cli::RemindAction;
use crate::remind::{cron, launchd, systemd};

use super::Context;

pub(super) fn remind(ctx: &Context, action: &RemindAction) -> Result<u8, Error> {
    match action {
        RemindAction::On { day, time, with } => on::on(ctx, day.as_deref(), time.as_deref(), *with),
        RemindAction::Off => off::off(ctx),
        RemindAction::Status => status::status(ctx),
        RemindAction::Notify => notify::notify(ctx),
    }
    .map(|()| error::exit::OK)
}
/// Where each scheduler's files go.
struct Places {
    systemd: PathBuf,
    launchd: PathBuf,
}

impl Places {
    fn find() -> Result<Places, Error> {
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .filter(|h| h.is_absolute())
            .ok_or_else(|| {
                Error::Refused(
                    "no home folder (HOME is not set to an absolute path), so there is no place for a reminder; set HOME and try again".to_string(),
                )
            })?;
        let xdg = std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from);
        Ok(Places {
            systemd: systemd::unit_dir(xdg.as_deref(), &home),
            launchd: home.join("Library/LaunchAgents"),
        })
    }

    fn systemd_files(&self) -> [PathBuf; 2] {
        [
            self.systemd.join(systemd::TIMER),
            self.systemd.join(systemd::SERVICE),
        ]
    }

    fn launchd_file(&self) -> PathBuf {
        self.launchd.join(launchd::FILE)
    }
}
/// The reminder's line in the person's crontab, when `crontab -l` shows one.
pub(super) fn crontab_entry() -> Option<String> {
    let crontab = programs::find("crontab")?;
    let ran = programs::run(&crontab, &["-l"]);
    ran.ok
        .then(|| {
            ran.said
                .lines()
                .find(|l| cron::is_entry(l))
                .map(str::to_string)
        })
        .flatten()
}
