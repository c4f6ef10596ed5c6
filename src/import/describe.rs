//! An import's outcome in words: what was added, what was there already, and each thing
//! not imported with why (the first of each kind named, the rest counted).

use super::{Outcome, NAMED};
use crate::base::text::count;

/// The outcome in words.
pub fn describe(o: &Outcome) -> String {
    let mut out = format!(
        "Imported {}; {} already there with the same content.",
        count(o.imported, "check-in", "check-ins"),
        o.already_there
    );
    if o.journal_imported + o.journal_already_there > 0 {
        out.push_str(&format!(
            "\nImported {} journal entr{}; {} already there with the same content.",
            o.journal_imported,
            if o.journal_imported == 1 { "y" } else { "ies" },
            o.journal_already_there
        ));
    }
    if !o.in_trash.is_empty() {
        out.push_str(&format!(
            "\n{} in the trash here and were not imported again; `selfcheck history restore ID` brings one back: {}",
            count(o.in_trash.len(), "check-in is", "check-ins are"),
            o.in_trash.join(", ")
        ));
    }
    if !o.journal_in_trash.is_empty() {
        out.push_str(&format!(
            "\n{} journal entr{} in the journal's trash here and were not imported again; `selfcheck log restore ID` brings one back: {}",
            o.journal_in_trash.len(),
            if o.journal_in_trash.len() == 1 { "y is" } else { "ies are" },
            o.journal_in_trash.join(", ")
        ));
    }
    if !o.conflicts.is_empty() {
        out.push_str(&format!(
            "\n{} stored with the same id but different content, and were not imported (nothing stored was changed): {}",
            count(o.conflicts.len(), "check-in is", "check-ins are"),
            o.conflicts.join(", ")
        ));
    }
    for (i, why) in &o.invalid {
        out.push_str(&format!(
            "\nRecord {} of the export was not imported: {why}",
            i + 1
        ));
    }
    if o.unnamed > 0 {
        out.push_str(&format!(
            "\n… and {} more not imported for the same kinds of reasons (only the first {NAMED} of each kind are named).",
            count(o.unnamed, "check-in", "check-ins")
        ));
    }
    out
}
