//! A trend in the terminal: its title and a sparkline of one mark per week (`·` a week
//! without a check-in, `◦` a week that did not ask it; ASCII `.` and `-` without UTF-8), then
//! its figures.

use super::text::{hanging, number};
use crate::summary::Trend;

fn sparkline(t: &Trend, unicode: bool) -> String {
    const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    t.levels
        .iter()
        .enumerate()
        .map(|(i, l)| match (l, unicode) {
            (None, true) if t.not_asked(i) => '◦',
            (None, false) if t.not_asked(i) => '-',
            (None, true) => '·',
            (None, false) => '.',
            (Some(l), true) => SPARKS[usize::from(*l).min(7)],
            (Some(l), false) => char::from(b'1' + (*l).min(7)),
        })
        .collect()
}

/// A trend in two parts that each fit: its title and sparkline, then its figures wrapped
/// beneath ("first 2.7, last 6.7, …").
pub(super) fn trend_line(out: &mut String, t: &Trend, unicode: bool) {
    let decimals = t.decimals as u8;
    let n = |v: Option<f64>| number(v, decimals);
    // The titles' column narrows on a narrow terminal, so the sparkline stays on the line.
    let line = sparkline(t, unicode);
    let room = crate::base::text::width().saturating_sub(3 + line.chars().count());
    let column = room.clamp(t.title.chars().count().min(24), 24);
    ln!(out, "  {:<column$} {line}", t.title);
    hanging(
        out,
        &format!(
            "first {}, last {}, lowest {}, highest {} ({}-{}; {})",
            n(t.first),
            n(t.last),
            n(t.lowest),
            n(t.highest),
            number(Some(t.min), 0),
            number(Some(t.max), 0),
            t.direction
        ),
        "      ",
        "      ",
    );
}
