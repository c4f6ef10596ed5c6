//! Checking answers that come in by any way but `--answers` (an import, a resumed draft, a
//! file read from the data directory) against their question set, as strictly: every
//! item's type, range and options, skip logic (an item not asked must be skipped, an item
//! asked must be answered or, if optional, empty), and no unknown item. A record that fails
//! is named with every problem, never shown with invented meaning.

use crate::answers::{check_answer, Answers, Slot};
use crate::questionnaire::Questionnaire;
use crate::store::{FileProblem, Loaded, StoredCheckin};

use super::is_asked;

/// Every problem of `answers` against `q`, one line each (`item: what is wrong`).
pub fn check_answers(q: &Questionnaire, answers: &Answers, complete: bool) -> Vec<String> {
    let mut problems = Vec::new();
    for (id, _) in answers.iter() {
        if q.item(id).is_none() {
            problems.push(format!(
                "{id}: not an item of the question set \"{}\"",
                q.def.id
            ));
        }
    }
    for item in &q.def.items {
        let slot = answers.get(&item.id);
        let asked = is_asked(q, item, answers);
        match (asked, slot) {
            (true, Some(Slot::Given(a))) => {
                if let Err(e) = check_answer(item, a) {
                    problems.push(format!("{}: {e}", item.id));
                }
            }
            (true, Some(Slot::Empty)) if item.required => {
                problems.push(format!("{}: empty, but this item is required", item.id));
            }
            (true, Some(Slot::Empty)) => {}
            (true, Some(Slot::Skipped)) => problems.push(format!(
                "{}: marked as not asked, but skip logic asks it with these answers",
                item.id
            )),
            (true, None) if complete => {
                problems.push(format!("{}: missing; every asked item has a slot", item.id))
            }
            (true, None) => {}
            (false, Some(Slot::Given(_))) => problems.push(format!(
                "{}: answered, but skip logic does not ask it with these answers",
                item.id
            )),
            (false, _) => {}
        }
    }
    problems
}

/// Moves the loaded check-ins whose answers do not fit their question set to the problems,
/// each named with what is wrong. A long history is checked on a few threads.
pub fn keep_valid(loaded: &mut Loaded) {
    let checkins = std::mem::take(&mut loaded.checkins);
    let problems = problems_of(&checkins);
    let mut kept = Vec::with_capacity(checkins.len());
    for (c, problems) in checkins.into_iter().zip(problems) {
        if problems.is_empty() {
            kept.push(c);
        } else {
            loaded.problems.push(not_fitting(c, &problems));
        }
    }
    loaded.checkins = kept;
}

/// Each check-in's problems against its set, in order (a long history on a few threads).
fn problems_of(checkins: &[StoredCheckin]) -> Vec<Vec<String>> {
    crate::base::parallel::map(checkins, |c| {
        check_answers(&c.questionnaire, &c.record.answers, true)
    })
}

fn not_fitting(c: StoredCheckin, problems: &[String]) -> FileProblem {
    FileProblem {
        path: c.path,
        problem: format!(
            "its answers do not fit its question set, so it was not used: {}",
            problems.join("; ")
        ),
    }
}

/// A stored check-in whose answers fit its question set, or the file named with what is
/// wrong (for a check-in read on its own, as an export reads them).
pub fn fits(c: StoredCheckin) -> Result<StoredCheckin, FileProblem> {
    let problems = check_answers(&c.questionnaire, &c.record.answers, true);
    if problems.is_empty() {
        return Ok(c);
    }
    Err(not_fitting(c, &problems))
}
