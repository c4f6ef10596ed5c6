//! One trend as an inline SVG chart: a weekly axis, the measure's full range, gaps left open,
//! the cut-off as a labelled dashed line, and a text equivalent for screen readers.

use super::{content, esc};
use crate::summary::{Summary, Trend};

/// How big a chart is drawn.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Size {
    /// The charts of the front page, four in a row.
    Main,
    /// The other measures, five in a row.
    Small,
    /// The other measures when there are six: one row of six, not a row and a lone one.
    Six,
}

/// One chart as inline SVG: a weekly axis, the measure's full range, gaps left open.
pub(super) fn chart(o: &mut String, t: &Trend, n: usize, size: Size) {
    let (bars, cutoff) = (t.bars, t.cutoff);
    // Sizes in SVG units; a front chart prints about 45 mm wide (four in a row), a small
    // one 35 mm (five), so the font sizes give labels of 9 pt or more on paper.
    let (w, h, font) = match size {
        Size::Main => (180.0, 62.0, 13.0),
        Size::Small => (160.0, 80.0, 14.5),
        // About 30 mm wide: the same 9 pt labels on a narrower drawing.
        Size::Six => (135.0, 72.0, 14.5),
    };
    let (left, right, top, bottom) = (font * 1.7, 4.0, 8.0, font + 6.0);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let weeks = t.weekly.len().max(1);
    let step = plot_w / weeks as f64;
    let x = |i: usize| left + step * (i as f64 + 0.5);
    let span = (t.max - t.min).max(1.0);
    let y = |v: f64| top + plot_h * (1.0 - ((v - t.min) / span).clamp(0.0, 1.0));
    let d = t.decimals;
    let week_of = |i: usize| t.weeks.get(i).copied();
    let described: Vec<String> = t
        .weekly
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let week = week_of(i).map(|d| d.to_string()).unwrap_or_default();
            match v {
                Some(v) => format!("week of {week}: {}", content::num(Some(*v), d)),
                None if t.not_asked(i) => format!("week of {week}: not asked"),
                None => format!("week of {week}: no check-in"),
            }
        })
        .collect();
    ln!(
        o,
        "<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"c{n}t c{n}d\" style=\"font-size:{font}px\"><title id=\"c{n}t\">{} ({}), by week</title><desc id=\"c{n}d\">{}</desc>",
        esc(&t.title),
        esc(&t.direction),
        esc(&described.join("; "))
    );
    if bars {
        ln!(o, "<defs><pattern id=\"hatch{n}\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#000\" stroke-width=\"1.6\"/></pattern></defs>");
    }
    let base = top + plot_h;
    ln!(o, "<line x1=\"{left}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#000\" stroke-width=\"0.8\"/>", w - right);
    // The y-axis labelled at its ends, its midpoint and the cut-off (a label too close to
    // another is left out, so none overlap); the cut-off's is bold, beside its dashed line.
    let mut ticks: Vec<(f64, bool)> = vec![(t.min, false), (t.max, false)];
    let mid = t.min + (t.max - t.min) / 2.0;
    if let Some(c) = cutoff {
        ticks.push((c, true));
    }
    ticks.push((mid, false));
    let mut placed: Vec<f64> = Vec::new();
    for (v, is_cutoff) in ticks {
        let at = y(v);
        if placed.iter().any(|p| (p - at).abs() < font * 0.9) {
            continue;
        }
        placed.push(at);
        let label = content::num(Some(v), if v.fract() == 0.0 { 0 } else { 1 });
        let weight = if is_cutoff {
            " font-weight=\"bold\""
        } else {
            ""
        };
        ln!(
            o,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\"{weight}>{label}</text>",
            left - 3.0,
            at + font * 0.35,
        );
        if !is_cutoff {
            ln!(
                o,
                "<line x1=\"{left}\" y1=\"{at:.1}\" x2=\"{}\" y2=\"{at:.1}\" stroke=\"#bbb\" stroke-width=\"0.5\"/>",
                w - right
            );
        }
    }
    // The first and last week under the axis ("7 Sep").
    for (i, anchor) in [(0, "start"), (weeks - 1, "end")] {
        if i == 0 && weeks == 1 && anchor == "end" {
            continue;
        }
        let label = week_of(i)
            .map(|d| d.format("%-d %b").to_string())
            .unwrap_or_default();
        let at = if anchor == "start" { left } else { w - right };
        ln!(
            o,
            "<text x=\"{at:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{label}</text>",
            h - 3.0
        );
    }
    if let Some(c) = cutoff {
        ln!(
            o,
            "<line x1=\"{left}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" stroke=\"#000\" stroke-width=\"1\" stroke-dasharray=\"5 3\"/>",
            y(c),
            w - right,
        );
    }
    if bars {
        for (i, v) in t.weekly.iter().enumerate() {
            if let Some(v) = v {
                let bar_w = (step * 0.7).max(1.5);
                ln!(
                    o,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{:.1}\" fill=\"url(#hatch{n})\" stroke=\"#000\" stroke-width=\"0.7\"/>",
                    x(i) - bar_w / 2.0,
                    y(*v),
                    (base - y(*v)).max(0.0),
                );
            }
        }
    } else {
        // Line segments only between weeks that both have a value.
        let mut path = String::new();
        let mut previous = false;
        for (i, v) in t.weekly.iter().enumerate() {
            match v {
                Some(v) => {
                    put!(
                        path,
                        "{}{:.1} {:.1} ",
                        if previous { "L" } else { "M" },
                        x(i),
                        y(*v)
                    );
                    previous = true;
                }
                None => previous = false,
            }
        }
        ln!(
            o,
            "<path d=\"{}\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.4\"/>",
            path.trim()
        );
        for (i, v) in t.weekly.iter().enumerate() {
            if let Some(v) = v {
                ln!(
                    o,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.3\" fill=\"#000\"/>",
                    x(i),
                    y(*v)
                );
            }
        }
    }
    // Gaps, marked on the axis so they are not mistaken for zero: · a week without a
    // check-in, ◦ a week whose check-in did not ask this measure.
    for (i, v) in t.weekly.iter().enumerate() {
        if v.is_none() {
            ln!(
                o,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x(i),
                base - 2.0,
                if t.not_asked(i) { "◦" } else { "·" }
            );
        }
    }
    ln!(o, "</svg>");
}

