//! The question set: items, scales, skip logic, scores and flag rules, read from JSON.
//!
//! Everything a person reads in a check-in, and every rule that raises a flag, lives in a
//! questions file (`questions/weekly.json` is built into the binary). Keeping them as data
//! means every flag can name its source, a translated set is a new file rather than new code,
//! and a clinician or user can read exactly what is asked. Loading validates the whole file up
//! front and reports every problem with the file, the item and what is wrong.

pub mod condition;
mod validate;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use condition::{Comparison, Condition, Op, Operand};

use crate::error::Error;

/// The default question set, embedded at build time so the installed binary works anywhere.
pub const BUILTIN_WEEKLY: &str = include_str!("../../questions/weekly.json");
/// Name shown in errors about the built-in set.
pub const BUILTIN_WEEKLY_NAME: &str = "questions/weekly.json (built in)";
/// The only format this version reads; a new major format gets a new tag.
pub const FORMAT: &str = "selfcheck-questions/1";
/// Questions files larger than this are refused before they are read into memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A validated question set.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    /// The parsed definition.
    pub def: QuestionnaireDef,
    /// The exact bytes it was read from: stored once per version beside the check-ins, so
    /// old check-ins stay readable after the questions change.
    pub raw: Vec<u8>,
    /// A short digest of `raw`, naming that stored copy.
    pub digest: String,
}

/// The JSON shape of a questions file (documented in `questions/README.md`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireDef {
    /// Always [`FORMAT`].
    pub format: String,
    /// Stable id of the set (`weekly`).
    pub id: String,
    /// Raised whenever anything in the set changes.
    pub version: u32,
    /// BCP 47 language tag of every text in the set.
    pub language: String,
    /// Title shown at the top of a check-in.
    pub title: String,
    /// Paragraphs of the opening screen.
    pub intro: Vec<String>,
    /// The one-line non-diagnostic disclaimer on every summary.
    pub disclaimer: String,
    /// What a summary suggests about talking to a clinician.
    pub clinician: ClinicianText,
    /// Where to get urgent help.
    pub crisis: CrisisText,
    /// Published sources that items and rules cite, by key.
    pub sources: BTreeMap<String, SourceDef>,
    /// Groups of items, in order.
    pub sections: Vec<SectionDef>,
    /// The questions, in the order they are asked.
    pub items: Vec<ItemDef>,
    /// Scores computed from items.
    #[serde(default)]
    pub scores: Vec<ScoreDef>,
    /// Flags raised by one check-in.
    #[serde(default)]
    pub flags: Vec<FlagRule>,
    /// Flags raised by a change across check-ins.
    #[serde(default)]
    pub trend_flags: Vec<TrendRule>,
    /// When a flag seen repeatedly counts as persistent.
    #[serde(default)]
    pub persistence: Option<PersistenceRule>,
    /// Measures followed over time in summaries of a period.
    #[serde(default)]
    pub trends: Vec<TrendDef>,
}

/// A measure followed over time: a score or an integer item.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrendDef {
    /// Stable id (the key in `summary --format json`'s `trends`).
    pub id: String,
    /// A score id (exactly one of `score` and `item`).
    #[serde(default)]
    pub score: Option<String>,
    /// An integer item id (skipped counts as 0).
    #[serde(default)]
    pub item: Option<String>,
    /// Name shown.
    pub title: String,
    /// `burden` or `wellbeing`: reports group them apart.
    pub group: TrendGroup,
    /// Which way is which, in words ("higher = more pain").
    pub direction: String,
    /// Drawn as a chart and sparkline (false: only in the snapshot table).
    #[serde(default = "yes")]
    pub chart: bool,
    /// A short heading: the trend is a column of `history` and of the week-by-week table.
    /// When no trend of a set has one, every charted trend is a column, under its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Also a column of `history` (which has room for fewer). When no trend of a set says
    /// so, `history` shows the same columns as the table.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub history: bool,
}

/// Which group a trend belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrendGroup {
    /// Higher is worse (pain, mood and anxiety screens, stress, relief use).
    Burden,
    /// Higher is better (sleep, activity, connection).
    Wellbeing,
}

