//! The list `history` prints: one line per check-in, newest first, with its columns, flags
//! and the weeks without a check-in.
//!
//! Listing everything reads the history a part at a time ([`list_all`]): each part with the
//! few check-ins before it that rules look back at, turned into lines and dropped, so 25,000
//! check-ins take the memory of their lines, not of their records.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::base::error::Error;
use crate::questionnaire::{CrisisLevel, Questionnaire, LOOKBACK};
use crate::store::selection::Selection;
use crate::store::{FileProblem, Loaded, Store, StoredCheckin, CHECKINS_DIR};
use crate::summary::{self, Column};

/// Check-ins in memory at a time in [`list_all`], at most (over all its threads).
const PART: usize = 512;
/// The newest check-ins, listed first by [`list_all`]: the latest set among them decides
/// the columns of all the older parts.
const NEWEST: usize = 8;
/// Fewer older check-ins than this are one part (a thread for fewer is no quicker).
const SPREAD_FROM: usize = 128;

/// How [`list_all`] cuts `n` check-ins, oldest first: the newest few alone, and the others
/// in parts that the threads share (together at most [`PART`] at a time), at least one for
/// each thread when there are many.
fn cut(n: usize) -> Vec<usize> {
    let threads = crate::base::parallel::threads();
    let newest = n.min(NEWEST);
    let older = n - newest;
    let most = (PART / threads).max(4 * LOOKBACK);
    let count = older
        .div_ceil(most)
        .max(if older >= SPREAD_FROM { threads } else { 1 })
        .min(older.max(1));
    let mut sizes: Vec<usize> = (0..count)
        .map(|i| older / count + usize::from(i < older % count))
        .collect();
    sizes.push(newest);
    sizes
}

/// A word shared by many lines (a score id, a flag id or title), held once.
pub(crate) type Word = Arc<str>;

/// One line of `history`: small, as there may be tens of thousands (its words shared).
#[derive(Debug, Clone, Serialize)]
pub struct HistoryLine {
    /// Record id.
    pub id: String,
    /// Day it is about.
    pub date: NaiveDate,
    /// Every score of its set, as a JSON object.
    pub scores: Scores,
    /// The value of each of `columns`, in order (null when not comparable or not asked).
    pub values: Vec<Num>,
    /// Flags ids.
    pub flags: Vec<Word>,
    /// The flags' short titles, in the same order (from the check-in's own set).
    pub flag_titles: Vec<Word>,
    /// Whether its flags brought the full crisis block.
    #[serde(skip)]
    pub urgent: bool,
    /// The safety answer behind a safety flag, in words ("Self-harm thoughts: Nearly every
    /// day"), told on a line of its own under the check-in's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safety_answer: Option<String>,
}

/// A number of a line, or none: a JSON number or null, in a quarter of a JSON value's room.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    /// A whole number.
    Int(i64),
    /// A number with decimals.
    Float(f64),
    /// None (not asked, or not comparable).
    Null,
}

impl Num {
    fn of(v: &Value) -> Num {
        match v {
            Value::Number(n) => match n.as_i64() {
                Some(i) => Num::Int(i),
                None => n.as_f64().map_or(Num::Null, Num::Float),
            },
            _ => Num::Null,
        }
    }

    /// Its value, if any.
    pub fn as_f64(self) -> Option<f64> {
        match self {
            Num::Int(i) => Some(i as f64),
            Num::Float(f) => Some(f),
            Num::Null => None,
        }
    }

    /// Whether it is none.
    pub fn is_null(self) -> bool {
        self == Num::Null
    }
}

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Num::Int(i) => s.serialize_i64(*i),
            Num::Float(f) => s.serialize_f64(*f),
            Num::Null => s.serialize_unit(),
        }
    }
}

/// Score id to value, in the set's order; written as a JSON object.
#[derive(Debug, Clone, Default)]
pub struct Scores(pub Vec<(Word, Num)>);

impl Serialize for Scores {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(&**k, v)?;
        }
        map.end()
    }
}

/// Each word once, however many lines use it.
#[derive(Default)]
struct Words {
    held: std::collections::HashMap<String, Word>,
}

impl Words {
    fn get(&mut self, w: &str) -> Word {
        if let Some(word) = self.held.get(w) {
            return word.clone();
        }
        let word: Word = Arc::from(w);
        self.held.insert(w.to_string(), word.clone());
        word
    }
}

