//! The summary model: stored check-ins in, everything a report shows out.
//!
//! The whole history is evaluated once (scores, one-check-in flags, cross-check-in flags,
//! persistence), then the selected period is described in a [`Summary`]. Reports only format
//! a `Summary`; they never read files or compute rules. Its JSON form is the contract's
//! `summary --format json` shape.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use crate::answers::{describe_slot, Answer, Slot};
use crate::dates::{monday, MAX_WEEKS};
use crate::engine::{self, RiseOutcome};
use crate::questionnaire::{
    CrisisLevel, ItemDef, ItemType, Questionnaire, Severity, TrendDef, TrendGroup, TrendKind,
};
use crate::store::StoredCheckin;

/// Version of the summary JSON shape.
pub const SUMMARY_SCHEMA_VERSION: u32 = 1;

/// What one check-in evaluated to.
#[derive(Debug, Clone)]
struct Evaluation {
    scores: Vec<(String, Option<f64>)>,
    flags: Vec<String>,
    changes: Vec<Change>,
    evidence: Vec<(String, Vec<Evidence>)>,
}

/// A summary of a period (for now: the latest check-in and its history).
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Version of this shape.
    pub schema_version: u32,
    /// `latest` (the latest check-in), `checkin` (one chosen check-in) or `period`.
    pub scope: &'static str,
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
    /// Meaningful changes between check-ins (worse and better).
    pub changes: Vec<Change>,
    /// Trends over the period (summaries of a period only), by trend id, in the set's order.
    #[serde(serialize_with = "in_order")]
    pub trends: Vec<(String, Trend)>,
    /// True when `safety` fired in the period: crisis resources come first.
    pub crisis_resources: bool,
    /// The full crisis block, when `crisis_resources`.
    pub crisis: Option<Crisis>,
    /// The one-line version, when a mood or substance flag fired.
    pub crisis_short: Option<String>,
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

