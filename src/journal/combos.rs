//! The same-day combination rule: a local day on which a class of the rule's `first` list
//! (an opioid, kratom) was logged together with one of its `with` list (alcohol, a
//! benzodiazepine, a z-drug, a gabapentinoid). Days are the entries' local dates, so two
//! entries either side of midnight are two days.

use chrono::NaiveDate;
use serde::Serialize;

use super::entry::JournalEntry;
use super::substances::Substances;

/// One day the rule found, with the entries behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Combination {
    /// The local day.
    pub date: NaiveDate,
    /// Ids of the entries of that day in the rule's classes.
    pub entries: Vec<String>,
}

/// Every day of `entries` (oldest first) on which the combination rule holds.
pub fn combinations(entries: &[JournalEntry], substances: &Substances) -> Vec<Combination> {
    let rule = &substances.combination;
    let mut out: Vec<Combination> = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let day = entries[i].date;
        let same: Vec<&JournalEntry> = entries[i..].iter().take_while(|e| e.date == day).collect();
        i += same.len();
        let first: Vec<&&JournalEntry> = same
            .iter()
            .filter(|e| rule.first.contains(&e.class))
            .collect();
        let with: Vec<&&JournalEntry> = same
            .iter()
            .filter(|e| rule.with.contains(&e.class))
            .collect();
        if !first.is_empty() && !with.is_empty() {
            out.push(Combination {
                date: day,
                entries: same
                    .iter()
                    .filter(|e| rule.first.contains(&e.class) || rule.with.contains(&e.class))
                    .map(|e| e.id.clone())
                    .collect(),
            });
        }
    }
    out
}
