//! The check-in on terminal screens (dialoguer): one question per screen with its progress,
//! anchor labels, and a review screen. Only showing and reading happen here; the order of
//! questions, skip logic, the draft and the review's logic are the flow's (`flow.rs`).

use std::io;

use console::Term;
use dialoguer::theme::Theme;
use dialoguer::{Input, Select};

use crate::answers::{Answer, Slot};
use crate::base::error::Error;
use crate::base::text::wrap;
use crate::checkin::flow::{Asking, Reply, ReviewChoice, Reviewed, Screen};
use crate::checkin::stop::claim_stop;
use crate::questionnaire::{ItemDef, ItemType, Questionnaire};

/// The dialoguer screens on a terminal.
pub(crate) struct Interview<'a> {
    /// The terminal (stderr, so stdout stays data).
    pub term: &'a Term,
    /// Colour or plain prompts.
    pub theme: &'a dyn Theme,
    /// Rows written since the screen was last cleared: the list below gets the rest.
    pub rows: std::cell::Cell<usize>,
}

impl Interview<'_> {
    fn width(&self) -> usize {
        usize::from(self.term.size().1).clamp(30, 100) - 2
    }

    fn say(&self, text: &str, indent: &str) -> Result<(), Error> {
        self.say_hanging(text, indent, indent)
    }

    fn say_hanging(&self, text: &str, first: &str, rest: &str) -> Result<(), Error> {
        let text = crate::base::text::wrap_hanging(text, first, rest, self.width());
        self.rows.set(self.rows.get() + text.lines().count().max(1));
        self.term.write_line(&text).map_err(terminal)
    }

    /// Clears the screen; the rows written start again from none.
    fn clear(&self) -> Result<(), Error> {
        self.rows.set(0);
        self.term.clear_screen().map_err(terminal)
    }

    fn choose_screen(&self, question: &str, options: &[&str]) -> Result<Option<usize>, Error> {
        self.clear()?;
        self.say(question, "")?;
        self.say("", "")?;
        let choice = Select::with_theme(self.theme)
            .with_prompt("What would you like to do?")
            .items(options)
            .default(0)
            .report(false)
            .interact_on_opt(self.term);
        prompt_result(choice)
    }

    fn intro_screen(&self, q: &Questionnaire, note: Option<&str>) -> Result<Reply<()>, Error> {
        self.clear()?;
        self.say(&q.def.title, "")?;
        self.say("", "")?;
        let mut blocks: Vec<&str> = note.into_iter().collect();
        blocks.extend(q.def.intro.iter().map(String::as_str));
        blocks.push(
            "Type a number or use the arrow keys, then Enter: nothing is chosen for you, and you can change any answer before saving. Esc or Ctrl-C stops for now; `selfcheck checkin --resume` goes on later.",
        );
        // On a short terminal the paragraphs are marked with a bullet instead of blank lines
        // between them, so the title and the note stay on screen above "Ready?".
        let text_rows: usize = blocks
            .iter()
            .map(|b| wrap(b, "  ", self.width()).lines().count())
            .sum();
        let rows = usize::from(self.term.size().0);
        let gaps = 2 + text_rows + blocks.len() + 4 <= rows;
        for block in blocks {
            if gaps {
                self.say(block, "  ")?;
                self.say("", "")?;
            } else {
                self.say_hanging(block, "• ", "  ")?;
            }
        }
        if !gaps {
            self.say("", "")?;
        }
        let choice = Select::with_theme(self.theme)
            .with_prompt("Ready?")
            .items(["Start the check-in", "Not now"])
            .default(0)
            .report(false)
            .interact_on_opt(self.term);
        Ok(match prompt_result(choice)? {
            Some(0) => Reply::Answered(()),
            _ => Reply::Stop,
        })
    }

    fn ask_screen(
        &self,
        q: &Questionnaire,
        item: &ItemDef,
        mode: Asking,
        current: Option<&Slot>,
    ) -> Result<Reply<Slot>, Error> {
        self.clear()?;
        let section = q.section(&item.section);
        let heading = section.map(|s| s.title.as_str()).unwrap_or("");
        let offered = match &mode {
            Asking::Offered { words, .. } => Some(words.clone()),
            _ => None,
        };
        let (place, progress_note) = match &mode {
            Asking::InOrder(p) | Asking::Offered { progress: p, .. } => (p.words(), p.note.clone()),
            Asking::Change => ("changing your answer".to_string(), None),
            Asking::FollowUp => ("a follow-up question after your change".to_string(), None),
        };
        self.say(&format!("{heading} · {place}"), "")?;
        if let Some(note) = progress_note {
            self.say(&note, "")?;
        }
        self.say("", "")?;
        if let Some(intro) = section.and_then(|s| s.intro.as_deref()) {
            self.say(intro, "")?;
            self.say("", "")?;
        }
        self.say(&item.text, "  ")?;
        if let Some(notice) = &item.notice {
            self.say("", "")?;
            self.say(notice, "  ")?;
        }
        if let Some(words) = &offered {
            self.say("", "")?;
            self.say(words, "  ")?;
        }
        self.say("", "")?;
        let hint = hint(item, &mode);
        self.say(&hint, "")?;
        let current = current.and_then(Slot::answer);
        match item.kind {
            ItemType::Integer => {
                let (min, max) = (item.min.unwrap_or(0), item.max.unwrap_or(0));
                let labels: Vec<String> = (min..=max)
                    .map(|v| match item.anchor(v) {
                        Some(a) => format!("{v:>2}  {a}"),
                        None => format!("{v:>2}"),
                    })
                    .collect();
                let start = match current {
                    Some(Answer::Int(v)) => usize::try_from(v - min).ok(),
                    _ => None,
                };
                let pick = self.pick(&labels, start, Some(min), "Your answer")?;
                Ok(pick.map(|i| Slot::Given(Answer::Int(min + i as i64))))
            }
            ItemType::Boolean => {
                let start = match current {
                    Some(Answer::Bool(b)) => Some(usize::from(*b)),
                    _ => None,
                };
                let pick = self.pick(
                    &["No".to_string(), "Yes".to_string()],
                    start,
                    None,
                    "Your answer",
                )?;
                Ok(pick.map(|i| Slot::Given(Answer::Bool(i == 1))))
            }
            ItemType::Choice => {
                let labels: Vec<String> = item.options.iter().map(|o| o.label.clone()).collect();
                let start = match current {
                    Some(Answer::Text(id)) => item.options.iter().position(|o| &o.id == id),
                    _ => None,
                };
                let pick = self.pick(&labels, start, None, "Your answer")?;
                Ok(pick.map(|i| Slot::Given(Answer::Text(item.options[i].id.clone()))))
            }
            ItemType::Text => {
                let initial = match current {
                    Some(Answer::Text(t)) => t.clone(),
                    _ => String::new(),
                };
                let limit = item.text_limit();
                let text = Input::<String>::with_theme(self.theme)
                    .with_prompt("Your answer")
                    .with_initial_text(initial)
                    .allow_empty(true)
                    .report(false)
                    .validate_with(|t: &String| -> Result<(), KeepUnder> {
                        if t.chars().count() > limit {
                            Err(KeepUnder(limit))
                        } else {
                            Ok(())
                        }
                    })
                    .interact_text_on(self.term);
                match prompt_result(text.map(Some))? {
                    Some(t) if t.trim().is_empty() => Ok(Reply::Answered(Slot::Empty)),
                    Some(t) => Ok(Reply::Answered(Slot::Given(Answer::Text(
                        t.trim().to_string(),
                    )))),
                    None => Ok(Reply::Stop),
                }
            }
        }
    }

    /// One answer from a list, with nothing chosen until the person chooses (`pick.rs`).
    fn pick(
        &self,
        labels: &[String],
        start: Option<usize>,
        first_value: Option<i64>,
        prompt: &str,
    ) -> Result<Reply<usize>, Error> {
        let pick = super::pick::Pick {
            term: self.term,
            labels,
            start,
            first_value,
            above: self.rows.get(),
            prompt,
        }
        .interact();
        Ok(match pick {
            Ok(Some(i)) => Reply::Answered(i),
            Ok(None) => Reply::Stop,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Reply::Stop,
            Err(e) => return Err(terminal(e)),
        })
    }

    fn review_screen(&self, answers: &[Reviewed]) -> Result<ReviewChoice, Error> {
        self.clear()?;
        self.say("Review your answers", "")?;
        self.say(
            "Nothing is saved as a check-in yet. Choose an answer to change it, or choose Save (arrows, then Enter). Esc or Ctrl-C: stop for now, answers kept.",
            "",
        )?;
        self.say("", "")?;
        let mut labels = vec!["Save this check-in".to_string()];
        // Whole labels and answers: a long one wraps to a second row, never cut.
        // A short answer ("4 of 7") is kept on one row (no-break spaces); a note wraps.
        for r in answers {
            let answer = crate::base::text::safe(&r.text);
            let answer = if answer.chars().count() <= 24 {
                answer.replace(' ', "\u{a0}")
            } else {
                answer
            };
            labels.push(format!("{}: {answer}", r.item.label));
        }
        labels.push("Stop for now (your answers are kept as a draft)".to_string());
        // Nothing is chosen at first, so the Enter that ended the last question cannot save.
        Ok(match self.pick(&labels, None, None, "Choose")? {
            Reply::Stop => ReviewChoice::Stop,
            Reply::Answered(0) => {
                self.clear()?;
                ReviewChoice::Save
            }
            Reply::Answered(i) if i == labels.len() - 1 => ReviewChoice::Stop,
            Reply::Answered(i) => ReviewChoice::Change(i - 1),
        })
    }
}

