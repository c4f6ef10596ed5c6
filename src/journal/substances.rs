//! What a logged name is: the substances file (`questions/substances.json`, built in) maps
//! names and common brand names to a class, and holds the same-day combination rule with
//! its sources. Data, not code, so a person's own names can be added beside it.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::base::error::{Error, JournalError};

/// The built-in substances file.
const BUILTIN: &str = include_str!("../../questions/substances.json");

/// A source of the combination rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short name.
    pub instrument: String,
    /// Full citation.
    pub citation: String,
    /// Year, when there is one.
    pub year: Option<u32>,
}

/// A class of substances.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    /// Stable id (`opioid`).
    pub id: String,
    /// In words.
    pub title: String,
    /// Whether it depresses the central nervous system: two such classes taken close
    /// together are the combination rule's pairs.
    #[serde(default)]
    pub sedating: bool,
    /// Whether naloxone reverses its overdose (it acts on the mu-opioid receptors).
    #[serde(default)]
    pub naloxone: bool,
    /// Keys into `sources`: where its danger is written.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A substance and the other names it goes by.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Substance {
    /// The canonical name.
    pub name: String,
    /// Its class id.
    pub class: String,
    /// Brand and common names.
    #[serde(default)]
    pub also: Vec<String>,
    /// An own substance taken as prescribed: its entries are marked so.
    #[serde(default)]
    pub prescribed: bool,
}

/// The combination rule: two sedating classes within a window of hours.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Combination {
    /// Flag id.
    pub id: String,
    /// `flag`.
    pub severity: crate::questionnaire::Severity,
    /// Title.
    pub title: String,
    /// Short title.
    pub short: String,
    /// Two entries this many hours apart or closer are a pair.
    pub window_hours: u32,
    /// The rule in words.
    pub rule: String,
    /// True: this tool's own rule.
    pub own_rule: bool,
    /// Keys into `sources`.
    pub sources: Vec<String>,
    /// Crisis resources it brings (none: a pair is not a self-harm answer).
    pub crisis: crate::questionnaire::CrisisLevel,
    /// The calm suggestion, in summaries.
    pub message: String,
    /// What `log` says when a new entry makes a pair.
    pub notice: Notice,
}

/// The words of `log`'s notice for a pair.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// "{first} and {second}, {apart}."
    pub pair: String,
    /// What taken together can do.
    pub together: String,
    /// The danger signs, with `{emergency}`.
    pub danger: String,
    /// Said when a class of the pair is one naloxone reverses.
    pub naloxone: String,
    /// Who can say what is safe.
    pub ask: String,
    /// The emergency number by crisis region id.
    pub emergency: BTreeMap<String, String>,
    /// The emergency number when no region is chosen.
    pub emergency_any: String,
    /// Said when the store is encrypted and locked.
    pub locked: String,
}

/// What an amount rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountKind {
    /// The amount a day rose by `ratio` from the first whole week to the last.
    Rising,
    /// One day's amount of `class` in `unit` above `above`.
    DayAbove,
}

/// A rule on logged amounts (situation `reliance`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountRule {
    /// Flag id.
    pub id: String,
    /// What it looks at.
    pub kind: AmountKind,
    /// `flag`.
    pub severity: crate::questionnaire::Severity,
    /// Its situation.
    pub situation: crate::questionnaire::Situation,
    /// Title.
    pub title: String,
    /// Short title.
    pub short: String,
    /// Rising: last over first at least this.
    #[serde(default)]
    pub ratio: Option<f64>,
    /// Day above: the class.
    #[serde(default)]
    pub class: Option<String>,
    /// Day above: the unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// Day above: the threshold.
    #[serde(default)]
    pub above: Option<f64>,
    /// The rule in words.
    pub rule: String,
    /// True: this tool's own rule.
    pub own_rule: bool,
    /// Keys into `sources`.
    pub sources: Vec<String>,
    /// The calm suggestion.
    pub message: String,
    /// Rising, every entry prescribed: the title, given for information.
    #[serde(default)]
    pub prescribed_title: Option<String>,
    /// Rising, every entry prescribed: the suggestion.
    #[serde(default)]
    pub prescribed_message: Option<String>,
}

