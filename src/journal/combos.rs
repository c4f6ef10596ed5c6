//! The combination rule: two entries of different sedating classes (an opioid, kratom,
//! alcohol, a benzodiazepine, a z-drug, a gabapentinoid, a barbiturate, a sedating
//! antihistamine, a muscle relaxant, tianeptine, phenibut) taken within the rule's window
//! of hours (12), across midnight. An entry without a time (logged for another day without
//! `--time`) pairs with the sedating entries of its own day. The classes and the window are
//! data (`questions/substances.json`).

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::entry::JournalEntry;
use super::substances::Substances;

/// One pair the rule found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Combination {
    /// The day of the earlier entry.
    pub date: NaiveDate,
    /// The ids of the two entries, the earlier first.
    pub entries: Vec<String>,
    /// Hours between them (to a tenth), `None` when one has no time.
    pub hours_apart: Option<f64>,
}

fn at(e: &JournalEntry) -> Option<NaiveDateTime> {
    e.time_of_day().map(|t| e.date.and_time(t))
}

/// Whether two entries are a pair of the rule, and the hours between them.
pub(crate) fn pair(
    a: &JournalEntry,
    b: &JournalEntry,
    substances: &Substances,
) -> Option<Option<f64>> {
    if a.class == b.class || !substances.is_sedating(&a.class) || !substances.is_sedating(&b.class)
    {
        return None;
    }
    let window = i64::from(substances.combination.window_hours) * 60;
    match (at(a), at(b)) {
        (Some(x), Some(y)) => {
            let minutes = (y - x).num_minutes().abs();
            (minutes <= window).then_some(Some((minutes as f64 / 6.0).round() / 10.0))
        }
        _ => (a.date == b.date).then_some(None),
    }
}

/// Every pair of `entries` (oldest first by day and time), each once, the earlier first.
pub(crate) fn combinations(entries: &[JournalEntry], substances: &Substances) -> Vec<Combination> {
    let sedating: Vec<&JournalEntry> = entries
        .iter()
        .filter(|e| substances.is_sedating(&e.class))
        .collect();
    let mut out = Vec::new();
    for (i, a) in sedating.iter().enumerate() {
        // Entries are in day order: past the next day nothing can pair.
        for b in sedating[i + 1..]
            .iter()
            .take_while(|b| (b.date - a.date).num_days() <= 1)
        {
            if let Some(hours) = pair(a, b, substances) {
                let (first, second) = match (at(a), at(b)) {
                    (Some(x), Some(y)) if y < x => (b, a),
                    _ => (a, b),
                };
                out.push(Combination {
                    date: first.date,
                    entries: vec![first.id.clone(), second.id.clone()],
                    hours_apart: hours,
                });
            }
        }
    }
    out.sort_by(|x, y| (x.date, &x.entries).cmp(&(y.date, &y.entries)));
    out
}
