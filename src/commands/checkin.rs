//! `selfcheck checkin`: crisis lines first when the answers bring them, then the save, the
//! draft and the short result.

use chrono::Local;

use crate::base::error::Error;
use crate::checkin::flow::{CrisisNotice, Offer};
use crate::checkin::session::Asking;
use crate::cli::CheckinArgs;
use crate::questionnaire::CrisisLevel;
use crate::report::{self, Report};
use crate::summary::{self};
use crate::{checkin, checkin::draft};

use super::{print_text, Context};

pub(super) fn checkin(ctx: &Context, args: &CheckinArgs) -> Result<(), Error> {
    let q = ctx.question_set(args)?;
    let crisis = ctx.crisis_text(&q);
    let (lines, short) = ctx.region(&crisis).lines(&crisis);
    let notice = CrisisNotice {
        title: crisis.title.clone(),
        lines,
    };
    // An answers file is read first: a self-harm answer in it shows the crisis lines even
    // when the file, or the rest of the command, is refused.
    let given = match &args.answers {
        Some(path) => Some(checkin::read_answers(path)?),
        None => None,
    };
    let refused = |e: Error| -> Error {
        if let Some(answers) = given
            .as_ref()
            .and_then(|(_, b)| checkin::self_harm_given(&q, b))
        {
            ctx.show_crisis(&ctx.crisis_block(&summary::Crisis {
                title: notice.title.clone(),
                lines: notice.lines.clone(),
                message: crate::engine::urgent_message(&q, &answers),
            }));
        }
        e
    };
    let date =
        checkin::parse_date(args.date.as_deref(), crate::base::dates::today()).map_err(refused)?;
    let offers = if args.answers.is_some() && !args.from_journal {
        Vec::new()
    } else {
        journal_offers(ctx, &q, date)
    };
    // From a file, an offer is taken only where the file leaves the item out.
    let mut taken: Vec<String> = Vec::new();
    let answers = match &given {
        Some((name, bytes)) => {
            let fill: Vec<(String, i64)> =
                offers.iter().map(|o| (o.item.clone(), o.value)).collect();
            let (answers, filled) =
                checkin::answers_from_bytes_with(&q, name.clone(), bytes, &fill)
                    .map_err(refused)?;
            taken = filled;
            answers
        }
        None => {
            let how = Asking {
                resume: args.resume,
                plain: args.plain,
                note: already_this_week(ctx, date),
                offers: offers.clone(),
            };
            match checkin::session::ask(&ctx.store, &q, how, &notice, &|m| ctx.say(m))? {
                Some(answers) => answers,
                None => return Ok(()),
            }
        }
    };
    // Crisis lines come before anything that could fail (saving, reading, the summary).
    let level = crate::engine::crisis_level(&q, &answers);
    let block = (level == CrisisLevel::Full).then(|| {
        ctx.crisis_block(&summary::Crisis {
            title: notice.title.clone(),
            lines: notice.lines.clone(),
            message: crate::engine::urgent_message(&q, &answers),
        })
    });
    if let Some(block) = &block {
        ctx.show_crisis(block);
    }
    // The record notes what the journal offered, for the items that were asked.
    let offered = offers
        .iter()
        .filter(|o| args.answers.is_none() || taken.contains(&o.item))
        .filter(|o| matches!(answers.get(&o.item), Some(crate::answers::Slot::Given(_))))
        .map(|o| (o.item.clone(), o.value))
        .collect();
    let record = {
        let _guard = checkin::SavingGuard::start();
        ctx.store
            .save(&q, date, Local::now().fixed_offset(), answers, offered)?
    };
    if args.answers.is_none() {
        // The draft was this check-in in progress; from an answers file, any draft is
        // another check-in's and stays.
        draft::remove(&ctx.store);
    }
    ctx.say(&format!(
        "Saved your check-in for {} ({}).",
        record.date, record.id
    ));
    if !ctx.quiet {
        // Encrypted and not unlocked, this check-in is shown on its own.
        let compared = ctx.compare_unlocked()?;
        let checkins = if compared {
            // The day of this check-in and the ones its rules look back at: not years.
            let window = crate::store::selection::Selection {
                last: Some(1),
                since: None,
                until: Some(record.date),
            };
            let loaded = crate::summary::history::load_period(&ctx.store, &window)?;
            ctx.warn_problems(&loaded);
            loaded.checkins
        } else {
            vec![crate::store::StoredCheckin {
                record: record.clone(),
                questionnaire: std::sync::Arc::new(q.clone()),
                path: Default::default(),
            }]
        };
        let at = checkins.iter().position(|c| c.record.id == record.id);
        let summary = match at {
            Some(i) => summary::build(&checkins, i..i + 1, summary::Scope::Checkin),
            None => summary::latest(&checkins),
        };
        let summary = if compared {
            super::summary::with_journal(ctx, summary, None)
        } else {
            summary
        };
        let mut summary = ctx.localise(summary, &checkins[..at.map_or(checkins.len(), |i| i + 1)]);
        // Shown just above; it closes the check-in again below.
        summary.crisis = None;
        print_text(report::Text::for_terminal().render(&summary))?;
        if !compared {
            ctx.say("Your earlier check-ins are encrypted, so this shows this check-in on its own; `selfcheck summary` compares them (it asks for your passphrase).");
        }
        // The crisis block was shown once, before the save; the result's "Next" points to
        // it after an answer of 2 or 3.
    } else if level == CrisisLevel::Short {
        // `-q` keeps the one-line resource, as `-q summary` does.
        ctx.show_crisis(&format!("{short}\n"));
    }
    if let Some(warning) = ctx.store.privacy_warning() {
        ctx.say(&format!("warning: {warning}"));
    }
    Ok(())
}

