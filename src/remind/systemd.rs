//! The systemd user timer: a `.timer` that fires on the day (`Persistent=true`, so a week
//! missed while the computer was off reminds at the next start) and the `.service` it
//! starts, which runs `selfcheck remind notify` with the folders in use.

use std::path::Path;

use chrono::{NaiveTime, Weekday};

use super::{plain_path, Job, RemindError, Repeat, Schedule, MARKER};

/// The timer unit's file name (`systemctl --user … selfcheck-remind.timer`).
pub(crate) const TIMER: &str = "selfcheck-remind.timer";
/// The service unit's file name.
pub(crate) const SERVICE: &str = "selfcheck-remind.service";

/// The two unit files: (name, text), the timer first.
pub(crate) fn units(
    job: &Job,
    schedule: &Schedule,
) -> Result<[(&'static str, String); 2], RemindError> {
    let program = quoted(plain_path(&job.program)?);
    let mut env = vec![format!(
        "Environment={}",
        quoted(&format!(
            "SELFCHECK_DATA_DIR={}",
            plain_path(&job.data_dir)?
        ))
    )];
    if let Some(config) = &job.config_dir {
        env.push(format!(
            "Environment={}",
            quoted(&format!("SELFCHECK_CONFIG_DIR={}", plain_path(config)?))
        ));
    }
    let timer = format!(
        "# {MARKER}\n\
         [Unit]\n\
         Description=selfcheck: look {} whether a check-in is due\n\
         Documentation=man:selfcheck(1)\n\
         \n\
         [Timer]\n\
         OnCalendar={}\n\
         Persistent=true\n\
         Unit={SERVICE}\n\
         \n\
         [Install]\n\
         WantedBy=timers.target\n",
        schedule.describe(),
        on_calendar(schedule)
    );
    let service = format!(
        "# {MARKER}\n\
         [Unit]\n\
         Description=selfcheck: a notification when a check-in is due (never an answer)\n\
         Documentation=man:selfcheck(1)\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         {}\n\
         ExecStart={program} --quiet remind notify\n",
        env.join("\n")
    );
    Ok([(TIMER, timer), (SERVICE, service)])
}

/// `OnCalendar=` for a schedule: "Mon *-*-* 18:00:00", "*-*-* 18:00:00".
pub(crate) fn on_calendar(schedule: &Schedule) -> String {
    let time = schedule.time.format("%H:%M:00");
    match schedule.repeat {
        Repeat::Weekly(day) => format!("{} *-*-* {time}", short(day)),
        Repeat::Daily => format!("*-*-* {time}"),
    }
}

/// The schedule a timer file of ours holds, read back from its `OnCalendar=` line.
pub(crate) fn read_schedule(timer_text: &str) -> Option<Schedule> {
    let value = timer_text
        .lines()
        .find_map(|l| l.strip_prefix("OnCalendar="))?;
    let mut parts = value.split_whitespace();
    let first = parts.next()?;
    let (repeat, time) = if first == "*-*-*" {
        (Repeat::Daily, parts.next()?)
    } else {
        let day = super::schedule::parse_day(first).ok()?;
        let _every_date = parts.next()?;
        (Repeat::Weekly(day), parts.next()?)
    };
    let time = NaiveTime::parse_from_str(time, "%H:%M:%S").ok()?;
    Some(Schedule { repeat, time })
}

fn short(day: Weekday) -> &'static str {
    &super::schedule::day_name(day)[..3]
}

/// One word of a unit file's command line or assignment, quoted: systemd reads `\` and `"`
/// as escapes, `%` as a specifier and `$` as a variable, so each is doubled or escaped.
pub(crate) fn quoted(word: &str) -> String {
    let mut out = String::from("\"");
    for c in word.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '%' => out.push_str("%%"),
            '$' => out.push_str("$$"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The folder of the person's own user units: `$XDG_CONFIG_HOME/systemd/user`, else
/// `~/.config/systemd/user`, as systemd itself looks.
pub(crate) fn unit_dir(xdg_config_home: Option<&Path>, home: &Path) -> std::path::PathBuf {
    match xdg_config_home.filter(|p| p.is_absolute()) {
        Some(config) => config.join("systemd/user"),
        None => home.join(".config/systemd/user"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schedule_reads_back_as_it_was_written() {
        for repeat in [Repeat::Weekly(Weekday::Sun), Repeat::Daily] {
            let s = Schedule {
                repeat,
                time: NaiveTime::from_hms_opt(7, 45, 0).unwrap(),
            };
            let text = format!("[Timer]\nOnCalendar={}\n", on_calendar(&s));
            assert_eq!(read_schedule(&text), Some(s));
        }
    }

    #[test]
    fn specifiers_variables_and_quotes_are_escaped() {
        assert_eq!(quoted(r#"/a b/%h/$X/"q"\"#), r#""/a b/%%h/$$X/\"q\"\\""#);
    }
}
