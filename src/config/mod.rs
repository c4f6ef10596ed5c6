//! The configuration file (`config.json` in the config directory) and where that directory
//! is: `SELFCHECK_CONFIG_DIR`, else an absolute `$XDG_CONFIG_HOME/selfcheck`, else the
//! platform's config folder.
//!
//! Everything in it is optional. A typo never silently does nothing, and never stops a
//! command either: an unknown key or a bad value is a warning that names the key and what is
//! used instead (crisis lines above all must never depend on a config file being right).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::cli::SummaryFormat;

/// The longest cadence: ten years between check-ins.
pub(crate) const MAX_EVERY_DAYS: u32 = 3650;

/// The config file's name in the config directory.
pub(crate) const CONFIG_FILE: &str = "config.json";
/// The folder of own question sets in the config directory.
pub(crate) const QUESTIONS_DIR: &str = "questions";
/// Every key the file may hold.
pub(crate) const KNOWN_KEYS: [&str; 5] = [
    "question_set",
    "cadence",
    "crisis_region",
    "summary_period",
    "summary_format",
];

/// The config directory and why it was chosen.
#[derive(Debug, Clone)]
pub struct ConfigDir {
    /// The folder.
    pub path: PathBuf,
    /// Where the choice came from.
    pub origin: &'static str,
}

impl ConfigDir {
    /// Resolves the config directory as the contract says.
    pub fn resolve() -> Option<ConfigDir> {
        crate::base::paths::resolve(
            "SELFCHECK_CONFIG_DIR",
            "XDG_CONFIG_HOME",
            directories::ProjectDirs::config_dir,
        )
        .map(|(path, origin)| ConfigDir { path, origin })
    }

    /// The config file's path.
    pub fn file(&self) -> PathBuf {
        self.path.join(CONFIG_FILE)
    }

    /// The folder of own question sets.
    pub fn questions(&self) -> PathBuf {
        self.path.join(QUESTIONS_DIR)
    }

    /// The person's own additions to the substances list.
    pub fn substances(&self) -> PathBuf {
        self.path.join("substances.json")
    }
}

/// How often a check-in is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(untagged)]
pub enum Cadence {
    /// Once per ISO week (Monday to Sunday, local time): `"weekly"`.
    #[default]
    #[serde(with = "weekly")]
    Weekly,
    /// Every N days since the last check-in: `{"every_days": N}`.
    EveryDays {
        /// Days between check-ins.
        every_days: u32,
    },
}

/// A serde module for a unit variant written as one fixed string (`"weekly"`, `"latest"`).
macro_rules! fixed_word {
    ($module:ident, $word:literal) => {
        mod $module {
            use serde::{Deserialize, Deserializer, Serializer};

            pub(super) fn serialize<S: Serializer>(s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($word)
            }

            pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<(), D::Error> {
                if String::deserialize(d)? == $word {
                    Ok(())
                } else {
                    Err(serde::de::Error::custom(concat!(
                        "expected \"",
                        $word,
                        "\""
                    )))
                }
            }
        }
    };
}

fixed_word!(weekly, "weekly");
fixed_word!(latest, "latest");

/// The period a plain `selfcheck summary` covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(untagged)]
pub enum SummaryPeriod {
    /// The latest check-in: `"latest"`.
    #[default]
    #[serde(with = "latest")]
    Latest,
    /// The last N check-ins: `{"last": N}`.
    Last {
        /// How many.
        last: usize,
    },
}

/// The configuration, every key optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The question set `checkin` uses (an id from `selfcheck questions list`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question_set: Option<String>,
    /// `"weekly"` or `{"every_days": N}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<Cadence>,
    /// Which region's crisis lines are shown (a region id of the question set), or `"all"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crisis_region: Option<String>,
    /// `"latest"` or `{"last": N}`: what a plain `selfcheck summary` covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_period: Option<SummaryPeriod>,
    /// One of [`SummaryFormat`]'s names: the default of `summary --format`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_format: Option<SummaryFormat>,
}

