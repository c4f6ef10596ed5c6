//! `remind off`: stops the timer and removes the files selfcheck wrote (and only those); a
//! crontab line is shown for the person to remove.

use crate::base::error::Error;
use crate::remind::{launchd, systemd};

use super::files::{self, Found};
use super::{crontab_entry, programs, Context, Places};

pub(super) fn off(ctx: &Context) -> Result<(), Error> {
    let places = Places::find()?;
    let mut removed = Vec::new();
    let mut left = Vec::new();
    let systemd_files = places.systemd_files();
    let mut installed = false;
    for path in &systemd_files {
        installed |= matches!(files::look(path)?, Found::Ours(_));
    }
    if installed {
        if let Some(systemctl) = programs::find("systemctl") {
            let disable =
                programs::run(&systemctl, &["--user", "disable", "--now", systemd::TIMER]);
            if !disable.ok {
                ctx.say(&format!("note: systemctl --user could not stop the timer ({}); its files are removed all the same, so it will not fire again.", programs::last_line(&disable)));
            }
        }
    }
    let (gone, theirs) = files::remove_ours(&systemd_files)?;
    removed.extend(gone);
    left.extend(theirs);
    if installed {
        // `enable` made this link to our timer; `disable` removes it, unless systemd did
        // not answer: then it would point at nothing.
        let wants = places
            .systemd
            .join("timers.target.wants")
            .join(systemd::TIMER);
        let ours = std::fs::symlink_metadata(&wants).is_ok_and(|m| m.file_type().is_symlink())
            && std::fs::read_link(&wants)
                .is_ok_and(|to| to.file_name() == Some(systemd::TIMER.as_ref()));
        if ours {
            std::fs::remove_file(&wants).map_err(|source| Error::Io {
                action: "remove".to_string(),
                path: wants.clone(),
                source,
            })?;
            removed.push(wants);
        }
        if let Some(systemctl) = programs::find("systemctl") {
            let _ = programs::run(&systemctl, &["--user", "daemon-reload"]);
        }
    }
    let plist = places.launchd_file();
    if matches!(files::look(&plist)?, Found::Ours(_)) {
        if let Some(launchctl) = programs::find("launchctl") {
            let domain = format!(
                "gui/{}/{}",
                rustix::process::getuid().as_raw(),
                launchd::LABEL
            );
            let _ = programs::run(&launchctl, &["bootout", &domain]);
        }
    }
    let (gone, theirs) = files::remove_ours(std::slice::from_ref(&plist))?;
    removed.extend(gone);
    left.extend(theirs);
    if removed.is_empty() {
        ctx.say("No reminder files of selfcheck's were there; nothing was removed.");
    } else {
        let list: Vec<String> = removed
            .iter()
            .map(|p| format!("  {}", p.display()))
            .collect();
        ctx.say(&format!("Reminder off. Removed:\n{}", list.join("\n")));
    }
    for why in left {
        ctx.say(&format!("note: {why}"));
    }
    if let Some(line) = crontab_entry() {
        ctx.say(&format!("Your crontab still runs the reminder; selfcheck never edits it. Remove this line with `crontab -e`:\n  {line}"));
    }
    Ok(())
}
