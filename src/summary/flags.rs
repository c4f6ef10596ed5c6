//! Flag lines of the summary: one per flag id that fired in the period, with the rule, its
//! sources, persistence, and the evidence worded from its kind. One item shows its answer
//! ("5 of 7"), a sum says sum, and a rule across check-ins is an event with its date and the
//! values behind it, never a present-tense claim that may be false at the end of the period.

use std::collections::BTreeSet;

use crate::engine::period::persistent;
use crate::engine::Evaluation;
use crate::questionnaire::{PersistenceRule, Questionnaire, Severity, Situation};
use crate::store::StoredCheckin;

use super::evidence::{day, evidence};
use super::model::FlagLine;

/// A flag rule of either kind, as the summary needs it.
struct RuleText<'a> {
    id: &'a str,
    title: &'a str,
    short: Option<&'a str>,
    severity: Severity,
    own_rule: bool,
    sources: &'a [String],
    rule: &'a str,
    message: &'a str,
    graded: &'a [crate::questionnaire::Graded],
    /// The message for a strongest answer before the latest check-in (safety rules).
    earlier: Option<&'a str>,
    /// The item a one-comparison rule tests.
    item: Option<&'a str>,
    /// A rule that brings the full crisis block: its answers are all told, with dates.
    safety: bool,
    situation: Situation,
    can_persist: bool,
    items: &'a [String],
}

fn rules(q: &Questionnaire) -> Vec<RuleText<'_>> {
    let one = q.def.flags.iter().map(|f| RuleText {
        id: &f.id,
        title: &f.title,
        short: f.short.as_deref(),
        severity: f.severity,
        own_rule: f.own_rule,
        sources: &f.sources,
        rule: &f.rule,
        message: &f.message,
        graded: &f.graded,
        earlier: f.earlier.as_deref(),
        item: super::safety::item_of(&f.when),
        safety: f.crisis == crate::questionnaire::CrisisLevel::Full
            || f.situation == Some(Situation::Safety),
        situation: if f.crisis == crate::questionnaire::CrisisLevel::Full {
            Situation::Safety
        } else {
            f.situation.unwrap_or(Situation::Other)
        },
        can_persist: f.persistence,
        items: &[],
    });
    let across = q.def.trend_flags.iter().map(|f| RuleText {
        id: &f.id,
        title: &f.title,
        short: f.short.as_deref(),
        severity: f.severity,
        own_rule: f.own_rule,
        sources: &f.sources,
        rule: &f.rule,
        message: &f.message,
        graded: &[],
        earlier: None,
        item: None,
        safety: false,
        situation: f.situation.unwrap_or(Situation::Other),
        can_persist: f.persistence,
        items: &f.items,
    });
    one.chain(across).collect()
}

/// The persistence rule in words.
pub(super) fn persistence_words(p: PersistenceRule) -> String {
    format!(
        "in {} or more of the last {} check-ins: this tool's own rule for \"frequent or long-lasting\"",
        p.min_count, p.window
    )
}