impl Config {
    /// Reads the config file; the problems leave out its path. Nothing in it can stop a command: no file is the default
    /// configuration, and an unreadable file, bad JSON, an unknown key or a bad value each
    /// become a problem (naming the key and what is used instead) beside the settings that
    /// were fine. Commands print them as warnings; `config show` and `doctor` as problems.
    pub fn load(path: &Path) -> (Config, Vec<String>) {
        let bytes = match crate::base::fsio::read_limited(path, 1024 * 1024) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Default::default(),
            Err(e) => {
                return (
                    Config::default(),
                    vec![format!("could not be read ({e}); the defaults are used")],
                )
            }
        };
        Self::parse(&bytes)
    }

    /// Parses config JSON key by key: each good key is kept, each bad one is a problem
    /// that names it, says what is allowed and what is used instead.
    pub fn parse(bytes: &[u8]) -> (Config, Vec<String>) {
        let mut problems = Vec::new();
        let value: Value = match crate::base::json::parse(bytes) {
            Ok(v) => v,
            // A key given twice: the config never stops a command, so the last value of each
            // key is used and the warning names it.
            Err(_) if crate::base::json::pairs(bytes).is_some() => {
                let pairs = crate::base::json::pairs(bytes).unwrap_or_default();
                let mut map = serde_json::Map::new();
                for (key, value) in pairs {
                    if map.contains_key(&key) {
                        problems.push(format!(
                            "the key \"{key}\" is given twice; the last value, {value}, is used"
                        ));
                    }
                    map.insert(key, value);
                }
                Value::Object(map)
            }
            Err(e) => {
                problems.push(format!("not valid JSON ({e}); the defaults are used"));
                return (Config::default(), problems);
            }
        };
        let Value::Object(map) = value else {
            problems.push(
                "the file must hold one JSON object, such as {\"cadence\": \"weekly\"}; the defaults are used"
                    .to_string(),
            );
            return (Config::default(), problems);
        };
        let mut config = Config::default();
        for (key, value) in map {
            if let Err(why) = config.set(&key, value) {
                problems.push(why.to_string());
            }
        }
        (config, problems)
    }

    /// Sets one key from its JSON value, or says why not.
    fn set(&mut self, key: &str, value: Value) -> Result<(), KeyProblem> {
        let bad = || KeyProblem::BadValue {
            key: key.to_string(),
        };
        match key {
            "question_set" => match value {
                Value::String(s) if !s.trim().is_empty() => self.question_set = Some(s),
                _ => return Err(bad()),
            },
            "cadence" => match serde_json::from_value(value) {
                Ok(Cadence::EveryDays { every_days: 0 }) | Err(_) => return Err(bad()),
                Ok(Cadence::EveryDays { every_days }) if every_days > MAX_EVERY_DAYS => {
                    return Err(bad())
                }
                Ok(c) => self.cadence = Some(c),
            },
            "crisis_region" => match value {
                Value::String(s) if !s.trim().is_empty() => {
                    self.crisis_region = Some(s.trim().to_string())
                }
                _ => return Err(bad()),
            },
            "summary_period" => match serde_json::from_value(value) {
                Ok(SummaryPeriod::Last { last: 0 }) | Err(_) => return Err(bad()),
                Ok(p) => self.summary_period = Some(p),
            },
            "summary_format" => match serde_json::from_value(value) {
                Ok(f) => self.summary_format = Some(f),
                Err(_) => return Err(bad()),
            },
            _ => {
                return Err(KeyProblem::Unknown {
                    key: key.to_string(),
                })
            }
        }
        Ok(())
    }
}

/// Why one key of the config file is not used; each says what is used instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum KeyProblem {
    /// A known key with a value it cannot take.
    #[error(
        "bad value for \"{key}\": {}; {} is used instead",
        allowed(key),
        default_of(key)
    )]
    BadValue {
        /// The key.
        key: String,
    },
    /// A key of no meaning.
    #[error("unknown key \"{key}\" was ignored; the known keys are: {}", KNOWN_KEYS.join(", "))]
    Unknown {
        /// The key.
        key: String,
    },
}

fn allowed(key: &str) -> String {
    match key {
        "question_set" => "a question set id (see `selfcheck questions list`)",
        "cadence" => "\"weekly\" or {\"every_days\": N} with N from 1 to 3650",
        "crisis_region" => "\"all\" or a region id such as \"US\" (see `selfcheck config show`)",
        "summary_period" => "\"latest\" or {\"last\": N} with N 1 or more",
        "summary_format" => return format!("one of {}", SummaryFormat::names()),
        _ => "see `selfcheck config --help`",
    }
    .to_string()
}

fn default_of(key: &str) -> &'static str {
    match key {
        "question_set" => "the built-in set \"weekly\"",
        "cadence" => "\"weekly\"",
        "crisis_region" => "the locale's region, else every region's lines,",
        "summary_period" => "\"latest\"",
        "summary_format" => "\"text\"",
        _ => "the default",
    }
}
