//! Property tests over everything that reads open-ended input: the questionnaire loader,
//! the answers file, the stored-file loader (with evaluation of what it reads and the check of
//! records outside their set), the draft loader and the import loader.
//! 10,000 generated cases each (1,000 for the loaders that write files; `PROPTEST_CASES`
//! sets the first number). Each asserts the outcome, not only the absence of a panic: a
//! rejection is a message that names what was wrong, and what is accepted reads back equal
//! and is reported with its disclaimer. Documents are made on the built-in set's version.

use proptest::prelude::*;
use serde_json::{json, Value};

use selfcheck::questionnaire::{Questionnaire, BUILTIN_WEEKLY};
use selfcheck::store::record::CheckinRecord;
use selfcheck::store::StoredCheckin;
use selfcheck::summary;

/// `PROPTEST_CASES`, else 10,000.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// The files-writing loaders' share of [`cases`] (at least 1).
fn file_cases() -> u32 {
    (cases() / 10).max(1)
}

fn builtin() -> Value {
    serde_json::from_str(BUILTIN_WEEKLY).unwrap()
}

/// Any JSON value, small.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-20i64..20).prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z_]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("most_days"),
            Just("never"),
            Just("peg_pain"),
            Just(">="),
            Just("in"),
            Just("integer"),
            Just("choice"),
            Just("skipped")
        ]
        .prop_map(|s| Value::String(s.to_string())),
        ".{0,20}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces the value at a random place in `doc` (following `path` choices) with `new`.
