//! "Question 9 of 31": one count over the items that will (or may still) be asked, said the
//! same way on every screen. When follow-up questions may still come, the count says so;
//! when the count changes (follow-ups added, questions no longer needed), the screen where it
//! changes says why, and the first follow-up of a group says what it follows. A count that
//! jumps without a word reads as a mistake to someone tired.

use crate::answers::Answers;
use crate::engine;
use crate::questionnaire::{ItemDef, Operand, Questionnaire};

/// Where one question stands in the check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Progress {
    /// Position among the items that will (or may still) be asked.
    pub at: usize,
    /// How many those are.
    pub total: usize,
    /// Whether some answers still to come may add follow-up questions.
    pub more_may_come: bool,
    /// Why the count changed since the question before, or what this follow-up follows.
    pub note: Option<String>,
}

impl Progress {
    /// "question 9 of 31", with "(more if answers call for follow-ups)" while they may.
    pub(crate) fn words(&self) -> String {
        let more = if self.more_may_come {
            " (more if answers call for follow-ups)"
        } else {
            ""
        };
        format!("question {} of {}{more}", self.at, self.total)
    }
}

/// Counts the check-in as it goes: call [`Counter::at`] for each question in order.
#[derive(Default)]
pub(crate) struct Counter {
    counted: Vec<String>,
    /// The first question of each group of follow-ups added, with what they follow.
    starts: Vec<(String, String)>,
}

impl Counter {
    /// The progress of `item` with the answers so far.
    pub(crate) fn at(&mut self, q: &Questionnaire, item: &ItemDef, answers: &Answers) -> Progress {
        let counted: Vec<String> = q
            .def
            .items
            .iter()
            .filter(|i| i.id == item.id || engine::may_be_asked(q, i, answers))
            .map(|i| i.id.clone())
            .collect();
        let at = counted.iter().position(|i| *i == item.id).unwrap_or(0) + 1;
        let more_may_come = q
            .def
            .items
            .iter()
            .any(|i| !counted.contains(&i.id) && follows_unknown_score(q, i, answers));
        let mut notes = Vec::new();
        if !self.counted.is_empty() && self.counted != counted {
            let added: Vec<&String> = counted
                .iter()
                .filter(|i| !self.counted.contains(i))
                .collect();
            let gone = self.counted.iter().filter(|i| !counted.contains(i)).count();
            if let Some(first) = added.first() {
                let why = reason(q, first);
                let from = counted.iter().position(|i| i == *first).unwrap_or(0) + 1;
                let span = if added.len() == 1 {
                    format!("question {from}")
                } else {
                    format!("questions {from} to {}", from + added.len() - 1)
                };
                notes.push(format!(
                    "Your answers to {why} add {}: {span}.",
                    crate::base::text::count(
                        added.len(),
                        "follow-up question",
                        "follow-up questions"
                    )
                ));
                self.starts.push(((*first).clone(), why));
            }
            if gone > 0 {
                notes.push(format!(
                    "After your last answer, {} not needed.",
                    match gone {
                        1 => "1 question is".to_string(),
                        n => format!("{n} questions are"),
                    }
                ));
            }
            notes.push(format!("There are now {} in all.", counted.len()));
        }
        // The set's own words about a follow-up (its notice) say it better, when it has them.
        let said = item.notice.is_some();
        if let Some((_, why)) = self.starts.iter().find(|(id, _)| *id == item.id && !said) {
            notes.push(format!("A follow-up to your answers to {why}."));
        }
        self.counted = counted;
        Progress {
            at,
            total: self.counted.len(),
            more_may_come,
            note: (!notes.is_empty()).then(|| notes.join(" ")),
        }
    }
}

/// Whether `item` is asked only when a score not known yet reaches a value.
fn follows_unknown_score(q: &Questionnaire, item: &ItemDef, answers: &Answers) -> bool {
    item.ask_if.as_ref().is_some_and(|cond| {
        cond.comparisons().iter().any(|c| match &c.operand {
            Operand::Score(id) => q
                .score(id)
                .is_some_and(|s| s.items.iter().any(|i| answers.get(i).is_none())),
            Operand::Item(_) => false,
        })
    })
}

/// What an added item follows, in words: the score's title, else the item's label.
fn reason(q: &Questionnaire, id: &str) -> String {
    let operand = q
        .item(id)
        .and_then(|i| i.ask_if.as_ref())
        .and_then(|c| c.comparisons().first().map(|c| c.operand.clone()));
    match operand {
        Some(Operand::Score(s)) => q
            .score(&s)
            .map(|s| s.title.clone())
            .unwrap_or_else(|| "the questions before".to_string()),
        Some(Operand::Item(i)) => q
            .item(&i)
            .map(|i| format!("\"{}\"", i.label))
            .unwrap_or_else(|| "the questions before".to_string()),
        None => "the questions before".to_string(),
    }
}
