//! `selfcheck checkin`: answers in (from the terminal or an `--answers` file), a saved
//! check-in out.
//!
//! The interactive path shows one question per screen, with progress counted over the items
//! that will actually be asked, then a review screen where any answer can be changed before
//! anything is written. Stopping at any point (Esc, Ctrl-C, a closed terminal) writes nothing.

use std::io::{self, IsTerminal};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use console::Term;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Input, Select};

use crate::answers::{Answer, Answers, Slot};
use crate::engine;
use crate::error::Error;
use crate::fsio;
use crate::questionnaire::{ItemDef, ItemType, Questionnaire, MAX_FILE_BYTES};
use crate::text::wrap;

/// Set once a stop has been reported, by the Ctrl-C handler or by the prompt loop, so the
/// person sees one message.
static STOP_REPORTED: AtomicBool = AtomicBool::new(false);
/// Set while the check-in is being written: a Ctrl-C then waits for the write to finish.
static SAVING: AtomicBool = AtomicBool::new(false);

fn claim_stop() -> bool {
    !STOP_REPORTED.swap(true, Ordering::SeqCst)
}

/// Parses `--date`: YYYY-MM-DD, a real day, not after today (local time).
pub fn parse_date(given: Option<&str>, today: NaiveDate) -> Result<NaiveDate, Error> {
    let Some(text) = given else { return Ok(today) };
    let date = crate::dates::parse_day("--date", text)?;
    if date > today {
        return Err(Error::BadDate {
            flag: "--date".to_string(),
            given: text.to_string(),
            reason: format!("is in the future (today is {today}); a check-in can only be about today or an earlier day"),
        });
    }
    Ok(date)
}

/// Reads and checks an answers file (`-` for standard input).
pub fn answers_from_file(q: &Questionnaire, path: &Path) -> Result<Answers, Error> {
    let (name, bytes) = if path == Path::new("-") {
        let bytes = fsio::read_stdin_limited(MAX_FILE_BYTES).map_err(|source| Error::Io {
            action: "read the answers from".to_string(),
            path: "standard input".into(),
            source,
        })?;
        ("standard input".to_string(), bytes)
    } else {
        let bytes = fsio::read_limited(path, MAX_FILE_BYTES).map_err(|source| Error::Io {
            action: "read the answers file".to_string(),
            path: path.to_path_buf(),
            source,
        })?;
        (path.display().to_string(), bytes)
    };
    engine::from_answers_file(q, &bytes).map_err(|problems| Error::Answers {
        source_name: name,
        problems,
    })
}

/// Runs the interactive check-in; fails with [`Error::NoTerminal`] before prompting when
/// standard input is not a terminal (dialoguer would otherwise read the tty behind a pipe).
pub fn interactive(
    q: &Questionnaire,
    start: Answers,
    keep: &dyn Fn(&Answers),
) -> Result<Answers, Error> {
    if !io::stdin().is_terminal() || !Term::stderr().is_term() {
        return Err(Error::NoTerminal);
    }
    install_stop_handler();
    let term = Term::stderr();
    // Colour only where it is wanted (NO_COLOR, --color never, TERM=dumb): plain prompts.
    let theme: Box<dyn Theme> = if console::colors_enabled_stderr() {
        Box::new(ColorfulTheme::default())
    } else {
        Box::new(SimpleTheme)
    };
    let result = Interview {
        q,
        term: &term,
        theme: theme.as_ref(),
        keep,
    }
    .run(start);
    let _ = term.show_cursor();
    result
}

/// The line-by-line check-in (`--plain`): see [`crate::plain`].
pub fn plain(q: &Questionnaire, start: Answers, keep: &dyn Fn(&Answers)) -> Result<Answers, Error> {
    install_stop_handler();
    let stdin = io::stdin();
    crate::plain::run(q, start, keep, &mut stdin.lock(), &mut io::stderr())
}

/// Marks the write of a check-in, during which Ctrl-C is held back.
pub struct SavingGuard;

impl SavingGuard {
    /// Starts holding Ctrl-C back.
    pub fn start() -> Self {
        SAVING.store(true, Ordering::SeqCst);
        SavingGuard
    }
}

impl Drop for SavingGuard {
    fn drop(&mut self) {
        SAVING.store(false, Ordering::SeqCst);
    }
}

fn install_stop_handler() {
    // Ctrl-C outside a key read (or a SIGTERM) would otherwise end the process with the
    // cursor hidden. Failing to install it only loses that nicety.
    let _ = ctrlc::set_handler(|| {
        if SAVING.load(Ordering::SeqCst) || !claim_stop() {
            return;
        }
        let term = Term::stderr();
        let _ = term.show_cursor();
        let _ = term.write_line("");
        let _ = term.write_line(&format!("selfcheck: {}", Error::Cancelled));
        std::process::exit(i32::from(crate::error::exit::CANCELLED));
    });
}

