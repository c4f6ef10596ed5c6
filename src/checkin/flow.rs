//! One check-in flow for every way of asking: the walk over items in order, skip logic,
//! progress counted over the items that will (or may still) be asked, resuming a draft,
//! the review where any answer can be changed, and the follow-up questions a change opens.
//! It is written once here; the dialoguer screens (`dialog.rs`) and `--plain` (`plain.rs`)
//! only show a question, read an answer and show the review, through [`Screen`].

use crate::answers::{describe_slot, Answers, Slot};
use crate::base::error::Error;
use crate::checkin::progress::Counter;
pub(crate) use crate::checkin::progress::Progress;
use crate::engine;
use crate::questionnaire::{CrisisLevel, ItemDef, Questionnaire};

/// Why a question is on screen, which decides its heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Asking {
    /// The first pass, with where this question stands.
    InOrder(Progress),
    /// The first pass, with an answer offered from the intake journal, which the person
    /// keeps or changes.
    Offered {
        /// Where this question stands.
        progress: Progress,
        /// What the journal holds and what is offered, in words.
        words: String,
    },
    /// Chosen on the review.
    Change,
    /// Opened by a changed answer (skip logic).
    FollowUp,
}

/// What the person did at a prompt.
pub(crate) enum Reply<T> {
    /// Gave this.
    Answered(T),
    /// Asked to stop for now.
    Stop,
}

impl<T> Reply<T> {
    /// The answer turned into another.
    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> U) -> Reply<U> {
        match self {
            Reply::Answered(v) => Reply::Answered(f(v)),
            Reply::Stop => Reply::Stop,
        }
    }
}

/// What the person chose on the review.
pub(crate) enum ReviewChoice {
    /// Save the check-in.
    Save,
    /// Stop for now (the draft keeps the answers).
    Stop,
    /// Change the answer at this index of the reviewed list.
    Change(usize),
}

/// One answered item as the review shows it.
pub(crate) struct Reviewed<'a> {
    /// The item.
    pub item: &'a ItemDef,
    /// Its answer in words.
    pub text: String,
}

/// A way of asking: the terminal screens or plain lines.
pub(crate) trait Screen {
    /// The opening words, with `note` (a check-in already saved this week) first; `Stop`
    /// when the person chose not to start.
    fn intro(&mut self, q: &Questionnaire, note: Option<&str>) -> Result<Reply<()>, Error>;
    /// Asks one item; `current` is the answer being changed, if any.
    fn ask(
        &mut self,
        q: &Questionnaire,
        item: &ItemDef,
        asking: Asking,
        current: Option<&Slot>,
    ) -> Result<Reply<Slot>, Error>;
    /// Shows every answer and reads what to do.
    fn review(&mut self, q: &Questionnaire, answers: &[Reviewed]) -> Result<ReviewChoice, Error>;
    /// Shows the crisis lines (right after an answer that brings them), until the person
    /// goes on.
    fn crisis(&mut self, title: &str, lines: &[String]) -> Result<(), Error>;
    /// Asks one of `options`; `None` when the person goes back (Esc, end of input).
    fn choose(&mut self, question: &str, options: &[&str]) -> Result<Option<usize>, Error>;
    /// The error a stop ends in.
    fn stopped(&mut self) -> Error;
}

/// What is said before the first question.
#[derive(Default)]
pub struct Opening {
    /// An unfinished check-in to offer instead of the opening words.
    pub pending: Option<Pending>,
    /// A check-in already saved in this period of the cadence, in words.
    pub note: Option<String>,
    /// Answers offered from the intake journal.
    pub offers: Vec<Offer>,
    /// `--resume`: straight to the next question, no opening words.
    pub resume: bool,
}

/// An answer offered from the intake journal, for the person to keep or change.
#[derive(Debug, Clone)]
pub struct Offer {
    /// The item.
    pub item: String,
    /// The value offered.
    pub value: i64,
    /// What the journal holds, in words, shown with the question.
    pub words: String,
}

/// An unfinished check-in found when a new one starts: the person chooses to continue it
/// or start over (which asks again before its answers are lost).
pub struct Pending {
    /// Its answers so far.
    pub answers: Answers,
    /// When it was started, in words ("Monday 16 November at 21:30").
    pub started: String,
}

/// What the person chose about an unfinished check-in.
enum Unfinished {
    Continue,
    StartOver,
    NotNow,
}

fn unfinished(
    pending: &Pending,
    note: Option<&str>,
    screen: &mut dyn Screen,
) -> Result<Unfinished, Error> {
    let question = format!(
        "{}You started a check-in on {} and did not finish it.",
        note.map(|n| format!("{n} ")).unwrap_or_default(),
        pending.started
    );
    let options = [
        "Continue it",
        "Start over (its answers are discarded)",
        "Not now",
    ];
    Ok(match screen.choose(&question, &options)? {
        Some(0) => Unfinished::Continue,
        Some(1) => {
            let sure = screen.choose(
                "Discard the answers of the unfinished check-in? This cannot be undone.",
                &["No, continue it", "Yes, discard them and start over"],
            )?;
            match sure {
                Some(1) => Unfinished::StartOver,
                _ => Unfinished::Continue,
            }
        }
        _ => Unfinished::NotNow,
    })
}

