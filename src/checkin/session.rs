//! One check-in's draft from start to save: resuming it (`--resume`, after checking it still
//! fits the set), offering an unfinished one instead of the opening words, keeping the
//! answers after each one (and saying what was kept if the check-in stops), and the words
//! when the person chooses "not now". The questions themselves are the flow's (`flow.rs`).

use crate::base::error::{DraftError, DraftKept, Error};
use crate::checkin::draft;
use crate::checkin::flow::{CrisisNotice, Offer, Opening, Pending};
use crate::questionnaire::Questionnaire;
use crate::store::Store;

/// How this check-in is asked.
pub(crate) struct Asking {
    /// `--resume`: continue the draft without asking.
    pub resume: bool,
    /// `--plain`: line by line.
    pub plain: bool,
    /// A check-in already saved in this period of the cadence, in words.
    pub note: Option<String>,
    /// Answers offered from the intake journal.
    pub offers: Vec<Offer>,
}

/// Asks the questions, keeping the draft as it goes. `None`: the person chose not now
/// (and was told so through `say`).
pub(crate) fn ask(
    store: &Store,
    q: &Questionnaire,
    how: Asking,
    notice: &CrisisNotice,
    say: &dyn Fn(&str),
) -> Result<Option<crate::answers::Answers>, Error> {
    let mut pending = None;
    let start = if how.resume {
        let start = draft::resume(store, q)?;
        let problems = crate::engine::check_answers(q, &start, false);
        if !problems.is_empty() {
            return Err(DraftError::DoesNotFit {
                path: draft::path(store),
                problems,
            }
            .into());
        }
        start
    } else {
        let draft = draft::path(store);
        if draft.exists() && store.is_sealed() && !store.is_unlocked() {
            say("Note: an unfinished check-in is kept, encrypted: `selfcheck checkin --resume` continues it (it asks for your passphrase). Answering here replaces it.");
        }
        if let Ok(Some(old)) = draft::load(store) {
            let fits = old.questionnaire == crate::store::record::QuestionnaireRef::of(q)
                && crate::engine::check_answers(q, &old.answers, false).is_empty();
            if fits && !old.answers.is_empty() {
                // The person chooses: continue it, or start over (asked twice).
                pending = Some(Pending {
                    started: old.started_at.format("%A %-d %B at %H:%M").to_string(),
                    answers: old.answers,
                });
            } else if !old.answers.is_empty() {
                say(&format!(
                    "Note: a check-in started {} with another question set was not finished; this one replaces it.",
                    old.started_at.format("%Y-%m-%d %H:%M")
                ));
            }
        }
        Default::default()
    };
    if !start.is_empty() || pending.is_some() {
        crate::checkin::stop::set_draft(DraftKept::Kept);
    }
    let keep = |a: &crate::answers::Answers| {
        // A draft that cannot be kept is no reason to stop the check-in; the stop
        // message says what was kept.
        crate::checkin::stop::set_draft(match draft::save(store, q, a) {
            Ok(()) => DraftKept::Kept,
            Err(_) => DraftKept::NotWritten,
        });
    };
    let opening = Opening {
        pending,
        note: how.note,
        offers: how.offers,
        resume: how.resume,
    };
    let asked = if how.plain {
        super::plain(q, start, opening, &keep, notice)?
    } else {
        super::interactive(q, start, opening, &keep, notice)?
    };
    match asked {
        Some(answers) => Ok(Some(answers)),
        None => {
            let kept = if draft::load(store).ok().flatten().is_some() {
                " Your unfinished check-in is kept: `selfcheck checkin` offers it again."
            } else {
                ""
            };
            say(&format!(
                "Not now, then: nothing was saved.{kept} `selfcheck checkin` starts when you are ready."
            ));
            Ok(None)
        }
    }
}
