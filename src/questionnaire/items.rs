//! Items (the questions), their sections, options, codes and sources, as the JSON format
//! defines them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{yes, Condition};

/// A published source.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDef {
    /// Instrument or guidance name.
    pub instrument: String,
    /// Full citation.
    pub citation: String,
    /// Publication year, when there is one.
    pub year: Option<u32>,
    /// A credit or licence line the source asks to be shown with it.
    #[serde(default)]
    pub note: Option<String>,
}

/// A section of the check-in.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    /// Id that items refer to.
    pub id: String,
    /// Heading.
    pub title: String,
    /// Shown above each of its items (for example a published stem).
    #[serde(default)]
    pub intro: Option<String>,
    /// Printed reports list this section's yes answers and texts by date (a pattern of use).
    #[serde(default)]
    pub pattern: bool,
}

/// A code for an item in a standard terminology (for FHIR exports).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coding {
    /// Code system URI (`http://loinc.org`).
    pub system: String,
    /// The code.
    pub code: String,
    /// Its display text.
    pub display: String,
}

/// The kind of answer an item takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemType {
    /// A whole number between `min` and `max`.
    Integer,
    /// Yes or no.
    Boolean,
    /// One of `options`, stored by option id.
    Choice,
    /// Free text.
    Text,
}

/// How an item's wording relates to its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Wording {
    /// The published wording, unchanged.
    Published,
    /// Published wording changed (recall period, words).
    Adapted,
    /// This tool's own wording.
    Own,
}

/// Where an item comes from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemSource {
    /// Key into `sources`.
    #[serde(rename = "ref")]
    pub source: String,
    /// Whether the wording is the published one.
    pub wording: Wording,
    /// What was adapted, when it was.
    #[serde(default)]
    pub note: Option<String>,
}

/// One option of a choice item.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// Stored value.
    pub id: String,
    /// What the person reads.
    pub label: String,
}

/// One question.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    /// Stable id: answers files and stored check-ins use it.
    pub id: String,
    /// Raised when the item's meaning changes; trends only join equal versions.
    pub version: u32,
    /// Section id.
    pub section: String,
    /// Answer type.
    #[serde(rename = "type")]
    pub kind: ItemType,
    /// Short label for reviews and summaries.
    pub label: String,
    /// The question as asked.
    pub text: String,
    /// Extra words shown with the question.
    #[serde(default)]
    pub notice: Option<String>,
    /// Smallest allowed integer.
    #[serde(default)]
    pub min: Option<i64>,
    /// Largest allowed integer.
    #[serde(default)]
    pub max: Option<i64>,
    /// Labels of some integer values ("0": "No pain").
    #[serde(default)]
    pub anchors: BTreeMap<String, String>,
    /// Options of a choice item.
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    /// Whether an answer is needed (text items are usually optional).
    #[serde(default = "yes")]
    pub required: bool,
    /// Longest text accepted, in characters.
    #[serde(default)]
    pub max_length: Option<usize>,
    /// Asked only when this holds; otherwise stored as skipped.
    #[serde(default)]
    pub ask_if: Option<Condition>,
    /// Where it comes from.
    pub source: ItemSource,
    /// Standard codes for the item (LOINC for published instruments), for exports.
    #[serde(default)]
    pub codes: Vec<Coding>,
    /// An integer item the intake journal can answer: the number of days with an entry in
    /// the 7 days up to the check-in, offered for the person to keep or change.
    #[serde(default)]
    pub from_journal: bool,
}

/// Longest text answer when an item sets no `max_length`.
pub const DEFAULT_TEXT_MAX: usize = 1000;

impl ItemDef {
    /// The label of an integer value, if the scale names it.
    pub fn anchor(&self, value: i64) -> Option<&str> {
        self.anchors.get(&value.to_string()).map(String::as_str)
    }

    /// The label of a choice option.
    pub fn option_label(&self, id: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.label.as_str())
    }

    /// Longest text accepted.
    pub fn text_limit(&self) -> usize {
        self.max_length.unwrap_or(DEFAULT_TEXT_MAX)
    }

    /// What this item accepts, in words, for error messages.
    pub fn allowed(&self) -> String {
        match self.kind {
            ItemType::Integer => format!(
                "a whole number from {} to {}",
                self.min.unwrap_or(0),
                self.max.unwrap_or(0)
            ),
            ItemType::Boolean => "true or false".to_string(),
            ItemType::Choice => {
                let ids: Vec<String> = self
                    .options
                    .iter()
                    .map(|o| format!("\"{}\"", o.id))
                    .collect();
                format!("one of {}", ids.join(", "))
            }
            ItemType::Text => {
                let base = format!("a string of at most {} characters", self.text_limit());
                if self.required {
                    base
                } else {
                    format!("{base}, or null")
                }
            }
        }
    }
}
