//! A safety rule over a period, told as it happened: its message follows the strongest
//! answer of the period and says when it was given (the rule's `earlier` text for an answer
//! before the latest check-in: never "today" for an answer of weeks ago), and its answers
//! are every one above "Not at all", each with its day, then the latest answer.

use crate::answers::describe_slot;
use crate::questionnaire::{Condition, Graded, Operand, Questionnaire};
use crate::store::StoredCheckin;

use super::evidence::day;

/// What a rule's period message needs.
pub(super) struct Message<'a> {
    pub base: &'a str,
    pub graded: &'a [Graded],
    pub earlier: Option<&'a str>,
    /// The item the rule asks about, for `{answer}`.
    pub item: Option<&'a str>,
}

/// The item a one-comparison rule tests (the self-harm item of a safety rule).
pub(super) fn item_of(when: &Condition) -> Option<&str> {
    match when {
        Condition::Compare(c) => match &c.operand {
            Operand::Item(id) => Some(id.as_str()),
            Operand::Score(_) => None,
        },
        _ => None,
    }
}

/// How strong the graded message at `at` is: 0 for the rule's own, more for one earlier in
/// the graded list (the first that holds is used).
fn strength(m: &Message<'_>, at: &StoredCheckin) -> usize {
    let lookup = |op: &Operand| crate::engine::fact(&at.questionnaire, &at.record.answers, op);
    m.graded
        .iter()
        .position(|g| g.when.eval(&lookup))
        .map_or(0, |p| m.graded.len() - p)
}

/// The message for the check-ins `fired` of `history` (the period's latest is `latest`):
/// that of the strongest answer (the latest among equals); for one before the latest
/// check-in, the `earlier` text when the rule has one. `{answer}` and `{date}` are filled in.
pub(super) fn period_message(
    m: &Message<'_>,
    history: &[StoredCheckin],
    fired: &[usize],
    latest: usize,
) -> String {
    let Some(strongest) = fired
        .iter()
        .copied()
        .max_by_key(|&i| (strength(m, &history[i]), i))
    else {
        return m.base.to_string();
    };
    let at = &history[strongest];
    let lookup = |op: &Operand| crate::engine::fact(&at.questionnaire, &at.record.answers, op);
    let template = match m.earlier {
        Some(earlier) if strongest != latest => earlier,
        _ => m
            .graded
            .iter()
            .find(|g| g.when.eval(&lookup))
            .map_or(m.base, |g| g.message.as_str()),
    };
    let answer = m
        .item
        .map(|id| answer_words(&at.questionnaire, at, id))
        .unwrap_or_default();
    template
        .replace("{answer}", &answer)
        .replace("{date}", &day(at.record.date))
}

/// The answer behind a safety flag `flag` in one check-in, in words ("Nearly every day"),
/// when `flag` is a rule that brings the full crisis block and tests one item.
pub fn answer_of(c: &StoredCheckin, flag: &str) -> Option<String> {
    let rule = c
        .questionnaire
        .def
        .flags
        .iter()
        .find(|f| f.id == flag && f.crisis == crate::questionnaire::CrisisLevel::Full)?;
    let item = item_of(&rule.when)?;
    Some(answer_words(&c.questionnaire, c, item))
}

/// "Nearly every day" (the words of the answer, without its number).
fn answer_words(q: &Questionnaire, c: &StoredCheckin, id: &str) -> String {
    let text = describe_slot(q, id, c.record.answers.get(id));
    // "3 (Nearly every day)" reads as its words.
    match (text.find(" ("), text.ends_with(')')) {
        (Some(at), true) if text[..at].chars().all(|c| c.is_ascii_digit()) => {
            text[at + 2..text.len() - 1].to_string()
        }
        _ => text,
    }
}

/// Every answer above "Not at all" in `fired`, with its day, then the latest answer of the
/// period: "\"Nearly every day\" on 9 Nov 2026; \"Several days\" on 16 Nov 2026; latest
/// (30 Nov 2026): \"Not at all\"".
pub(super) fn answers_words(
    history: &[StoredCheckin],
    fired: &[usize],
    latest: usize,
    item: &str,
) -> String {
    let said = |i: usize| {
        let c = &history[i];
        format!("\"{}\"", answer_words(&c.questionnaire, c, item))
    };
    let mut parts: Vec<String> = fired
        .iter()
        .map(|&i| format!("{} on {}", said(i), day(history[i].record.date)))
        .collect();
    if fired.last() != Some(&latest) {
        parts.push(format!(
            "latest ({}): {}",
            day(history[latest].record.date),
            said(latest)
        ));
    } else if let Some(last) = parts.last_mut() {
        *last = format!("{last} (the latest)");
    }
    parts.join("; ")
}
