//! The notice `log` prints when a new entry and another of a different sedating class were
//! taken within the rule's window: both entries with their times, what together they can
//! do, the danger signs with the region's emergency number, and naloxone where an opioid,
//! kratom or tianeptine is in the pair (CDC 2022, recommendation 8). Told once per pair of
//! classes a day; a pair of entries both taken as prescribed (a regimen) once a week, so
//! a daily regimen is not warned about at every dose. The flag stays in summaries. It is
//! never followed by the suicide line: a pair is not a self-harm answer.

use chrono::{Duration, NaiveDate};

use crate::journal::{self, JournalEntry, Substances};

use super::super::Context;

/// A pair the new entry makes, with the hours between (none when one has no time).
pub(super) struct Pair<'a> {
    other: &'a JournalEntry,
    hours: Option<f64>,
}

/// The two classes of a pair, in a fixed order: "kratom with alcohol" is told once a day,
/// whichever strain or drink.
fn keys(a: &JournalEntry, b: &JournalEntry) -> (String, String) {
    let (x, y) = (a.class.clone(), b.class.clone());
    if x <= y {
        (x, y)
    } else {
        (y, x)
    }
}

/// The pairs `entry` makes with `around` that have not been told yet: a pair of the same two
/// classes already made that day (a prescribed pair: in the 7 days up to it) was told.
pub(in crate::commands) fn untold<'a>(
    entry: &JournalEntry,
    around: &'a [JournalEntry],
    substances: &Substances,
) -> Vec<Pair<'a>> {
    let told: Vec<((String, String), NaiveDate, bool)> = journal::combinations(around, substances)
        .iter()
        .filter_map(|c| {
            let a = around.iter().find(|e| e.id == c.entries[0])?;
            let b = around.iter().find(|e| e.id == c.entries[1])?;
            Some((keys(a, b), a.date.max(b.date), a.prescribed && b.prescribed))
        })
        .collect();
    let mut out: Vec<Pair<'a>> = Vec::new();
    for other in around {
        let Some(hours) = journal::combos::pair(entry, other, substances) else {
            continue;
        };
        let k = keys(entry, other);
        let regimen = entry.prescribed && other.prescribed;
        let day = entry.date.max(other.date);
        let already = told.iter().any(|(tk, d, p)| {
            *tk == k
                && if regimen {
                    *p && *d <= day && *d > day - Duration::days(7)
                } else {
                    *d == day
                }
        }) || out.iter().any(|p| keys(entry, p.other) == k);
        if !already {
            out.push(Pair { other, hours });
        }
    }
    out
}

/// The emergency number of the region whose crisis lines are shown, else every region's.
pub(in crate::commands) fn emergency(ctx: &Context, substances: &Substances) -> String {
    let notice = &substances.combination.notice;
    let region = crate::questionnaire::Questionnaire::builtin()
        .ok()
        .and_then(|q| ctx.region(&ctx.crisis_text(&q)).region);
    region
        .and_then(|r| notice.emergency.get(&r).cloned())
        .unwrap_or_else(|| notice.emergency_any.clone())
}

/// One entry in the notice: "kratom 3 g at 09:00" ("on 1 Dec" when of another day).
fn described(e: &JournalEntry, day: NaiveDate) -> String {
    let amount = e
        .amount
        .as_ref()
        .map(|a| format!(" {}", journal::parse::words(a)))
        .unwrap_or_default();
    let at = e
        .time
        .as_ref()
        .map(|t| format!(" at {t}"))
        .unwrap_or_default();
    let on = if e.date == day {
        String::new()
    } else {
        e.date.format(" on %-d %b").to_string()
    };
    format!("{}{amount}{at}{on}", e.name)
}

/// The notice, wrapped to the terminal.
pub(in crate::commands) fn notice(
    entry: &JournalEntry,
    pairs: &[Pair<'_>],
    substances: &Substances,
    emergency: &str,
) -> String {
    let rule = &substances.combination;
    let n = &rule.notice;
    let width = crate::base::text::width();
    let mut out = String::new();
    let mut para = |text: &str| {
        out.push_str(&crate::base::text::wrap(text, "", width));
        out.push('\n');
    };
    for p in pairs {
        // The earlier entry first.
        let when = |e: &JournalEntry| (e.date, e.time_of_day());
        let (first, second) = if when(p.other) <= when(entry) {
            (p.other, entry)
        } else {
            (entry, p.other)
        };
        let apart = match p.hours {
            Some(_) => format!("within {} hours", rule.window_hours),
            None => "on the same day".to_string(),
        };
        para(&format!(
            "{}: {}",
            rule.short,
            n.pair
                .replace("{first}", &described(first, entry.date))
                .replace("{second}", &described(second, entry.date))
                .replace("{apart}", &apart)
        ));
    }
    para(&n.together);
    para(&n.danger.replace("{emergency}", emergency));
    let naloxone = |e: &JournalEntry| substances.class(&e.class).is_some_and(|c| c.naloxone);
    if naloxone(entry) || pairs.iter().any(|p| naloxone(p.other)) {
        para(&n.naloxone);
    }
    para(&n.ask);
    out
}
