//! One journal entry as stored (contract.md, "Intake journal"), checked as strictly on every
//! read as an answers file: a hand-edited or damaged entry is named and skipped.

use super::Misread;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::parse::Amount;
use super::substances::Substances;

/// The version of the stored entry's shape. Version 2 adds `prescribed`, and lets `time`
/// be null (an entry logged for another day without a time); version 1 entries are read
/// as they are.
pub(crate) const ENTRY_SCHEMA_VERSION: u32 = 2;

/// Longest name and note kept.
pub(crate) const MAX_NAME: usize = 100;
/// Longest note kept.
pub(crate) const MAX_NOTE: usize = 1000;

/// One thing taken, when, how much and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalEntry {
    /// Shape version.
    pub schema_version: u32,
    /// `YYYY-MM-DD_HHMMSS-xxxx`.
    pub id: String,
    /// The local day it was taken.
    pub date: NaiveDate,
    /// The local time it was taken, `HH:MM`; `None` when it was logged for another day
    /// without one (it then pairs with the entries of its day).
    pub time: Option<String>,
    /// When it was logged.
    pub recorded_at: DateTime<FixedOffset>,
    /// The name as typed.
    pub name: String,
    /// The canonical name, when the substances file knows it.
    pub substance: Option<String>,
    /// Its class (`other` when unknown).
    pub class: String,
    /// How much, when given.
    pub amount: Option<Amount>,
    /// Why.
    #[serde(rename = "for")]
    pub reasons: Vec<String>,
    /// Pain around then, 0-10.
    pub pain: Option<u8>,
    /// Mood around then, 0-10.
    pub mood: Option<u8>,
    /// A note.
    pub note: Option<String>,
    /// Taken as prescribed (`log --prescribed`, or an own substance marked so).
    #[serde(default)]
    pub prescribed: bool,
}

/// The largest amount an entry may record (no dose of anything is a million of a unit; a
/// larger number is a typing slip, or a file made to break the summary's arithmetic).
pub(crate) const MAX_AMOUNT: f64 = 1_000_000.0;

/// Characters that change how the text around them is shown (bidirectional overrides and
/// isolates) or show nothing at all (zero-width): a name made of them looks like another.
fn is_invisible_or_reordering(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// A name or note is text a person typed: no control characters, no characters that
/// reorder or hide text, not too long.
pub(crate) fn check_text(what: &str, text: &str, max: usize) -> Result<(), Misread> {
    if text.chars().any(char::is_control) {
        return Err(Misread::Control(what.to_string()));
    }
    if text.chars().any(is_invisible_or_reordering) {
        return Err(Misread::Invisible(what.to_string()));
    }
    if text.chars().count() > max {
        return Err(Misread::TooLong {
            what: what.to_string(),
            max,
        });
    }
    Ok(())
}

impl JournalEntry {
    /// The entry's time of day.
    pub fn time_of_day(&self) -> Option<NaiveTime> {
        self.time
            .as_deref()
            .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
    }

    /// The time in words: `21:30`, or "no time given".
    pub fn time_words(&self) -> &str {
        self.time.as_deref().unwrap_or("no time given")
    }

    /// The key entries of one substance share: its canonical name, else the name as typed
    /// in lower case.
    pub fn key(&self) -> String {
        self.substance
            .clone()
            .unwrap_or_else(|| self.name.to_lowercase())
    }

    /// Everything wrong with an entry read from a file, one line each.
    pub fn problems(&self, substances: &Substances, tomorrow: NaiveDate) -> Vec<String> {
        let mut p = Vec::new();
        if !(1..=ENTRY_SCHEMA_VERSION).contains(&self.schema_version) {
            p.push(format!(
                "schema_version {} is not 1 or {ENTRY_SCHEMA_VERSION}: written by another version of selfcheck",
                self.schema_version
            ));
        }
        if self.schema_version == 1 && (self.time.is_none() || self.prescribed) {
            p.push("a version 1 entry has a time and no \"prescribed\"".to_string());
        }
        let prefix = self.date.format("%Y-%m-%d_").to_string();
        let tail_ok = self.id.len() == 22
            && self.id.is_ascii()
            && self.id[11..17].chars().all(|c| c.is_ascii_digit())
            && &self.id[17..18] == "-"
            && self.id[18..].chars().all(|c| c.is_ascii_hexdigit());
        if !self.id.starts_with(&prefix) || !tail_ok {
            p.push(format!(
                "id \"{}\" is not of the form {prefix}HHMMSS-xxxx",
                self.id
            ));
        }
        if self.date > tomorrow || self.date < crate::base::dates::earliest() {
            p.push(format!("date {} is out of range", self.date));
        }
        if let Some(t) = &self.time {
            if t.len() != 5 || self.time_of_day().is_none() {
                p.push(format!("time \"{t}\" is not HH:MM"));
            }
        }
        if self.name.trim().is_empty() {
            p.push("name is empty".to_string());
        }
        if let Err(e) = check_text("the name", &self.name, MAX_NAME) {
            p.push(e.to_string());
        }
        if let Some(note) = &self.note {
            if let Err(e) = check_text("the note", note, MAX_NOTE) {
                p.push(e.to_string());
            }
        }
        if let Some(substance) = &self.substance {
            if let Err(e) = check_text("the substance", substance, MAX_NAME) {
                p.push(e.to_string());
            }
        }
        if !substances.has_class(&self.class) {
            p.push(format!("class \"{}\" is not a known class", self.class));
        }
        if let Some(a) = &self.amount {
            if !(a.value.is_finite() && a.value > 0.0 && a.value <= MAX_AMOUNT)
                || super::parse::unit(&a.unit) != Some(a.unit.as_str())
            {
                p.push(format!(
                    "amount {} {} is not a positive number up to a million with a known unit",
                    a.value, a.unit
                ));
            }
        }
        for r in &self.reasons {
            if !substances.reasons.contains(r) {
                p.push(format!(
                    "reason \"{r}\" is not one of {}",
                    substances.reasons.join(", ")
                ));
            }
        }
        for (what, v) in [("the pain score", self.pain), ("the mood score", self.mood)] {
            if v.is_some_and(|v| v > 10) {
                p.push(format!("{what} is over 10"));
            }
        }
        p
    }
}