/// What `history` prints.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryList {
    /// Version of this shape.
    pub schema_version: u32,
    /// The columns, from the latest listed check-in's question set.
    pub columns: Vec<Column>,
    /// Newest first.
    pub checkins: Vec<HistoryLine>,
    /// When there is nothing to list: why, and what to do.
    pub message: Option<String>,
    /// The one-line crisis resource, when a listed check-in brought the full crisis block.
    pub crisis_line: Option<String>,
    /// ISO weeks between the first and last listed check-in with no check-in ("2026-W40").
    pub missed_weeks: Vec<String>,
    /// The Mondays of those weeks, newest first (for the table).
    #[serde(skip)]
    pub missed_mondays: Vec<NaiveDate>,
}

/// Lines of `range` of `checkins`, oldest first, their columns those of `reference`.
fn lines_of(
    checkins: &[StoredCheckin],
    range: std::ops::Range<usize>,
    reference: &Arc<Questionnaire>,
    words: &mut Words,
    builtin: Option<&Questionnaire>,
) -> (Vec<Column>, Vec<HistoryLine>) {
    let (columns, lines) = summary::history_lines_for(checkins, range.clone(), reference);
    let lines = checkins[range]
        .iter()
        .zip(lines)
        .map(|(c, line)| {
            // The built-in set's words come from this binary (a stored copy may predate
            // its short titles); an own set's from its copy.
            let q = match builtin {
                Some(b) if b.def.id == c.questionnaire.def.id => b,
                _ => &*c.questionnaire,
            };
            // A safety flag first, so a narrow line never folds it into "+N"; the answer
            // behind it, in words, on a line of its own ("Self-harm thoughts: Nearly every
            // day"): each week's answer with its date, in the list.
            let mut ids: Vec<&String> = line.flags.iter().collect();
            ids.sort_by_key(|id| summary::safety_answer(c, id).is_none());
            let safety_answer = ids.first().and_then(|id| {
                summary::safety_answer(c, id)
                    .map(|a| format!("{}: {a}", q.flag_short(id).unwrap_or(id)))
            });
            let flag_titles = ids
                .iter()
                .map(|id| words.get(q.flag_short(id).unwrap_or(id)))
                .collect();
            let urgent = crate::engine::period::crisis_level(
                &c.questionnaire,
                line.flags.iter().map(String::as_str),
            ) == CrisisLevel::Full;
            HistoryLine {
                id: line.id,
                date: line.date,
                scores: Scores(
                    line.scores
                        .into_iter()
                        .map(|(k, v)| (words.get(&k), Num::of(&v)))
                        .collect(),
                ),
                values: line
                    .values
                    .iter()
                    .zip(&columns)
                    .map(|(v, c)| match v {
                        Some(v) if c.decimals == 0 => Num::Int(v.round() as i64),
                        Some(v) => Num::of(&Value::from(*v)),
                        None => Num::Null,
                    })
                    .collect(),
                flags: ids.iter().map(|f| words.get(f)).collect(),
                flag_titles,
                urgent,
                safety_answer,
            }
        })
        .collect();
    (columns, lines)
}

/// The list from lines oldest first; `none_at_all` when the store has no check-in.
fn assemble(
    columns: Vec<Column>,
    mut lines: Vec<HistoryLine>,
    none_at_all: bool,
    latest: Option<&Questionnaire>,
) -> HistoryList {
    let (_, mut missed_mondays) = crate::engine::period::weeks_between(
        lines.first().map(|l| l.date),
        lines.last().map(|l| l.date),
        lines.iter().map(|l| l.date),
    );
    missed_mondays.reverse();
    lines.reverse();
    let message = lines.is_empty().then(|| {
        if none_at_all {
            "No check-ins yet. Start your first one with `selfcheck checkin` (a few minutes)."
                .to_string()
        } else {
            "No check-ins in this period. `selfcheck history` lists them all.".to_string()
        }
    });
    // The flags are evaluated already: whether any brings the full crisis block is a lookup.
    let crisis_line = lines
        .iter()
        .any(|l| l.urgent)
        .then(|| latest.map(|q| q.def.crisis.short.clone()))
        .flatten();
    HistoryList {
        schema_version: 1,
        columns,
        checkins: lines,
        message,
        crisis_line,
        missed_weeks: missed_mondays
            .iter()
            .map(|d| crate::engine::period::iso_week(*d))
            .collect(),
        missed_mondays,
    }
}