/// The crisis block a check-in shows as soon as an answer brings it.
pub struct CrisisNotice {
    /// Heading.
    pub title: String,
    /// The lines for the person's region.
    pub lines: Vec<String>,
}

/// Shows the crisis lines once, as soon as the answers so far bring the full block.
struct Crisis<'a> {
    notice: &'a CrisisNotice,
    shown: bool,
}

impl Crisis<'_> {
    fn check(
        &mut self,
        q: &Questionnaire,
        answers: &Answers,
        screen: &mut dyn Screen,
    ) -> Result<(), Error> {
        if !self.shown && engine::crisis_level(q, answers) == CrisisLevel::Full {
            self.shown = true;
            // What to do, graded by the answer, then the lines.
            let lines: Vec<String> = engine::urgent_message(q, answers)
                .into_iter()
                .chain(self.notice.lines.iter().cloned())
                .collect();
            screen.crisis(&self.notice.title, &lines)?;
        }
        Ok(())
    }
}

/// Runs a check-in from `start` (empty, or a resumed draft) to answers ready to save, or
/// `None` when the person chose "Not now" (nothing to keep, nothing to save); `opening`
/// holds an unfinished check-in to offer instead of the opening words, and a note. `keep` is told every
/// change, for the draft. The crisis lines are shown right after the answer that brings
/// them.
pub(crate) fn run(
    q: &Questionnaire,
    start: Answers,
    opening: Opening,
    keep: &dyn Fn(&Answers),
    crisis: &CrisisNotice,
    screen: &mut dyn Screen,
) -> Result<Option<Answers>, Error> {
    let mut answers = start;
    let note = opening.note.as_deref();
    match opening.pending {
        Some(p) => match unfinished(&p, note, screen)? {
            Unfinished::Continue => answers = p.answers,
            // Confirmed: the unfinished answers go now, not at the first new answer.
            Unfinished::StartOver => keep(&answers),
            Unfinished::NotNow => return Ok(None),
        },
        None if opening.resume => {}
        None => {
            if let Reply::Stop = screen.intro(q, note)? {
                return Ok(None);
            }
        }
    }
    let mut crisis = Crisis {
        notice: crisis,
        shown: false,
    };
    // A resumed draft may hold the answer already: its lines come first, not at the end.
    crisis.check(q, &answers, screen)?;
    let mut counter = Counter::default();
    for item in &q.def.items {
        if !engine::is_asked(q, item, &answers) {
            answers.set(&item.id, Slot::Skipped);
            continue;
        }
        if matches!(answers.get(&item.id), Some(Slot::Given(_) | Slot::Empty)) {
            continue; // answered before the check-in was interrupted
        }
        let progress = counter.at(q, item, &answers);
        let offer = opening.offers.iter().find(|o| o.item == item.id);
        // The journal's count is shown as a suggestion, never pre-selected (no current
        // answer): the answer is the person's.
        let asking = match offer {
            Some(o) => Asking::Offered {
                progress,
                words: o.words.clone(),
            },
            None => Asking::InOrder(progress),
        };
        match screen.ask(q, item, asking, None)? {
            Reply::Answered(slot) => {
                answers.set(&item.id, slot);
                keep(&answers);
            }
            Reply::Stop => return Err(screen.stopped()),
        }
        crisis.check(q, &answers, screen)?;
    }
    answers.sort_by_questionnaire(q);
    review(q, answers, keep, &mut crisis, screen).map(Some)
}

fn review(
    q: &Questionnaire,
    mut answers: Answers,
    keep: &dyn Fn(&Answers),
    crisis: &mut Crisis,
    screen: &mut dyn Screen,
) -> Result<Answers, Error> {
    loop {
        let shown: Vec<Reviewed> = q
            .def
            .items
            .iter()
            .filter(|i| matches!(answers.get(&i.id), Some(Slot::Given(_) | Slot::Empty)))
            .map(|item| Reviewed {
                item,
                text: describe_slot(q, &item.id, answers.get(&item.id)),
            })
            .collect();
        let item = match screen.review(q, &shown)? {
            ReviewChoice::Save => return Ok(answers),
            ReviewChoice::Stop => return Err(screen.stopped()),
            ReviewChoice::Change(i) => match shown.get(i) {
                Some(r) => r.item,
                None => continue,
            },
        };
        let current = answers.get(&item.id).cloned();
        match screen.ask(q, item, Asking::Change, current.as_ref())? {
            Reply::Answered(slot) => answers.set(&item.id, slot),
            // Esc while changing one answer goes back to the review, the answer unchanged.
            Reply::Stop => continue,
        }
        // A changed answer can open or close follow-up questions; the change is kept
        // first, so stopping at a follow-up keeps it (resuming asks the follow-ups).
        let follow_ups = engine::reconcile(q, &mut answers);
        keep(&answers);
        for id in follow_ups {
            let Some(next) = q.item(&id) else { continue };
            match screen.ask(q, next, Asking::FollowUp, None)? {
                Reply::Answered(slot) => answers.set(&id, slot),
                Reply::Stop => return Err(screen.stopped()),
            }
            engine::reconcile(q, &mut answers);
        }
        answers.sort_by_questionnaire(q);
        keep(&answers);
        crisis.check(q, &answers, screen)?;
    }
}
