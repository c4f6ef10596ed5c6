//! `checkin --plain`: the check-in line by line, for screen readers, simple terminals and
//! pipes.
//!
//! Every question is printed as text with numbered choices and answered by typing a number
//! or a word and Enter. A wrong answer is asked again with what is allowed; nothing is ever
//! skipped or guessed. End of input before the review stops the check-in (the draft keeps
//! the answers); at the review, Enter or end of input saves.

use std::io::{BufRead, Write};

use crate::answers::{self, Answer, Slot};
use crate::base::error::Error;
use crate::base::text::wrap;
use crate::checkin::flow::{Asking, Reply, ReviewChoice, Reviewed, Screen};
use crate::questionnaire::{ItemDef, ItemType, Questionnaire};

/// What one line of input was.
enum Line {
    Text(String),
    End,
}

fn read(input: &mut dyn BufRead) -> Result<Line, Error> {
    let mut line = String::new();
    match input.read_line(&mut line) {
        Ok(0) => Ok(Line::End),
        Ok(_) => Ok(Line::Text(line.trim_end_matches(['\n', '\r']).to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Err(super::stop::cancelled()),
        Err(e) => Err(Error::Terminal(e.to_string())),
    }
}

fn say(out: &mut dyn Write, text: &str) -> Result<(), Error> {
    writeln!(out, "{text}").map_err(|e| Error::Terminal(e.to_string()))
}

/// The words an item takes besides numbers: each value with the words that name it (an
/// option's label and id, an integer's anchor, yes and no).
fn words(item: &ItemDef) -> Vec<(Vec<String>, Slot)> {
    match item.kind {
        ItemType::Integer => {
            let (min, max) = (item.min.unwrap_or(0), item.max.unwrap_or(0));
            (min..=max)
                .filter_map(|v| {
                    item.anchor(v)
                        .map(|a| (vec![a.to_lowercase()], Slot::Given(Answer::Int(v))))
                })
                .collect()
        }
        ItemType::Boolean => vec![
            (vec!["no".to_string()], Slot::Given(Answer::Bool(false))),
            (vec!["yes".to_string()], Slot::Given(Answer::Bool(true))),
        ],
        ItemType::Choice => item
            .options
            .iter()
            .map(|o| {
                (
                    vec![o.label.to_lowercase(), o.id.replace('_', " ")],
                    Slot::Given(Answer::Text(o.id.clone())),
                )
            })
            .collect(),
        ItemType::Text => Vec::new(),
    }
}

/// The value whose words are `typed`, or start with it when only one does ("most" for
/// "Most days", "y" for yes); `None` when no value, or more than one, fits.
fn by_words(item: &ItemDef, typed: &str) -> Option<Slot> {
    let typed = typed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if typed.is_empty() {
        return None;
    }
    let all = words(item);
    if let Some((_, slot)) = all.iter().find(|(w, _)| w.contains(&typed)) {
        return Some(slot.clone());
    }
    let mut fits = all
        .iter()
        .filter(|(w, _)| w.iter().any(|w| w.starts_with(&typed)));
    match (fits.next(), fits.next()) {
        (Some((_, slot)), None) => Some(slot.clone()),
        _ => None,
    }
}

/// The words to list in the prompt: each value's first word form.
fn word_list(item: &ItemDef) -> String {
    words(item)
        .iter()
        .filter_map(|(w, _)| w.first().cloned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// How an item's answer is typed, and the choices to print.
fn choices(item: &ItemDef) -> (Vec<String>, String) {
    match item.kind {
        ItemType::Integer => {
            let (min, max) = (item.min.unwrap_or(0), item.max.unwrap_or(0));
            let lines = (min..=max)
                .filter_map(|v| item.anchor(v).map(|a| format!("  {v} = {a}")))
                .collect();
            let all_named = (min..=max).all(|v| item.anchor(v).is_some());
            let how = if all_named {
                format!(
                    "Type a number from {min} to {max}, or the words ({}; the start is enough)",
                    word_list(item)
                )
            } else {
                format!("Type a number from {min} to {max}")
            };
            (lines, how)
        }
        ItemType::Boolean => (
            vec!["  1. No".to_string(), "  2. Yes".to_string()],
            "Type 1 or no, 2 or yes (n or y is enough)".to_string(),
        ),
        ItemType::Choice => {
            let lines = item
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| format!("  {}. {}", i + 1, o.label))
                .collect();
            (
                lines,
                format!(
                    "Type a number from 1 to {}, or the words ({}; the start is enough)",
                    item.options.len(),
                    word_list(item)
                ),
            )
        }
        ItemType::Text => (
            Vec::new(),
            "Type your answer (Enter alone leaves it empty)".to_string(),
        ),
    }
}

/// Reads a typed answer; `None` when it is not one of the allowed values.
fn parse(item: &ItemDef, typed: &str) -> Option<Slot> {
    let t = typed.trim();
    match item.kind {
        ItemType::Integer => match t.parse::<i64>() {
            Ok(v) => {
                let ok = (item.min.unwrap_or(0)..=item.max.unwrap_or(0)).contains(&v);
                ok.then_some(Slot::Given(Answer::Int(v)))
            }
            Err(_) => by_words(item, t),
        },
        ItemType::Boolean => match t {
            "1" => Some(Slot::Given(Answer::Bool(false))),
            "2" => Some(Slot::Given(Answer::Bool(true))),
            _ => by_words(item, t),
        },
        ItemType::Choice => {
            let by_number = t
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|i| item.options.get(i))
                .map(|o| Slot::Given(Answer::Text(o.id.clone())));
            by_number.or_else(|| by_words(item, t))
        }
        ItemType::Text => {
            if t.is_empty() {
                Some(Slot::Empty)
            } else {
                answers::check_text(item, t)
                    .ok()
                    .map(|t| Slot::Given(Answer::Text(t.to_string())))
            }
        }
    }
}

/// Asks one item until it gets an allowed answer; `None` at the end of input.
fn ask(
    q: &Questionnaire,
    item: &ItemDef,
    heading: &str,
    offered: Option<String>,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<Option<Slot>, Error> {
    say(out, "")?;
    for line in heading.lines() {
        say(out, &wrap(line, "", crate::base::text::width()))?;
    }
    if let Some(intro) = q.section(&item.section).and_then(|s| s.intro.as_deref()) {
        say(out, &wrap(intro, "", crate::base::text::width()))?;
    }
    say(out, &wrap(&item.text, "  ", crate::base::text::width()))?;
    if let Some(notice) = &item.notice {
        say(out, &wrap(notice, "  ", crate::base::text::width()))?;
    }
    let (lines, how) = choices(item);
    for l in &lines {
        say(out, l)?;
    }
    if let Some(words) = &offered {
        say(out, &wrap(words, "  ", crate::base::text::width()))?;
    }
    // The prompt wrapped to the terminal, with room for the answer after its last line.
    let prompt = wrap(&format!("{how}:"), "", crate::base::text::width() - 12);
    loop {
        write!(out, "{prompt} ").map_err(|e| Error::Terminal(e.to_string()))?;
        out.flush().map_err(|e| Error::Terminal(e.to_string()))?;
        match read(input)? {
            Line::End => {
                // The prompt is left without a line break: end its line first.
                say(out, "")?;
                return Ok(None);
            }
            Line::Text(typed) => match parse(item, &typed) {
                Some(slot) => return Ok(Some(slot)),
                None => say(
                    out,
                    &wrap(
                        &format!(
                            "\"{}\" is not one of the answers here. {how}.",
                            typed.trim()
                        ),
                        "",
                        crate::base::text::width(),
                    ),
                )?,
            },
        }
    }
}

/// The check-in as lines of text on `out`, answers read from `input`.
pub(crate) struct Lines<'a> {
    /// Where answers come from (a terminal or a pipe).
    pub input: &'a mut dyn BufRead,
    /// Where questions go (stderr, so stdout stays data).
    pub out: &'a mut dyn Write,
}

impl Screen for Lines<'_> {
    fn intro(&mut self, q: &Questionnaire, note: Option<&str>) -> Result<Reply<()>, Error> {
        say(self.out, &q.def.title)?;
        if let Some(note) = note {
            say(self.out, &wrap(note, "", crate::base::text::width()))?;
        }
        for para in &q.def.intro {
            say(self.out, &wrap(para, "", crate::base::text::width()))?;
        }
        say(
            self.out,
            &wrap("Answer each question by typing a number or a word, then Enter. You can change any answer before saving. At the end of input before the last question, nothing is saved as a check-in; `selfcheck checkin --resume` picks up where you left off.", "", crate::base::text::width()),
        )?;
        Ok(Reply::Answered(()))
    }

    fn ask(
        &mut self,
        q: &Questionnaire,
        item: &ItemDef,
        asking: Asking,
        _current: Option<&Slot>,
    ) -> Result<Reply<Slot>, Error> {
        // What the journal suggests: said with the question; the answer is still typed.
        let offered = match &asking {
            Asking::Offered { words, .. } => Some(words.clone()),
            _ => None,
        };
        let heading = match asking {
            Asking::InOrder(p) | Asking::Offered { progress: p, .. } => {
                let section = q
                    .section(&item.section)
                    .map(|s| s.title.as_str())
                    .unwrap_or("");
                match &p.note {
                    Some(note) => format!("{section}, {}\n{note}", p.words()),
                    None => format!("{section}, {}", p.words()),
                }
            }
            Asking::Change => "Change your answer".to_string(),
            Asking::FollowUp => "A follow-up question after your change".to_string(),
        };
        Ok(
            match ask(q, item, &heading, offered, self.input, self.out)? {
                Some(slot) => Reply::Answered(slot),
                None => Reply::Stop,
            },
        )
    }

    fn review(&mut self, _q: &Questionnaire, answers: &[Reviewed]) -> Result<ReviewChoice, Error> {
        say(self.out, "")?;
        say(
            self.out,
            "Your answers (nothing is saved as a check-in yet):",
        )?;
        for (n, r) in answers.iter().enumerate() {
            let line = format!(
                "{}. {}: {}",
                n + 1,
                r.item.label,
                crate::base::text::safe(&r.text)
            );
            say(self.out, &wrap(&line, "  ", crate::base::text::width()))?;
        }
        loop {
            let prompt = wrap(
                "Press Enter (or type save) to save; type a number to change that answer; type stop to stop for now:",
                "",
                crate::base::text::width() - 12,
            );
            write!(self.out, "{prompt} ").map_err(|e| Error::Terminal(e.to_string()))?;
            self.out
                .flush()
                .map_err(|e| Error::Terminal(e.to_string()))?;
            let typed = match read(self.input)? {
                // All questions are answered: the end of piped input saves, as Enter does.
                Line::End => {
                    say(self.out, "")?;
                    return Ok(ReviewChoice::Save);
                }
                Line::Text(t) => t.trim().to_lowercase(),
            };
            match typed.as_str() {
                "" | "save" | "s" | "yes" | "y" => return Ok(ReviewChoice::Save),
                "stop" | "quit" | "q" => return Ok(ReviewChoice::Stop),
                other => match other.parse::<usize>().ok().and_then(|n| n.checked_sub(1)) {
                    Some(i) if i < answers.len() => return Ok(ReviewChoice::Change(i)),
                    _ => say(
                        self.out,
                        &format!(
                            "\"{other}\" is not a choice here. Type a number from 1 to {}, save, or stop.",
                            answers.len()
                        ),
                    )?,
                },
            }
        }
    }

    fn choose(&mut self, question: &str, options: &[&str]) -> Result<Option<usize>, Error> {
        say(self.out, &wrap(question, "", crate::base::text::width()))?;
        for (i, o) in options.iter().enumerate() {
            say(self.out, &format!("  {}. {o}", i + 1))?;
        }
        loop {
            write!(self.out, "Type a number from 1 to {}: ", options.len())
                .and_then(|()| self.out.flush())
                .map_err(|e| Error::Terminal(e.to_string()))?;
            let Line::Text(typed) = read(self.input)? else {
                say(self.out, "")?;
                return Ok(None);
            };
            match typed.trim().parse::<usize>() {
                Ok(n) if (1..=options.len()).contains(&n) => return Ok(Some(n - 1)),
                _ => say(
                    self.out,
                    &format!("\"{}\" is not one of the numbers.", typed.trim()),
                )?,
            }
        }
    }

    fn crisis(&mut self, title: &str, lines: &[String]) -> Result<(), Error> {
        say(self.out, "")?;
        say(self.out, &title.to_uppercase())?;
        for line in lines {
            say(self.out, &wrap(line, "  ", crate::base::text::width()))?;
        }
        Ok(())
    }

    fn stopped(&mut self) -> Error {
        super::stop::cancelled()
    }
}