/// The substances file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Substances {
    /// `selfcheck-substances/2`.
    pub format: String,
    /// The reasons `log --for` takes.
    pub reasons: Vec<String>,
    /// Sources, by key.
    pub sources: BTreeMap<String, Source>,
    /// The classes.
    pub classes: Vec<Class>,
    /// Known names.
    pub substances: Vec<Substance>,
    /// The combination rule.
    pub combination: Combination,
    /// What the check-in's relief-use question counts from the journal.
    pub offer: Offer,
    /// Rules on logged amounts.
    pub amount_rules: Vec<AmountRule>,
}

/// The entries the check-in's relief-use question counts: the classes and reasons its
/// words name, never an entry marked prescribed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// Classes it names.
    pub classes: Vec<String>,
    /// Reasons it names.
    pub reasons: Vec<String>,
    /// What was counted, in words for the screen.
    pub counted: String,
}

impl Offer {
    /// Whether an entry is one the question asks about.
    pub fn counts(&self, e: &super::entry::JournalEntry) -> bool {
        !e.prescribed
            && self.classes.contains(&e.class)
            && e.reasons.iter().any(|r| self.reasons.contains(r))
    }
}

/// The words of a name, lower case: letters, digits, hyphens and apostrophes; anything
/// else (spaces, "#", commas) separates them.
fn words_of(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(|w| w.replace('\u{2019}', "'"))
        .collect()
}

/// A person's own additions: more names, each with a class of the built-in file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Own {
    substances: Vec<Substance>,
}

impl Substances {
    /// The built-in file with the person's own additions (`substances.json` in the config
    /// directory) when there are any; a file that cannot be used is a warning (returned),
    /// never a stop: logging must not depend on it.
    pub fn with_own(
        config: Option<&crate::config::ConfigDir>,
    ) -> Result<(Substances, Option<String>), Error> {
        let mut s = Substances::builtin()?;
        let Some(path) = config.map(crate::config::ConfigDir::substances) else {
            return Ok((s, None));
        };
        let bytes = match crate::base::fsio::read_limited(&path, 1024 * 1024) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((s, None)),
            Err(e) => {
                return Ok((
                    s,
                    Some(format!(
                        "{}: {e}; the built-in list is used",
                        path.display()
                    )),
                ))
            }
        };
        let own: Result<Own, serde_json::Error> =
            crate::base::json::parse(&bytes).and_then(serde_json::from_value);
        let problem = match own {
            Ok(own) => {
                let wrong: Vec<String> = own
                    .substances
                    .iter()
                    .filter(|x| x.name.trim().is_empty() || !s.has_class(&x.class))
                    .map(|x| format!("\"{}\" (class \"{}\")", x.name, x.class))
                    .collect();
                if wrong.is_empty() {
                    for mut x in own.substances {
                        x.name = x.name.trim().to_lowercase();
                        x.also = x.also.iter().map(|a| a.trim().to_lowercase()).collect();
                        // Own names come first: they may refine a built-in one.
                        s.substances.insert(0, x);
                    }
                    return Ok((s, None));
                }
                format!(
                    "an empty name or an unknown class in {} (classes: {})",
                    wrong.join(", "),
                    s.classes
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
            Err(e) => format!("not a substances file ({e})"),
        };
        Ok((
            s,
            Some(format!(
                "{}: {problem}; the built-in list is used",
                path.display()
            )),
        ))
    }

    /// The built-in file.
    pub fn builtin() -> Result<Substances, Error> {
        let s: Substances = serde_json::from_str(BUILTIN)
            .map_err(|e| JournalError::BuiltinDamaged(Some(e.to_string())))?;
        Ok(s)
    }

    /// The built-in file, read once per process (`None` if it were damaged).
    pub fn shared() -> Option<&'static Substances> {
        static SHARED: std::sync::OnceLock<Option<Substances>> = std::sync::OnceLock::new();
        SHARED.get_or_init(|| Substances::builtin().ok()).as_ref()
    }

