//! The evaluation engine, table-driven: answer sets and sequences of check-ins in; flags,
//! persistence, improvement, change over the period, crisis level and evidence out, at
//! every boundary. Runs the library directly on in-memory check-ins of the built-in set.

use crate::common;

use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use common::{quiet_week, week_with};
use selfcheck::engine::period::{crisis_level, period_changes, weeks_between};
use selfcheck::engine::{evaluate_all, Direction};
use selfcheck::questionnaire::{CrisisLevel, Questionnaire};
use selfcheck::store::record::{CheckinRecord, QuestionnaireRef, SCHEMA_VERSION};
use selfcheck::store::StoredCheckin;
use selfcheck::summary::{self, EvidenceKind, Scope};
use serde_json::{json, Value};

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 7).unwrap() + Duration::days(7 * n)
}

/// Weekly check-ins from 7 Sep 2026, one per answer set.
fn history(weeks: &[Value]) -> Vec<StoredCheckin> {
    let q = Arc::new(Questionnaire::builtin().unwrap());
    weeks
        .iter()
        .enumerate()
        .map(|(i, answers)| {
            let answers = common::follow_ups(answers);
            let answers = selfcheck::engine::from_answers_file(&q, answers.to_string().as_bytes())
                .unwrap_or_else(|p| panic!("week {i}: {p:?}"));
            let date = day(i as i64);
            StoredCheckin {
                record: CheckinRecord {
                    schema_version: SCHEMA_VERSION,
                    id: format!("{date}_120000-000{i}"),
                    date,
                    recorded_at: date.and_hms_opt(12, 0, 0).unwrap().and_utc().fixed_offset(),
                    questionnaire: QuestionnaireRef::of(&q),
                    answers,
                    written_by: None,
                    offered: Default::default(),
                },
                questionnaire: q.clone(),
                path: format!("/nowhere/{i}.json").into(),
            }
        })
        .collect()
}

fn flags_of(weeks: &[Value]) -> Vec<String> {
    let h = history(weeks);
    evaluate_all(&h, 0..h.len()).last().unwrap().flags.clone()
}

fn peg(sum: i64) -> Value {
    // Split a PEG sum (0-30) over the three items.
    let a = sum / 3;
    let rest = sum - 3 * a;
    week_with(json!({
        "peg_pain": a + i64::from(rest > 0),
        "peg_enjoyment": a + i64::from(rest > 1),
        "peg_activity": a,
    }))
}

fn relief(days: i64) -> Value {
    week_with(json!({ "relief_use_days": days }))
}

#[test]
fn one_checkin_flags_at_their_boundaries() {
    let cases: &[(Value, &str, bool)] = &[
        (json!({}), "safety", false),
        (json!({"phq_selfharm": 1}), "safety", true),
        (json!({"phq_interest": 1, "phq_mood": 1}), "low_mood", false),
        (json!({"phq_interest": 1, "phq_mood": 2}), "low_mood", true),
        (json!({"phq_interest": 1}), "anhedonia", false),
        (json!({"phq_interest": 2}), "anhedonia", true),
        (json!({"gad_nervous": 2, "gad_worry": 0}), "anxiety", false),
        (json!({"gad_nervous": 2, "gad_worry": 1}), "anxiety", true),
        (json!({"relief_use_days": 3}), "relief_most_days", false),
        (json!({"relief_use_days": 4}), "relief_most_days", true),
        (json!({"use_cut_down": true}), "substance_reliance", true),
        (json!({"cycle_concern": true}), "pain_mood_cycle", true),
        (
            json!({"pain_frequency_3m": "most_days", "pain_sleep": 4}),
            "pain_affects_sleep",
            false,
        ),
        (
            json!({"pain_frequency_3m": "most_days", "pain_sleep": 5}),
            "pain_affects_sleep",
            true,
        ),
        (
            json!({"pain_frequency_3m": "some_days", "pain_sleep": 9}),
            "pain_affects_sleep",
            false,
        ),
        (
            json!({"pain_frequency_3m": "most_days"}),
            "chronic_pain",
            true,
        ),
        (
            json!({"pain_frequency_3m": "most_days", "pain_limits_3m": "some_days"}),
            "high_impact_pain",
            false,
        ),
        (
            json!({"pain_frequency_3m": "every_day", "pain_limits_3m": "most_days"}),
            "high_impact_pain",
            true,
        ),
    ];
    for (changes, flag, fires) in cases {
        let flags = flags_of(&[week_with(changes.clone())]);
        assert_eq!(
            flags.iter().any(|f| f == flag),
            *fires,
            "{changes} → {flag}: {flags:?}"
        );
    }
    assert!(flags_of(&[quiet_week()]).is_empty());
}