/// The check-ins of a period, newest first.
pub(crate) fn list(loaded: &Loaded, period: &Selection) -> HistoryList {
    let range = period.range(&loaded.checkins);
    let latest = range
        .clone()
        .last()
        .map(|i| loaded.checkins[i].questionnaire.clone());
    let (columns, lines) = match &latest {
        Some(q) => lines_of(
            &loaded.checkins,
            range,
            q,
            &mut Words::default(),
            Questionnaire::builtin().ok().as_ref(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let none_at_all = loaded.checkins.is_empty() && period.is_unbounded();
    assemble(columns, lines, none_at_all, latest.as_deref())
}

/// What [`list_all`] found: the list, the files that were skipped, the latest check-in's set.
pub(super) type Listed = (HistoryList, Vec<FileProblem>, Option<Arc<Questionnaire>>);

/// Every check-in, newest first, read a part at a time (see the module comment), with the
/// files that were skipped and the latest check-in's set.
///
/// The latest set decides the columns, so parts are listed newest first until one holds a
/// check-in; the older parts then each go whole to one of a few threads (read, checked,
/// listed and dropped there), as a long history is most of the time `history` takes.
pub(crate) fn list_all(store: &Store) -> Result<Listed, Error> {
    let (mut parts, mut problems) = store.parts(CHECKINS_DIR, cut, LOOKBACK)?;
    parts.reverse();
    // The built-in set's short titles are used for its check-ins: read once.
    let builtin = Questionnaire::builtin().ok();
    let mut copies = crate::store::SetCopies::new();
    let mut newest = None;
    for (i, part) in parts.iter().enumerate() {
        let listed = list_part(store, part, None, &mut copies, builtin.as_ref());
        problems.extend(listed.problems);
        if let Some(reference) = listed.reference {
            newest = Some((i, reference, listed.columns, listed.lines));
            break;
        }
    }
    let Some((at, reference, columns, lines)) = newest else {
        return Ok((assemble(Vec::new(), Vec::new(), true, None), problems, None));
    };
    let older = crate::base::parallel::map_from(&parts[at + 1..], 2, |part| {
        list_part(
            store,
            part,
            Some(&reference),
            &mut copies.clone(),
            builtin.as_ref(),
        )
    });
    let mut newest_first = vec![lines];
    for listed in older {
        problems.extend(listed.problems);
        newest_first.push(listed.lines);
    }
    let lines: Vec<HistoryLine> = newest_first.into_iter().rev().flatten().collect();
    let list = assemble(columns, lines, false, Some(&reference));
    Ok((list, problems, Some(reference)))
}

/// One part listed: its lines, the files of its own that were skipped, and the set whose
/// columns it used (none when it holds no check-in).
struct PartListed {
    lines: Vec<HistoryLine>,
    columns: Vec<Column>,
    problems: Vec<FileProblem>,
    reference: Option<Arc<Questionnaire>>,
}

/// Reads, checks and lists `part`, in the columns of `reference` (else of its own latest
/// check-in's set).
fn list_part(
    store: &Store,
    part: &crate::store::Part,
    reference: Option<&Arc<Questionnaire>>,
    copies: &mut crate::store::SetCopies,
    builtin: Option<&Questionnaire>,
) -> PartListed {
    let mut loaded = store.load_paths_with(part.paths.clone(), Vec::new(), copies);
    crate::engine::keep_valid(&mut loaded);
    let problems = std::mem::take(&mut loaded.problems)
        .into_iter()
        .filter(|p| part.own.contains(&p.path))
        .collect();
    let first_own = part.first_own(&loaded);
    let reference = match (reference, loaded.checkins.last()) {
        (_, None) => None,
        (Some(q), Some(_)) => Some(q.clone()),
        (None, Some(last)) => Some(last.questionnaire.clone()),
    };
    let (columns, lines) = match &reference {
        Some(q) => lines_of(
            &loaded.checkins,
            first_own..loaded.checkins.len(),
            q,
            &mut Words::default(),
            builtin,
        ),
        None => (Vec::new(), Vec::new()),
    };
    // Only the part's own (a file looked back at, dated later than its name, is another's).
    let lines = loaded.checkins[first_own..]
        .iter()
        .zip(lines)
        .filter(|(c, _)| part.own.contains(&c.path))
        .map(|(_, line)| line)
        .collect();
    PartListed {
        lines,
        columns,
        problems,
        reference,
    }
}