impl QuestionnaireDef {
    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&SectionDef> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// Texts about talking to a clinician.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClinicianText {
    /// Shown when any flag fired; followed by the flags' titles.
    pub when_flags: String,
    /// Shown when none fired.
    pub when_none: String,
}

/// Crisis resources.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisText {
    /// Heading of the full block.
    pub title: String,
    /// The full block: the first line (call your local emergency number) and the last
    /// (elsewhere) frame the regions' lines.
    pub lines: Vec<String>,
    /// The one-line version added by mood and substance flags, naming every region.
    pub short: String,
    /// When and how the lines were last checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<String>,
    /// Lines by region, for `crisis_region` in the configuration.
    #[serde(default)]
    pub regions: Vec<CrisisRegion>,
}

/// One region's crisis line.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisRegion {
    /// Region id used in the configuration (`US`, `UK`, ...).
    pub id: String,
    /// Its name.
    pub name: String,
    /// The line to call or text and the emergency number.
    pub line: String,
}

impl CrisisText {
    /// The region with this id (any case).
    pub fn region(&self, id: &str) -> Option<&CrisisRegion> {
        self.regions.iter().find(|r| r.id.eq_ignore_ascii_case(id))
    }

    /// The full lines and the one-line version for one region, or for every region when
    /// `region` is `None`. The first line (your local emergency number) and the last
    /// (elsewhere) always stay.
    pub fn for_region(&self, region: Option<&CrisisRegion>) -> (Vec<String>, String) {
        let chosen: Vec<&CrisisRegion> = match region {
            Some(r) => vec![r],
            None => self.regions.iter().collect(),
        };
        let Some((first, rest)) = self.lines.split_first() else {
            return (
                chosen.iter().map(|r| r.line.clone()).collect(),
                self.short.clone(),
            );
        };
        let mut lines = vec![first.clone()];
        lines.extend(chosen.iter().map(|r| r.line.clone()));
        lines.extend(rest.iter().cloned());
        let short = match region {
            Some(r) => format!("If things feel too much: {}", r.line),
            None => self.short.clone(),
        };
        (lines, short)
    }
}

/// How many check-ins before a period the rules may look back at (previous check-in,
/// 3 rises, the last 4 for persistence); question sets are validated to stay within it.
pub const LOOKBACK: usize = 16;

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
}

fn yes() -> bool {
    true
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

/// How a score combines its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScoreMethod {
    /// Sum of the items.
    Sum,
    /// Mean of the items.
    Mean,
}

/// A score computed from integer items (skipped items count as 0).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreDef {
    /// Stable id (`peg`, `phq2`, `gad2`).
    pub id: String,
    /// Name shown with it.
    pub title: String,
    /// Sum or mean.
    pub method: ScoreMethod,
    /// Integer items it is computed from.
    pub items: Vec<String>,
    /// Lowest possible value.
    pub min: f64,
    /// Highest possible value.
    pub max: f64,
    /// Decimals shown.
    #[serde(default)]
    pub decimals: u8,
    /// Published cut-off, when there is one.
    #[serde(default)]
    pub cutoff: Option<f64>,
    /// Key into `sources`.
    pub source: String,
}

/// How serious a flag is, which decides its order and wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Needs attention now: crisis resources are shown first.
    Urgent,
    /// Worth talking to a clinician about.
    Flag,
    /// For information, with a suggestion.
    Info,
}

/// Which crisis resources a flag brings with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CrisisLevel {
    /// None.
    #[default]
    None,
    /// The one-line version at the end.
    Short,
    /// The full block, first after the header.
    Full,
}

/// A flag raised by one check-in's answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagRule {
    /// Stable id.
    pub id: String,
    /// Plain-words title.
    pub title: String,
    /// How serious.
    pub severity: Severity,
    /// When it fires.
    pub when: Condition,
    /// The rule in words, with its threshold.
    pub rule: String,
    /// True when this is the tool's own rule rather than a published cut-off.
    pub own_rule: bool,
    /// Keys into `sources`.
    pub sources: Vec<String>,
    /// Crisis resources it brings.
    #[serde(default)]
    pub crisis: CrisisLevel,
    /// Whether repeated firing can mark it persistent.
    #[serde(default = "yes")]
    pub persistence: bool,
    /// A calm, non-diagnostic suggestion.
    pub message: String,
}

