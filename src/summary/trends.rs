//! Trends and table columns of the summary model, from the question set's `trends`: one
//! measure over a period's check-ins, and the columns the check-in tables show.

use crate::engine::trends;
use crate::questionnaire::{Questionnaire, TrendDef};
use crate::store::StoredCheckin;

use super::model::Column;
use super::model::{Trend, TrendPoint};

/// The eight block characters, lowest first.
const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One measure over the check-ins of a period.
pub(super) fn trend(q: &Questionnaire, def: &TrendDef, checkins: &[StoredCheckin]) -> Trend {
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
pub(super) fn columns(q: &Questionnaire) -> Vec<&TrendDef> {
    let named: Vec<&TrendDef> = q.def.trends.iter().filter(|t| t.column.is_some()).collect();
    if named.is_empty() {
        q.def.trends.iter().filter(|t| t.chart).collect()
    } else {
        named
    }
}

/// The columns of `history`: those marked `history`, else the table's.
pub(super) fn history_columns(q: &Questionnaire) -> Vec<&TrendDef> {
    let marked: Vec<&TrendDef> = q.def.trends.iter().filter(|t| t.history).collect();
    if marked.is_empty() {
        columns(q)
    } else {
        marked
    }
}

/// Columns with their headings and decimals.
pub(super) fn column_heads(q: &Questionnaire, columns: Vec<&TrendDef>) -> Vec<Column> {
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
pub(super) fn column_values(
    q: &Questionnaire,
    columns: &[&TrendDef],
    c: &StoredCheckin,
) -> Vec<Option<f64>> {
    columns.iter().map(|t| trends::value(q, t, c)).collect()
}
