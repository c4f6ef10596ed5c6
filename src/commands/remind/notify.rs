//! `remind notify`, what the scheduler runs: when a check-in is due, a notification that
//! says so and nothing else; else nothing.

use crate::base::error::Error;
use crate::engine::due;

use super::{programs, Context};
use crate::commands::print_text;

/// What the scheduler runs: when a check-in is due, a notification that says so and
/// nothing else (no answer, no score, no flag); else nothing.
pub(super) fn notify(ctx: &Context) -> Result<(), Error> {
    let cadence = ctx.config.cadence.unwrap_or_default();
    let found = due::check(&ctx.store, crate::base::dates::today(), cadence)?;
    if !found.due {
        return Ok(());
    }
    let body = crate::remind::NOTICE_BODY;
    if !ctx.quiet {
        print_text(format!("{body}\n"))?;
    }
    let shown = if cfg!(target_os = "macos") {
        programs::find("osascript").map(|osascript| {
            let script = format!(
                "display notification \"{body}\" with title \"{}\"",
                crate::remind::NOTICE_TITLE
            );
            programs::run(&osascript, &["-e", &script])
        })
    } else {
        programs::find("notify-send").map(|send| {
            programs::run(
                &send,
                &["--app-name=selfcheck", crate::remind::NOTICE_TITLE, body],
            )
        })
    };
    if let Some(ran) = shown.filter(|r| !r.ok) {
        ctx.say(&format!(
            "note: the notification could not be shown ({}).",
            programs::last_line(&ran)
        ));
    }
    Ok(())
}
