//! The set's own words that are not questions: what to say about talking to a clinician,
//! and the crisis lines by region.

use serde::{Deserialize, Serialize};

/// Texts about talking to a clinician.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClinicianText {
    /// Shown when any flag fired; followed by the flags' titles.
    pub when_flags: String,
    /// Shown when none fired.
    pub when_none: String,
}

/// Crisis resources.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisText {
    /// Heading of the full block.
    pub title: String,
    /// The full block: the first line (call your local emergency number) and the last
    /// (elsewhere) frame the regions' lines.
    pub lines: Vec<String>,
    /// The one-line version added by mood and substance flags, naming every region.
    pub short: String,
    /// When and how the lines were last checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<String>,
    /// Lines by region, for `crisis_region` in the configuration.
    #[serde(default)]
    pub regions: Vec<CrisisRegion>,
}

/// One region's crisis line.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisRegion {
    /// Region id used in the configuration (`US`, `UK`, ...).
    pub id: String,
    /// Its name.
    pub name: String,
    /// The line to call or text and the emergency number.
    pub line: String,
}

impl CrisisText {
    /// The region with this id (any case).
    pub fn region(&self, id: &str) -> Option<&CrisisRegion> {
        self.regions.iter().find(|r| r.id.eq_ignore_ascii_case(id))
    }

    /// The full lines and the one-line version for one region, or for every region when
    /// `region` is `None`. The first line (your local emergency number) and the last
    /// (elsewhere) always stay.
    pub fn for_region(&self, region: Option<&CrisisRegion>) -> (Vec<String>, String) {
        let chosen: Vec<&CrisisRegion> = match region {
            Some(r) => vec![r],
            None => self.regions.iter().collect(),
        };
        let Some((first, rest)) = self.lines.split_first() else {
            return (
                chosen.iter().map(|r| r.line.clone()).collect(),
                self.short.clone(),
            );
        };
        let mut lines = vec![first.clone()];
        lines.extend(chosen.iter().map(|r| r.line.clone()));
        lines.extend(rest.iter().cloned());
        let short = match region {
            Some(r) => format!("If things feel too much: {}", r.line),
            None => self.short.clone(),
        };
        (lines, short)
    }
}