impl Screen for Interview<'_> {
    fn intro(&mut self, q: &Questionnaire, note: Option<&str>) -> Result<Reply<()>, Error> {
        self.intro_screen(q, note)
    }

    fn ask(
        &mut self,
        q: &Questionnaire,
        item: &ItemDef,
        asking: Asking,
        current: Option<&Slot>,
    ) -> Result<Reply<Slot>, Error> {
        self.ask_screen(q, item, asking, current)
    }

    fn review(&mut self, _q: &Questionnaire, answers: &[Reviewed]) -> Result<ReviewChoice, Error> {
        self.review_screen(answers)
    }

    fn choose(&mut self, question: &str, options: &[&str]) -> Result<Option<usize>, Error> {
        self.choose_screen(question, options)
    }

    fn crisis(&mut self, title: &str, lines: &[String]) -> Result<(), Error> {
        self.clear()?;
        self.say(&title.to_uppercase(), "")?;
        for line in lines {
            self.say(line, "  ")?;
        }
        self.say("", "")?;
        let go_on = Select::with_theme(self.theme)
            .with_prompt("When you are ready")
            .items(["Go on with the check-in"])
            .default(0)
            .report(false)
            .interact_on_opt(self.term);
        // Esc here only means "go on": stopping is offered on every question.
        prompt_result(go_on).map(|_| ())
    }

    fn stopped(&mut self) -> Error {
        stopped()
    }
}

