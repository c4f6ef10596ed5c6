//! Builds the summary model from the engine's results: evaluation once per command, then
//! the words and parts a report shows.

use std::collections::BTreeSet;

use crate::engine::period::{crisis_level, iso_week, period_changes, weeks_between};
use crate::engine::{evaluate_all, Evaluation};
use crate::questionnaire::{CrisisLevel, Questionnaire, TrendDef};
use crate::store::StoredCheckin;

use super::flags::{flag_lines, persistence_words};
use super::latest::{latest_of, score_value};
use super::model::*;
use super::model::{Change, ChangeSpan, Trend};
use super::{sections, trends};

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

/// One line per check-in of `range`, with the flags it raised (across check-ins too).
pub fn lines(history: &[StoredCheckin], range: std::ops::Range<usize>) -> Vec<CheckinLine> {
    let evals = evaluate_all(history, 0..0);
    lines_from(history, &evals, range, &[], None)
}

/// [`history_lines`] with the columns of `reference` (the latest set of a longer history
/// read a part at a time). Only `range` and the check-ins before it are evaluated.
pub fn history_lines_for(
    history: &[StoredCheckin],
    range: std::ops::Range<usize>,
    reference: &std::sync::Arc<crate::questionnaire::Questionnaire>,
) -> (Vec<Column>, Vec<CheckinLine>) {
    let columns = trends::history_columns(reference);
    let evals = evaluate_all(&history[..range.end.min(history.len())], 0..0);
    let lines = lines_from(history, &evals, range, &columns, Some(reference.clone()));
    (trends::column_heads(reference, columns), lines)
}

/// Lines of `range`, with the values of `columns` (trends of the latest set; a value that
/// does not mean the same in a check-in's own set is null).
fn lines_from(
    history: &[StoredCheckin],
    evals: &[Evaluation],
    range: std::ops::Range<usize>,
    columns: &[&TrendDef],
    reference: Option<std::sync::Arc<crate::questionnaire::Questionnaire>>,
) -> Vec<CheckinLine> {
    let latest = reference.or_else(|| {
        range
            .clone()
            .last()
            .map(|i| history[i].questionnaire.clone())
    });
    let latest = &latest;
    crate::base::parallel::map_indexed(range.len(), |k| {
        let i = range.start + k;
        let c = &history[i];
        let q = &c.questionnaire;
        CheckinLine {
            id: c.record.id.clone(),
            date: c.record.date,
            scores: stable_keys(
                q,
                evals[i]
                    .scores
                    .iter()
                    .map(|(id, v)| {
                        let decimals = q.score(id).map(|s| s.decimals).unwrap_or(1);
                        (id.clone(), score_value(*v, decimals))
                    })
                    .collect(),
            ),
            flags: evals[i].flags.clone(),
            values: match latest {
                Some(l) => trends::column_values(l, columns, c),
                None => Vec::new(),
            },
        }
    })
}

/// Summarises the latest check-in, compared with the history before it.
pub fn latest(history: &[StoredCheckin]) -> Summary {
    match history.len() {
        0 => nothing(
            "No check-ins yet. Start your first one with `selfcheck checkin` (a few minutes).",
        ),
        n => build(history, n - 1..n, Scope::Latest),
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
    let mut summary = build(history, range.clone(), Scope::Period);
    let q = &history[range.end - 1].questionnaire;
    let checkins = &history[range];
    summary.trends = q
        .def
        .trends
        .iter()
        .map(|def| (def.id.clone(), trends::trend(q, def, checkins)))
        // A follow-up score never asked in the period has nothing to show.
        .filter(|(_, t)| t.first.is_some() || !t.follow_up)
        .collect::<Vec<(String, Trend)>>();
    summary.period_changes = period_changes(checkins)
        .into_iter()
        .map(|c| sections::period_change(q, c))
        .collect();
    summary
}

/// A summary with nothing in it but a message saying why and what to do.
pub(super) fn nothing(message: &str) -> Summary {
    let q = Questionnaire::builtin().ok();
    Summary {
        schema_version: SUMMARY_SCHEMA_VERSION,
        scope: Scope::Period,
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
        glance: Vec::new(),
        situation_titles: Default::default(),
        changes: Vec::new(),
        period_changes: Vec::new(),
        persistence_rule: None,
        columns: Vec::new(),
        trends: Vec::new(),
        crisis_resources: false,
        crisis: None,
        crisis_short: None,
        journal: None,
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
                .as_ref()
                .map(|q| q.def.clinician.when_none.clone())
                .unwrap_or_default(),
            bring_up: Vec::new(),
            when_flags: q
                .map(|q| q.def.clinician.when_flags.clone())
                .unwrap_or_default(),
        },
    }
}