/// The charts of the front page (`front`: the few that tell the story) or of the rest. A
/// measure with fewer than two weeks of values is told in words, never as an empty chart.
pub(super) fn charts(o: &mut String, s: &Summary, front: bool) {
    let single = s.period.checkins <= 1;
    let charted: Vec<&Trend> = s
        .trends
        .iter()
        .map(|(_, t)| t)
        // One check-in has no chart to draw: its measures are told in one paragraph.
        .filter(|t| t.chart && (single || t.front == front))
        .collect();
    if charted.is_empty() || (single && !front) {
        return;
    }
    let (drawn, told): (Vec<&Trend>, Vec<&Trend>) = charted
        .into_iter()
        .partition(|t| t.weekly.iter().flatten().count() >= 2);
    let heading = if single {
        "The measures"
    } else if front {
        "The main measures, week by week"
    } else {
        "The other measures, week by week"
    };
    ln!(o, "<section>\n<h2>{heading}</h2>");
    // How to read them: once, under the front charts' heading only when no other charts
    // follow (the front page keeps its room).
    let others = s
        .trends
        .iter()
        .any(|(_, t)| t.chart && !t.front && t.weekly.iter().flatten().count() >= 2);
    if !drawn.is_empty() && (front != others) {
        ln!(
            o,
            "<p class=\"small\">One point per week (its last check-in), on each measure's full range; a gap (·) is a week without a check-in{}, never joined; a dashed line is the published cut-off, labelled in bold on the axis.</p>",
            if s.trends.iter().any(|(_, t)| t.chart && t.any_not_asked()) {
                ", (◦) a week whose check-in did not ask it"
            } else {
                ""
            }
        );
    }
    if !drawn.is_empty() {
        let (class, size) = if front {
            ("charts front", Size::Main)
        } else if drawn.len() == 6 {
            ("charts six", Size::Six)
        } else {
            ("charts small", Size::Small)
        };
        ln!(o, "<div class=\"{class}\">");
        for t in drawn {
            let n = o.len(); // a unique id for the SVG's title and description
            ln!(o, "<figure>\n<figcaption>{}</figcaption>", esc(&t.title));
            chart(o, t, n, size);
            ln!(o, "</figure>");
        }
        ln!(o, "</div>");
    }
    if !told.is_empty() {
        let words: Vec<String> = told
            .iter()
            .map(|t| {
                let value = t.last.map_or("no value".to_string(), |v| {
                    content::num(Some(v), t.decimals)
                });
                format!(
                    "{} {} <span class=\"small\">(of {}-{})</span>",
                    esc(&t.title),
                    value,
                    content::num(Some(t.min), 0),
                    content::num(Some(t.max), 0)
                )
            })
            .collect();
        ln!(
            o,
            "<p>{}.</p>\n<p class=\"small\">A chart needs two weeks with a value.</p>",
            words.join(" · ")
        );
    }
    ln!(o, "</section>");
}