/// The error a stop ends in; when the Ctrl-C handler is already reporting it and ending
/// the process, wait for that.
fn stopped() -> Error {
    if claim_stop() {
        super::stop::cancelled()
    } else {
        loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
    }
}

/// What the keys do on this question, as they do it: Esc goes back to the review while an
/// answer is being changed and stops for now elsewhere; Ctrl-C always stops for now (the
/// stop handler keeps the draft); a text answer has no Esc.
fn hint(item: &ItemDef, mode: &Asking) -> String {
    let changing = *mode == Asking::Change;
    let keys = match item.kind {
        ItemType::Text if changing => {
            return "Edit your answer and press Enter (Enter alone keeps it as shown). Ctrl-C: stop for now, answers kept."
                .to_string()
        }
        ItemType::Text => {
            return "Type your answer and press Enter (Enter alone leaves it empty). Ctrl-C: stop for now, answers kept."
                .to_string()
        }
        ItemType::Integer if item.max.unwrap_or(0) >= 10 => {
            "Type a number (1 then 0 for 10) or use the arrows, then Enter."
        }
        ItemType::Integer => "Type a number or use the arrows, then Enter.",
        _ => "Use the arrows, then Enter.",
    };
    if changing {
        format!("{keys} Esc: back to the review, unchanged. Ctrl-C: stop for now, answers kept.")
    } else {
        format!("{keys} Esc or Ctrl-C: stop for now, answers kept.")
    }
}

fn terminal(e: io::Error) -> Error {
    if matches!(
        e.kind(),
        io::ErrorKind::Interrupted | io::ErrorKind::UnexpectedEof
    ) {
        super::stop::cancelled()
    } else {
        Error::Terminal(e.to_string())
    }
}

/// Turns a dialoguer result into "answered / stopped / failed".
fn prompt_result<T>(r: dialoguer::Result<Option<T>>) -> Result<Option<T>, Error> {
    match r {
        Ok(v) => Ok(v),
        Err(dialoguer::Error::IO(e))
            if matches!(
                e.kind(),
                io::ErrorKind::Interrupted | io::ErrorKind::UnexpectedEof
            ) =>
        {
            Ok(None)
        }
        Err(dialoguer::Error::IO(e)) => Err(Error::Terminal(e.to_string())),
    }
}

/// A text answer over its item's length, said under the prompt.
#[derive(Debug, thiserror::Error)]
#[error("Please keep it under {0} characters.")]
struct KeepUnder(usize);
