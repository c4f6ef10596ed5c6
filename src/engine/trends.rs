//! A measure over a period (a score or an item of the set's `trends`): its value at each
//! check-in when it means the same as in the latest set, one value per ISO week (gaps
//! stay gaps), and the level of each week on the measure's full range for sparklines.

use chrono::{Duration, NaiveDate};

use crate::base::dates::{monday, MAX_WEEKS};
use crate::questionnaire::{Questionnaire, TrendDef};
use crate::store::StoredCheckin;

use super::{item_sum, score};

/// The value of a trend's measure at one check-in, when it means the same as in `q`.
pub(crate) fn value(q: &Questionnaire, def: &TrendDef, c: &StoredCheckin) -> Option<f64> {
    let same = |id: &String| match (q.item(id), c.questionnaire.item(id)) {
        (Some(a), Some(b)) => a.version == b.version,
        _ => false,
    };
    match (&def.score, &def.item) {
        (Some(s), _) => {
            let s = q.score(s)?;
            s.items.iter().all(same).then_some(())?;
            score(s, &c.record.answers)
        }
        (None, Some(item)) => {
            same(item).then_some(())?;
            item_sum(&c.record.answers, std::slice::from_ref(item)).map(|v| v as f64)
        }
        (None, None) => None,
    }
}

/// The measure's full range (lowest and highest possible).
pub(crate) fn range(q: &Questionnaire, def: &TrendDef) -> (f64, f64) {
    match (&def.score, &def.item) {
        (Some(s), _) => q.score(s).map(|s| (s.min, s.max)).unwrap_or((0.0, 1.0)),
        (None, Some(i)) => q
            .item(i)
            .map(|i| (i.min.unwrap_or(0) as f64, i.max.unwrap_or(1) as f64))
            .unwrap_or((0.0, 1.0)),
        _ => (0.0, 1.0),
    }
}

/// One value per ISO week from the first point's week to the last's (that week's last
/// value), with each week's Monday.
pub(crate) fn by_week(points: &[(NaiveDate, Option<f64>)]) -> Vec<(NaiveDate, Option<f64>)> {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return Vec::new();
    };
    let start = monday(first.0);
    let weeks = ((monday(last.0) - start).num_days() / 7) as usize + 1;
    if weeks > MAX_WEEKS {
        return Vec::new();
    }
    let mut out: Vec<(NaiveDate, Option<f64>)> = (0..weeks)
        .map(|w| {
            let day = start
                .checked_add_signed(Duration::days(7 * w as i64))
                .unwrap_or(NaiveDate::MAX);
            (day, None)
        })
        .collect();
    for (date, v) in points {
        let w = ((monday(*date) - start).num_days() / 7) as usize;
        if let (Some(v), Some(slot)) = (v, out.get_mut(w)) {
            slot.1 = Some(*v);
        }
    }
    out
}

/// Which of eight levels (0-7) a value falls in, on the measure's full range (not the
/// data's, so a flat line of low values looks low).
pub(crate) fn level(value: f64, min: f64, max: f64) -> u8 {
    if max <= min {
        return 0;
    }
    let share = ((value - min) / (max - min)).clamp(0.0, 1.0);
    (share * 7.0).round() as u8
}