/// A check-in already saved in the current period of the cadence (for a check-in about
/// today), in words; the person can go on.
fn already_this_week(ctx: &Context, date: chrono::NaiveDate) -> Option<String> {
    let today = crate::base::dates::today();
    if date != today {
        return None;
    }
    let cadence = ctx.config.cadence.unwrap_or_default();
    let status = crate::engine::due::check(&ctx.store, today, cadence).ok()?;
    let last = status.last.filter(|_| !status.due)?;
    Some(format!(
        "You already checked in on {}; this one is saved beside it, and both are kept.",
        last.format("%A %-d %B")
    ))
}

/// Answers the intake journal can offer, counted by the engine (`engine/offers.rs`) and
/// put in words here. A journal that cannot be read offers nothing (the check-in never
/// depends on it).
fn journal_offers(
    ctx: &Context,
    q: &crate::questionnaire::Questionnaire,
    date: chrono::NaiveDate,
) -> Vec<Offer> {
    use crate::base::text::count;
    use crate::engine::offers;
    let Some(substances) = crate::journal::Substances::shared() else {
        return Vec::new();
    };
    // Only the week's days are read, not the whole journal.
    let from = offers::week_start(date);
    let Ok((entries, _)) = crate::journal::load_between(&ctx.store, substances, from, date) else {
        return Vec::new();
    };
    let Some(week) = offers::journal_week(&entries, substances, date) else {
        return Vec::new();
    };
    let listed: Vec<String> = week
        .names
        .iter()
        .map(|(n, days)| format!("{n} on {}", count(*days, "day", "days")))
        .collect();
    let words = format!(
        "Your journal, {} to {}: {}. {} That is {}: a suggestion, not your answer.",
        week.from.format("%-d %b"),
        week.to.format("%-d %b"),
        listed.join("; "),
        substances.offer.counted,
        count(week.days, "day", "days"),
    );
    offers::offered_values(q, &week)
        .into_iter()
        .map(|(item, value)| Offer {
            item,
            value,
            words: words.clone(),
        })
        .collect()
}
