//! `remind status`: which reminder is set (read back from its own files), when it next
//! looks, and whether a check-in is due now.

use chrono::Local;

use crate::base::error::Error;
use crate::engine::due;
use crate::remind::{launchd, schedule, systemd, Schedule, Scheduler};

use super::files::{self, Found};
use super::{crontab_entry, programs, Context, Places};
use crate::commands::print_text;

pub(super) fn status(ctx: &Context) -> Result<(), Error> {
    let places = Places::find()?;
    let now = Local::now().naive_local();
    let mut said = Vec::new();
    let [timer_path, _] = places.systemd_files();
    let found = files::look(&timer_path)?;
    if let Found::Theirs(why) = &found {
        said.push(format!("note: {why}"));
    }
    if let Found::Ours(text) = found {
        // Enabled is what is on disk; active is whether systemd runs it now (a session
        // without a user manager has the one without the other).
        let state = programs::find("systemctl").map(|systemctl| {
            let enabled = programs::run(&systemctl, &["--user", "is-enabled", systemd::TIMER]);
            let active = programs::run(&systemctl, &["--user", "is-active", systemd::TIMER]);
            let active = if active.ok {
                programs::first_line(&active)
            } else {
                format!("not running ({})", programs::last_line(&active))
            };
            format!("{}, {active}", programs::first_line(&enabled))
        });
        said.push(described(
            systemd::read_schedule(&text),
            Scheduler::Systemd,
            &timer_path,
            state.map(|s| format!("systemctl --user says: {s}")),
            now,
        ));
    }
    let plist = places.launchd_file();
    if let Found::Ours(text) = files::look(&plist)? {
        said.push(described(
            launchd::read_schedule(&text),
            Scheduler::Launchd,
            &plist,
            None,
            now,
        ));
    }
    if let Some(line) = crontab_entry() {
        said.push(format!(
            "Reminder: a crontab line (`crontab -l`):\n  {line}"
        ));
    }
    if said.is_empty() {
        said.push("No reminder is set. `selfcheck remind on` sets one (`selfcheck remind on --help`: the day, the time).".to_string());
    }
    let cadence = ctx.config.cadence.unwrap_or_default();
    if let Ok(found) = due::check(&ctx.store, crate::base::dates::today(), cadence) {
        said.push(due::describe(&found, cadence));
    }
    print_text(format!("{}\n", said.join("\n")))
}

fn described(
    schedule: Option<Schedule>,
    scheduler: Scheduler,
    path: &std::path::Path,
    state: Option<String>,
    now: chrono::NaiveDateTime,
) -> String {
    let mut text = match schedule {
        Some(s) => format!(
            "Reminder: {}, by {}.\n  Next: {}.",
            s.describe(),
            scheduler.name(),
            schedule::when(s.next_after(now))
        ),
        None => format!(
            "Reminder: {}, but its schedule cannot be read; `selfcheck remind on` writes it again.",
            scheduler.name()
        ),
    };
    text.push_str(&format!("\n  File: {}", path.display()));
    if let Some(state) = state {
        text.push_str(&format!("\n  {state}"));
    }
    text
}
