//! The parts of the summary model that carry evidence: flags with what they rest on, changes
//! between check-ins and over the period, and trends.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

pub use crate::engine::Direction;
use crate::questionnaire::{Severity, TrendGroup};

/// Serialises (id, value) pairs as a JSON object, keeping their order.
pub(super) fn in_order<S: serde::Serializer, T: Serialize>(
    pairs: &[(String, T)],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

/// One measure over the period.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    /// Name.
    pub title: String,
    /// Drawn as a chart (false: in the snapshot table only).
    pub chart: bool,
    /// Drawn on the front page of a printed summary.
    pub front: bool,
    /// `burden` or `wellbeing`.
    pub group: TrendGroup,
    /// Which way is which.
    pub direction: String,
    /// Lowest possible value.
    pub min: f64,
    /// Highest possible value.
    pub max: f64,
    /// One point per check-in in the period (`null` when the measure was not comparable).
    pub points: Vec<TrendPoint>,
    /// One value per ISO week from the first to the last check-in: that week's last value,
    /// `null` for a week without a check-in (a gap, never filled in).
    pub weekly: Vec<Option<f64>>,
    /// First value in the period.
    pub first: Option<f64>,
    /// Last value.
    pub last: Option<f64>,
    /// Lowest value.
    pub lowest: Option<f64>,
    /// Highest value.
    pub highest: Option<f64>,
    /// `weekly` drawn with ▁▂▃▄▅▆▇█ on the measure's full range; `·` for a week without one.
    pub sparkline: String,
    /// The level (0-7) of each weekly value on the measure's full range, for sparklines.
    pub levels: Vec<Option<u8>>,
    /// Per week: whether it had a check-in. A week with one but no value was not asked
    /// (a follow-up score asked only after its screen), told apart from a week without.
    pub checked: Vec<bool>,
    /// The day of `last`, when it is not the period's latest check-in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_date: Option<NaiveDate>,
    /// The Monday of each week of `weekly`.
    pub weeks: Vec<NaiveDate>,
    /// A score's published cut-off, drawn as a dashed line.
    pub cutoff: Option<f64>,
    /// The instrument's own band for the latest value, with its range and who named it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    /// A follow-up score, asked only after a positive screen (gaps are weeks not asked).
    pub follow_up: bool,
    /// Drawn among the main charts (a score) rather than the small ones (an item).
    pub main: bool,
    /// Drawn as bars: a count of days (an item with a range of 7 or less).
    pub bars: bool,
    /// Decimals the values need.
    pub decimals: usize,
    /// Latest minus first.
    pub change: Option<f64>,
}

/// A measure's value at one check-in.
#[derive(Debug, Clone, Serialize)]
pub struct TrendPoint {
    /// Day.
    pub date: NaiveDate,
    /// Value.
    pub value: Option<f64>,
}

/// A flag that fired in the period.
#[derive(Debug, Clone, Serialize)]
pub struct FlagLine {
    /// Flag id.
    pub id: String,
    /// Plain-words title.
    pub title: String,
    /// A few words for tables and legends (the title when the set gives none).
    pub short: String,
    /// `urgent`, `flag` or `info`.
    pub severity: Severity,
    /// Which of the guidance's situations it speaks to (`other` for an own set's rule that
    /// names none).
    pub situation: crate::questionnaire::Situation,
    /// True when it is this tool's own rule, not a published cut-off.
    pub own_rule: bool,
    /// Citations.
    pub source: String,
    /// The same in brief ("PHQ-2, 2003"), for printed reports; for this tool's own rule,
    /// only the published sources it builds on (often none).
    pub source_short: String,
    /// The rule in words.
    pub rule: String,
    /// The calm suggestion.
    pub message: String,
    /// Days it fired in the period.
    pub dates: Vec<NaiveDate>,
    /// How many check-ins in the period it fired in.
    pub count: usize,
    /// Present in enough of the last check-ins (see the persistence rule).
    pub persistent: bool,
    /// The persistence rule, in words, when it applies.
    pub persistence_rule: Option<String>,
    /// The answers behind it.
    pub evidence: Vec<Evidence>,
    /// Check-ins it fired in among the last `window` up to the latest.
    pub recent: usize,
    /// How many check-ins `recent` looks back over (the persistence window, or fewer when
    /// there are fewer check-ins).
    pub window: usize,
    /// Fired in the latest check-in but not in the one before it.
    pub new: bool,
    /// Fired in the latest check-in of the period (else it is not current: see `last`);
    /// false for the journal's flags, whose days are `dates`.
    pub in_latest: bool,
    /// The last day it fired in the period.
    pub last: Option<NaiveDate>,
    /// A safety rule: `why` tells every answer of the period with its day, and the latest;
    /// every format shows that, not only the latest answers.
    #[serde(skip)]
    pub told_whole: bool,
    /// For a safety rule: the highest answer of the period (the latest among equals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub highest: Option<Evidence>,
    /// When, compressed: "4 of the last 4 check-ins, persistent".
    pub when: String,
    /// When, shortest, for a printed list: "12 of 12 check-ins, persistent".
    pub when_short: String,
    /// Why, compressed: the latest answers behind it ("Pain interfered with sleep: 7 of
    /// 10; …").
    pub why: String,
    /// Raised by the intake journal: `dates` and `count` are days of the journal, not
    /// check-ins.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub from_journal: bool,
}