#[test]
fn crisis_level_is_the_highest_of_the_flags() {
    let q = Questionnaire::builtin().unwrap();
    let cases: &[(&[&str], CrisisLevel)] = &[
        (&[], CrisisLevel::None),
        (&["chronic_pain"], CrisisLevel::None),
        (&["low_mood"], CrisisLevel::Short),
        (&["relief_use_rising", "chronic_pain"], CrisisLevel::Short),
        (&["low_mood", "safety"], CrisisLevel::Full),
    ];
    for (flags, level) in cases {
        assert_eq!(crisis_level(&q, flags.iter().copied()), *level, "{flags:?}");
    }
}

#[test]
fn pain_worse_and_improvement_between_neighbours() {
    // (previous PEG sum, this one, flag fires, change reported); version 3 (contract.md):
    // 2 PEG points (a sum of 6) between neighbours, 1 point (30%) no longer.
    let cases: &[(i64, i64, bool, Option<Direction>)] = &[
        (20, 26, true, Some(Direction::Worse)),
        (20, 25, false, None),
        (10, 13, false, None),
        (11, 14, false, None),
        (26, 20, false, Some(Direction::Improvement)),
        (13, 10, false, None),
        (12, 12, false, None),
    ];
    for (from, to, fires, change) in cases {
        let h = history(&[peg(*from), peg(*to)]);
        let evals = evaluate_all(&h, 0..2);
        let last = &evals[1];
        assert_eq!(
            last.flags.iter().any(|f| f == "pain_worse"),
            *fires,
            "{from} → {to}"
        );
        assert_eq!(
            last.steps.first().map(|s| s.direction),
            *change,
            "{from} → {to}"
        );
    }
}

#[test]
fn relief_use_rising_needs_a_run_ending_at_the_checkin() {
    // Version 2 (contract.md): d1 <= d2 <= d3 <= d4 and d4 - d1 >= 2.
    let cases: &[(&[i64], bool)] = &[
        (&[1, 2, 3, 4], true),
        (&[0, 1, 2, 3, 4], true),
        (&[1, 1, 2, 3], true),
        (&[1, 2, 2, 4], true),
        (&[1, 2, 1, 3], false),
        (&[0, 0, 0, 1], false),
        (&[2, 3, 4], false),
        (&[1, 2, 3, 4, 4], true),
        (&[3, 2, 3, 3, 3], false),
    ];
    for (days, fires) in cases {
        let weeks: Vec<Value> = days.iter().map(|d| relief(*d)).collect();
        let flags = flags_of(&weeks);
        assert_eq!(
            flags.iter().any(|f| f == "relief_use_rising"),
            *fires,
            "{days:?}"
        );
    }
}

#[test]
fn persistence_needs_three_of_the_last_four() {
    let low = week_with(json!({"phq_interest": 2, "phq_mood": 2}));
    let ok = quiet_week();
    let chronic = week_with(json!({"pain_frequency_3m": "most_days"}));
    let cases: &[(Vec<Value>, &str, bool)] = &[
        (
            vec![low.clone(), low.clone(), ok.clone(), low.clone()],
            "low_mood",
            true,
        ),
        (
            vec![low.clone(), ok.clone(), ok.clone(), low.clone()],
            "low_mood",
            false,
        ),
        (
            vec![low.clone(), low.clone(), low.clone()],
            "low_mood",
            false,
        ),
        (
            vec![ok.clone(), low.clone(), low.clone(), low.clone()],
            "low_mood",
            true,
        ),
        (
            vec![
                chronic.clone(),
                chronic.clone(),
                chronic.clone(),
                chronic.clone(),
            ],
            "chronic_pain",
            false,
        ),
    ];
    for (weeks, flag, persistent) in cases {
        let h = history(weeks);
        let s = summary::build(&h, 0..h.len(), Scope::Period);
        let f = s.flags.iter().find(|f| f.id == *flag).expect("flag fired");
        assert_eq!(f.persistent, *persistent, "{flag} in {} weeks", weeks.len());
    }
    let h = history(&[quiet_week()]);
    let s = summary::build(&h, 0..1, Scope::Latest);
    assert_eq!(
        s.persistence_rule.as_deref(),
        Some("in 3 or more of the last 4 check-ins: this tool's own rule for \"frequent or long-lasting\"")
    );
}

