//! The summary model: everything a report shows, already decided and worded, so renderers
//! only lay it out. Built by `build.rs` from the engine's results; serialised as
//! `summary --format json` (fields may be added, never renamed).

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

mod evidence;
pub use evidence::*;

/// Version of the summary JSON shape.
pub const SUMMARY_SCHEMA_VERSION: u32 = 1;

/// A summary of a period (for now: the latest check-in and its history).
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Version of this shape.
    pub schema_version: u32,
    /// `latest` (the latest check-in), `checkin` (one chosen check-in) or `period`.
    pub scope: Scope,
    /// The question set of the latest check-in in the period.
    pub questionnaire: Option<QuestionnaireInfo>,
    /// The one-line non-diagnostic disclaimer.
    pub disclaimer: String,
    /// Set when there is nothing to summarise: how to start.
    pub message: Option<String>,
    /// The dates covered.
    pub period: Period,
    /// One line per check-in in the period, oldest first.
    pub checkins: Vec<CheckinLine>,
    /// The latest check-in in full: scores and every answer.
    pub latest: Option<Latest>,
    /// One entry per flag id that fired in the period, most serious first.
    pub flags: Vec<FlagLine>,
    /// The front: one line per situation with flags, in the guidance's order.
    pub glance: Vec<super::glance::SituationLine>,
    /// The situations' headings (from the question set), for the front.
    #[serde(skip)]
    pub situation_titles: std::collections::BTreeMap<crate::questionnaire::Situation, String>,
    /// Meaningful changes between check-ins (worse and better).
    pub changes: Vec<Change>,
    /// Change from the first check-in of the period to the latest, by each `rise` rule.
    pub period_changes: Vec<PeriodChangeLine>,
    /// When a flag counts as persistent, in words from the set's `persistence` data.
    pub persistence_rule: Option<String>,
    /// The trends shown as columns of the week-by-week table and of `history`, in order,
    /// with their short headings.
    pub columns: Vec<Column>,
    /// Trends over the period (summaries of a period only), by trend id, in the set's order.
    #[serde(serialize_with = "evidence::in_order")]
    pub trends: Vec<(String, Trend)>,
    /// True when `safety` fired in the period: crisis resources come first.
    pub crisis_resources: bool,
    /// The full crisis block, when `crisis_resources`.
    pub crisis: Option<Crisis>,
    /// The one-line version, when a mood or substance flag fired.
    pub crisis_short: Option<String>,
    /// The intake journal of the period (the week before its first check-in to its last).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journal: Option<super::journal::JournalPart>,
    /// The suggestion about talking to a clinician.
    pub clinician: Clinician,
    /// The day the summary was made (YYYY-MM-DD).
    pub made: Option<String>,
    /// The name to print in the header (`--name`; never stored).
    pub person: Option<String>,
    /// Up to 3 things the person wants to talk about, in their own words.
    pub concerns: Vec<DatedText>,
    /// Every note written in the period, oldest first.
    pub notes: Vec<DatedText>,
    /// Yes answers of the pattern sections (substances), by item.
    pub pattern: Vec<PatternLine>,
    /// Free text of the pattern sections (what was used), dated.
    pub pattern_texts: Vec<DatedText>,
    /// How each score is computed, with its range and cut-off.
    pub scoring: Vec<String>,
    /// The sources of the items and rules, for the footer.
    pub sources: Vec<SourceLine>,
    /// Where to get help now (always printed in the footer of a printed report).
    pub help: Vec<String>,
}

/// Text the person wrote, with the day of its check-in (none for `--concern`).
#[derive(Debug, Clone, Serialize)]
pub struct DatedText {
    /// The day, when it comes from a check-in.
    pub date: Option<NaiveDate>,
    /// Which item it answers, when it comes from a check-in.
    pub item: Option<String>,
    /// The words.
    pub text: String,
}

/// The days a yes/no item was answered yes.
#[derive(Debug, Clone, Serialize)]
pub struct PatternLine {
    /// Item id.
    pub item: String,
    /// Label.
    pub label: String,
    /// Days answered yes.
    pub yes_dates: Vec<NaiveDate>,
    /// Check-ins in which it was asked.
    pub asked: usize,
}

