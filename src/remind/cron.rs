//! The crontab line, for a computer without systemd or launchd. selfcheck shows it and
//! never edits a crontab: the person adds it with `crontab -e`.

use chrono::Timelike;

use super::{plain_path, Job, RemindError, Repeat, Schedule};

/// The comment line shown above the entry, so the person (and `remind status`) can find it.
pub(crate) const COMMENT: &str = "# selfcheck: a notification when a check-in is due";

/// The two lines to add: the comment and the entry.
pub(crate) fn lines(job: &Job, schedule: &Schedule) -> Result<String, RemindError> {
    let mut command = format!(
        "SELFCHECK_DATA_DIR={}",
        shell_quoted(plain_path(&job.data_dir)?)
    );
    if let Some(config) = &job.config_dir {
        command.push_str(&format!(
            " SELFCHECK_CONFIG_DIR={}",
            shell_quoted(plain_path(config)?)
        ));
    }
    command.push_str(&format!(
        " {} --quiet remind notify",
        shell_quoted(plain_path(&job.program)?)
    ));
    let day = match schedule.repeat {
        Repeat::Weekly(day) => day.num_days_from_sunday().to_string(),
        Repeat::Daily => "*".to_string(),
    };
    Ok(format!(
        "{COMMENT}\n{} {} * * {day} {}\n",
        schedule.time.minute(),
        schedule.time.hour(),
        // cron reads `%` as a line break.
        command.replace('%', "\\%")
    ))
}

/// Whether a crontab line runs the reminder.
pub(crate) fn is_entry(line: &str) -> bool {
    let line = line.trim();
    !line.starts_with('#') && line.contains("selfcheck") && line.ends_with("remind notify")
}

/// A word quoted for the shell cron runs it with.
fn shell_quoted(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn the_line_is_found_again_and_quotes_its_paths() {
        let job = Job {
            program: PathBuf::from("/usr/bin/selfcheck"),
            data_dir: PathBuf::from("/home/sam/it's 100%"),
            config_dir: None,
        };
        let s = Schedule {
            repeat: Repeat::Weekly(chrono::Weekday::Mon),
            time: chrono::NaiveTime::from_hms_opt(18, 30, 0).unwrap(),
        };
        let text = lines(&job, &s).unwrap();
        let entry = text.lines().nth(1).unwrap();
        assert!(entry.starts_with("30 18 * * 1 SELFCHECK_DATA_DIR='/home/sam/it'\\''s 100\\%'"));
        assert!(is_entry(entry));
    }
}
