//! The question set: items, scales, skip logic, scores and flag rules, read from JSON.
//!
//! Everything a person reads in a check-in, and every rule that raises a flag, lives in a
//! questions file (`questions/weekly.json` is built into the binary). Keeping them as data
//! means every flag can name its source, a translated set is a new file rather than new code,
//! and a clinician or user can read exactly what is asked. Loading validates the whole file up
//! front and reports every problem with the file, the item and what is wrong.

pub mod condition;
mod content_checks;
pub(crate) mod crisis;
mod item_checks;
mod items;
mod rule_checks;
mod rules;
pub(crate) mod safety;
pub(crate) mod sets;
mod support_texts;
mod validate;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use condition::{Comparison, Condition, Op, Operand};
pub use items::*;
pub use rules::*;
pub use support_texts::*;

use crate::base::error::Error;

/// serde's default for flags that are on unless a set says otherwise.
pub(crate) fn yes() -> bool {
    true
}

/// The largest stored check-in. Question sets are validated so that no set of answers can
/// make a record larger (a saved check-in that could never be read again would be lost).
pub const MAX_RECORD_BYTES: u64 = 1024 * 1024;

/// The default question set, embedded at build time so the installed binary works anywhere.
pub const BUILTIN_WEEKLY: &str = include_str!("../../questions/weekly.json");
/// Name shown in errors about the built-in set.
pub const BUILTIN_WEEKLY_NAME: &str = "questions/weekly.json (built in)";
/// The only format this version reads; a new major format gets a new tag.
pub const FORMAT: &str = "selfcheck-questions/1";
/// Questions files larger than this are refused before they are read into memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A validated question set.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    /// The parsed definition.
    pub def: QuestionnaireDef,
    /// The exact bytes it was read from: stored once per version beside the check-ins, so
    /// old check-ins stay readable after the questions change.
    pub raw: Vec<u8>,
    /// A short digest of `raw`, naming that stored copy.
    pub digest: String,
    /// The set's own crisis lines, kept apart from the binary's (`safety.rs`): shown only
    /// for an own set in the config folder, after the binary's.
    pub own_crisis_lines: Vec<String>,
}

/// The JSON shape of a questions file (documented in `questions/README.md`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireDef {
    /// Always [`FORMAT`].
    pub format: String,
    /// Stable id of the set (`weekly`).
    pub id: String,
    /// Raised whenever anything in the set changes.
    pub version: u32,
    /// BCP 47 language tag of every text in the set.
    pub language: String,
    /// Title shown at the top of a check-in.
    pub title: String,
    /// Paragraphs of the opening screen.
    pub intro: Vec<String>,
    /// The one-line non-diagnostic disclaimer on every summary.
    pub disclaimer: String,
    /// What a summary suggests about talking to a clinician.
    pub clinician: ClinicianText,
    /// Where to get urgent help.
    pub crisis: CrisisText,
    /// Published sources that items and rules cite, by key.
    pub sources: BTreeMap<String, SourceDef>,
    /// Groups of items, in order.
    pub sections: Vec<SectionDef>,
    /// The questions, in the order they are asked.
    pub items: Vec<ItemDef>,
    /// Scores computed from items.
    #[serde(default)]
    pub scores: Vec<ScoreDef>,
    /// Flags raised by one check-in.
    #[serde(default)]
    pub flags: Vec<FlagRule>,
    /// Flags raised by a change across check-ins.
    #[serde(default)]
    pub trend_flags: Vec<TrendRule>,
    /// When a flag seen repeatedly counts as persistent.
    #[serde(default)]
    pub persistence: Option<PersistenceRule>,
    /// Measures followed over time in summaries of a period.
    #[serde(default)]
    pub trends: Vec<TrendDef>,
    /// The heading of each of the guidance's situations on the front of a summary (a set
    /// that gives none uses the built-in set's).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub situations: BTreeMap<Situation, String>,
}

