//! Which crisis lines are shown, and why: the `crisis_region` of the configuration, else the
//! territory of the locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`: `en_AU.UTF-8` → AU)
//! when the question set has lines for it, else every region's lines.
//!
//! Choosing can never fail: an unknown configured region is a warning and every line is
//! shown, because a typo in a config file must never hide help from someone who needs it.
//! The lines themselves are data (`crisis` in the question set).

use crate::questionnaire::{CrisisRegion, CrisisText};

/// The region whose lines are shown (`None`: every region's), why, and any warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RegionChoice {
    /// The region id, or `None` for every region.
    pub region: Option<String>,
    /// Why this choice, in words for `config show`.
    pub why: String,
    /// A problem with the configured value, naming the key and what is used instead.
    pub warning: Option<String>,
}

impl RegionChoice {
    /// Chooses from the configured value and the environment (`var` reads a variable).
    pub(crate) fn choose(
        configured: Option<&str>,
        crisis: &CrisisText,
        var: impl Fn(&str) -> Option<String>,
    ) -> RegionChoice {
        let mut warning = None;
        match configured {
            Some(c) if c.eq_ignore_ascii_case("all") => {
                return RegionChoice {
                    region: None,
                    why: "every region's lines, as set by crisis_region".to_string(),
                    warning: None,
                }
            }
            Some(c) => match crisis.region(c) {
                Some(r) => {
                    return RegionChoice {
                        region: Some(r.id.clone()),
                        why: format!("{}, as set by crisis_region", r.name),
                        warning: None,
                    }
                }
                None => {
                    warning = Some(format!(
                        "bad value for \"crisis_region\": \"{c}\" is not a known region (known: {}); every region's lines are shown instead",
                        known(crisis)
                    ))
                }
            },
            None => {}
        }
        if let Some((name, value)) = locale(&var) {
            if let Some(r) = territory(&value).and_then(|t| region_of(crisis, &t)) {
                return RegionChoice {
                    region: Some(r.id.clone()),
                    why: format!("{}, from the locale ({name}={value})", r.name),
                    warning,
                };
            }
        }
        let why = if warning.is_some() {
            "every region's lines, because crisis_region is not a known region".to_string()
        } else {
            "every region's lines: crisis_region is not set and the locale names no known region"
                .to_string()
        };
        RegionChoice {
            region: None,
            why,
            warning,
        }
    }

    /// The same choice, from the process's environment.
    pub(crate) fn from_env(configured: Option<&str>, crisis: &CrisisText) -> RegionChoice {
        Self::choose(configured, crisis, |name| std::env::var(name).ok())
    }

    /// The full lines and the one-line version for this choice.
    pub(crate) fn lines(&self, crisis: &CrisisText) -> (Vec<String>, String) {
        crisis.for_region(self.region.as_deref().and_then(|r| crisis.region(r)))
    }
}

/// Every value `crisis_region` may take with this set.
pub(crate) fn known(crisis: &CrisisText) -> String {
    std::iter::once("all")
        .chain(crisis.regions.iter().map(|r| r.id.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The locale variable in force, as POSIX orders them, with its value.
fn locale(var: &impl Fn(&str) -> Option<String>) -> Option<(&'static str, String)> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()).map(|v| (name, v)))
}

/// The territory of a locale name (`en_AU.UTF-8@euro` → `AU`).
fn territory(locale: &str) -> Option<String> {
    let after = locale.split_once('_')?.1;
    let end = after.find(['.', '@']).unwrap_or(after.len());
    let t = &after[..end];
    (t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic())).then(|| t.to_ascii_uppercase())
}

/// The set's region for an ISO 3166 territory (the locale says GB where people say UK).
fn region_of<'a>(crisis: &'a CrisisText, territory: &str) -> Option<&'a CrisisRegion> {
    crisis
        .region(territory)
        .or_else(|| (territory == "GB").then(|| crisis.region("UK")).flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> CrisisText {
        let region = |id: &str, name: &str| CrisisRegion {
            id: id.to_string(),
            name: name.to_string(),
            line: format!("{name}: call"),
        };
        CrisisText {
            title: "Help".to_string(),
            lines: vec!["first".to_string(), "last".to_string()],
            short: "all short".to_string(),
            checked: None,
            regions: vec![
                region("US", "United States"),
                region("UK", "United Kingdom"),
                region("AU", "Australia"),
            ],
        }
    }

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    /// Configured value, environment, region chosen, whether it warns.
    type Case<'a> = (
        Option<&'a str>,
        &'a [(&'a str, &'a str)],
        Option<&'a str>,
        bool,
    );

    #[test]
    fn choices() {
        let t = text();
        let cases: &[Case] = &[
            (None, &[], None, false),
            (None, &[("LANG", "en_AU.UTF-8")], Some("AU"), false),
            (None, &[("LANG", "en_GB.UTF-8")], Some("UK"), false),
            (None, &[("LANG", "de_DE.UTF-8")], None, false),
            (None, &[("LANG", "C.UTF-8")], None, false),
            (
                None,
                &[("LC_ALL", "en_US"), ("LANG", "en_AU.UTF-8")],
                Some("US"),
                false,
            ),
            (
                None,
                &[
                    ("LC_ALL", ""),
                    ("LC_MESSAGES", "en_AU@x"),
                    ("LANG", "en_US"),
                ],
                Some("AU"),
                false,
            ),
            (Some("us"), &[("LANG", "en_AU.UTF-8")], Some("US"), false),
            (Some("all"), &[("LANG", "en_AU.UTF-8")], None, false),
            (Some("XX"), &[], None, true),
            (Some("XX"), &[("LANG", "en_AU.UTF-8")], Some("AU"), true),
        ];
        for (configured, vars, want, warns) in cases {
            let c = RegionChoice::choose(*configured, &t, env(vars));
            assert_eq!(c.region.as_deref(), *want, "{configured:?} {vars:?}");
            assert_eq!(c.warning.is_some(), *warns, "{configured:?} {vars:?}");
        }
    }

    #[test]
    fn lines_frame_the_regions() {
        let t = text();
        let one = RegionChoice::choose(Some("AU"), &t, env(&[]));
        assert_eq!(one.lines(&t).0, ["first", "Australia: call", "last"]);
        assert_eq!(one.lines(&t).1, "If things feel too much: Australia: call");
        let all = RegionChoice::choose(None, &t, env(&[]));
        assert_eq!(all.lines(&t).0.len(), 5);
        assert_eq!(all.lines(&t).1, "all short");
    }
}