fn mutate(doc: &mut Value, path: &[usize], new: Value) {
    let Some((choice, rest)) = path.split_first() else {
        *doc = new;
        return;
    };
    match doc {
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(choice % map.len()).cloned().unwrap();
            mutate(map.get_mut(&key).unwrap(), rest, new);
        }
        Value::Array(list) if !list.is_empty() => {
            let n = list.len();
            mutate(&mut list[choice % n], rest, new);
        }
        _ => *doc = new,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn questionnaire_loader_never_panics(path in prop::collection::vec(any::<usize>(), 1..6), new in any_json(), bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let mut doc = builtin();
        mutate(&mut doc, &path, new);
        match Questionnaire::parse(doc.to_string().as_bytes(), "mutated.json") {
            Err(e) => prop_assert!(e.to_string().contains("mutated.json")),
            // Accepted: its crisis floor holds (the built-in lines are all there).
            Ok(q) => {
                let builtin = Questionnaire::builtin().unwrap();
                prop_assert!(!q.def.crisis.lines.is_empty());
                prop_assert_eq!(q.def.id.is_empty(), false);
                prop_assert!(builtin.def.crisis.regions.iter().all(|r| q.def.crisis.regions.iter().any(|o| o.id == r.id)));
            }
        }
        match Questionnaire::parse(&bytes, "random.json") {
            Err(e) => prop_assert!(e.to_string().contains("random.json")),
            Ok(_) => prop_assert!(false, "random bytes were accepted as a question set"),
        }
    }

    #[test]
    fn answers_file_never_panics(
        values in prop::collection::vec(any_json(), 23),
        drop_mask in any::<u32>(),
        extra in prop::option::of(("[a-z_]{1,12}", any_json())),
        bytes in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let q = Questionnaire::builtin().unwrap();
        let mut doc = serde_json::Map::new();
        for (i, (item, value)) in q.def.items.iter().zip(values).enumerate() {
            if drop_mask & (1 << i) == 0 {
                doc.insert(item.id.clone(), value);
            }
        }
        if let Some((k, v)) = extra {
            doc.insert(k, v);
        }
        match selfcheck::engine::from_answers_file(&q, Value::Object(doc).to_string().as_bytes()) {
            Ok(a) => {
                // Whatever is accepted is complete: every item has a slot.
                for item in &q.def.items {
                    prop_assert!(a.get(&item.id).is_some(), "{} has no slot", item.id);
                }
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                prop_assert!(problems.iter().all(|p| !p.is_empty()));
            }
        }
        match selfcheck::engine::from_answers_file(&q, &bytes) {
            Err(problems) => prop_assert!(!problems.is_empty() && problems.iter().all(|p| !p.is_empty())),
            Ok(_) => prop_assert!(false, "random bytes were accepted as an answers file"),
        }
    }

    #[test]
    fn stored_file_loader_and_evaluation_never_panic(
        path in prop::collection::vec(any::<usize>(), 1..4),
        new in any_json(),
        bytes in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let q = std::sync::Arc::new(Questionnaire::builtin().unwrap());
        let mut doc = json!({
            "schema_version": 2, "id": "2026-11-16_120000-abcd", "date": "2026-11-16",
            "recorded_at": "2026-11-16T12:00:00+01:00",
            "questionnaire": {"id": "weekly", "version": q.def.version, "digest": q.digest},
            "answers": {
                "peg_pain": 4, "peg_enjoyment": 3, "peg_activity": 5, "pain_sleep": 6,
                "pain_frequency_3m": "most_days", "pain_limits_3m": "some_days",
                "phq_interest": 2, "phq_mood": 1, "gad_nervous": 3, "gad_worry": 0,
                "phq_selfharm": 1, "any_use_7d": true, "relief_use_days": 5,
                "use_more_than_meant": false, "use_tolerance": true, "use_cut_down": false,
                "relief_what": "x", "sleep_quality": 5, "active_days": 2, "connection": 6,
                "stress": 7, "cycle_concern": true, "note": null
            }
        });
        mutate(&mut doc, &path, new);
        prop_assert!(CheckinRecord::from_bytes(&bytes).is_err(), "random bytes were read as a record");
        if let Ok(record) = CheckinRecord::from_bytes(doc.to_string().as_bytes()) {
            // What is read is what is written back: nothing is lost or invented on the way.
            let again = CheckinRecord::from_bytes(&serde_json::to_vec(&record).unwrap());
            prop_assert_eq!(again.as_ref().ok(), Some(&record));
            // Valid JSON outside the question set is named, one problem a line, never a panic.
            let problems = selfcheck::engine::check_answers(&q, &record.answers, true);
            prop_assert!(problems.iter().all(|p| !p.is_empty() && !p.contains('\n')));
            // What the loader accepts, the rule engine and every report must survive.
            let history = vec![
                StoredCheckin { record: record.clone(), questionnaire: q.clone(), path: "a".into() },
                StoredCheckin { record, questionnaire: q.clone(), path: "b".into() },
            ];
            let s = summary::period(&history, 0..2);
            // Text wraps lines: the disclaimer is looked for word by word.
            let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let disclaimer = words(&q.def.disclaimer);
            let json = String::from_utf8(selfcheck::report::to_json(&s)).unwrap();
            prop_assert!(serde_json::from_str::<Value>(&json).is_ok());
            use selfcheck::report::Report;
            for text in [
                selfcheck::report::Text { unicode: true }.render(&s),
                selfcheck::report::Text { unicode: false }.render(&summary::latest(&history)),
            ] {
                let text = words(&String::from_utf8(text).unwrap());
                prop_assert!(text.contains(disclaimer.as_str()), "no disclaimer in {}", text);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: file_cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// The draft loader and the check before resuming: whatever the file holds, an answer or
    /// an error, never a panic.
    #[test]
    fn draft_loader_and_its_check_never_panic(
        path in prop::collection::vec(any::<usize>(), 1..4),
        new in any_json(),
    ) {
        let q = Questionnaire::builtin().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = selfcheck::store::Store::new(dir.path().to_path_buf());
        let mut doc = json!({
            "questionnaire": {"id": "weekly", "version": q.def.version, "digest": q.digest},
            "started_at": "2026-11-16T12:00:00+01:00",
            "answers": {"peg_pain": 4, "peg_enjoyment": 3, "phq_selfharm": 1}
        });
        mutate(&mut doc, &path, new);
        std::fs::write(dir.path().join("draft.json"), doc.to_string()).unwrap();
        match selfcheck::checkin::draft::resume(&store, &q) {
            Ok(answers) => {
                let problems = selfcheck::engine::check_answers(&q, &answers, false);
                prop_assert!(problems.iter().all(|p| !p.is_empty() && !p.contains('\n')));
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    /// The import loader, on an export changed anywhere: imported, or refused with words.
    #[test]
    fn import_loader_never_panics(
        path in prop::collection::vec(any::<usize>(), 1..5),
        new in any_json(),
    ) {
        let q = Questionnaire::builtin().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = selfcheck::store::Store::new(dir.path().join("data"));
        let mut doc = json!({
            "format": "selfcheck-export", "schema_version": 1, "exported_at": "2026-11-16T12:00:00+01:00",
            "checkins": [{
                "schema_version": 2, "id": "2026-11-16_120000-abcd", "date": "2026-11-16",
                "recorded_at": "2026-11-16T12:00:00+01:00",
                "questionnaire": {"id": "weekly", "version": q.def.version, "digest": q.digest},
                "answers": {
                    "peg_pain": 0, "pain_frequency_3m": "never", "pain_limits_3m": {"skipped": true},
                    "peg_enjoyment": {"skipped": true}, "peg_activity": {"skipped": true},
                    "pain_sleep": {"skipped": true}, "phq_interest": 0, "phq_mood": 0,
                    "gad_nervous": 0, "gad_worry": 0, "phq_selfharm": 0, "any_use_7d": false
                }
            }]
        });
        mutate(&mut doc, &path, new);
        let file = dir.path().join("export.json");
        std::fs::write(&file, doc.to_string()).unwrap();
        match selfcheck::import::import(&store, &file) {
            Ok(outcome) => {
                let words = selfcheck::import::describe(&outcome);
                prop_assert!(!words.is_empty());
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
