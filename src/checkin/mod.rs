//! `selfcheck checkin`: answers in (from the terminal or an `--answers` file), a saved
//! check-in out.
//!
//! The interactive path shows one question per screen, with progress counted over the items
//! that will actually be asked, then a review screen where any answer can be changed before
//! anything is written. Stopping at any point (Esc, Ctrl-C, a closed terminal) writes nothing.

pub(crate) mod dialog;
pub mod draft;
pub(crate) mod flow;
pub(crate) mod pick;
pub(crate) mod plain;
pub(crate) mod progress;
pub(crate) mod session;
pub(crate) mod stop;

use std::io::{self, IsTerminal};
use std::path::Path;

use chrono::NaiveDate;
use console::Term;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};

use crate::answers::Answers;
use crate::base::error::Error;
use crate::checkin::dialog::Interview;
use crate::checkin::flow::{CrisisNotice, Opening};
use crate::checkin::stop::install_stop_handler;
use crate::questionnaire::{Questionnaire, MAX_FILE_BYTES};
use crate::{base::fsio, engine};

pub(crate) use crate::checkin::stop::SavingGuard;

/// Parses `--date`: YYYY-MM-DD, a real day, not after today (local time).
pub fn parse_date(given: Option<&str>, today: NaiveDate) -> Result<NaiveDate, Error> {
    let Some(text) = given else { return Ok(today) };
    let date = crate::base::dates::parse_day("--date", text)?;
    if date > today {
        return Err(Error::BadDate {
            flag: "--date".to_string(),
            given: text.to_string(),
            reason: format!("is in the future (today is {today}); a check-in can only be about today or an earlier day"),
        });
    }
    let earliest = crate::base::dates::earliest();
    if date < earliest {
        return Err(Error::BadDate {
            flag: "--date".to_string(),
            given: text.to_string(),
            reason: format!(
                "is before {earliest}; a check-in can only be about {earliest} or later"
            ),
        });
    }
    Ok(date)
}

/// The answers self-harm item, when `bytes` (an answers file, however wrong otherwise)
/// gives it above "Not at all": the crisis lines are shown for it even when the file is
/// refused, as the person wrote that answer.
pub fn self_harm_given(q: &Questionnaire, bytes: &[u8]) -> Option<Answers> {
    let id = crate::questionnaire::self_harm_item()?;
    let item = q.item(&id)?;
    // Every value given for it (a key given twice included): the highest decides.
    let answer = crate::base::json::pairs(bytes)?
        .into_iter()
        .filter(|(k, _)| *k == id)
        .filter_map(|(_, v)| crate::answers::check_value(item, &v).ok())
        .max_by_key(|a| match a {
            crate::answers::Answer::Int(v) => *v,
            _ => 0,
        })?;
    let mut answers = Answers::default();
    answers.set(&id, crate::answers::Slot::Given(answer));
    (crate::engine::crisis_level(q, &answers) == crate::questionnaire::CrisisLevel::Full)
        .then_some(answers)
}

/// An answers file's name for messages, and its bytes (`-`: standard input).
pub fn read_answers(path: &Path) -> Result<(String, Vec<u8>), Error> {
    Ok(if path == Path::new("-") {
        let bytes = fsio::read_stdin_limited(MAX_FILE_BYTES).map_err(|source| Error::Io {
            action: "read the answers from".to_string(),
            path: "standard input".into(),
            source,
        })?;
        ("standard input".to_string(), bytes)
    } else {
        let bytes = fsio::read_named(path, MAX_FILE_BYTES).map_err(|source| Error::Io {
            action: "read the answers file".to_string(),
            path: path.to_path_buf(),
            source,
        })?;
        (path.display().to_string(), bytes)
    })
}

/// [`answers_from_file_with`] over bytes already read.
pub fn answers_from_bytes_with(
    q: &Questionnaire,
    name: String,
    bytes: &[u8],
    fill: &[(String, i64)],
) -> Result<(Answers, Vec<String>), Error> {
    let first = engine::from_answers_file(q, bytes);
    let missing: Vec<&(String, i64)> = match &first {
        Err(problems) => fill
            .iter()
            .filter(|(id, _)| {
                problems
                    .iter()
                    .any(|p| p.starts_with(&format!("{id}: missing")))
            })
            .collect(),
        Ok(_) => Vec::new(),
    };
    let filled: Vec<String> = missing.iter().map(|(id, _)| id.clone()).collect();
    let result = match crate::base::json::parse(bytes) {
        Ok(serde_json::Value::Object(mut given)) if !missing.is_empty() => {
            for (id, v) in missing {
                given.insert(id.clone(), serde_json::Value::from(*v));
            }
            engine::from_answers_file(q, serde_json::Value::Object(given).to_string().as_bytes())
                .map(|a| (a, filled))
        }
        _ => first.map(|a| (a, Vec::new())),
    };
    result.map_err(|problems| Error::Answers {
        source_name: name,
        problems,
    })
}

/// Runs the interactive check-in; fails with [`Error::NoTerminal`] before prompting when
/// standard input is not a terminal (dialoguer would otherwise read the tty behind a pipe).
pub fn interactive(
    q: &Questionnaire,
    start: Answers,
    opening: Opening,
    keep: &dyn Fn(&Answers),
    crisis: &CrisisNotice,
) -> Result<Option<Answers>, Error> {
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
    let mut screen = Interview {
        term: &term,
        theme: theme.as_ref(),
        rows: Default::default(),
    };
    let result = flow::run(q, start, opening, keep, crisis, &mut screen);
    let _ = term.show_cursor();
    result
}

/// The line-by-line check-in (`--plain`): see [`crate::checkin::plain`].
pub fn plain(
    q: &Questionnaire,
    start: Answers,
    opening: Opening,
    keep: &dyn Fn(&Answers),
    crisis: &CrisisNotice,
) -> Result<Option<Answers>, Error> {
    install_stop_handler();
    let stdin = io::stdin();
    let mut screen = crate::checkin::plain::Lines {
        input: &mut stdin.lock(),
        out: &mut io::stderr(),
    };
    flow::run(q, start, opening, keep, crisis, &mut screen)
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
