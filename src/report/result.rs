//! The short result right after a check-in: what a tired person reads before closing the
//! terminal. At most about 25 lines at 80 columns: the scores with their cut-off words, up to
//! 3 flags in priority order, one line on what to do next, and where the detail is.

use super::text::{hanging, header, heading, line, marker, scores};
use crate::questionnaire::Severity;
use crate::summary::Summary;

/// The short result right after a check-in (at most about 25 lines at 80 columns): the
/// scores with their cut-off words, up to 3 flags in priority order, one line on what to do
/// next, and where the detail is.
pub(super) fn render_result(s: &Summary) -> String {
    let mut out = String::new();
    let Some(latest) = &s.latest else {
        return out;
    };
    let title = super::content::title(s);
    header(
        &mut out,
        s,
        &format!("{title}: {}", latest.date.format("%A %-d %B %Y")),
    );
    // A screen whose follow-up was worked out is told by the follow-up alone, with its
    // cut-off; its band is in `selfcheck summary` (the result stays one screen).
    let shown: Vec<_> = latest
        .scores
        .iter()
        .filter(|sc| sc.within.is_none())
        .map(|sc| crate::summary::ScoreLine {
            band: None,
            ..sc.clone()
        })
        .collect();
    scores(&mut out, &shown);
    if s.flags.is_empty() {
        ln!(out, "\n{}", heading("Flags: none this time."));
    } else {
        // One line per situation of the guidance, the strongest flag first, the others
        // named: every flag is on the screen, in a few lines.
        ln!(
            out,
            "\n{}",
            heading(&format!("Flags: {}, by what they speak to", s.flags.len()))
        );
        for g in &s.glance {
            let mut group = s.flags.iter().filter(|f| g.flags.contains(&f.id));
            let Some(first) = group.next() else { continue };
            let rest: Vec<&str> = group.map(|f| f.short.as_str()).collect();
            let also = if rest.is_empty() {
                String::new()
            } else {
                format!("; also {}", rest.join(", "))
            };
            hanging(
                &mut out,
                &format!(
                    "{} {}: {}{also}",
                    marker(g.severity),
                    g.title,
                    // The safety answer in words and its day; a pair from the journal says
                    // what was taken together.
                    if g.situation == crate::questionnaire::Situation::Safety {
                        &g.text
                    } else if first.from_journal {
                        &first.title
                    } else {
                        &first.short
                    }
                ),
                "  ",
                "      ",
            );
        }
    }
    // An answer of 2 or 3 to the safety item, in this check-in: the next step is the crisis
    // lines above, today, not a page for an appointment.
    // (The block itself is shown once, before the check-in is saved.)
    let urgent_now = s.flags.iter().any(|f| {
        f.told_whole
            && f.in_latest
            && f.evidence
                .last()
                .and_then(|e| e.value.as_i64())
                .is_some_and(|v| v >= 2)
    });
    let next = if urgent_now {
        "Next: please use the crisis lines above now, or contact a clinician today. `selfcheck summary` shows every answer.".to_string()
    } else if s.flags.is_empty() {
        "Next: nothing to do until your next check-in. `selfcheck summary` shows every answer."
            .to_string()
    } else if s.flags.iter().all(|f| f.severity == Severity::Info) {
        // Information only: nothing urgent, said as such.
        "Next: nothing urgent. What is marked for information is there to mention at your next appointment, if you like; `selfcheck summary` shows it and why.".to_string()
    } else {
        format!(
            "Next: worth talking over with a clinician. `selfcheck summary` shows {} and why; add `--format html --out visit.html` for a page to bring.",
            match s.flags.len() {
                1 => "the flag".to_string(),
                2 => "both flags".to_string(),
                n => format!("all {n} flags"),
            }
        )
    };
    ln!(out);
    line(&mut out, &next, "");
    if let Some(short) = &s.crisis_short {
        ln!(out);
        line(&mut out, short, "");
    }
    out
}