/// What the person did at a prompt.
enum Step<T> {
    Answered(T),
    Stop,
}

impl<T> Step<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Step<U> {
        match self {
            Step::Answered(v) => Step::Answered(f(v)),
            Step::Stop => Step::Stop,
        }
    }
}

/// Why a question is on screen, which decides the heading.
#[derive(Clone, Copy)]
enum Asking {
    /// The first pass: show progress.
    InOrder,
    /// Chosen on the review screen.
    Change,
    /// Opened by a changed answer (skip logic).
    FollowUp,
}

struct Interview<'a> {
    q: &'a Questionnaire,
    term: &'a Term,
    theme: &'a dyn Theme,
    keep: &'a dyn Fn(&Answers),
}

impl Interview<'_> {
    fn run(&self, start: Answers) -> Result<Answers, Error> {
        if let Step::Stop = self.intro()? {
            return Err(self.stopped());
        }
        let mut answers = start;
        for item in &self.q.def.items {
            if !engine::is_asked(self.q, item, &answers) {
                answers.set(&item.id, Slot::Skipped);
                continue;
            }
            if matches!(answers.get(&item.id), Some(Slot::Given(_) | Slot::Empty)) {
                continue; // answered before the check-in was interrupted
            }
            match self.ask(item, &answers, Asking::InOrder, None)? {
                Step::Answered(slot) => {
                    answers.set(&item.id, slot);
                    (self.keep)(&answers);
                }
                Step::Stop => return Err(self.stopped()),
            }
        }
        answers.sort_by_questionnaire(self.q);
        self.review(answers)
    }

    fn stopped(&self) -> Error {
        if claim_stop() {
            Error::Cancelled
        } else {
            // The Ctrl-C handler is reporting the stop and ending the process.
            loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
            }
        }
    }

    fn width(&self) -> usize {
        usize::from(self.term.size().1).clamp(30, 100) - 2
    }

    fn say(&self, text: &str, indent: &str) -> Result<(), Error> {
        self.term
            .write_line(&wrap(text, indent, self.width()))
            .map_err(terminal)
    }

    fn intro(&self) -> Result<Step<()>, Error> {
        self.term.clear_screen().map_err(terminal)?;
        self.say(&self.q.def.title, "")?;
        self.say("", "")?;
        for para in &self.q.def.intro {
            self.say(para, "  ")?;
            self.say("", "")?;
        }
        self.say(
            "Use the arrow keys and Enter to answer. You can change any answer before saving. Press Esc or Ctrl-C to stop at any time: nothing is saved as a check-in, and `selfcheck checkin --resume` picks up where you left off.",
            "  ",
        )?;
        self.say("", "")?;
        let choice = Select::with_theme(self.theme)
            .with_prompt("Ready?")
            .items(["Start the check-in", "Not now"])
            .default(0)
            .report(false)
            .interact_on_opt(self.term);
        Ok(match prompt_result(choice)? {
            Some(0) => Step::Answered(()),
            _ => Step::Stop,
        })
    }

    /// Position of `item` among the items that will (or may still) be asked.
    fn progress(&self, item: &ItemDef, answers: &Answers) -> (usize, usize) {
        let asked: Vec<&ItemDef> = self
            .q
            .def
            .items
            .iter()
            .filter(|i| i.id == item.id || engine::may_be_asked(self.q, i, answers))
            .collect();
        let at = asked.iter().position(|i| i.id == item.id).unwrap_or(0) + 1;
        (at, asked.len())
    }

    fn ask(
        &self,
        item: &ItemDef,
        answers: &Answers,
        mode: Asking,
        current: Option<&Slot>,
    ) -> Result<Step<Slot>, Error> {
        self.term.clear_screen().map_err(terminal)?;
        let section = self.q.section(&item.section);
        let heading = section.map(|s| s.title.as_str()).unwrap_or("");
        let place = match mode {
            Asking::InOrder => {
                let (at, total) = self.progress(item, answers);
                format!("question {at} of {total}")
            }
            Asking::Change => "changing your answer".to_string(),
            Asking::FollowUp => "a follow-up question after your change".to_string(),
        };
        self.say(&format!("{heading} · {place}"), "")?;
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
        self.say("", "")?;
        let hint = if item.kind == ItemType::Text {
            "Type your answer and press Enter (Enter alone leaves it empty). Ctrl-C stops for now."
        } else {
            "Arrow keys to choose, Enter to answer. Esc stops for now."
        };
        self.say(hint, "")?;
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
                let default = match current {
                    Some(Answer::Int(v)) => (v - min) as usize,
                    _ => 0,
                };
                let pick = self.select(&labels, default)?;
                Ok(pick.map(|i| Slot::Given(Answer::Int(min + i as i64))))
            }
            ItemType::Boolean => {
                let default = usize::from(matches!(current, Some(Answer::Bool(true))));
                let pick = self.select(&["No".to_string(), "Yes".to_string()], default)?;
                Ok(pick.map(|i| Slot::Given(Answer::Bool(i == 1))))
            }
            ItemType::Choice => {
                let labels: Vec<String> = item.options.iter().map(|o| o.label.clone()).collect();
                let default = match current {
                    Some(Answer::Text(id)) => {
                        item.options.iter().position(|o| &o.id == id).unwrap_or(0)
                    }
                    _ => 0,
                };
                let pick = self.select(&labels, default)?;
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
                    .validate_with(|t: &String| -> Result<(), String> {
                        if t.chars().count() > limit {
                            Err(format!("Please keep it under {limit} characters."))
                        } else {
                            Ok(())
                        }
                    })
                    .interact_text_on(self.term);
                match prompt_result(text.map(Some))? {
                    Some(t) if t.trim().is_empty() => Ok(Step::Answered(Slot::Empty)),
                    Some(t) => Ok(Step::Answered(Slot::Given(Answer::Text(
                        t.trim().to_string(),
                    )))),
                    None => Ok(Step::Stop),
                }
            }
        }
    }

    fn select(&self, labels: &[String], default: usize) -> Result<Step<usize>, Error> {
        let pick = Select::with_theme(self.theme)
            .with_prompt("Your answer")
            .items(labels)
            .default(default.min(labels.len().saturating_sub(1)))
            .report(false)
            .interact_on_opt(self.term);
        Ok(match prompt_result(pick)? {
            Some(i) => Step::Answered(i),
            None => Step::Stop,
        })
    }

    fn review(&self, mut answers: Answers) -> Result<Answers, Error> {
        loop {
            self.term.clear_screen().map_err(terminal)?;
            self.say("Review your answers", "")?;
            self.say(
                "Nothing is saved as a check-in yet. Choose an answer to change it, or save. Esc stops for now.",
                "",
            )?;
            self.say("", "")?;
            let asked: Vec<&ItemDef> = self
                .q
                .def
                .items
                .iter()
                .filter(|i| !matches!(answers.get(&i.id), Some(Slot::Skipped) | None))
                .collect();
            let mut labels = vec!["Save this check-in".to_string()];
            let width = self.width().saturating_sub(6);
            for item in &asked {
                let text = crate::answers::describe_slot(self.q, &item.id, answers.get(&item.id));
                let line = format!("{}: {}", item.label, crate::text::safe(&text));
                labels.push(truncate(&line, width));
            }
            labels.push("Stop for now (your answers are kept as a draft)".to_string());
            let pick = Select::with_theme(self.theme)
                .with_prompt("Your answers")
                .items(&labels)
                .default(0)
                .report(false)
                .interact_on_opt(self.term);
            let choice = match prompt_result(pick)? {
                None => return Err(self.stopped()),
                Some(i) => i,
            };
            if choice == 0 {
                self.term.clear_screen().map_err(terminal)?;
                return Ok(answers);
            }
            if choice == labels.len() - 1 {
                return Err(self.stopped());
            }
            let item = asked[choice - 1];
            let current = answers.get(&item.id).cloned();
            match self.ask(item, &answers, Asking::Change, current.as_ref())? {
                Step::Answered(slot) => answers.set(&item.id, slot),
                Step::Stop => return Err(self.stopped()),
            }
            // A changed answer can open or close follow-up questions.
            for id in engine::reconcile(self.q, &mut answers) {
                let Some(next) = self.q.item(&id) else {
                    continue;
                };
                match self.ask(next, &answers, Asking::FollowUp, None)? {
                    Step::Answered(slot) => answers.set(&id, slot),
                    Step::Stop => return Err(self.stopped()),
                }
                engine::reconcile(self.q, &mut answers);
            }
            answers.sort_by_questionnaire(self.q);
            (self.keep)(&answers);
        }
    }
}

fn truncate(line: &str, width: usize) -> String {
    if line.chars().count() <= width {
        line.to_string()
    } else {
        let cut: String = line.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn terminal(e: io::Error) -> Error {
    if matches!(
        e.kind(),
        io::ErrorKind::Interrupted | io::ErrorKind::UnexpectedEof
    ) {
        Error::Cancelled
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() -> Result<(), Box<dyn std::error::Error>> {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).ok_or("no such day");
        let today = day(23)?;
        assert_eq!(parse_date(Some("2026-11-16"), today)?, day(16)?);
        assert!(parse_date(Some("2026-11-24"), today)
            .unwrap_err()
            .to_string()
            .contains("future"));
        assert!(parse_date(Some("2026-02-30"), today)
            .unwrap_err()
            .to_string()
            .contains("no such day"));
        assert!(parse_date(Some("16/11/2026"), today)
            .unwrap_err()
            .to_string()
            .contains("YYYY-MM-DD"));
        assert!(parse_date(Some("2026-1-05"), today).is_err());
        Ok(())
    }
}
