//! `selfcheck history` and its actions: list, show, delete, restore, purge.

use crate::base::error::Error;
use crate::cli::{HistoryAction, HistoryArgs, ListFormat};
use crate::report::{self};
use crate::summary::history;
use crate::summary::{self};

use super::{period_of, print_text, Context};

mod trash;

pub(super) fn history(ctx: &Context, args: &HistoryArgs) -> Result<(), Error> {
    let store = &ctx.store;
    let message = match &args.action {
        None => {
            let period = period_of(&args.period)?;
            // Everything: read a part at a time, in bounded memory.
            let (mut list, latest) = if period.is_unbounded() {
                let (list, problems, latest) = history::list_all(store)?;
                problems.iter().for_each(|p| ctx.warn_file(p));
                (list, latest)
            } else {
                let loaded = history::load_period(store, &period)?;
                ctx.warn_problems(&loaded);
                let latest = loaded.checkins.last().map(|c| c.questionnaire.clone());
                (history::list(&loaded, &period), latest)
            };
            if list.crisis_line.is_some() {
                if let Some(q) = latest {
                    let crisis = ctx.crisis_text(&q);
                    list.crisis_line = Some(ctx.region(&crisis).lines(&crisis).1);
                }
            }
            return match args.format {
                ListFormat::Text => print_text(report::history_text(&list, args.ids)),
                ListFormat::Json => super::print_json(&list),
            };
        }
        Some(HistoryAction::Show { target }) => {
            let period = match target {
                Some(t) => history::period_of(t),
                None => crate::store::selection::Selection {
                    last: Some(1),
                    since: None,
                    until: None,
                },
            };
            let loaded = history::load_period(store, &period)?;
            ctx.warn_problems(&loaded);
            let at =
                match target {
                    Some(t) => {
                        let found = history::resolve(&loaded.checkins, t, "")?;
                        loaded
                            .checkins
                            .iter()
                            .position(|c| c.record.id == found.record.id)
                            .unwrap_or(0)
                    }
                    None if loaded.checkins.is_empty() => return Err(Error::Refused(
                        "there are no check-ins to show yet; start one with `selfcheck checkin`"
                            .to_string(),
                    )),
                    None => loaded.checkins.len() - 1,
                };
            let summary = summary::build(&loaded.checkins, at..at + 1, summary::Scope::Checkin);
            let summary = ctx.localise(summary, &loaded.checkins[..=at]);
            return print_text(report::checkin_text(&summary));
        }
        Some(HistoryAction::Delete { target, yes }) => trash::delete(store, target, *yes)?,
        Some(HistoryAction::Restore { target }) => match trash::restore(store, target) {
            // Not a check-in in the trash: perhaps a journal entry in the journal's trash.
            Err(Error::Pick(why)) => match super::log::delete::restore_entry(ctx, target) {
                Ok(true) => return Ok(()),
                Ok(false) => return Err(Error::Pick(why)),
                Err(e) => return Err(e),
            },
            other => other?,
        },
        Some(HistoryAction::Purge { yes }) => trash::purge(store, *yes)?,
    };
    ctx.say(&message);
    Ok(())
}