    /// The substance a name as typed is, any case: the longest known name (or other
    /// name) found in it as whole words, so "red vein kratom" and "glass of wine" are
    /// known, while "Aleve" is not "ale" and "oxybutynin" is not "oxy". Own names come
    /// first and win a tie. `None` for a name with no known name in it.
    pub fn find(&self, typed: &str) -> Option<&Substance> {
        let words = words_of(typed);
        let mut best: Option<(&Substance, usize)> = None;
        for s in &self.substances {
            for name in std::iter::once(&s.name).chain(&s.also) {
                let known = words_of(name);
                let len = known.iter().map(|w| w.chars().count() + 1).sum::<usize>();
                let contained =
                    !known.is_empty() && words.windows(known.len()).any(|w| w == known.as_slice());
                if contained && best.is_none_or(|(_, l)| len > l) {
                    best = Some((s, len));
                }
            }
        }
        best.map(|(s, _)| s)
    }

    /// Whether a name as typed is, whole, one of the known names ("tylenol 3").
    pub fn is_exact(&self, typed: &str) -> bool {
        let words = words_of(typed);
        !words.is_empty()
            && self.substances.iter().any(|s| {
                std::iter::once(&s.name)
                    .chain(&s.also)
                    .any(|n| words_of(n) == words)
            })
    }

    /// A class by id.
    pub fn class(&self, id: &str) -> Option<&Class> {
        self.classes.iter().find(|c| c.id == id)
    }

    /// Whether a class is one of the combination rule's sedating classes.
    pub fn is_sedating(&self, id: &str) -> bool {
        self.class(id).is_some_and(|c| c.sedating)
    }

    /// A class in words ("z-drug sleep medicine").
    pub fn class_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.classes
            .iter()
            .find(|c| c.id == id)
            .map_or(id, |c| c.title.as_str())
    }

    /// Whether a class id is known.
    pub fn has_class(&self, id: &str) -> bool {
        self.classes.iter().any(|c| c.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_file_is_whole() -> Result<(), Error> {
        let s = Substances::builtin()?;
        assert_eq!(s.format, "selfcheck-substances/2");
        for sub in &s.substances {
            assert!(s.has_class(&sub.class), "{}", sub.name);
        }
        let keys = s.combination.sources.iter().chain(
            s.classes
                .iter()
                .flat_map(|c| &c.sources)
                .chain(s.amount_rules.iter().flat_map(|r| &r.sources)),
        );
        for k in keys {
            assert!(s.sources.contains_key(k), "{k}");
        }
        assert_eq!(s.find("Xanax").map(|x| x.name.as_str()), Some("alprazolam"));
        assert_eq!(s.find("wine").map(|x| x.class.as_str()), Some("alcohol"));
        assert!(s.find("unknownium").is_none());
        let class = |n: &str| s.find(n).map(|x| x.class.as_str());
        assert_eq!(class("red vein kratom"), Some("kratom"));
        assert_eq!(class("Maeng Da"), Some("kratom"));
        assert_eq!(class("7-OH"), Some("kratom"));
        assert_eq!(class("glass of wine"), Some("alcohol"));
        assert_eq!(class("Aleve"), Some("non_opioid"));
        assert_eq!(class("oxybutynin"), None);
        assert_eq!(class("Tylenol 3"), Some("opioid"));
        assert_eq!(class("Tylenol #3"), Some("opioid"));
        assert_eq!(class("tylenol"), Some("non_opioid"));
        assert_eq!(class("Tylenol PM"), Some("sedating_antihistamine"));
        assert!(s.is_exact("tylenol 3"));
        assert!(!s.is_exact("tylenol 3 tablets"));
        Ok(())
    }
}
