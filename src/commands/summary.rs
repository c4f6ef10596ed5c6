//! `selfcheck summary`: the model of a period, laid out in the chosen format, to stdout or
//! `--out`; crisis lines before anything that could fail.

use crate::base::error::Error;
use crate::cli::{SummaryArgs, SummaryFormat};
use crate::config::SummaryPeriod;
use crate::report::{self, Report};
use crate::store::selection::Selection;
use crate::summary::{self};
use crate::{base::output, summary::history};

use super::{period_of, Context};

pub(super) fn summary(ctx: &Context, args: &SummaryArgs) -> Result<(), Error> {
    let mut period = period_of(&args.period)?;
    if period.is_unbounded() {
        if let Some(SummaryPeriod::Last { last }) = ctx.config.summary_period {
            period.last = Some(last);
        }
    }
    let format = args
        .format
        .or(ctx.config.summary_format)
        .unwrap_or(SummaryFormat::Text);
    let printed = matches!(format, SummaryFormat::Markdown | SummaryFormat::Html);
    let (summary, loaded) = if period.is_unbounded() && !printed {
        // The latest check-in and the ones its rules look back at are read, not years of
        // them; only when none of those can be used is the whole history read.
        let latest = Selection {
            last: Some(1),
            ..period
        };
        let mut loaded = history::load_period(&ctx.store, &latest)?;
        if loaded.checkins.is_empty() {
            loaded = ctx.load()?;
        } else {
            ctx.warn_problems(&loaded);
        }
        (summary::latest(&loaded.checkins), loaded)
    } else {
        let loaded = history::load_period(&ctx.store, &period)?;
        ctx.warn_problems(&loaded);
        let mut range = period.range(&loaded.checkins);
        if period.is_unbounded() {
            // A printed report without a period covers the latest check-in.
            range = range.end.saturating_sub(1)..range.end;
        }
        (summary::period(&loaded.checkins, range), loaded)
    };
    let summary = with_journal(ctx, summary, Some(&period));
    let summary = summary.for_printing(Some(made_on()), args.name.clone(), &args.concern);
    let summary = ctx.localise(summary, &loaded.checkins);
    if args
        .output
        .out
        .as_deref()
        .is_some_and(|p| p != std::path::Path::new("-"))
    {
        if let Some(c) = &summary.crisis {
            // Written to a file, the crisis resources would go unseen, and writing can fail:
            // show them here first.
            crate::base::text::say(&format!("{}: {}", c.title, c.lines.join(" ")));
        }
    }
    let bytes = match format {
        SummaryFormat::Text => {
            let text = report::Text::for_terminal().render(&summary);
            let text = String::from_utf8_lossy(&text);
            crate::base::text::lines(&text, crate::base::text::width()).into_bytes()
        }
        SummaryFormat::Markdown => report::Markdown.render(&summary),
        SummaryFormat::Html => report::Html.render(&summary),
        SummaryFormat::Json => report::Json.render(&summary),
    };
    if let Some(path) = output::write(args.output.out.as_deref(), args.output.force, &bytes)? {
        ctx.say(&format!("Wrote {path} (readable only by you)."));
    }
    Ok(())
}

/// The day reports are made: today, or `SOURCE_DATE_EPOCH` (seconds) for reproducible output.
pub(super) fn made_on() -> String {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(crate::base::dates::today)
        .to_string()
}

/// The summary with the intake journal of its period: from `--since` (else the week the
/// first check-in shown asks about: its day and the 6 before) through `--until` (else today), so the days just before an appointment
/// are in it; entries after `--until` are counted as left out. Damaged entries are warned
/// about, and a journal that cannot be read is a warning, never a failed summary.
pub(super) fn with_journal(
    ctx: &Context,
    s: summary::Summary,
    period: Option<&Selection>,
) -> summary::Summary {
    let Some(substances) = crate::journal::Substances::shared() else {
        return s;
    };
    let today = crate::base::dates::today();
    let since = period.and_then(|p| p.since);
    let until = period.and_then(|p| p.until).map(|u| u.min(today));
    // The first check-in's own week is what it asks about: its day and the 6 before.
    let Some(from) = since.or(s.period.from.map(|f| f - chrono::Duration::days(6))) else {
        return s;
    };
    let to = until.unwrap_or(today).max(from);
    match crate::journal::load_between(&ctx.store, substances, from, today.max(to)) {
        Ok((entries, problems)) => {
            for p in &problems {
                ctx.warn_file(p);
            }
            if entries.is_empty() {
                s
            } else {
                s.with_journal(&entries, substances, from, to)
            }
        }
        Err(e) => {
            ctx.say(&format!("warning: the intake journal was left out: {e}"));
            s
        }
    }
}
