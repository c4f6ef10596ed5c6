//! What `selfcheck log NAME [AMOUNT [UNIT]]` was given: a name, and an amount with its unit,
//! forgiving about plurals, case and spacing (`3g`, `3 g`, `400mg`, `2 glasses`, `1.5`),
//! and clear about the rest.

use super::Misread;
use serde::{Deserialize, Serialize};

/// An amount with its unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    /// How much (more than 0).
    pub value: f64,
    /// The unit, canonical (`mg`, `g`, `glass`, …).
    pub unit: String,
}

/// Units and the ways they are written; the first is how it is stored.
const UNITS: &[(&str, &[&str])] = &[
    ("mcg", &["mcg", "µg", "ug", "microgram", "micrograms"]),
    ("mg", &["mg", "milligram", "milligrams"]),
    ("g", &["g", "gram", "grams", "gr"]),
    (
        "ml",
        &[
            "ml",
            "millilitre",
            "millilitres",
            "milliliter",
            "milliliters",
        ],
    ),
    ("l", &["l", "litre", "litres", "liter", "liters"]),
    (
        "tablet",
        &["tablet", "tablets", "tab", "tabs", "pill", "pills"],
    ),
    ("capsule", &["capsule", "capsules", "cap", "caps"]),
    ("drink", &["drink", "drinks"]),
    ("glass", &["glass", "glasses"]),
    ("cup", &["cup", "cups"]),
    ("bottle", &["bottle", "bottles"]),
    ("can", &["can", "cans"]),
    ("pint", &["pint", "pints"]),
    ("shot", &["shot", "shots"]),
    ("unit", &["unit", "units"]),
    ("puff", &["puff", "puffs"]),
    ("drop", &["drop", "drops"]),
    ("patch", &["patch", "patches"]),
    ("dose", &["dose", "doses"]),
    (
        "spoon",
        &["spoon", "spoons", "teaspoon", "teaspoons", "tsp"],
    ),
];

/// The canonical unit for a unit as typed.
pub(crate) fn unit(typed: &str) -> Option<&'static str> {
    let t = typed.trim().to_lowercase();
    UNITS
        .iter()
        .find(|(_, forms)| forms.contains(&t.as_str()))
        .map(|(canon, _)| *canon)
}

/// Every unit understood, for an error message.
pub(crate) fn known_units() -> String {
    UNITS.iter().map(|(u, _)| *u).collect::<Vec<_>>().join(", ")
}

/// A number as typed: `3`, `2.5`, `2,5`; more than 0 and at most a million.
fn number(text: &str) -> Option<f64> {
    let v: f64 = text.replace(',', ".").parse().ok()?;
    (v.is_finite() && v > 0.0 && v <= 1_000_000.0).then_some(v)
}

/// The amount from the words after the name: nothing, `3g`, `3 g`, `2 glasses`, `1`
/// (no unit: a count of doses). An error says what was expected.
pub(crate) fn amount(words: &[String]) -> Result<Option<Amount>, Misread> {
    let joined = words.join(" ");
    let text = joined.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(text.len());
    let (num, rest) = text.split_at(split);
    let value = number(num.trim()).ok_or_else(|| Misread::NotAnAmount(text.to_string()))?;
    let rest = rest.trim();
    if rest.is_empty() {
        return Ok(Some(Amount {
            value,
            unit: "dose".to_string(),
        }));
    }
    let unit = unit(rest).ok_or_else(|| Misread::UnknownUnit {
        unit: rest.to_string(),
        known: known_units(),
    })?;
    Ok(Some(Amount {
        value,
        unit: unit.to_string(),
    }))
}

/// An amount in words: "3 g", "2 glasses", "1 tablet".
pub(crate) fn words(a: &Amount) -> String {
    let v = if a.value.fract() == 0.0 {
        format!("{}", a.value as i64)
    } else {
        format!("{}", a.value)
    };
    let unit = match a.unit.as_str() {
        u @ ("mcg" | "mg" | "g" | "ml" | "l") => u.to_string(),
        u if a.value == 1.0 => u.to_string(),
        "glass" => "glasses".to_string(),
        "patch" => "patches".to_string(),
        u => format!("{u}s"),
    };
    format!("{v} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(words: &[&str]) -> Result<Option<Amount>, Misread> {
        amount(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn forgiving_about_spacing_plurals_and_case() {
        let g = Some(Amount {
            value: 3.0,
            unit: "g".into(),
        });
        assert_eq!(a(&["3g"]), Ok(g.clone()));
        assert_eq!(a(&["3", "g"]), Ok(g.clone()));
        assert_eq!(a(&["3", "Grams"]), Ok(g));
        let is = |v: f64, u: &str| {
            Ok(Some(Amount {
                value: v,
                unit: u.into(),
            }))
        };
        assert_eq!(a(&["400mg"]), is(400.0, "mg"));
        assert_eq!(a(&["2", "glasses"]), is(2.0, "glass"));
        assert_eq!(a(&["2,5", "ml"]), is(2.5, "ml"));
        assert_eq!(a(&["1"]), is(1.0, "dose"));
        assert_eq!(a(&[]), Ok(None));
    }

    #[test]
    fn clear_about_the_rest() {
        assert!(a(&["lots"])
            .unwrap_err()
            .to_string()
            .contains("is not an amount"));
        assert!(a(&["0", "g"])
            .unwrap_err()
            .to_string()
            .contains("is not an amount"));
        assert!(a(&["3", "bananas"])
            .unwrap_err()
            .to_string()
            .contains("is not a unit selfcheck knows"));
        assert!(a(&["-2", "g"]).is_err());
    }

    #[test]
    fn amounts_in_words() {
        let w = |v: f64, u: &str| {
            words(&Amount {
                value: v,
                unit: u.into(),
            })
        };
        assert_eq!(w(3.0, "g"), "3 g");
        assert_eq!(w(2.0, "glass"), "2 glasses");
        assert_eq!(w(1.0, "tablet"), "1 tablet");
        assert_eq!(w(2.5, "tablet"), "2.5 tablets");
    }
}