impl Summary {
    /// Adds what is given when printing and never stored: the date made, a name, and up to
    /// 3 concerns in the person's words (else their latest notes of the period).
    pub fn for_printing(
        mut self,
        made: Option<String>,
        person: Option<String>,
        concerns: &[String],
    ) -> Self {
        self.made = made;
        self.person = person.filter(|p| !p.trim().is_empty());
        self.concerns = if concerns.is_empty() {
            self.notes.iter().rev().take(3).cloned().collect()
        } else {
            concerns
                .iter()
                .filter(|c| !c.trim().is_empty())
                .take(3)
                .map(|c| DatedText {
                    date: None,
                    item: None,
                    text: c.trim().to_string(),
                })
                .collect()
        };
        self
    }
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

/// Serialises (id, value) pairs as a JSON object, keeping their order.
fn in_order<S: serde::Serializer, T: Serialize>(
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
}

/// A measure's value at one check-in.
#[derive(Debug, Clone, Serialize)]
pub struct TrendPoint {
    /// Day.
    pub date: NaiveDate,
    /// Value.
    pub value: Option<f64>,
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

/// A flag that fired in the period.
#[derive(Debug, Clone, Serialize)]
pub struct FlagLine {
    /// Flag id.
    pub id: String,
    /// Plain-words title.
    pub title: String,
    /// `urgent`, `flag` or `info`.
    pub severity: Severity,
    /// True when it is this tool's own rule, not a published cut-off.
    pub own_rule: bool,
    /// Citations.
    pub source: String,
    /// The same in brief ("PHQ-2, 2003"), for printed reports.
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
}

/// An answer behind a flag.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// The check-in whose flag this answer explains.
    pub fired_on: NaiveDate,
    /// Day of the answer (earlier than `fired_on` for rules across check-ins).
    pub date: NaiveDate,
    /// Item id (or the items summed, joined by `+`).
    pub item: String,
    /// Label.
    pub label: String,
    /// Stored value.
    pub value: Value,
    /// The answer in words.
    pub text: String,
}

/// A meaningful change between two check-ins.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// The rule's id.
    pub rule: String,
    /// `worse` (a flag) or `improvement` (never a flag).
    pub direction: &'static str,
    /// Title in words.
    pub title: String,
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

/// The full crisis block.
#[derive(Debug, Clone, Serialize)]
pub struct Crisis {
    /// Heading.
    pub title: String,
    /// Lines.
    pub lines: Vec<String>,
}

/// The clinician suggestion.
#[derive(Debug, Clone, Serialize)]
pub struct Clinician {
    /// The paragraph.
    pub suggestion: String,
    /// What to bring up (flag titles).
    pub bring_up: Vec<String>,
}

/// Evaluates every check-in; the answers behind each flag (which cost allocations) only
/// for those in `detail`.
fn evaluate_all(history: &[StoredCheckin], detail: std::ops::Range<usize>) -> Vec<Evaluation> {
    let mut out: Vec<Evaluation> = Vec::with_capacity(history.len());
    for (i, current) in history.iter().enumerate() {
        let q = &current.questionnaire;
        let answers = &current.record.answers;
        let date = current.record.date;
        let mut flags = engine::fired_flags(q, answers);
        let explain = detail.contains(&i);
        let mut evidence: Vec<(String, Vec<Evidence>)> = flags
            .iter()
            .filter(|_| explain)
            .filter_map(|id| q.def.flags.iter().find(|f| &f.id == id))
            .map(|f| {
                let items = engine::evidence_items(q, &f.when);
                let ev = items
                    .iter()
                    .map(|id| item_evidence(q, current, id))
                    .collect();
                (f.id.clone(), ev)
            })
            .collect();
        let mut changes = Vec::new();
        for rule in &q.def.trend_flags {
            let sum_label = || {
                rule.items
                    .iter()
                    .filter_map(|id| q.item(id).map(|i| i.label.clone()))
                    .collect::<Vec<_>>()
                    .join(" + ")
            };
            let max: i64 = rule
                .items
                .iter()
                .filter_map(|id| q.item(id))
                .filter_map(|i| i.max)
                .sum();
            let Some(sum) = engine::item_sum(answers, &rule.items) else {
                continue;
            };
            match rule.kind {
                TrendKind::Rise => {
                    let Some(prev) = i.checked_sub(1).map(|j| &history[j]) else {
                        continue;
                    };
                    if !engine::comparable(rule, &prev.questionnaire, q) {
                        continue;
                    }
                    let Some(prev_sum) = engine::item_sum(&prev.record.answers, &rule.items) else {
                        continue;
                    };
                    let outcome = engine::rise_outcome(rule, prev_sum, sum);
                    let change = |direction, title: &str| Change {
                        rule: rule.id.clone(),
                        direction,
                        title: title.to_string(),
                        from_date: prev.record.date,
                        to_date: date,
                        from: prev_sum,
                        to: sum,
                        max,
                    };
                    match outcome {
                        RiseOutcome::Worse => {
                            flags.push(rule.id.clone());
                            if explain {
                                changes.push(change("worse", &rule.title));
                                let label = sum_label();
                                let ev = [(prev, prev_sum), (current, sum)]
                                    .iter()
                                    .map(|(c, s)| {
                                        sum_evidence(c.record.date, &rule.items, &label, *s, max)
                                    })
                                    .collect();
                                evidence.push((rule.id.clone(), ev));
                            }
                        }
                        RiseOutcome::Better if explain => {
                            let title = rule
                                .improvement_title
                                .clone()
                                .unwrap_or_else(|| format!("Improvement: {}", rule.title));
                            changes.push(change("improvement", &title));
                        }
                        RiseOutcome::Better | RiseOutcome::Same => {}
                    }
                }
                TrendKind::Rising => {
                    let steps = rule.steps.unwrap_or(usize::MAX);
                    if i < steps {
                        continue;
                    }
                    let run = &history[i - steps..=i];
                    if !run
                        .iter()
                        .all(|c| engine::comparable(rule, &c.questionnaire, q))
                    {
                        continue;
                    }
                    let sums: Option<Vec<i64>> = run
                        .iter()
                        .map(|c| engine::item_sum(&c.record.answers, &rule.items))
                        .collect();
                    let Some(sums) = sums else { continue };
                    if engine::rising_fires(rule, &sums) {
                        flags.push(rule.id.clone());
                        if explain {
                            let label = sum_label();
                            let ev = run
                                .iter()
                                .zip(&sums)
                                .map(|(c, s)| {
                                    sum_evidence(c.record.date, &rule.items, &label, *s, max)
                                })
                                .collect();
                            evidence.push((rule.id.clone(), ev));
                        }
                    }
                }
            }
        }
        out.push(Evaluation {
            scores: engine::scores(q, answers),
            flags,
            changes,
            evidence,
        });
    }
    out
}

fn item_evidence(q: &Questionnaire, c: &StoredCheckin, id: &str) -> Evidence {
    let item = q.item(id);
    let slot = c.record.answers.get(id);
    Evidence {
        fired_on: c.record.date,
        date: c.record.date,
        item: id.to_string(),
        label: item
            .map(|i| i.label.clone())
            .unwrap_or_else(|| id.to_string()),
        value: slot.map(Slot::to_json).unwrap_or(Value::Null),
        text: describe_slot(q, id, slot),
    }
}

fn sum_evidence(date: NaiveDate, items: &[String], label: &str, sum: i64, max: i64) -> Evidence {
    Evidence {
        fired_on: date,
        date,
        item: items.join("+"),
        label: label.to_string(),
        value: Value::from(sum),
        text: format!("sum {sum} of {max}"),
    }
}

/// One line per check-in of `range`, with the flags it raised (across check-ins too).
pub fn lines(history: &[StoredCheckin], range: std::ops::Range<usize>) -> Vec<CheckinLine> {
    let evals = evaluate_all(history, 0..0);
    lines_from(history, &evals, range)
}

fn lines_from(
    history: &[StoredCheckin],
    evals: &[Evaluation],
    range: std::ops::Range<usize>,
) -> Vec<CheckinLine> {
    range
        .clone()
        .map(|i| CheckinLine {
            id: history[i].record.id.clone(),
            date: history[i].record.date,
            scores: evals[i]
                .scores
                .iter()
                .map(|(id, v)| {
                    let decimals = history[i]
                        .questionnaire
                        .score(id)
                        .map(|s| s.decimals)
                        .unwrap_or(1);
                    (id.clone(), score_value(*v, decimals))
                })
                .collect(),
            flags: evals[i].flags.clone(),
        })
        .collect()
}

/// Summarises the latest check-in, compared with the history before it.
pub fn latest(history: &[StoredCheckin]) -> Summary {
    match history.len() {
        0 => empty(),
        n => build(history, n - 1..n, "latest"),
    }
}

/// Summarises the check-ins `range` of `history`, with trends.
pub fn period(history: &[StoredCheckin], range: std::ops::Range<usize>) -> Summary {
    if range.is_empty() {
        let known = match (history.first(), history.last()) {
            (Some(a), Some(b)) => format!(
                " Your check-ins run from {} to {}.",
                a.record.date, b.record.date
            ),
            _ => " Start your first one with `selfcheck checkin`.".to_string(),
        };
        return nothing(&format!("No check-ins in this period.{known}"));
    }
    let mut summary = build(history, range.clone(), "period");
    if let Some(last) = history.get(range.end - 1) {
        let q = &last.questionnaire;
        summary.trends = q
            .def
            .trends
            .iter()
            .map(|def| (def.id.clone(), trend(q, def, &history[range.clone()])))
            .collect();
    }
    summary
}

/// The value of a trend's measure at one check-in, when it means the same as in `q`.
fn trend_value(q: &Questionnaire, def: &TrendDef, c: &StoredCheckin) -> Option<f64> {
    let same = |id: &String| match (q.item(id), c.questionnaire.item(id)) {
        (Some(a), Some(b)) => a.version == b.version,
        _ => false,
    };
    match (&def.score, &def.item) {
        (Some(score), _) => {
            let score = q.score(score)?;
            score.items.iter().all(same).then_some(())?;
            engine::score(score, &c.record.answers)
        }
        (None, Some(item)) => {
            same(item).then_some(())?;
            engine::item_sum(&c.record.answers, std::slice::from_ref(item)).map(|v| v as f64)
        }
        (None, None) => None,
    }
}

fn trend(q: &Questionnaire, def: &TrendDef, checkins: &[StoredCheckin]) -> Trend {
    let (min, max) = match (&def.score, &def.item) {
        (Some(s), _) => q.score(s).map(|s| (s.min, s.max)).unwrap_or((0.0, 1.0)),
        (None, Some(i)) => q
            .item(i)
            .map(|i| (i.min.unwrap_or(0) as f64, i.max.unwrap_or(1) as f64))
            .unwrap_or((0.0, 1.0)),
        _ => (0.0, 1.0),
    };
    let points: Vec<TrendPoint> = checkins
        .iter()
        .map(|c| TrendPoint {
            date: c.record.date,
            value: trend_value(q, def, c),
        })
        .collect();
    let values: Vec<f64> = points.iter().filter_map(|p| p.value).collect();
    let weekly = by_week(&points);
    let sparkline = weekly
        .iter()
        .map(|v| match v {
            Some(v) => spark(*v, min, max),
            None => '·',
        })
        .collect();
    Trend {
        title: def.title.clone(),
        chart: def.chart,
        group: def.group,
        direction: def.direction.clone(),
        min,
        max,
        first: values.first().copied(),
        last: values.last().copied(),
        lowest: values.iter().copied().reduce(f64::min),
        highest: values.iter().copied().reduce(f64::max),
        points,
        weekly,
        sparkline,
    }
}

/// The eight block characters, lowest first.
pub const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Which of the eight levels a value falls in, on the measure's full range (not the data's,
/// so a flat line of low values looks low).
pub fn spark_level(value: f64, min: f64, max: f64) -> usize {
    if max <= min {
        return 0;
    }
    let share = ((value - min) / (max - min)).clamp(0.0, 1.0);
    (share * 7.0).round() as usize
}

fn spark(value: f64, min: f64, max: f64) -> char {
    SPARKS[spark_level(value, min, max)]
}

/// One value per ISO week from the first point's week to the last's: that week's last value.
fn by_week(points: &[TrendPoint]) -> Vec<Option<f64>> {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return Vec::new();
    };
    let start = monday(first.date);
    let weeks = ((monday(last.date) - start).num_days() / 7) as usize + 1;
    if weeks > MAX_WEEKS {
        return Vec::new();
    }
    let mut out: Vec<Option<f64>> = vec![None; weeks];
    for p in points {
        let w = ((monday(p.date) - start).num_days() / 7) as usize;
        if let Some(v) = p.value {
            out[w] = Some(v);
        }
    }
    out
}

