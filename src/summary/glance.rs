//! The front of every summary: one line per situation of the guidance that has flags
//! (safety, then sedating combinations, pain, reliance, mood, the cycle, then others), each
//! the strongest evidence of its flags with its scores and dates; the flags behind it are
//! named in the detail, and told in full there. A clinician with one minute reads these lines, not
//! a list of overlapping flags; a same-day combination is never folded away.

use std::collections::BTreeMap;

use serde::Serialize;

use super::model::FlagLine;
use crate::questionnaire::{Questionnaire, Situation};

/// One situation on the front.
#[derive(Debug, Clone, Serialize)]
pub struct SituationLine {
    /// Which situation.
    pub situation: Situation,
    /// Its heading, from the question set.
    pub title: String,
    /// The strongest evidence, in words with scores and dates.
    pub text: String,
    /// The flag ids behind it, most important first.
    pub flags: Vec<String>,
    /// The most serious flag's severity (for its mark).
    pub severity: crate::questionnaire::Severity,
}

/// The situations in the order the front gives them.
const ORDER: [Situation; 7] = [
    Situation::Safety,
    Situation::Combination,
    Situation::Pain,
    Situation::Reliance,
    Situation::Mood,
    Situation::Cycle,
    Situation::Other,
];

/// The headings of `q`, else the built-in set's.
pub(crate) fn titles(q: &Questionnaire) -> BTreeMap<Situation, String> {
    if q.def.situations.is_empty() {
        Questionnaire::builtin()
            .map(|b| b.def.situations.clone())
            .unwrap_or_default()
    } else {
        q.def.situations.clone()
    }
}

/// The front lines of `flags` (already in priority order).
pub(crate) fn lines(
    flags: &[FlagLine],
    titles: &BTreeMap<Situation, String>,
) -> Vec<SituationLine> {
    ORDER
        .iter()
        .filter_map(|&situation| {
            let group: Vec<&FlagLine> = flags.iter().filter(|f| f.situation == situation).collect();
            let strongest = group.first()?;
            // The flags behind it are named in the detail (and in `flags` here).
            let text = match situation {
                // Every answer above the lowest, with its day, and the latest.
                Situation::Safety if !strongest.why.is_empty() => strongest.why.clone(),
                // A pair is both its entries, with their times and the hours between.
                Situation::Combination if !strongest.why.is_empty() => format!(
                    "{}, {}: {}",
                    strongest.short, strongest.when_short, strongest.why
                ),
                _ => evidence(strongest),
            };
            Some(SituationLine {
                situation,
                title: titles
                    .get(&situation)
                    .cloned()
                    .unwrap_or_else(|| format!("{situation:?}")),
                text,
                flags: group.iter().map(|f| f.id.clone()).collect(),
                severity: group
                    .iter()
                    .map(|f| f.severity)
                    .min()
                    .unwrap_or(strongest.severity),
            })
        })
        .collect()
}

/// "Low mood (PHQ-2) in 7 of 12 check-ins, persistent: PHQ-2 4 of 6 on 16 Nov 2026".
fn evidence(f: &FlagLine) -> String {
    let mut text = format!("{}, {}", f.short, f.when_short);
    // The first answer behind it: the line stays a line (the rest is in the detail).
    if let Some(why) = f.why.split("; ").next().filter(|w| !w.is_empty()) {
        let on = f
            .last
            .filter(|_| !f.from_journal)
            .map(|d| format!(" on {}", d.format("%-d %b %Y")))
            .unwrap_or_default();
        text.push_str(&format!(": {why}{on}"));
    }
    text
}
