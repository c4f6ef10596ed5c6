//! `selfcheck remind on|off|status|notify`: the scheduler files as written (and checked by
//! `systemd-analyze verify` and Python's plist reader), the scheduler's tools called as a
//! person would (fakes on PATH record what they were asked), nothing left after `off`, and
//! a notification that never names an answer.

use std::path::{Path, PathBuf};

use crate::common;
use chrono::Datelike;
use common::{quiet_week, week_with, Env};
use serde_json::json;

/// A folder of fake programs: each records its arguments, one line per run, in
/// `HOME/NAME.log`; `systemctl is-enabled` answers "enabled" and `is-active` "active", `crontab -l` prints
/// `HOME/crontab` if there is one.
fn fakes(env: &Env, names: &[&str]) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = env.tmp.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    for name in names {
        let script = format!(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$HOME/{name}.log\"\n\
             case \"$*\" in *is-enabled*) echo enabled;; *is-active*) echo active;; esac\n\
             [ \"$*\" = \"-l\" ] && [ -f \"$HOME/crontab\" ] && command -p cat \"$HOME/crontab\"\n\
             exit 0\n"
        );
        let path = bin.join(name);
        std::fs::write(&path, script).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

fn log(env: &Env, name: &str) -> String {
    std::fs::read_to_string(env.tmp.path().join(format!("{name}.log"))).unwrap_or_default()
}

/// `selfcheck ARGS` with only `bin` on PATH.
fn run(env: &Env, bin: &Path, args: &[&str]) -> std::process::Output {
    env.std_cmd().env("PATH", bin).args(args).output().unwrap()
}

fn text(out: &std::process::Output) -> String {
    common::flat(&format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}

fn units(env: &Env) -> PathBuf {
    env.tmp.path().join(".config/systemd/user")
}

/// Every file under HOME but the fakes and their logs.
fn left(env: &Env) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir()) {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut all = Vec::new();
    walk(env.tmp.path(), &mut all);
    all.retain(|p| {
        !p.starts_with(env.tmp.path().join("bin"))
            && !p.starts_with(env.data())
            && p.extension().is_none_or(|e| e != "log")
    });
    all
}

#[test]
fn a_timer_keeps_the_week_of_the_latest_checkin_and_off_leaves_nothing() {
    let env = Env::new();
    let last = chrono::Utc::now().date_naive() - chrono::Duration::days(2);
    env.checkin(&quiet_week(), Some(&last.to_string()));
    let bin = fakes(&env, &["systemctl"]);
    let out = run(&env, &bin, &["remind", "on"]);
    assert!(out.status.success(), "{}", text(&out));
    let day = &last.format("%A").to_string();
    assert!(
        text(&out).contains(&format!("every {day} at 18:00")),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("The timer is on"), "{}", text(&out));
    for unit in ["selfcheck-remind.timer", "selfcheck-remind.service"] {
        assert!(
            text(&out).contains(&format!("/.config/systemd/user/{unit}")),
            "{}",
            text(&out)
        );
    }

    let timer = std::fs::read_to_string(units(&env).join("selfcheck-remind.timer")).unwrap();
    let service = std::fs::read_to_string(units(&env).join("selfcheck-remind.service")).unwrap();
    assert!(
        timer.contains(&format!("OnCalendar={} *-*-* 18:00:00\n", &day[..3])),
        "{timer}"
    );
    assert!(timer.contains("Persistent=true\n"), "{timer}");
    assert!(timer.contains("WantedBy=timers.target"), "{timer}");
    let program = assert_cmd::cargo::cargo_bin("selfcheck")
        .canonicalize()
        .unwrap();
    assert!(
        service.contains(&format!(
            "ExecStart=\"{}\" --quiet remind notify\n",
            program.display()
        )),
        "{service}"
    );
    for (var, dir) in [
        ("SELFCHECK_DATA_DIR", env.data()),
        ("SELFCHECK_CONFIG_DIR", env.config()),
    ] {
        assert!(
            service.contains(&format!("Environment=\"{var}={}\"\n", dir.display())),
            "{service}"
        );
    }
    assert_eq!(
        log(&env, "systemctl"),
        "--user daemon-reload\n--user enable --now selfcheck-remind.timer\n"
    );

    // systemd's own check of the two units (it fails on an unknown key or a bad calendar).
    let verify = std::process::Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(units(&env).join("selfcheck-remind.timer"))
        .arg(units(&env).join("selfcheck-remind.service"))
        .output()
        .expect("systemd-analyze (.ci/run installs systemd)");
    assert!(
        verify.status.success() && verify.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );

    // Again: the same files, said so.
    let again = run(&env, &bin, &["remind", "on"]);
    assert!(
        again.status.success() && text(&again).contains("Unchanged"),
        "{}",
        text(&again)
    );
    assert_eq!(
        std::fs::read_to_string(units(&env).join("selfcheck-remind.timer")).unwrap(),
        timer
    );

    let status = text(&run(&env, &bin, &["remind", "status"]));
    assert!(
        status.contains(&format!(
            "Reminder: every {day} at 18:00, by a systemd user timer."
        )),
        "{status}"
    );
    assert!(
        status.contains("Next: ") && status.contains("systemctl --user says: enabled, active"),
        "{status}"
    );

    let off = run(&env, &bin, &["remind", "off"]);
    assert!(
        off.status.success() && text(&off).contains("Reminder off. Removed:"),
        "{}",
        text(&off)
    );
    assert!(log(&env, "systemctl").contains("--user disable --now selfcheck-remind.timer\n"));
    assert_eq!(left(&env), Vec::<PathBuf>::new());
    let twice = run(&env, &bin, &["remind", "off"]);
    assert!(
        twice.status.success() && text(&twice).contains("nothing was removed"),
        "{}",
        text(&twice)
    );
    assert!(text(&run(&env, &bin, &["remind", "status"])).contains("No reminder is set."));
}

#[test]
fn day_and_time_are_the_persons_and_bad_ones_are_refused() {
    let env = Env::new();
    let bin = fakes(&env, &["systemctl"]);
    let out = run(
        &env,
        &bin,
        &["remind", "on", "--day", "sun", "--time", "7:30"],
    );
    assert!(out.status.success(), "{}", text(&out));
    let timer = std::fs::read_to_string(units(&env).join("selfcheck-remind.timer")).unwrap();
    assert!(timer.contains("OnCalendar=Sun *-*-* 07:30:00\n"), "{timer}");
    // A new day replaces the old one.
    assert!(run(&env, &bin, &["remind", "on", "--day", "Friday"])
        .status
        .success());
    let timer = std::fs::read_to_string(units(&env).join("selfcheck-remind.timer")).unwrap();
    assert!(timer.contains("OnCalendar=Fri *-*-* 18:00:00\n"), "{timer}");
    for (flag, bad, says) in [
        ("--day", "someday", "not a day of the week"),
        ("--time", "25:00", "HH:MM on the 24-hour clock"),
    ] {
        let out = run(&env, &bin, &["remind", "on", flag, bad]);
        assert_eq!(out.status.code(), Some(1));
        assert!(text(&out).contains(says), "{}", text(&out));
    }
    assert!(timer.contains("Fri"));
}

#[test]
fn a_cadence_in_days_is_looked_at_every_day() {
    let env = Env::new();
    std::fs::create_dir_all(env.config()).unwrap();
    std::fs::write(
        env.config().join("config.json"),
        r#"{"cadence": {"every_days": 3}}"#,
    )
    .unwrap();
    let bin = fakes(&env, &["systemctl"]);
    assert!(run(&env, &bin, &["remind", "on"]).status.success());
    let timer = std::fs::read_to_string(units(&env).join("selfcheck-remind.timer")).unwrap();
    assert!(timer.contains("OnCalendar=*-*-* 18:00:00\n"), "{timer}");
}

#[test]
fn files_selfcheck_did_not_write_are_left_as_they_are() {
    let env = Env::new();
    let bin = fakes(&env, &["systemctl"]);
    std::fs::create_dir_all(units(&env)).unwrap();
    let theirs = units(&env).join("selfcheck-remind.timer");
    std::fs::write(&theirs, "[Timer]\nOnCalendar=daily\n").unwrap();
    for args in [&["remind", "on"][..], &["remind", "off"][..]] {
        let out = run(&env, &bin, args);
        assert!(
            text(&out).contains("was not written by selfcheck"),
            "{args:?}: {}",
            text(&out)
        );
        assert_eq!(
            std::fs::read_to_string(&theirs).unwrap(),
            "[Timer]\nOnCalendar=daily\n"
        );
    }
    assert!(
        !units(&env).join("selfcheck-remind.service").exists(),
        "nothing half-written"
    );
    // A link is never written through.
    std::fs::remove_file(&theirs).unwrap();
    let target = env.file("elsewhere", "someone's file\n");
    std::os::unix::fs::symlink(&target, &theirs).unwrap();
    let out = run(&env, &bin, &["remind", "on"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("is a symbolic link"), "{}", text(&out));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "someone's file\n"
    );
}

#[test]
fn without_systemd_a_crontab_line_is_shown_and_never_added() {
    let env = Env::new();
    let bin = fakes(&env, &["crontab"]);
    let out = run(
        &env,
        &bin,
        &["remind", "on", "--day", "mon", "--time", "18:30"],
    );
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let entry = stdout.lines().nth(1).expect("the entry");
    assert!(
        entry.starts_with("30 18 * * 1 SELFCHECK_DATA_DIR='"),
        "{stdout}"
    );
    assert!(entry.ends_with("' --quiet remind notify"), "{stdout}");
    assert!(text(&out).contains("crontab -e"), "{}", text(&out));
    assert_eq!(log(&env, "crontab"), "-l\n", "only read, never edited");
    assert_eq!(left(&env), Vec::<PathBuf>::new(), "nothing written");

    // Once the person has added it, status and off find it (and off still does not edit).
    std::fs::write(env.tmp.path().join("crontab"), &stdout).unwrap();
    assert!(text(&run(&env, &bin, &["remind", "status"])).contains("a crontab line"));
    let off = text(&run(&env, &bin, &["remind", "off"]));
    assert!(
        off.contains("Your crontab still runs the reminder") && off.contains(entry),
        "{off}"
    );
    assert!(!log(&env, "crontab").lines().any(|l| l != "-l"));
}

#[test]
fn the_launchd_agent_is_a_property_list_launchd_can_read() {
    let env = Env::new();
    let bin = fakes(&env, &[]);
    let out = run(
        &env,
        &bin,
        &[
            "remind", "on", "--with", "launchd", "--day", "sunday", "--time", "08:05",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("launchctl bootstrap gui/"),
        "{}",
        text(&out)
    );
    let plist = env
        .tmp
        .path()
        .join("Library/LaunchAgents/selfcheck.remind.plist");
    let read = std::process::Command::new("python3")
        .args([
            "-c",
            "import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], 'rb'))))",
        ])
        .arg(&plist)
        .output()
        .expect("python3");
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let agent: serde_json::Value = serde_json::from_slice(&read.stdout).unwrap();
    let program = assert_cmd::cargo::cargo_bin("selfcheck")
        .canonicalize()
        .unwrap();
    assert_eq!(agent["Label"], "selfcheck.remind");
    assert_eq!(
        agent["ProgramArguments"],
        json!([program.display().to_string(), "--quiet", "remind", "notify"])
    );
    assert_eq!(
        agent["StartCalendarInterval"],
        json!({"Weekday": 0, "Hour": 8, "Minute": 5})
    );
    assert_eq!(
        agent["EnvironmentVariables"]["SELFCHECK_DATA_DIR"],
        env.data().display().to_string()
    );
    assert!(text(&run(&env, &bin, &["remind", "status"]))
        .contains("every Sunday at 08:05, by a launchd agent"));
    assert!(run(&env, &bin, &["remind", "off"]).status.success());
    assert!(!plist.exists());
}

#[test]
fn the_notification_says_a_checkin_is_due_and_nothing_else() {
    let env = Env::new();
    let bin = fakes(&env, &["notify-send"]);
    // A heavy week, last week: due now, and nothing of it may show.
    let monday = chrono::Utc::now().date_naive()
        - chrono::Duration::days(i64::from(
            chrono::Utc::now()
                .date_naive()
                .weekday()
                .num_days_from_monday(),
        ));
    env.checkin(
        &week_with(json!({"peg_pain": 9, "phq_selfharm": 2})),
        Some(&(monday - chrono::Duration::days(3)).to_string()),
    );
    let out = run(&env, &bin, &["--quiet", "remind", "notify"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        out.stdout.is_empty(),
        "the timer's --quiet keeps its log empty"
    );
    assert_eq!(
        log(&env, "notify-send"),
        "--app-name=selfcheck selfcheck A check-in is due. Run selfcheck checkin when you have a few minutes.\n"
    );
    // This week's check-in done: nothing shown.
    env.checkin(&quiet_week(), None);
    assert!(run(&env, &bin, &["remind", "notify"]).status.success());
    assert_eq!(log(&env, "notify-send").lines().count(), 1);
    // No notifier: nothing, and no error.
    let fresh = Env::new();
    let none = fakes(&fresh, &[]);
    let out = run(&fresh, &none, &["remind", "notify"]);
    assert!(
        out.status.success() && text(&out).contains("A check-in is due."),
        "{}",
        text(&out)
    );
}
