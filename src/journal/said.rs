//! What the words of `selfcheck log` say, as people write them: name and amount in either
//! order (`kratom 3g`, `3g kratom`, `2 glasses wine`), "for pain" after them, and names with
//! digits (`7-OH 1 tablet`, `Tylenol 3`); and what looks like an amount and is none, said.

use super::parse::{amount, known_units, unit, Amount};
use super::Misread;

/// What the words of `log` say: the name, the amount and the reasons.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Said {
    /// The name as typed (the words that are not the amount or the reasons).
    pub name: String,
    /// The amount, when given.
    pub amount: Option<Amount>,
    /// Reasons written after the rest ("for pain", "for pain and sleep").
    pub reasons: Vec<String>,
}

/// Words that say "much" without a number: after a name, a slip for an amount.
const VAGUE: &[&str] = &[
    "lots", "lot", "some", "loads", "plenty", "heaps", "much", "many", "few", "little", "bit",
    "bunch", "ton", "tons",
];

/// A number glued to letters (`3g`, `400mg`): the number and the letters.
fn glued(word: &str) -> Option<(&str, &str)> {
    let at = word.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
    let (num, rest) = word.split_at(at);
    (num.chars().any(|c| c.is_ascii_digit()) && rest.chars().all(char::is_alphabetic))
        .then_some((num, rest))
}

