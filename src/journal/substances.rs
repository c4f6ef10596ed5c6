//! What a logged name is: the substances file (`questions/substances.json`, built in) maps
//! names and common brand names to a class, and holds the same-day combination rule with
//! its sources. Data, not code, so a person's own names can be added beside it.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::Error;

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
}

/// The same-day combination rule.
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
    /// Classes of which one must be logged ...
    pub first: Vec<String>,
    /// ... on the same day as one of these.
    pub with: Vec<String>,
    /// The rule in words.
    pub rule: String,
    /// True: this tool's own rule.
    pub own_rule: bool,
    /// Keys into `sources`.
    pub sources: Vec<String>,
    /// Crisis resources it brings.
    pub crisis: crate::questionnaire::CrisisLevel,
    /// The calm suggestion.
    pub message: String,
}

/// The substances file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Substances {
    /// `selfcheck-substances/1`.
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
        let bytes = match crate::fsio::read_limited(&path, 1024 * 1024) {
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
        let own: Result<Own, String> = crate::json::parse(&bytes)
            .map_err(|e| e.to_string())
            .and_then(|v| serde_json::from_value(v).map_err(|e| e.to_string()));
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
            .map_err(|e| Error::Refused(format!("the built-in substances file is damaged: {e}")))?;
        Ok(s)
    }

    /// The built-in file, read once per process (`None` if it were damaged).
    pub fn shared() -> Option<&'static Substances> {
        static SHARED: std::sync::OnceLock<Option<Substances>> = std::sync::OnceLock::new();
        SHARED.get_or_init(|| Substances::builtin().ok()).as_ref()
    }

    /// The canonical name and class of a name as typed (any case, any of its names); `None`
    /// for a name the file does not know.
    pub fn find(&self, typed: &str) -> Option<&Substance> {
        let key = typed.trim().to_lowercase();
        self.substances
            .iter()
            .find(|s| s.name == key || s.also.contains(&key))
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
        assert_eq!(s.format, "selfcheck-substances/1");
        for sub in &s.substances {
            assert!(s.has_class(&sub.class), "{}", sub.name);
        }
        for c in s.combination.first.iter().chain(&s.combination.with) {
            assert!(s.has_class(c), "{c}");
        }
        for k in &s.combination.sources {
            assert!(s.sources.contains_key(k), "{k}");
        }
        assert_eq!(s.find("Xanax").map(|x| x.name.as_str()), Some("alprazolam"));
        assert_eq!(s.find("wine").map(|x| x.class.as_str()), Some("alcohol"));
        assert!(s.find("unknownium").is_none());
        Ok(())
    }
}
