//! `remind on`: the schedule asked for, the scheduler chosen, its files written and its
//! tool asked to start them (or, for cron, the line shown for the person to add).

use chrono::{Datelike, Local};

use crate::base::error::Error;
use crate::cli::SchedulerChoice;
use crate::config::Cadence;
use crate::engine::due;
use crate::remind::{cron, launchd, schedule, systemd, Job, Repeat, Schedule, Scheduler};

use super::files::{self, refused};
use super::{crontab_entry, programs, Context, Places};
use crate::commands::print;

fn chosen(with: Option<SchedulerChoice>) -> Scheduler {
    match with {
        Some(SchedulerChoice::Systemd) => Scheduler::Systemd,
        Some(SchedulerChoice::Launchd) => Scheduler::Launchd,
        Some(SchedulerChoice::Cron) => Scheduler::Cron,
        None if cfg!(target_os = "macos") => Scheduler::Launchd,
        None if programs::find("systemctl").is_some() => Scheduler::Systemd,
        None => Scheduler::Cron,
    }
}

/// What the reminder runs: this binary, with the folders in use made absolute.
fn job(ctx: &Context) -> Result<Job, Error> {
    let program = std::env::current_exe()
        .and_then(|p| p.canonicalize())
        .map_err(|source| Error::Io {
            action: "find".to_string(),
            path: "the selfcheck program".into(),
            source,
        })?;
    let absolute = |p: &std::path::Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    Ok(Job {
        program,
        data_dir: absolute(ctx.store.root()),
        config_dir: ctx.config_dir.as_ref().map(|c| absolute(&c.path)),
    })
}

/// The schedule asked for: the day given, else the day of the latest check-in (the week
/// as the person keeps it), else today; every day for a cadence in days.
fn schedule_for(ctx: &Context, day: Option<&str>, time: Option<&str>) -> Result<Schedule, Error> {
    let time = match time {
        Some(t) => schedule::parse_time(t).map_err(refused)?,
        None => schedule::default_time(),
    };
    let day = day.map(schedule::parse_day).transpose().map_err(refused)?;
    let repeat = match ctx.config.cadence.unwrap_or_default() {
        Cadence::EveryDays { every_days } => {
            if day.is_some() {
                ctx.say(&format!(
                    "note: your cadence is every {}, so the reminder looks every day; --day is not needed.",
                    crate::base::text::count(every_days as usize, "day", "days")
                ));
            }
            Repeat::Daily
        }
        Cadence::Weekly => Repeat::Weekly(match day {
            Some(day) => day,
            None => due::check(&ctx.store, crate::base::dates::today(), Cadence::Weekly)
                .ok()
                .and_then(|s| s.last)
                .unwrap_or_else(crate::base::dates::today)
                .weekday(),
        }),
    };
    Ok(Schedule { repeat, time })
}

pub(super) fn on(
    ctx: &Context,
    day: Option<&str>,
    time: Option<&str>,
    with: Option<SchedulerChoice>,
) -> Result<(), Error> {
    let schedule = schedule_for(ctx, day, time)?;
    let job = job(ctx)?;
    let scheduler = chosen(with);
    let places = Places::find()?;
    let next = schedule::when(schedule.next_after(Local::now().naive_local()));
    let head = format!(
        "Reminder: {}, a notification when a check-in is due (it never shows an answer).",
        schedule.describe()
    );
    match scheduler {
        Scheduler::Systemd => {
            let [timer, service] = systemd::units(&job, &schedule).map_err(refused)?;
            let [timer_path, service_path] = places.systemd_files();
            let changed = files::write_all(&[
                (timer_path.clone(), timer.1),
                (service_path.clone(), service.1),
            ])?;
            let written = if changed { "Written" } else { "Unchanged" };
            ctx.say(&format!(
                "{head}\n{written}:\n  {}\n  {}",
                timer_path.display(),
                service_path.display()
            ));
            match programs::find("systemctl") {
                Some(systemctl) => {
                    let reload = programs::run(&systemctl, &["--user", "daemon-reload"]);
                    let enable = programs::run(&systemctl, &["--user", "enable", "--now", systemd::TIMER]);
                    if reload.ok && enable.ok {
                        ctx.say(&format!("The timer is on (systemctl --user). Next: {next}. A week missed while the computer was off reminds at its next start."));
                    } else {
                        let why = programs::last_line(if reload.ok { &enable } else { &reload });
                        ctx.say(&format!("warning: the files are written but systemd did not start the timer ({why}). In your desktop session run `systemctl --user daemon-reload && systemctl --user enable --now {}`.", systemd::TIMER));
                    }
                }
                None => ctx.say(&format!("warning: systemctl is not here, so the timer is not started. Where systemd runs: `systemctl --user enable --now {}`; or use `selfcheck remind on --with cron`.", systemd::TIMER)),
            }
        }
        Scheduler::Launchd => {
            let path = places.launchd_file();
            let text = launchd::plist(&job, &schedule).map_err(refused)?;
            let changed = files::write_all(&[(path.clone(), text)])?;
            let written = if changed { "Written" } else { "Unchanged" };
            ctx.say(&format!("{head}\n{written}: {}", path.display()));
            let domain = format!("gui/{}", rustix::process::getuid().as_raw());
            let path_text = path.display().to_string();
            match programs::find("launchctl") {
                Some(launchctl) => {
                    let _ = programs::run(&launchctl, &["bootout", &format!("{domain}/{}", launchd::LABEL)]);
                    let boot = programs::run(&launchctl, &["bootstrap", &domain, &path_text]);
                    if boot.ok {
                        ctx.say(&format!("The agent is loaded (launchctl). Next: {next}."));
                    } else {
                        ctx.say(&format!("warning: the file is written but launchctl did not load it ({}). Run `launchctl bootstrap {domain} {path_text}`.", programs::last_line(&boot)));
                    }
                }
                None => ctx.say(&format!("warning: launchctl is not here (this is not macOS), so the agent is not loaded. On a Mac: `launchctl bootstrap {domain} {path_text}`.")),
            }
        }
        Scheduler::Cron => {
            let lines = cron::lines(&job, &schedule).map_err(refused)?;
            ctx.say(&format!("{head}\nAdd these two lines to your crontab with `crontab -e` (selfcheck never edits it):"));
            print(lines.as_bytes())?;
            if let Some(old) = crontab_entry() {
                ctx.say(&format!(
                    "note: your crontab already has a reminder line; keep one of the two:\n  {old}"
                ));
            }
            ctx.say("cron runs outside your desktop session, so a notification may not show there; `selfcheck status` in your shell's start-up file is another way.");
        }
    }
    Ok(())
}