fn empty() -> Summary {
    nothing("No check-ins yet. Start your first one with `selfcheck checkin` (about 3 minutes).")
}

/// A summary with nothing in it but a message saying why and what to do.
pub fn nothing(message: &str) -> Summary {
    let q = Questionnaire::builtin().ok();
    Summary {
        schema_version: SUMMARY_SCHEMA_VERSION,
        scope: "period",
        questionnaire: None,
        disclaimer: q
            .as_ref()
            .map(|q| q.def.disclaimer.clone())
            .unwrap_or_default(),
        message: Some(message.to_string()),
        period: Period::default(),
        checkins: Vec::new(),
        latest: None,
        flags: Vec::new(),
        changes: Vec::new(),
        trends: Vec::new(),
        crisis_resources: false,
        crisis: None,
        crisis_short: None,
        made: None,
        person: None,
        concerns: Vec::new(),
        notes: Vec::new(),
        pattern: Vec::new(),
        pattern_texts: Vec::new(),
        scoring: Vec::new(),
        sources: Vec::new(),
        help: Vec::new(),
        clinician: Clinician {
            suggestion: q
                .map(|q| q.def.clinician.when_none.clone())
                .unwrap_or_default(),
            bring_up: Vec::new(),
        },
    }
}

/// Summarises the check-ins `range` of `history` (indices into the sorted history).
pub fn build(
    history: &[StoredCheckin],
    range: std::ops::Range<usize>,
    scope: &'static str,
) -> Summary {
    let evals = evaluate_all(history, range.clone());
    let last = &history[range.end - 1];
    let q = &last.questionnaire;
    let period_checkins = &history[range.clone()];

    let checkins = lines_from(history, &evals, range.clone());

    // One entry per flag id, in the order of the latest set's rules, most serious first.
    let mut flags: Vec<FlagLine> = Vec::new();
    let persistence = q.def.persistence;
    let all_rules = q
        .def
        .flags
        .iter()
        .map(|f| {
            (
                &f.id,
                &f.title,
                f.severity,
                f.own_rule,
                &f.sources,
                &f.rule,
                &f.message,
                f.persistence,
            )
        })
        .chain(q.def.trend_flags.iter().map(|f| {
            (
                &f.id,
                &f.title,
                f.severity,
                f.own_rule,
                &f.sources,
                &f.rule,
                &f.message,
                f.persistence,
            )
        }));
    // Sources the report cites: the scores' and those of every flag shown.
    let mut cited: BTreeSet<String> = q.def.scores.iter().map(|s| s.source.clone()).collect();
    for (id, title, severity, own_rule, sources, rule, message, can_persist) in all_rules {
        let fired: Vec<usize> = range
            .clone()
            .filter(|&i| evals[i].flags.contains(id))
            .collect();
        if fired.is_empty() {
            continue;
        }
        cited.extend(sources.iter().cloned());
        let persistent = match persistence {
            Some(p) if can_persist && range.end >= p.window => {
                let window = range.end - p.window..range.end;
                window.filter(|&i| evals[i].flags.contains(id)).count() >= p.min_count
            }
            _ => false,
        };
        let persistence_rule = persistence.filter(|_| can_persist).map(|p| {
            format!(
                "in {} or more of the last {} check-ins: this tool's own rule for \"frequent or long-lasting\"",
                p.min_count, p.window
            )
        });
        let evidence = fired
            .iter()
            .flat_map(|&i| {
                evals[i]
                    .evidence
                    .iter()
                    .filter(|(f, _)| f == id)
                    .flat_map(|(_, ev)| ev.clone())
                    .map(|e| Evidence {
                        fired_on: history[i].record.date,
                        ..e
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        flags.push(FlagLine {
            id: id.clone(),
            title: title.clone(),
            severity,
            own_rule,
            source: q.citations(sources),
            source_short: q.short_citations(sources),
            rule: rule.clone(),
            message: message.clone(),
            dates: fired.iter().map(|&i| history[i].record.date).collect(),
            count: fired.len(),
            persistent,
            persistence_rule,
            evidence,
        });
    }
    flags.sort_by_key(|f| f.severity);

    let crisis_level = |id: &str| {
        q.def
            .flags
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.crisis)
            .or_else(|| {
                q.def
                    .trend_flags
                    .iter()
                    .find(|f| f.id == id)
                    .map(|f| f.crisis)
            })
            .unwrap_or(CrisisLevel::None)
    };
    let level = flags
        .iter()
        .map(|f| crisis_level(&f.id))
        .max()
        .unwrap_or(CrisisLevel::None);
    let crisis_resources = level == CrisisLevel::Full;
    let changes: Vec<Change> = range
        .clone()
        .flat_map(|i| evals[i].changes.clone())
        .collect();

    let latest_eval = &evals[range.end - 1];
    let latest = Latest {
        id: last.record.id.clone(),
        date: last.record.date,
        recorded_at: last.record.recorded_at.to_rfc3339(),
        scores: q
            .def
            .scores
            .iter()
            .map(|s| ScoreLine {
                id: s.id.clone(),
                title: s.title.clone(),
                value: score_value(
                    latest_eval
                        .scores
                        .iter()
                        .find(|(id, _)| id == &s.id)
                        .and_then(|(_, v)| *v),
                    s.decimals,
                ),
                min: s.min,
                max: s.max,
                decimals: s.decimals,
                cutoff: s.cutoff,
            })
            .collect(),
        answers: q
            .def
            .items
            .iter()
            .map(|item| {
                let slot = last.record.answers.get(&item.id);
                AnswerLine {
                    item: item.id.clone(),
                    section: q
                        .section(&item.section)
                        .map(|s| s.title.clone())
                        .unwrap_or_default(),
                    label: item.label.clone(),
                    question: item.text.clone(),
                    value: match slot {
                        Some(Slot::Given(a)) => Slot::Given(a.clone()).to_json(),
                        _ => Value::Null,
                    },
                    status: match slot {
                        Some(Slot::Given(_)) => "answered",
                        Some(Slot::Empty) => "empty",
                        Some(Slot::Skipped) => "skipped",
                        None => "absent",
                    },
                    text: describe_slot(q, &item.id, slot),
                }
            })
            .collect(),
    };

    let from = period_checkins.first().map(|c| c.record.date);
    let to = period_checkins.last().map(|c| c.record.date);
    let (weeks, missed_weeks) =
        weeks_between(from, to, period_checkins.iter().map(|c| c.record.date));

    Summary {
        schema_version: SUMMARY_SCHEMA_VERSION,
        scope,
        questionnaire: Some(QuestionnaireInfo {
            id: q.def.id.clone(),
            version: q.def.version,
            title: q.def.title.clone(),
        }),
        disclaimer: q.def.disclaimer.clone(),
        message: None,
        period: Period {
            from,
            to,
            checkins: period_checkins.len(),
            weeks,
            missed_weeks,
        },
        checkins,
        latest: Some(latest),
        clinician: Clinician {
            suggestion: if flags.is_empty() {
                q.def.clinician.when_none.clone()
            } else {
                q.def.clinician.when_flags.clone()
            },
            bring_up: flags.iter().map(|f| f.title.clone()).collect(),
        },
        flags,
        changes,
        trends: Vec::new(),
        crisis_resources,
        crisis: crisis_resources.then(|| Crisis {
            title: q.def.crisis.title.clone(),
            lines: q.def.crisis.lines.clone(),
        }),
        crisis_short: (level == CrisisLevel::Short).then(|| q.def.crisis.short.clone()),
        made: None,
        person: None,
        concerns: Vec::new(),
        notes: texts(period_checkins, |item| {
            item.kind == ItemType::Text && !in_pattern(q, item)
        }),
        pattern: pattern(q, period_checkins),
        pattern_texts: texts(period_checkins, |item| {
            item.kind == ItemType::Text && in_pattern(q, item)
        }),
        scoring: scoring(q),
        help: q.def.crisis.lines.clone(),
        sources: cited
            .iter()
            .filter_map(|k| q.def.sources.get(k))
            .map(|s| SourceLine {
                instrument: s.instrument.clone(),
                citation: s.citation.clone(),
                note: s.note.clone(),
            })
            .collect(),
    }
}

fn in_pattern(q: &Questionnaire, item: &ItemDef) -> bool {
    q.section(&item.section).is_some_and(|s| s.pattern)
}

/// Free-text answers of the chosen items in the period, oldest first.
fn texts(checkins: &[StoredCheckin], pick: impl Fn(&ItemDef) -> bool) -> Vec<DatedText> {
    let mut out = Vec::new();
    for c in checkins {
        for item in c.questionnaire.def.items.iter().filter(|i| pick(i)) {
            if let Some(Slot::Given(Answer::Text(t))) = c.record.answers.get(&item.id) {
                if !t.trim().is_empty() {
                    out.push(DatedText {
                        date: Some(c.record.date),
                        item: Some(item.id.clone()),
                        text: t.clone(),
                    });
                }
            }
        }
    }
    out
}

/// For each yes/no item of a pattern section: the days it was answered yes.
fn pattern(q: &Questionnaire, checkins: &[StoredCheckin]) -> Vec<PatternLine> {
    q.def
        .items
        .iter()
        .filter(|i| i.kind == ItemType::Boolean && in_pattern(q, i))
        .map(|item| PatternLine {
            item: item.id.clone(),
            label: item.label.clone(),
            yes_dates: checkins
                .iter()
                .filter(|c| {
                    matches!(
                        c.record.answers.get(&item.id),
                        Some(Slot::Given(Answer::Bool(true)))
                    )
                })
                .map(|c| c.record.date)
                .collect(),
            asked: checkins
                .iter()
                .filter(|c| matches!(c.record.answers.get(&item.id), Some(Slot::Given(_))))
                .count(),
        })
        .collect()
}

/// How each score is computed, in words.
fn scoring(q: &Questionnaire) -> Vec<String> {
    q.def
        .scores
        .iter()
        .map(|s| {
            let how = match s.method {
                crate::questionnaire::ScoreMethod::Sum => "sum",
                crate::questionnaire::ScoreMethod::Mean => "mean",
            };
            let source = q
                .def
                .sources
                .get(&s.source)
                .map(|x| x.instrument.clone())
                .unwrap_or_default();
            let cutoff = s
                .cutoff
                .map(|c| format!("; usual cut-off {c}"))
                .unwrap_or_default();
            format!(
                "{}: {how} of {} items, {}-{}{cutoff} ({source})",
                s.title,
                s.items.len(),
                s.min,
                s.max
            )
        })
        .collect()
}

/// A score as JSON: whole scores as integers, so `3` never reads as `3.0`.
fn score_value(value: Option<f64>, decimals: u8) -> Value {
    match value {
        Some(v) if decimals == 0 => Value::from(v.round() as i64),
        Some(v) => Value::from(v),
        None => Value::Null,
    }
}

/// ISO weeks from `from` to `to`, and those without a check-in.
fn weeks_between(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    dates: impl Iterator<Item = NaiveDate>,
) -> (usize, Vec<String>) {
    let (Some(from), Some(to)) = (from, to) else {
        return (0, Vec::new());
    };
    let week = |d: NaiveDate| {
        let w = d.iso_week();
        (w.year(), w.week())
    };
    let span = ((monday(to) - monday(from)).num_days() / 7) as usize + 1;
    if span > MAX_WEEKS {
        return (span, Vec::new()); // dates this far apart are damaged, not a history to chart
    }
    let seen: BTreeSet<(i32, u32)> = dates.map(week).collect();
    let mut weeks = Vec::new();
    let mut day = Some(monday(from));
    while let Some(d) = day.filter(|d| *d <= to) {
        weeks.push(week(d));
        day = d.checked_add_signed(Duration::days(7));
    }
    let missed = weeks
        .iter()
        .filter(|w| !seen.contains(w))
        .map(|(y, w)| format!("{y}-W{w:02}"))
        .collect();
    (weeks.len(), missed)
}