/// One line per flag id that fired in `range`, in the latest set's order, most serious
/// first; the sources they cite are added to `cited`.
pub(super) fn flag_lines(
    history: &[StoredCheckin],
    evals: &[Evaluation],
    range: &std::ops::Range<usize>,
    cited: &mut BTreeSet<String>,
) -> Vec<FlagLine> {
    let q = &history[range.end - 1].questionnaire;
    let persistence = q.def.persistence;
    let mut flags = Vec::new();
    // Safety rules' answers are told whole: every one above the lowest, with its day.
    let safety_items: Vec<(String, String)> = rules(q)
        .iter()
        .filter(|r| r.safety)
        .filter_map(|r| Some((r.id.to_string(), r.item?.to_string())))
        .collect();
    for r in rules(q) {
        let fired: Vec<usize> = range
            .clone()
            .filter(|&i| evals[i].flags.iter().any(|f| f == r.id))
            .collect();
        if fired.is_empty() {
            continue;
        }
        cited.extend(r.sources.iter().cloned());
        let evidence = fired
            .iter()
            .flat_map(|&i| {
                evals[i]
                    .bases
                    .iter()
                    .filter(|(f, _)| f == r.id)
                    .flat_map(|(_, basis)| evidence(&history[i], basis, r.items))
                    .collect::<Vec<_>>()
            })
            .collect();
        flags.push(FlagLine {
            id: r.id.to_string(),
            title: r.title.to_string(),
            short: r.short.unwrap_or(r.title).to_string(),
            severity: r.severity,
            situation: r.situation,
            own_rule: r.own_rule,
            source: q.citations(r.sources),
            source_short: q.short_citations(r.sources, r.own_rule),
            rule: r.rule.to_string(),
            message: super::safety::period_message(
                &super::safety::Message {
                    base: r.message,
                    graded: r.graded,
                    earlier: r.earlier,
                    item: r.item,
                },
                history,
                &fired,
                range.end - 1,
            ),
            dates: fired.iter().map(|&i| history[i].record.date).collect(),
            count: fired.len(),
            persistent: persistent(evals, range, r.id, persistence, r.can_persist),
            persistence_rule: persistence.filter(|_| r.can_persist).map(persistence_words),
            evidence,
            recent: 0,
            window: 0,
            new: false,
            in_latest: false,
            told_whole: false,
            highest: None,
            last: None,
            when: String::new(),
            when_short: String::new(),
            why: String::new(),
            from_journal: false,
        });
    }
    let window = persistence.map_or(4, |p| p.window).max(1);
    let n_period = range.len();
    for f in &mut flags {
        let fired = |i: usize| evals[i].flags.contains(&f.id);
        let start = range.end.saturating_sub(window);
        f.recent = (start..range.end).filter(|&i| fired(i)).count();
        f.window = range.end - start;
        let last = range.end - 1;
        f.new = fired(last) && (last == 0 || !fired(last - 1));
        f.in_latest = fired(last);
        f.last = f.dates.last().copied();
        f.when = when_words(f, n_period);
        f.when_short = when_short(f, n_period);
        f.why = why_words(f);
        if let Some(item) = safety_items
            .iter()
            .find(|(id, _)| *id == f.id)
            .map(|(_, i)| i)
        {
            let fired: Vec<usize> = range.clone().filter(|&i| fired(i)).collect();
            f.why = super::safety::answers_words(history, &fired, last, item);
            f.told_whole = true;
            f.highest = f
                .evidence
                .iter()
                .max_by_key(|e| (e.value.as_i64(), e.date))
                .cloned();
        }
    }
    // Priority: urgent, then persistent, then new since the check-in before, then the rest;
    // by severity within each, then in the set's order.
    flags.sort_by_key(|f| {
        let rank = match f.severity {
            Severity::Urgent => 0,
            _ if f.persistent => 1,
            _ if f.new => 2,
            _ => 3,
        };
        (rank, f.severity)
    });
    flags
}

/// "4 of the last 4 check-ins, persistent", "this check-in, new", "in 5 of the 11
/// check-ins of this period, the latest among them; 3 of the last 4, persistent", "in 3 of
/// the 22 check-ins of this period, last on 14 Sep 2026, not since": a flag that is not in
/// the latest check-in never reads as current.
fn when_words(f: &FlagLine, n_period: usize) -> String {
    let mut out = if n_period > 1 {
        let of = if f.count == n_period {
            format!("all {n_period}")
        } else {
            format!("{} of the {n_period}", f.count)
        };
        let latest = match f.last {
            Some(d) if !f.in_latest => format!(", last on {}, not since", day(d)),
            _ if f.count == n_period => String::new(),
            _ => ", the latest among them".to_string(),
        };
        format!(
            "in {of} check-ins of this period{latest}; {} of the last {}",
            f.recent, f.window
        )
    } else if f.window <= 1 {
        "this check-in".to_string()
    } else {
        format!("{} of the last {} check-ins", f.recent, f.window)
    };
    if f.persistent {
        out.push_str(", persistent");
    } else if f.new && f.window > 1 {
        out.push_str(", new since the check-in before");
    }
    out
}

/// The same, shortest, for a printed list: "12 of 12 check-ins, persistent", "3 of 12
/// check-ins, in the latest", "3 of 22 check-ins, last on 14 Sep 2026, not since".
fn when_short(f: &FlagLine, n_period: usize) -> String {
    let mut out = format!(
        "{} of {n_period} check-in{}",
        f.count,
        if n_period == 1 { "" } else { "s" }
    );
    if n_period > 1 {
        match f.last {
            Some(d) if !f.in_latest => out.push_str(&format!(", last on {}, not since", day(d))),
            _ if f.persistent => out.push_str(", persistent"),
            _ if f.new => out.push_str(", new in the latest"),
            _ if f.count < n_period => out.push_str(", in the latest"),
            _ => {}
        }
    }
    out
}

/// The latest answers behind a flag, in one line: "label: answer; label: answer".
fn why_words(f: &FlagLine) -> String {
    let latest = f.evidence.last().map(|e| e.fired_on);
    let parts: Vec<String> = f
        .evidence
        .iter()
        .filter(|e| Some(e.fired_on) == latest)
        .map(|e| format!("{}: {}", e.label, crate::base::text::safe(&e.text)))
        .collect();
    parts.join("; ")
}