/// Summarises the check-ins `range` of `history` (indices into the sorted history).
pub fn build(history: &[StoredCheckin], range: std::ops::Range<usize>, scope: Scope) -> Summary {
    let evals = evaluate_all(history, range.clone());
    let last = &history[range.end - 1];
    let q = &last.questionnaire;
    let period_checkins = &history[range.clone()];

    // Sources the report cites: the scores' and those of every flag shown.
    // The sources of the scores the period has (a follow-up never asked is not cited).
    let mut cited: BTreeSet<String> = q
        .def
        .scores
        .iter()
        .filter(|s| {
            !s.all_asked
                || period_checkins
                    .iter()
                    .any(|c| crate::engine::score(s, &c.record.answers).is_some())
        })
        .map(|s| s.source.clone())
        .collect();
    let flags = flag_lines(history, &evals, &range, &mut cited);
    let urgent = flags
        .iter()
        .find(|f| f.severity == crate::questionnaire::Severity::Urgent)
        .map(|f| f.message.clone());
    let level = crisis_level(q, flags.iter().map(|f| f.id.as_str()));
    let crisis_resources = level == CrisisLevel::Full;
    let changes: Vec<Change> = range
        .clone()
        .flat_map(|i| evals[i].steps.iter())
        .map(|s| Change {
            rule: s.rule.clone(),
            direction: s.direction,
            title: change_title(q, &s.rule, s.direction),
            text: super::evidence::step_words(q, s),
            span: ChangeSpan {
                from_date: s.from_date,
                to_date: s.to_date,
                from: s.from,
                to: s.to,
                max: s.max,
            },
        })
        .collect();

    let from = period_checkins.first().map(|c| c.record.date);
    let to = period_checkins.last().map(|c| c.record.date);
    let (weeks, missed) = weeks_between(from, to, period_checkins.iter().map(|c| c.record.date));

    let situation_titles = super::glance::titles(q);
    let glance = super::glance::lines(&flags, &situation_titles);
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
            missed_weeks: missed.iter().map(|d| iso_week(*d)).collect(),
            missed_mondays: missed,
        },
        checkins: lines_from(history, &evals, range.clone(), &trends::columns(q), None),
        latest: Some(latest_of(last, &evals[range.end - 1])),
        clinician: Clinician {
            suggestion: if flags.is_empty() {
                q.def.clinician.when_none.clone()
            } else {
                q.def.clinician.when_flags.clone()
            },
            bring_up: bring_up(&flags),
            when_flags: q.def.clinician.when_flags.clone(),
        },
        glance,
        situation_titles,
        flags,
        changes,
        period_changes: Vec::new(),
        persistence_rule: q.def.persistence.map(persistence_words),
        columns: trends::column_heads(q, trends::columns(q)),
        trends: Vec::new(),
        crisis_resources,
        crisis: crisis_resources.then(|| Crisis {
            title: q.def.crisis.title.clone(),
            lines: q.def.crisis.lines.clone(),
            message: urgent.clone(),
        }),
        crisis_short: (level == CrisisLevel::Short).then(|| q.def.crisis.short.clone()),
        journal: None,
        made: None,
        person: None,
        concerns: Vec::new(),
        notes: sections::texts(period_checkins, false),
        pattern: sections::pattern(q, period_checkins),
        pattern_texts: sections::texts(period_checkins, true),
        scoring: sections::scoring(q, period_checkins),
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

/// What to mention, each concern once: an information flag whose answers all sit behind a
/// stronger flag is folded into it ("pain on most days" into "frequent pain that affects
/// sleep").
fn bring_up(flags: &[FlagLine]) -> Vec<String> {
    let items = |f: &FlagLine| -> BTreeSet<String> {
        f.evidence
            .iter()
            .flat_map(|e| e.item.split('+').map(str::to_string))
            .collect()
    };
    flags
        .iter()
        .filter(|f| {
            f.severity != crate::questionnaire::Severity::Info || {
                let mine = items(f);
                mine.is_empty()
                    || !flags.iter().any(|g| {
                        g.severity != crate::questionnaire::Severity::Info
                            && mine.is_subset(&items(g))
                    })
            }
        })
        .map(|f| f.title.clone())
        .collect()
}

/// The title of a change: the rule's, or its improvement title.
fn change_title(q: &Questionnaire, rule: &str, direction: crate::engine::Direction) -> String {
    let Some(r) = q.def.trend_flags.iter().find(|r| r.id == rule) else {
        return rule.to_string();
    };
    match direction {
        crate::engine::Direction::Worse => r.title.clone(),
        crate::engine::Direction::Improvement => r
            .improvement_title
            .clone()
            .unwrap_or_else(|| format!("Improvement: {}", r.title)),
    }
}

/// The scores the contract names for the built-in set's check-ins, whatever its version: a
/// key for each of the built-in set's scores, `null` where that check-in's set or answers
/// gave none (a version-1 check-in has no PHQ-9), so every check-in has the same keys.
fn stable_keys(
    q: &crate::questionnaire::Questionnaire,
    mut scores: serde_json::Map<String, serde_json::Value>,
) -> serde_json::Map<String, serde_json::Value> {
    if crate::questionnaire::is_builtin_family(q) {
        for key in crate::questionnaire::builtin_score_ids() {
            scores.entry(key).or_insert(serde_json::Value::Null);
        }
    }
    scores
}
