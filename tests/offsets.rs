//! Check-ins saved under different UTC offsets (travel, daylight saving) sort and group by
//! the local date the person meant, not by the UTC instant.

use crate::common;

use chrono::{Duration, Utc};
use common::{quiet_week, Env};
use serde_json::{json, Value};

fn history(env: &Env) -> Vec<(String, String)> {
    let out = env
        .cmd()
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    list["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["date"].as_str().unwrap().to_string(),
                c["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn today_is_the_local_day_wherever_the_person_is() {
    let env = Env::new();
    for (tz, hours) in [("ABC-14", 14), ("XYZ+11", -11)] {
        let before = (Utc::now() + Duration::hours(hours)).date_naive();
        env.cmd()
            .env("TZ", tz)
            .args(["checkin", "--answers", "-"])
            .write_stdin(quiet_week().to_string())
            .assert()
            .success();
        let after = (Utc::now() + Duration::hours(hours)).date_naive();
        let record: Value = serde_json::from_slice(
            &std::fs::read(
                env.checkin_files()
                    .iter()
                    .find(|p| {
                        let r: Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
                        r["recorded_at"].as_str().unwrap().ends_with(if hours > 0 {
                            "+14:00"
                        } else {
                            "-11:00"
                        })
                    })
                    .unwrap(),
            )
            .unwrap(),
        )
        .unwrap();
        let date = record["date"].as_str().unwrap();
        assert!(
            date == before.to_string() || date == after.to_string(),
            "{tz}: {date}"
        );
    }
    let days: Vec<String> = history(&env).into_iter().map(|(d, _)| d).collect();
    assert_ne!(
        days[0], days[1],
        "UTC+14 and UTC-11 are never on the same local day"
    );
    assert!(days[0] > days[1], "newest local day first: {days:?}");
}

/// Writes a copy of a stored check-in with another date and moment saved.
fn write_copy(env: &Env, template: &Value, id: &str, date: &str, recorded_at: &str, stress: i64) {
    let mut r = template.clone();
    r["id"] = json!(id);
    r["date"] = json!(date);
    r["recorded_at"] = json!(recorded_at);
    r["answers"]["stress"] = json!(stress);
    std::fs::write(
        env.data().join("checkins").join(format!("{id}.json")),
        serde_json::to_vec_pretty(&r).unwrap(),
    )
    .unwrap();
}

#[test]
fn travel_and_daylight_saving_land_on_the_day_meant() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-01-05"));
    let template: Value =
        serde_json::from_slice(&std::fs::read(&env.checkin_files()[0]).unwrap()).unwrap();
    std::fs::remove_file(&env.checkin_files()[0]).unwrap();
    // Late on the 16th in California is the 17th in UTC: it belongs to the 16th.
    write_copy(
        &env,
        &template,
        "2026-11-16_233000-aaaa",
        "2026-11-16",
        "2026-11-16T23:30:00-08:00",
        1,
    );
    // Early on the 17th in Tokyo is still the 16th in UTC: it belongs to the 17th.
    write_copy(
        &env,
        &template,
        "2026-11-17_080000-bbbb",
        "2026-11-17",
        "2026-11-17T08:00:00+09:00",
        2,
    );
    // The night the clocks went forward in Europe: two on one day, in the order they happened.
    write_copy(
        &env,
        &template,
        "2026-03-29_033000-cccc",
        "2026-03-29",
        "2026-03-29T03:30:00+02:00",
        4,
    );
    write_copy(
        &env,
        &template,
        "2026-03-29_013000-dddd",
        "2026-03-29",
        "2026-03-29T01:30:00+01:00",
        3,
    );
    let h = history(&env);
    let got: Vec<(&str, &str)> = h.iter().map(|(d, i)| (d.as_str(), i.as_str())).collect();
    assert_eq!(
        got,
        [
            ("2026-11-17", "2026-11-17_080000-bbbb"),
            ("2026-11-16", "2026-11-16_233000-aaaa"),
            ("2026-03-29", "2026-03-29_033000-cccc"),
            ("2026-03-29", "2026-03-29_013000-dddd"),
        ]
    );
    // The latest summary is the 17th's, whatever the UTC instants say.
    let out = env
        .cmd()
        .args(["summary", "--format", "json"])
        .output()
        .unwrap();
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["latest"]["id"], json!("2026-11-17_080000-bbbb"));
    // A period by local date holds both of the 29 March check-ins.
    let out = env
        .cmd()
        .args([
            "summary",
            "--since",
            "2026-03-29",
            "--until",
            "2026-03-29",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["period"]["checkins"], json!(2));
    assert_eq!(
        s["trends"]["stress"]["points"],
        json!([{"date": "2026-03-29", "value": 3.0}, {"date": "2026-03-29", "value": 4.0}])
    );
}