/// The kind of a cross-check-in rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrendKind {
    /// The sum of `items` rose against the previous check-in (see [`TrendRule`]).
    Rise,
    /// The sum of `items` rose at each of the last `steps` steps.
    Rising,
}

/// A flag raised by a change across check-ins.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrendRule {
    /// Stable id.
    pub id: String,
    /// Plain-words title.
    pub title: String,
    /// How serious.
    pub severity: Severity,
    /// What is compared.
    pub kind: TrendKind,
    /// Integer items summed (skipped count as 0).
    pub items: Vec<String>,
    /// `rise`: fires when the sum rose by at least this much.
    #[serde(default)]
    pub min_rise: Option<i64>,
    /// `rise`: or by at least this much ...
    #[serde(default)]
    pub or_min_rise: Option<i64>,
    /// ... when that is at least this percent of the previous sum.
    #[serde(default)]
    pub or_min_percent: Option<i64>,
    /// `rise`: the same fall is reported with this title, never as a flag.
    #[serde(default)]
    pub improvement_title: Option<String>,
    /// `rising`: number of consecutive rises.
    #[serde(default)]
    pub steps: Option<usize>,
    /// The rule in words.
    pub rule: String,
    /// True when this is the tool's own rule.
    pub own_rule: bool,
    /// Keys into `sources`.
    pub sources: Vec<String>,
    /// Crisis resources it brings.
    #[serde(default)]
    pub crisis: CrisisLevel,
    /// Whether repeated firing can mark it persistent.
    #[serde(default = "yes")]
    pub persistence: bool,
    /// A calm, non-diagnostic suggestion.
    pub message: String,
}

/// When a flag counts as persistent.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersistenceRule {
    /// How many recent check-ins are looked at.
    pub window: usize,
    /// In how many of them the flag must be present.
    pub min_count: usize,
}

impl Questionnaire {
    /// The built-in default set.
    pub fn builtin() -> Result<Self, Error> {
        Self::parse(BUILTIN_WEEKLY.as_bytes(), BUILTIN_WEEKLY_NAME)
    }

    /// Reads and validates a questions file.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let name = path.display().to_string();
        let bytes =
            crate::fsio::read_limited(path, MAX_FILE_BYTES).map_err(|e| Error::Questions {
                file: name.clone(),
                problems: vec![e.to_string()],
            })?;
        Self::parse(&bytes, &name)
    }

    /// Validates a questions file's bytes; `name` is used in errors.
    pub fn parse(bytes: &[u8], name: &str) -> Result<Self, Error> {
        let def = validate::parse_and_validate(bytes).map_err(|problems| Error::Questions {
            file: name.to_string(),
            problems,
        })?;
        Ok(Questionnaire {
            def,
            raw: bytes.to_vec(),
            digest: digest(bytes),
        })
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&ItemDef> {
        self.def.items.iter().find(|i| i.id == id)
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&SectionDef> {
        self.def.section(id)
    }

    /// The score with this id.
    pub fn score(&self, id: &str) -> Option<&ScoreDef> {
        self.def.scores.iter().find(|s| s.id == id)
    }

    /// Citations for a list of source keys, joined.
    pub fn citations(&self, keys: &[String]) -> String {
        keys.iter()
            .filter_map(|k| self.def.sources.get(k))
            .map(|s| s.citation.clone())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Sources in brief ("PHQ-2, 2003"), for printed reports whose footer cites in full.
    pub fn short_citations(&self, keys: &[String]) -> String {
        keys.iter()
            .filter_map(|k| self.def.sources.get(k))
            .map(|s| match s.year {
                Some(y) => format!("{}, {y}", s.instrument),
                None => s.instrument.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// FNV-1a, 64 bits: enough to tell questionnaire versions apart, no crate needed.
pub fn digest(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_set_is_valid() -> Result<(), Error> {
        let q = Questionnaire::builtin()?;
        assert_eq!(q.def.items.len(), 23);
        assert_eq!(q.def.flags.len(), 10);
        Ok(())
    }
}
