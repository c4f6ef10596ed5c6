//! `selfcheck status`: due or not, by ISO week in local time; exit 3 when due.

use crate::common;

use chrono::{Datelike, Duration};
use common::{quiet_week, Env};
use predicates::prelude::*;

fn today() -> chrono::NaiveDate {
    // The tests run the binary with TZ=UTC.
    chrono::Utc::now().date_naive()
}

#[test]
fn due_with_no_checkins_yet() {
    let env = Env::new();
    env.cmd()
        .arg("status")
        .assert()
        .code(3)
        .stdout(common::said("No check-ins yet").and(common::said("selfcheck checkin")));
    env.cmd()
        .args(["status", "--quiet"])
        .assert()
        .code(3)
        .stdout(predicate::str::is_empty());
    assert!(!env.data().exists());
}

#[test]
fn not_due_after_a_checkin_this_week() {
    let env = Env::new();
    env.checkin(&quiet_week(), None);
    env.cmd()
        .arg("status")
        .assert()
        .code(0)
        .stdout(common::said("This week's check-in is done"));
    env.cmd()
        .args(["status", "-q"])
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
}

#[test]
fn due_when_the_last_checkin_was_in_an_earlier_week() {
    let env = Env::new();
    let monday = today() - Duration::days(i64::from(today().weekday().num_days_from_monday()));
    let last_week = monday - Duration::days(1); // the Sunday before
    env.checkin(&quiet_week(), Some(&last_week.to_string()));
    env.cmd()
        .arg("status")
        .assert()
        .code(3)
        .stdout(common::said("Your last check-in was on").and(common::said("is due")));
}

#[test]
fn status_reads_only_the_newest_file() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-01-05"));
    env.checkin(&quiet_week(), None);
    // A damaged older file is not even opened: no warning.
    std::fs::write(env.data().join("checkins/2026-01-06_000000-zzzz.json"), "{").unwrap();
    env.cmd()
        .arg("status")
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
}