/// A measure followed over time: a score or an integer item.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrendDef {
    /// Stable id (the key in `summary --format json`'s `trends`).
    pub id: String,
    /// A score id (exactly one of `score` and `item`).
    #[serde(default)]
    pub score: Option<String>,
    /// An integer item id (skipped counts as 0).
    #[serde(default)]
    pub item: Option<String>,
    /// Name shown.
    pub title: String,
    /// `burden` or `wellbeing`: reports group them apart.
    pub group: TrendGroup,
    /// Which way is which, in words ("higher = more pain").
    pub direction: String,
    /// Drawn as a chart and sparkline (false: only in the snapshot table).
    #[serde(default = "yes")]
    pub chart: bool,
    /// A short heading: the trend is a column of `history` and of the week-by-week table.
    /// When no trend of a set has one, every charted trend is a column, under its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Also a column of `history` (which has room for fewer). When no trend of a set says
    /// so, `history` shows the same columns as the table.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub history: bool,
    /// Drawn on the front page of a printed summary, among the few that tell the story.
    /// When no trend of a set says so, the scores with a cut-off are.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub front: bool,
}

/// Which group a trend belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrendGroup {
    /// Higher is worse (pain, mood and anxiety screens, stress, relief use).
    Burden,
    /// Higher is better (sleep, activity, connection).
    Wellbeing,
}

impl QuestionnaireDef {
    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&SectionDef> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// The built-in set's self-harm item (see `safety.rs`).
pub fn self_harm_item() -> Option<String> {
    builtin_def().ok().and_then(safety::self_harm_item)
}

/// The built-in set's score ids, in order: the keys the contract gives every check-in of
/// the built-in set in the summary JSON, whatever its version.
pub fn builtin_score_ids() -> Vec<String> {
    builtin_def()
        .map(|d| d.scores.iter().map(|s| s.id.clone()).collect())
        .unwrap_or_default()
}

/// Whether `q` is a version of the built-in set (the same id).
pub fn is_builtin_family(q: &Questionnaire) -> bool {
    builtin_def().is_ok_and(|d| d.id == q.def.id)
}

/// The built-in set, parsed once per process: every command that needs it (the crisis
/// floor of every set read, the lines, the check-in) shares this one. It is part of this
/// binary, and `builtin_set_is_valid` runs every check of a question set on it, so it is
/// only parsed here (the checks would take as long as listing a year of check-ins).
static BUILTIN: std::sync::LazyLock<Result<Questionnaire, Vec<String>>> =
    std::sync::LazyLock::new(|| {
        serde_json::from_str::<QuestionnaireDef>(BUILTIN_WEEKLY)
            .map_err(|e| vec![e.to_string()])
            .map(|def| Questionnaire {
                def,
                raw: BUILTIN_WEEKLY.as_bytes().to_vec(),
                digest: digest(BUILTIN_WEEKLY.as_bytes()),
                own_crisis_lines: Vec::new(),
            })
    });

fn builtin_error(problems: &[String]) -> Error {
    Error::Questions {
        file: BUILTIN_WEEKLY_NAME.to_string(),
        problems: problems.to_vec(),
    }
}

/// The built-in set's definition, parsed once.
fn builtin_def() -> Result<&'static QuestionnaireDef, Error> {
    BUILTIN
        .as_ref()
        .map(|q| &q.def)
        .map_err(|p| builtin_error(p))
}

/// How many check-ins before a period the rules may look back at (previous check-in,
/// 3 rises, the last 4 for persistence); question sets are validated to stay within it.
pub const LOOKBACK: usize = 16;

impl Questionnaire {
    /// The built-in default set.
    pub fn builtin() -> Result<Self, Error> {
        BUILTIN.as_ref().cloned().map_err(|p| builtin_error(p))
    }

