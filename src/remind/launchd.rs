//! The launchd agent for macOS: a property list in `~/Library/LaunchAgents` with a
//! calendar interval. launchd runs a missed interval when the Mac wakes from sleep (not
//! when it was off); `status` in a shell profile covers the rest.

use chrono::Timelike;

use super::{plain_path, Job, RemindError, Repeat, Schedule, MARKER};

/// The agent's label (`launchctl … gui/UID/selfcheck.remind`).
pub(crate) const LABEL: &str = "selfcheck.remind";
/// The agent's file name.
pub(crate) const FILE: &str = "selfcheck.remind.plist";

/// The property list.
pub(crate) fn plist(job: &Job, schedule: &Schedule) -> Result<String, RemindError> {
    let string = |s: &str| format!("<string>{}</string>", escaped(s));
    let mut env = format!(
        "\t\t<key>SELFCHECK_DATA_DIR</key>\n\t\t{}\n",
        string(plain_path(&job.data_dir)?)
    );
    if let Some(config) = &job.config_dir {
        env.push_str(&format!(
            "\t\t<key>SELFCHECK_CONFIG_DIR</key>\n\t\t{}\n",
            string(plain_path(config)?)
        ));
    }
    let day = match schedule.repeat {
        // launchd counts from Sunday = 0.
        Repeat::Weekly(day) => format!(
            "\t\t<key>Weekday</key>\n\t\t<integer>{}</integer>\n",
            day.num_days_from_sunday()
        ),
        Repeat::Daily => String::new(),
    };
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!-- {MARKER} -->\n\
         <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
         <plist version=\"1.0\">\n\
         <dict>\n\
         \t<key>Label</key>\n\t{label}\n\
         \t<key>ProgramArguments</key>\n\
         \t<array>\n\t\t{program}\n\t\t<string>--quiet</string>\n\t\t<string>remind</string>\n\t\t<string>notify</string>\n\t</array>\n\
         \t<key>EnvironmentVariables</key>\n\
         \t<dict>\n{env}\t</dict>\n\
         \t<key>StartCalendarInterval</key>\n\
         \t<dict>\n{day}\t\t<key>Hour</key>\n\t\t<integer>{hour}</integer>\n\t\t<key>Minute</key>\n\t\t<integer>{minute}</integer>\n\t</dict>\n\
         </dict>\n\
         </plist>\n",
        label = string(LABEL),
        program = string(plain_path(&job.program)?),
        hour = schedule.time.hour(),
        minute = schedule.time.minute(),
    ))
}

/// The schedule an agent file of ours holds.
pub(crate) fn read_schedule(text: &str) -> Option<Schedule> {
    let after = |key: &str| {
        let rest = &text[text.find(&format!("<key>{key}</key>"))?..];
        let start = rest.find("<integer>")? + "<integer>".len();
        let end = rest[start..].find("</integer>")? + start;
        rest[start..end].trim().parse::<u32>().ok()
    };
    let time = chrono::NaiveTime::from_hms_opt(after("Hour")?, after("Minute")?, 0)?;
    let repeat = match after("Weekday") {
        Some(n) => Repeat::Weekly(chrono::Weekday::try_from(u8::try_from((n + 6) % 7).ok()?).ok()?),
        None => Repeat::Daily,
    };
    Some(Schedule { repeat, time })
}

fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn a_schedule_reads_back_and_paths_are_escaped() {
        let job = Job {
            program: PathBuf::from("/Applications/a&b/selfcheck"),
            data_dir: PathBuf::from("/Users/sam/<data>"),
            config_dir: None,
        };
        let s = Schedule {
            repeat: Repeat::Weekly(chrono::Weekday::Sun),
            time: chrono::NaiveTime::from_hms_opt(8, 5, 0).unwrap(),
        };
        let text = plist(&job, &s).unwrap();
        assert!(text.contains("<string>/Applications/a&amp;b/selfcheck</string>"));
        assert!(text.contains("&lt;data&gt;"));
        assert!(text.contains("<key>Weekday</key>\n\t\t<integer>0</integer>"));
        assert_eq!(read_schedule(&text), Some(s));
    }
}
