//! The configuration file (`config.json` in the config directory) and where that directory
//! is: `SELFCHECK_CONFIG_DIR`, else an absolute `$XDG_CONFIG_HOME/selfcheck`, else the
//! platform's config folder.
//!
//! Everything in it is optional; an unknown key is an error that names it and lists the
//! known ones, so a typo never silently does nothing.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Error;

/// The config file's name in the config directory.
pub const CONFIG_FILE: &str = "config.json";
/// The folder of own question sets in the config directory.
pub const QUESTIONS_DIR: &str = "questions";
/// Every key the file may hold.
pub const KNOWN_KEYS: [&str; 5] = [
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
        crate::paths::resolve(
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

            pub fn serialize<S: Serializer>(s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($word)
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<(), D::Error> {
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
    /// `"text"`, `"markdown"`, `"html"` or `"json"`: the default of `summary --format`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_format: Option<String>,
}

impl Config {
    /// Reads the config file; no file is the default configuration.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let bytes = match crate::store::fsio::read_limited(path, 1024 * 1024) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(Error::Io {
                    action: "read the config file".to_string(),
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        Self::parse(&bytes).map_err(|why| Error::Config {
            file: path.to_path_buf(),
            problem: why,
        })
    }

    /// Parses and checks config JSON; the error names the key and what is allowed.
    pub fn parse(bytes: &[u8]) -> Result<Config, String> {
        let value: Value =
            serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON ({e})"))?;
        let Value::Object(map) = &value else {
            return Err(
                "the file must hold one JSON object, such as {\"cadence\": \"weekly\"}".to_string(),
            );
        };
        for key in map.keys() {
            if !KNOWN_KEYS.contains(&key.as_str()) {
                return Err(format!(
                    "unknown key \"{key}\"; the known keys are: {}",
                    KNOWN_KEYS.join(", ")
                ));
            }
        }
        let config: Config = serde_json::from_value(value.clone()).map_err(|e| {
            let hint = match map.keys().find(|k| {
                serde_json::from_value::<Config>(serde_json::json!({ *k: map[*k] })).is_err()
            }) {
                Some(k) => format!("\"{k}\": {}", allowed(k)),
                None => e.to_string(),
            };
            format!("bad value for {hint}")
        })?;
        if let Some(Cadence::EveryDays { every_days: 0 }) = config.cadence {
            return Err("bad value for \"cadence\": every_days must be 1 or more".to_string());
        }
        if let Some(SummaryPeriod::Last { last: 0 }) = config.summary_period {
            return Err("bad value for \"summary_period\": last must be 1 or more".to_string());
        }
        if let Some(f) = &config.summary_format {
            if !["text", "markdown", "html", "json"].contains(&f.as_str()) {
                return Err(format!(
                    "bad value for \"summary_format\": {}",
                    allowed("summary_format")
                ));
            }
        }
        Ok(config)
    }
}

fn allowed(key: &str) -> &'static str {
    match key {
        "question_set" => "a question set id (see `selfcheck questions list`)",
        "cadence" => "\"weekly\" or {\"every_days\": N}",
        "crisis_region" => {
            "\"all\" or a region id of the question set (see `selfcheck config show`)"
        }
        "summary_period" => "\"latest\" or {\"last\": N}",
        "summary_format" => "one of \"text\", \"markdown\", \"html\", \"json\"",
        _ => "see `selfcheck config --help`",
    }
}