    /// Reads and validates a questions file the person names or keeps as an own set: one
    /// that would lower the crisis floor (`safety.rs`) is refused, saying why.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let name = path.display().to_string();
        let bytes = crate::base::fsio::read_limited(path, MAX_FILE_BYTES).map_err(|e| {
            Error::Questions {
                file: name.clone(),
                problems: vec![e.to_string()],
            }
        })?;
        let (q, problems) = Self::parse_floored(&bytes, &name)?;
        if !problems.is_empty() {
            return Err(Error::Questions {
                file: name,
                problems,
            });
        }
        Ok(q)
    }

    /// Validates a questions file's bytes (a stored copy, a carried set); `name` is used in
    /// errors. Whatever the set says, the crisis floor is put under it.
    pub fn parse(bytes: &[u8], name: &str) -> Result<Self, Error> {
        Self::parse_floored(bytes, name).map(|(q, _)| q)
    }

    /// [`Questionnaire::parse`], and what the floor had to change.
    fn parse_floored(bytes: &[u8], name: &str) -> Result<(Self, Vec<String>), Error> {
        // The built-in set's bytes (its stored copies among them) are parsed only once.
        if bytes == BUILTIN_WEEKLY.as_bytes() {
            return Self::builtin().map(|q| (q, Vec::new()));
        }
        let mut def = validate::parse_and_validate(bytes).map_err(|problems| Error::Questions {
            file: name.to_string(),
            problems,
        })?;
        let (problems, own_crisis_lines) = safety::enforce(&mut def, builtin_def()?);
        Ok((
            Questionnaire {
                def,
                raw: bytes.to_vec(),
                digest: digest(bytes),
                own_crisis_lines,
            },
            problems,
        ))
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&ItemDef> {
        self.def.items.iter().find(|i| i.id == id)
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&SectionDef> {
        self.def.section(id)
    }

    /// The score with this id.
    pub fn score(&self, id: &str) -> Option<&ScoreDef> {
        self.def.scores.iter().find(|s| s.id == id)
    }

    /// A flag's few words for tables: its `short`, else its title.
    pub fn flag_short(&self, id: &str) -> Option<&str> {
        let one = self.def.flags.iter().find(|f| f.id == id);
        let across = self.def.trend_flags.iter().find(|f| f.id == id);
        one.map(|f| f.short.as_deref().unwrap_or(&f.title))
            .or_else(|| across.map(|f| f.short.as_deref().unwrap_or(&f.title)))
    }

    /// Citations for a list of source keys, joined.
    pub fn citations(&self, keys: &[String]) -> String {
        keys.iter()
            .filter_map(|k| self.def.sources.get(k))
            .map(|s| s.citation.clone())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Sources in brief ("PHQ-2, 2003"), for printed reports whose footer cites in full.
    /// `dated_only` keeps only sources with a year: the published ones behind one of this
    /// tool's own rules, whose undated guidance "this tool's own rule" already names.
    pub fn short_citations(&self, keys: &[String], dated_only: bool) -> String {
        keys.iter()
            .filter_map(|k| self.def.sources.get(k))
            .filter(|s| !dated_only || s.year.is_some())
            .map(|s| match s.year {
                Some(y) => format!("{}, {y}", s.instrument),
                None => s.instrument.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// FNV-1a, 64 bits: enough to tell questionnaire versions apart, no crate needed.
pub fn digest(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_set_is_valid() -> Result<(), Error> {
        // Every check an own set meets, and the same definition as the one in use.
        let checked = validate::parse_and_validate(BUILTIN_WEEKLY.as_bytes())
            .map_err(|problems| builtin_error(&problems))?;
        let q = Questionnaire::builtin()?;
        let checked = serde_json::to_value(&checked).ok();
        assert!(checked.is_some());
        assert_eq!(checked, serde_json::to_value(&q.def).ok());
        assert_eq!(q.def.items.len(), 36);
        assert_eq!(q.def.flags.len(), 14);
        assert_eq!(q.def.version, 3);
        Ok(())
    }
}
