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

/// Below this many check-ins, checking them on one thread is as quick.
const PARALLEL_FROM: usize = 64;

/// Each check-in's problems against its set, in order.
fn problems_of(checkins: &[StoredCheckin]) -> Vec<Vec<String>> {
    let check = |c: &StoredCheckin| check_answers(&c.questionnaire, &c.record.answers, true);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if threads < 2 || checkins.len() < PARALLEL_FROM {
        return checkins.iter().map(check).collect();
    }
    let chunk = checkins.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = checkins
            .chunks(chunk)
            .map(|part| (part, scope.spawn(move || part.iter().map(check).collect())))
            .collect();
        parts
            .into_iter()
            .flat_map(|(part, done)| {
                // A thread that could not finish: its part is checked here instead.
                done.join()
                    .unwrap_or_else(|_| part.iter().map(check).collect::<Vec<_>>())
            })
            .collect()
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
