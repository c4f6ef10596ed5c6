//! Smaller parts of the summary model, each from the question set's data: trends and
//! columns (from `trends`), the substance pattern and notes (from sections), how scores are
//! computed, and the change over the period in words.

use crate::answers::{Answer, Slot};
use crate::engine::period::PeriodChange;
use crate::engine::{trends, Direction};
use crate::questionnaire::{ItemDef, ItemType, Questionnaire, ScoreMethod, TrendDef};
use crate::store::StoredCheckin;

use super::lines::{PeriodChangeLine, Trend, TrendPoint};
use super::model::{Column, DatedText, PatternLine};

/// The eight block characters, lowest first.
const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One measure over the check-ins of a period.
pub fn trend(q: &Questionnaire, def: &TrendDef, checkins: &[StoredCheckin]) -> Trend {
    let (min, max) = trends::range(q, def);
    let points: Vec<TrendPoint> = checkins
        .iter()
        .map(|c| TrendPoint {
            date: c.record.date,
            value: trends::value(q, def, c),
        })
        .collect();
    let values: Vec<f64> = points.iter().filter_map(|p| p.value).collect();
    let pairs: Vec<_> = points.iter().map(|p| (p.date, p.value)).collect();
    let by_week = trends::by_week(&pairs);
    let levels: Vec<Option<u8>> = by_week
        .iter()
        .map(|(_, v)| v.map(|v| trends::level(v, min, max)))
        .collect();
    // A week with a check-in in it (asked or not), told apart from a week without one.
    let checked: Vec<bool> = by_week
        .iter()
        .map(|(monday, _)| {
            points
                .iter()
                .any(|p| p.date >= *monday && (p.date - *monday).num_days() < 7)
        })
        .collect();
    let last_date = points
        .iter()
        .rev()
        .find(|p| p.value.is_some())
        .map(|p| p.date)
        .filter(|d| Some(*d) != points.last().map(|p| p.date));
    let first = values.first().copied();
    let last = values.last().copied();
    let score = def.score.as_ref().and_then(|s| q.score(s));
    // A set that names no front trends: its `history` columns (up to 4), else the scores
    // with a cut-off.
    let any_front = q.def.trends.iter().any(|t| t.front);
    let any_history = q.def.trends.iter().any(|t| t.history);
    let history_rank = q
        .def
        .trends
        .iter()
        .filter(|t| t.history && t.chart)
        .position(|t| t.id == def.id);
    Trend {
        title: def.title.clone(),
        chart: def.chart,
        front: def.chart
            && if any_front {
                def.front
            } else if any_history {
                history_rank.is_some_and(|r| r < 4)
            } else {
                score.is_some_and(|s| s.cutoff.is_some())
            },
        group: def.group,
        direction: def.direction.clone(),
        min,
        max,
        first,
        last,
        lowest: values.iter().copied().reduce(f64::min),
        highest: values.iter().copied().reduce(f64::max),
        decimals: usize::from(values.iter().any(|v| v.fract() != 0.0)),
        change: first.zip(last).map(|(a, b)| b - a),
        sparkline: levels
            .iter()
            .zip(&checked)
            .map(|(l, asked_week)| match l {
                Some(l) => SPARKS[usize::from(*l)],
                None if *asked_week => '◦',
                None => '·',
            })
            .collect(),
        checked,
        last_date,
        weekly: by_week.iter().map(|(_, v)| *v).collect(),
        weeks: by_week.iter().map(|(d, _)| *d).collect(),
        levels,
        points,
        cutoff: score.and_then(|s| s.cutoff),
        band: score.and_then(|s| last.and_then(|v| s.band_words(v))),
        follow_up: score.is_some_and(|s| s.all_asked),
        main: score.is_some(),
        bars: def.item.is_some() && max - min <= 7.0,
    }
}

/// The trends that are columns of tables: those with a short `column` heading, or, when
/// the set names none, every charted trend under its title.
pub fn columns(q: &Questionnaire) -> Vec<&TrendDef> {
    let named: Vec<&TrendDef> = q.def.trends.iter().filter(|t| t.column.is_some()).collect();
    if named.is_empty() {
        q.def.trends.iter().filter(|t| t.chart).collect()
    } else {
        named
    }
}

