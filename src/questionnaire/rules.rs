//! Scores, flag rules (on one check-in and across check-ins) and persistence, as the JSON
//! format defines them; the engine evaluates them.

use serde::{Deserialize, Serialize};

use super::{yes, Condition};

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
    /// The score exists only on check-ins where every item was asked (a two-step
    /// follow-up such as the PHQ-9): a skipped item leaves it `null`, never 0.
    #[serde(default)]
    pub all_asked: bool,
    /// The instrument's own bands, shown with their range and who named them.
    #[serde(default)]
    pub bands: Option<Bands>,
    /// Standard codes for the score (LOINC for published totals), for exports.
    #[serde(default)]
    pub codes: Vec<super::Coding>,
}

/// A score's published bands ("the 10-14 band, which the PHQ-9 authors call moderate").
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bands {
    /// Who named them ("the PHQ-9 authors").
    pub by: String,
    /// The bands, lowest first, covering the score's range without gaps.
    pub ranges: Vec<Band>,
}

/// One band of a score.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Lowest value in the band.
    pub min: f64,
    /// Highest value in the band.
    pub max: f64,
    /// The instrument's own word for it.
    pub name: String,
}

impl ScoreDef {
    /// The band a value falls in, in words with its range and who named it.
    pub fn band_words(&self, value: f64) -> Option<String> {
        let bands = self.bands.as_ref()?;
        let band = bands
            .ranges
            .iter()
            .find(|b| value >= b.min && value <= b.max)?;
        Some(format!(
            "the {}-{} band, which {} call {}",
            band.min, band.max, bands.by, band.name
        ))
    }
}

/// A message for some of the check-ins a flag fires on (a graded response): the first
/// whose condition holds replaces the flag's own message.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Graded {
    /// When this message applies.
    pub when: Condition,
    /// The message.
    pub message: String,
}

/// How a `rising` rule's steps may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EachStep {
    /// Up at every step.
    #[default]
    Up,
    /// Never down from one check-in to the next.
    NotDown,
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

/// The situations of the guidance a flag speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Situation {
    /// Thoughts of self-harm: the crisis lines, always.
    Safety,
    /// Pain that is frequent or long-lasting and touches sleep, mood or daily function.
    Pain,
    /// Relying more and more on medicines, alcohol or other substances.
    Reliance,
    /// Things that used to feel rewarding feel flat; low mood; nerves.
    Mood,
    /// Pain, low mood and stress feeding each other.
    Cycle,
    /// Sedating substances taken together.
    Combination,
    /// Anything else (an own set's rule that names none).
    Other,
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
    /// A few words for tables and lists (`history`, the printed table); the title if none.
    #[serde(default)]
    pub short: Option<String>,
    /// How serious.
    pub severity: Severity,
    /// Which of the guidance's situations it speaks to (`safety` always brings the crisis
    /// lines, whatever `crisis` says; see `safety.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub situation: Option<Situation>,
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
    /// Stronger or gentler messages for some answers (the first that holds).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub graded: Vec<Graded>,
    /// In a summary of several check-ins, the message when the strongest answer was given
    /// before the latest one (`{date}` and `{answer}` are filled in): an answer of weeks ago
    /// is told as of its day, never as today's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier: Option<String>,
}

impl FlagRule {
    /// The message for one check-in: the first graded one whose condition holds, else the
    /// flag's own. `lookup` gives each operand's value in that check-in.
    pub fn message_for(&self, lookup: &dyn Fn(&super::Operand) -> super::condition::Fact) -> &str {
        self.graded
            .iter()
            .find(|g| g.when.eval(lookup))
            .map_or(self.message.as_str(), |g| g.message.as_str())
    }
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
    /// Which of the guidance's situations it speaks to (`other` when none is named).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub situation: Option<Situation>,
    /// Plain-words title.
    pub title: String,
    /// A few words for tables and lists (`history`, the printed table); the title if none.
    #[serde(default)]
    pub short: Option<String>,
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
    /// ... when that is at least this percent of the previous sum ...
    #[serde(default)]
    pub or_min_percent: Option<i64>,
    /// ... and the previous sum was at least this (30% of nothing is nothing).
    #[serde(default)]
    pub or_min_previous: Option<i64>,
    /// `rise`: or fires when the sum rose by at least this over the last two steps, never
    /// falling between (a rise of 2 PEG points spread over two check-ins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub or_over_two: Option<i64>,
    /// `rise`: the same fall is reported with this title, never as a flag.
    #[serde(default)]
    pub improvement_title: Option<String>,
    /// `rising`: number of consecutive steps.
    #[serde(default)]
    pub steps: Option<usize>,
    /// `rising`: up at every step (the default) or never down.
    #[serde(default)]
    pub each_step: EachStep,
    /// `rising`: the last sum at least this much above the first of the run.
    #[serde(default)]
    pub min_total_rise: Option<i64>,
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