/// A published source, for the footer.
#[derive(Debug, Clone, Serialize)]
pub struct SourceLine {
    /// Instrument.
    pub instrument: String,
    /// Citation.
    pub citation: String,
    /// Credit line, when the source asks for one.
    pub note: Option<String>,
}

/// Which question set.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireInfo {
    /// Set id.
    pub id: String,
    /// Set version.
    pub version: u32,
    /// Title.
    pub title: String,
}

/// The dates covered.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Period {
    /// First day (YYYY-MM-DD).
    pub from: Option<NaiveDate>,
    /// Last day.
    pub to: Option<NaiveDate>,
    /// Number of check-ins.
    pub checkins: usize,
    /// ISO weeks from `from` to `to`.
    pub weeks: usize,
    /// ISO weeks without a check-in ("2026-W45").
    pub missed_weeks: Vec<String>,
    /// The Mondays of those weeks (for reports; JSON has the ISO weeks).
    #[serde(skip)]
    pub missed_mondays: Vec<NaiveDate>,
}

/// One check-in in brief.
#[derive(Debug, Clone, Serialize)]
pub struct CheckinLine {
    /// Record id.
    pub id: String,
    /// Day it is about.
    pub date: NaiveDate,
    /// Score id to value (null when the set has no such items).
    pub scores: serde_json::Map<String, Value>,
    /// Flag ids that fired, one-check-in and cross-check-in.
    pub flags: Vec<String>,
    /// The value of each column's measure (`Summary::columns`), in order.
    pub values: Vec<Option<f64>>,
}

/// The latest check-in in full.
#[derive(Debug, Clone, Serialize)]
pub struct Latest {
    /// Record id.
    pub id: String,
    /// Day it is about.
    pub date: NaiveDate,
    /// When it was saved.
    pub recorded_at: String,
    /// Scores with their ranges.
    pub scores: Vec<ScoreLine>,
    /// Every item, in order, by section.
    pub answers: Vec<AnswerLine>,
}

/// A score with its range.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreLine {
    /// Score id.
    pub id: String,
    /// Name.
    pub title: String,
    /// Value (a whole number when the score has no decimals; null when not computable).
    pub value: Value,
    /// Lowest possible.
    pub min: f64,
    /// Highest possible.
    pub max: f64,
    /// Decimals to show.
    pub decimals: u8,
    /// Published cut-off.
    pub cutoff: Option<f64>,
    /// The instrument's own band for the value, with its range and who named it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    /// The worked-out follow-up score whose items include all of this one's (the PHQ-9
    /// for the PHQ-2): a short result may show that one alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
}

/// One item as answered.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerLine {
    /// Item id.
    pub item: String,
    /// Section title.
    pub section: String,
    /// Short label.
    pub label: String,
    /// The question as asked.
    pub question: String,
    /// Stored value (`null` when empty or skipped).
    pub value: Value,
    /// `answered`, `empty` or `skipped`.
    pub status: &'static str,
    /// The answer in words.
    pub text: String,
}

/// The full crisis block.
#[derive(Debug, Clone, Serialize)]
pub struct Crisis {
    /// Heading.
    pub title: String,
    /// Lines.
    pub lines: Vec<String>,
    /// What the urgent flag says to do, graded by the answer, said before the lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The clinician suggestion.
#[derive(Debug, Clone, Serialize)]
pub struct Clinician {
    /// The paragraph.
    pub suggestion: String,
    /// What to bring up (flag titles).
    pub bring_up: Vec<String>,
    /// The set's words for when flags appeared, for a flag added later (the journal's).
    #[serde(skip)]
    pub when_flags: String,
}

/// What a summary covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The latest check-in, compared with the one before it.
    Latest,
    /// One chosen check-in (`history show`, the end of a check-in).
    Checkin,
    /// A period of check-ins, with trends.
    Period,
}

/// A column of the week-by-week table and of `history`: a trend of the set.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// The trend's id.
    pub id: String,
    /// Short heading.
    pub heading: String,
    /// Decimals to show.
    pub decimals: usize,
}