/// An answer behind a flag.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// The check-in whose flag this answer explains.
    pub fired_on: NaiveDate,
    /// Day of the answer (for a rule across check-ins, the day it fired).
    pub date: NaiveDate,
    /// One answer, a sum of answers, or an event across check-ins.
    pub kind: EvidenceKind,
    /// Item id (or the items summed, joined by `+`).
    pub item: String,
    /// Label.
    pub label: String,
    /// Stored value.
    pub value: Value,
    /// The answer in words ("5 of 7"), the sum ("sum 14 of 30") or the event ("rose three
    /// check-ins running, to 5 on 1 Nov: 2, 3, 4, 5").
    pub text: String,
    /// For an event: the values behind it, oldest first.
    pub series: Vec<EvidencePoint>,
}

/// What a piece of evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceKind {
    /// One item's answer.
    Item,
    /// A sum of items at one check-in.
    Sum,
    /// A change across check-ins, dated.
    Event,
}

/// A value behind an event.
#[derive(Debug, Clone, Serialize)]
pub struct EvidencePoint {
    /// Day.
    pub date: NaiveDate,
    /// Value (a sum of the rule's items).
    pub value: i64,
}

/// A meaningful change between two check-ins.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// The rule's id.
    pub rule: String,
    /// `worse` (a flag) or `improvement` (never a flag).
    pub direction: Direction,
    /// Title in words.
    pub title: String,
    /// The change in words: "sum rose from 8 of 30 on 7 Sep 2026 to 14 of 30 on 14 Sep 2026".
    pub text: String,
    /// From which sum on which day to which.
    #[serde(flatten)]
    pub span: ChangeSpan,
}

/// Where a change starts and ends: the one shape of a change between two check-ins and of
/// the change over a period (flattened into each, so the JSON keeps its fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChangeSpan {
    /// Earlier check-in's day.
    pub from_date: NaiveDate,
    /// Later check-in's day.
    pub to_date: NaiveDate,
    /// Earlier sum.
    pub from: i64,
    /// Later sum.
    pub to: i64,
    /// Highest possible sum.
    pub max: i64,
}

/// The change of a `rise` rule from the first check-in of a period to the latest.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodChangeLine {
    /// The rule's id.
    pub rule: String,
    /// `worse`, `improvement`, or null when the change is within the rule's threshold.
    pub direction: Option<Direction>,
    /// In words: "PEG pain score: from 8 of 30 on 2026-09-07 to 17 of 30 on 2026-11-16, a
    /// meaningful rise by this tool's rule".
    pub text: String,
    /// From the first check-in's sum to the latest's.
    #[serde(flatten)]
    pub span: ChangeSpan,
}

impl Trend {
    /// Whether week `i` had a check-in that did not ask this measure.
    pub fn not_asked(&self, i: usize) -> bool {
        self.weekly.get(i).is_some_and(Option::is_none) && self.checked.get(i) == Some(&true)
    }

    /// Whether any week of the trend was not asked.
    pub fn any_not_asked(&self) -> bool {
        (0..self.weekly.len()).any(|i| self.not_asked(i))
    }
}