/// The columns of `history`: those marked `history`, else the table's.
pub fn history_columns(q: &Questionnaire) -> Vec<&TrendDef> {
    let marked: Vec<&TrendDef> = q.def.trends.iter().filter(|t| t.history).collect();
    if marked.is_empty() {
        columns(q)
    } else {
        marked
    }
}

/// Columns with their headings and decimals.
pub fn column_heads(q: &Questionnaire, columns: Vec<&TrendDef>) -> Vec<Column> {
    columns
        .into_iter()
        .map(|t| Column {
            id: t.id.clone(),
            heading: t.column.clone().unwrap_or_else(|| t.title.clone()),
            decimals: match t.score.as_ref().and_then(|s| q.score(s)) {
                Some(s) => usize::from(s.decimals),
                None => 0,
            },
        })
        .collect()
}

/// The value of each column's measure at one check-in.
pub fn column_values(
    q: &Questionnaire,
    columns: &[&TrendDef],
    c: &StoredCheckin,
) -> Vec<Option<f64>> {
    columns.iter().map(|t| trends::value(q, t, c)).collect()
}

fn in_pattern(q: &Questionnaire, item: &ItemDef) -> bool {
    q.section(&item.section).is_some_and(|s| s.pattern)
}

/// Free-text answers in the period, oldest first: notes (`pattern` false) or what was used
/// (`pattern` true).
pub fn texts(checkins: &[StoredCheckin], pattern: bool) -> Vec<DatedText> {
    let mut out = Vec::new();
    for c in checkins {
        let q = &c.questionnaire;
        for item in q.def.items.iter() {
            if item.kind != ItemType::Text || in_pattern(q, item) != pattern {
                continue;
            }
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
pub fn pattern(q: &Questionnaire, checkins: &[StoredCheckin]) -> Vec<PatternLine> {
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
        // An item never asked in the period ("yes in 0 of 0") says nothing.
        .filter(|p| p.asked > 0)
        .collect()
}

/// How each score is computed, in words: those the check-ins have (a follow-up never
/// asked in them is left out).
pub fn scoring(q: &Questionnaire, checkins: &[StoredCheckin]) -> Vec<String> {
    q.def
        .scores
        .iter()
        .filter(|s| {
            !s.all_asked
                || checkins
                    .iter()
                    .any(|c| crate::engine::score(s, &c.record.answers).is_some())
        })
        .map(|s| {
            let how = match s.method {
                ScoreMethod::Sum => "sum",
                ScoreMethod::Mean => "mean",
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

/// The change over the period in words, titled by the rule's measure.
pub fn period_change(q: &Questionnaire, c: PeriodChange) -> PeriodChangeLine {
    let rule = q.def.trend_flags.iter().find(|r| r.id == c.rule);
    let what = rule
        .map(|r| {
            let labels: Vec<&str> = r
                .items
                .iter()
                .filter_map(|id| q.item(id).map(|i| i.label.as_str()))
                .collect();
            match labels.len() {
                1 => labels.join(""),
                _ => format!("Sum of {}", labels.join(" + ")),
            }
        })
        .unwrap_or_else(|| c.rule.clone());
    let verdict = match c.direction {
        Some(Direction::Worse) => "a meaningful rise by this tool's rule",
        Some(Direction::Improvement) => "a meaningful improvement by this tool's rule",
        None => "within this tool's threshold for a meaningful change",
    };
    PeriodChangeLine {
        text: format!(
            "{what}: from {} of {} on {} to {} of {} on {}, {verdict}",
            c.from,
            c.max,
            c.from_date.format("%-d %b %Y"),
            c.to,
            c.max,
            c.to_date.format("%-d %b %Y")
        ),
        rule: c.rule,
        direction: c.direction,
        from_date: c.from_date,
        to_date: c.to_date,
        from: c.from,
        to: c.to,
        max: c.max,
    }
}