/// Whether a word is a number alone (`3`, `2.5`, `.5`).
fn is_number(word: &str) -> bool {
    !word.is_empty()
        && word.chars().any(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// The amount a run of one or two words is, when it is one: `3g`, `3 g`, `2 glasses`, `1`.
/// `Err` when it looks like an amount and is not one (`0g`, `3 bananas` at the end).
fn amount_at(words: &[&str]) -> Option<Result<Amount, Misread>> {
    let some = |w: &[&str]| {
        amount(&w.iter().map(|x| x.to_string()).collect::<Vec<_>>())
            .and_then(|a| a.ok_or(Misread::NeedsUnit))
    };
    match words {
        [one] if is_number(one) => Some(some(words)),
        [one] => glued(one).map(|(n, u)| some(&[n, u])),
        [n, u] if is_number(n) && unit(u).is_some() => Some(some(words)),
        _ => None,
    }
}

/// Reads the words of `log` as people write them: name and amount in either order (`kratom
/// 3g`, `3g kratom`, `2 glasses wine`, `red wine 2 glasses`), units with or without a
/// space, "for pain" after them, and names with digits (`7-OH 1 tablet`, `Tylenol 3`).
/// `is_name` says whether words are, whole, a known name (which then keeps its digits).
pub(crate) fn said(
    words: &[String],
    reasons: &[String],
    is_name: &dyn Fn(&str) -> bool,
) -> Result<Said, Misread> {
    let joined = words.join(" ");
    let mut tokens: Vec<&str> = joined.split_whitespace().collect();
    let mut found = Vec::new();
    // "... for pain", "... for pain and sleep": reasons at the end.
    if let Some(at) = tokens.iter().rposition(|w| w.eq_ignore_ascii_case("for")) {
        let after: Vec<String> = tokens[at + 1..]
            .iter()
            .map(|w| w.trim_matches(',').to_lowercase())
            .filter(|w| !w.is_empty() && w != "and" && w != "&")
            .collect();
        if after.is_empty() && at + 1 == tokens.len() {
            // "kratom 3g for": a reason left unsaid.
            tokens.truncate(at);
        } else if !after.is_empty() {
            if after.iter().all(|w| reasons.contains(w)) {
                found = after;
                tokens.truncate(at);
            } else if after.iter().any(|w| reasons.contains(w)) {
                return Err(Misread::Reasons {
                    words: tokens[at..].join(" "),
                    reasons: reasons.join(", "),
                });
            }
        }
    }
    found.dedup();
    // "Kratom, 3g": the comma is not part of the name.
    let tokens: Vec<&str> = tokens
        .iter()
        .map(|w| w.trim_end_matches(','))
        .filter(|w| !w.is_empty())
        .collect();
    let done = |name: &[&str], amount: Option<Amount>, reasons: Vec<String>| Said {
        name: name.join(" "),
        amount,
        reasons,
    };
    let n = tokens.len();
    if n == 0 || is_name(&tokens.join(" ")) {
        return Ok(done(&tokens, None, found));
    }
    if n == 1 {
        if let Some(a) = amount_at(&tokens) {
            // An amount and no name: the caller asks what was taken.
            return a.map(|a| done(&[], Some(a), found));
        }
    }
    // The amount at the end: "red wine 2 glasses", "oxy 5mg", "7-OH 1 tablet".
    for take in [2, 1] {
        if n > take {
            if let Some(a) = amount_at(&tokens[n - take..]) {
                let head = &tokens[..n - take];
                // "kratom 3g 2g": two amounts, one entry each.
                let another = head.len() > 1
                    && !is_name(&head.join(" "))
                    && matches!(amount_at(&head[head.len() - 1..]), Some(Ok(_)));
                if another {
                    return Err(Misread::TwoAmounts(tokens[n - take - 1..].join(" ")));
                }
                return a.map(|a| done(head, Some(a), found));
            }
        }
    }
    // ... or first: "2 glasses wine", "3g kratom".
    for take in [2, 1] {
        if n > take {
            if let Some(a) = amount_at(&tokens[..take]) {
                return a.map(|a| done(&tokens[take..], Some(a), found));
            }
        }
    }
    if n >= 2 && is_number(tokens[n - 2]) {
        return Err(Misread::UnknownUnit {
            unit: tokens[n - 1].to_string(),
            known: known_units(),
        });
    }
    // A last word that starts like a number and is none ("1e308g", "0g", "3gg").
    let numeric = |w: &&str| w.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    if let Some(last) = tokens.last().filter(|w| n >= 2 && numeric(w)) {
        return Err(Misread::NotAnAmount(last.to_string()));
    }
    // "kratom lots": a known name, then a word for "much" that is not an amount.
    if let Some(at) = (1..n).rev().find(|&k| is_name(&tokens[..k].join(" "))) {
        if tokens[at..]
            .iter()
            .all(|w| VAGUE.contains(&w.to_lowercase().as_str()) || w.eq_ignore_ascii_case("a"))
        {
            return Err(Misread::NotAnAmount(tokens[at..].join(" ")));
        }
    }
    Ok(done(&tokens, None, found))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said_as(words: &str) -> Result<Said, Misread> {
        let reasons: Vec<String> = ["pain", "stress", "mood", "sleep", "other"]
            .iter()
            .map(|r| r.to_string())
            .collect();
        let known = [
            "kratom",
            "wine",
            "red wine",
            "tylenol 3",
            "tylenol",
            "red vein",
        ];
        let words: Vec<String> = words.split(' ').map(str::to_string).collect();
        said(&words, &reasons, &|n: &str| {
            known.contains(&n.to_lowercase().as_str())
        })
    }

    #[test]
    fn names_and_amounts_in_either_order() {
        let is = |name: &str, v: Option<(f64, &str)>, reasons: &[&str]| {
            Ok(Said {
                name: name.to_string(),
                amount: v.map(|(value, unit)| Amount {
                    value,
                    unit: unit.into(),
                }),
                reasons: reasons.iter().map(|r| r.to_string()).collect(),
            })
        };
        assert_eq!(
            said_as("red vein kratom 4 grams"),
            is("red vein kratom", Some((4.0, "g")), &[])
        );
        assert_eq!(
            said_as("Maeng Da kratom 3g"),
            is("Maeng Da kratom", Some((3.0, "g")), &[])
        );
        assert_eq!(said_as("glass of wine"), is("glass of wine", None, &[]));
        assert_eq!(
            said_as("red wine 2 glasses"),
            is("red wine", Some((2.0, "glass")), &[])
        );
        assert_eq!(
            said_as("2 glasses wine"),
            is("wine", Some((2.0, "glass")), &[])
        );
        assert_eq!(said_as("3g kratom"), is("kratom", Some((3.0, "g")), &[]));
        assert_eq!(
            said_as("7-OH 1 tablet"),
            is("7-OH", Some((1.0, "tablet")), &[])
        );
        assert_eq!(said_as("Tylenol 3"), is("Tylenol 3", None, &[]));
        assert_eq!(
            said_as("tylenol 3 2 tablets"),
            is("tylenol 3", Some((2.0, "tablet")), &[])
        );
        assert_eq!(
            said_as("kratom 3 grams for pain"),
            is("kratom", Some((3.0, "g")), &["pain"])
        );
        assert_eq!(
            said_as("kratom 3g for pain and sleep"),
            is("kratom", Some((3.0, "g")), &["pain", "sleep"])
        );
        assert_eq!(said_as("kratom 3"), is("kratom", Some((3.0, "dose")), &[]));
    }

    #[test]
    fn what_is_not_an_amount_is_said() {
        assert!(said_as("kratom lots")
            .unwrap_err()
            .to_string()
            .contains("\"lots\" is not an amount"));
        assert!(said_as("kratom 3 bananas")
            .unwrap_err()
            .to_string()
            .contains("\"bananas\" is not a unit"));
        assert!(said_as("kratom 0g")
            .unwrap_err()
            .to_string()
            .contains("is not an amount"));
        assert!(said_as("kratom 3g for back pain")
            .unwrap_err()
            .to_string()
            .contains("the reasons are"));
        assert!(said_as("red vein").is_ok());
        assert!(said_as("kratom 3g 2g")
            .unwrap_err()
            .to_string()
            .contains("two amounts"));
        assert_eq!(
            said_as("kratom 3g for").map(|s| s.name),
            Ok("kratom".to_string())
        );
        assert_eq!(
            said_as("Kratom, 3g").map(|s| s.name),
            Ok("Kratom".to_string())
        );
        assert_eq!(said_as("for pain").map(|s| s.name), Ok(String::new()));
    }
}