#[test]
fn change_over_the_period_is_first_to_latest() {
    // Small steps, none meaningful on its own, add up to a meaningful rise.
    let sums = [8, 10, 12, 14, 16];
    let h = history(&sums.map(peg));
    let evals = evaluate_all(&h, 0..h.len());
    assert!(evals
        .iter()
        .all(|e| !e.flags.iter().any(|f| f == "pain_worse")));
    let changes = period_changes(&h);
    assert_eq!(changes.len(), 1);
    let c = &changes[0];
    assert_eq!((c.from, c.to, c.max), (8, 16, 30));
    assert_eq!((c.from_date, c.to_date), (day(0), day(4)));
    assert_eq!(c.direction, Some(Direction::Worse));
    let s = summary::period(&h, 0..h.len());
    assert!(
        s.period_changes[0]
            .text
            .contains("from 8 of 30 on 7 Sep 2026 to 16 of 30 on 5 Oct 2026, a meaningful rise"),
        "{}",
        s.period_changes[0].text
    );
    // Back down: improvement; flat: nothing meaningful; one check-in: no change at all.
    assert_eq!(
        period_changes(&history(&[peg(16), peg(15), peg(8)]))[0].direction,
        Some(Direction::Improvement)
    );
    assert_eq!(
        period_changes(&history(&[peg(12), peg(13)]))[0].direction,
        None
    );
    assert!(period_changes(&history(&[peg(12)])).is_empty());
}

#[test]
fn evidence_is_worded_from_its_kind() {
    // One item: its answer, never "sum".
    let h = history(&[relief(4)]);
    let s = summary::build(&h, 0..1, Scope::Latest);
    let e = &s
        .flags
        .iter()
        .find(|f| f.id == "relief_most_days")
        .unwrap()
        .evidence[0];
    assert_eq!(e.kind, EvidenceKind::Item);
    assert_eq!(e.text, "4 of 7");
    // A run across check-ins: an event with its date and the values behind it.
    let h = history(&[relief(1), relief(2), relief(3), relief(5)]);
    let s = summary::build(&h, 3..4, Scope::Latest);
    let f = s
        .flags
        .iter()
        .find(|f| f.id == "relief_use_rising")
        .unwrap();
    assert_eq!(f.evidence.len(), 1);
    let e = &f.evidence[0];
    assert_eq!(e.kind, EvidenceKind::Event);
    assert_eq!(
        e.text,
        "rose three times in a row, to 5 of 7 on 28 Sep 2026: 1, 2, 3, 5"
    );
    assert_eq!(
        e.series.iter().map(|p| p.value).collect::<Vec<_>>(),
        [1, 2, 3, 5]
    );
    // A rise between two check-ins of a sum: says sum, both days and the highest value.
    let h = history(&[peg(10), peg(16)]);
    let s = summary::build(&h, 1..2, Scope::Latest);
    let e = &s
        .flags
        .iter()
        .find(|f| f.id == "pain_worse")
        .unwrap()
        .evidence[0];
    assert_eq!(e.kind, EvidenceKind::Event);
    assert_eq!(
        e.text,
        "sum rose from 10 of 30 on 7 Sep 2026 to 16 of 30 on 14 Sep 2026"
    );
}

#[test]
fn missed_weeks_are_named_by_their_monday() {
    let dates = [day(0), day(1), day(3)];
    let (weeks, missed) = weeks_between(Some(day(0)), Some(day(3)), dates.into_iter());
    assert_eq!(weeks, 4);
    assert_eq!(missed, [day(2)]);
    let (weeks, missed) = weeks_between(None, None, std::iter::empty());
    assert_eq!((weeks, missed.len()), (0, 0));
}
