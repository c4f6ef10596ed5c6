//! Help texts shown after each subcommand's options, and the completions and man page
//! generated from the one clap definition, so they never disagree.

use super::{Cli, Shell};

/// Examples shown in the top-level `--help`.
pub const EXAMPLES: &str = "\
Examples:
  selfcheck checkin                  this week's check-in, in the terminal (a few minutes)
  selfcheck summary --last 12        how the last 12 check-ins went, with trends and flags
  selfcheck summary --last 12 --format html --out visit.html   a page to print for a clinician
  selfcheck status -q || selfcheck checkin                      check in when one is due";

pub const QUESTIONS_HELP: &str = "\
Examples:
  selfcheck questions list                 the built-in set and yours
  selfcheck questions show weekly          every question and rule, with sources
  selfcheck questions validate mine.json   check your own set before using it
Your own sets are JSON files (format: questions/README.md) in the questions folder of the config directory; `selfcheck checkin --set ID` uses one.";

pub const CONFIG_HELP: &str = "\
Examples:
  selfcheck config path     where the file is
  selfcheck config show     what is in force
The file is JSON; every key is optional:
  {\"question_set\": \"weekly\", \"cadence\": \"weekly\" or {\"every_days\": 14},
   \"crisis_region\": \"all\" or a region (US, UK, CA, AU, NZ),
   \"summary_period\": \"latest\" or {\"last\": 12},
   \"summary_format\": \"text\", \"markdown\", \"html\" or \"json\"}
An unknown key is an error that names it.";

pub const EXPORT_HELP: &str = "\
Examples:
  selfcheck export --format json --out backup.json   everything, to import elsewhere
  selfcheck export --format csv --out checkins.csv   one row per check-in, for a spreadsheet
  selfcheck export --format fhir --out fhir.json     a FHIR R4 Bundle for a clinic system
The file is created readable only by you; an existing file is kept unless --force.";

pub const IMPORT_HELP: &str = "\
Examples:
  selfcheck import backup.json     add the check-ins of a JSON export
Importing the same file twice adds nothing twice. A check-in stored with the same id but other content is reported as a conflict (exit 1) and not imported.";

pub const DOCTOR_HELP: &str = "\
Examples:
  selfcheck doctor                        check every file; change nothing
  selfcheck doctor --questions mine.json  also check a question set of your own";

pub const HISTORY_HELP: &str = "\
Examples:
  selfcheck history                      every check-in, newest first
  selfcheck history --last 12            the last 12
  selfcheck history --since 2026-01-01 --format json
  selfcheck history show 2026-11-16      one check-in in full, with the questions as asked
  selfcheck history delete 2026-11-16    move it to the trash (asks first; --yes for scripts)
  selfcheck history restore ID           bring it back from the trash
  selfcheck history purge                empty the trash for good (asks first)";

pub const STATUS_HELP: &str = "\
Examples:
  selfcheck status                   when was my last check-in; is this week's due?
  selfcheck status --quiet || echo 'Time for your weekly check-in: selfcheck checkin'

In a shell profile (~/.bashrc), a gentle reminder when a check-in is due:
  selfcheck status --quiet || echo 'selfcheck: this week'\''s check-in is due'
A desktop notification on a set day: `selfcheck remind on` (see `selfcheck remind --help`).

A check-in is due when there is none yet in this ISO week (Monday to Sunday, local time).";

pub const CHECKIN_HELP: &str = "\
Examples:
  selfcheck checkin                          ask the questions in this terminal
  selfcheck checkin --answers week.json      check in from a file, without prompts
  echo '{...}' | selfcheck checkin --answers - --date 2026-11-16

The answers file is one JSON object of item ids and values, for example:
  {\"peg_pain\": 4, \"peg_enjoyment\": 3,
   \"peg_activity\": 5, \"pain_sleep\": 2,
   \"pain_frequency_3m\": \"most_days\",
   \"pain_limits_3m\": \"some_days\",
   \"phq_interest\": 1, \"phq_mood\": 1,
   \"gad_nervous\": 1, \"gad_worry\": 1,
   \"phq_selfharm\": 0, \"any_use_7d\": false,
   \"sleep_quality\": 6, \"active_days\": 3,
   \"connection\": 7, \"stress\": 5,
   \"cycle_concern\": false,
   \"note\": \"ask about sleep\"}
Integers without quotes, true/false, option ids as strings, text as strings; null only for optional items. Leave out items that skip logic would not ask (here: the substance follow-ups, as any_use_7d is false, and the PHQ-9 and GAD-7 follow-ups, asked only when the PHQ-2 or GAD-2 is 3 or more). Every problem is reported at once and nothing is saved.";

pub const SUMMARY_HELP: &str = "\
Examples:
  selfcheck summary                     the latest check-in, compared with the one before
  selfcheck summary --last 12           the last 12 check-ins: trends, flags, persistence
  selfcheck summary --since 2026-09-01  everything since a day
  selfcheck summary --format json       the same, for scripts
  selfcheck summary --last 12 --format html --out visit.html --name 'Sam' \\
      --concern 'Knee pain at night'    a page to print or save as PDF for an appointment
  selfcheck summary --last 12 --format markdown   to paste into a patient-portal message";

/// Shell completions, generated from the same definition as `--help`.
pub fn completions(shell: Shell) -> Vec<u8> {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    clap_complete::generate(generator, &mut cmd, "selfcheck", &mut out);
    out
}

/// The manual page (roff), generated from the same definition as `--help`: the top page,
/// then a section per command and one per subcommand ("SELFCHECK REMIND ON", with its
/// options), and the exit codes.
pub fn man() -> Vec<u8> {
    use clap::CommandFactory;
    let cmd = Cli::command().after_help(crate::base::error::exit::help_text());
    let mut out = Vec::new();
    let page = clap_mangen::Man::new(cmd.clone());
    let _ = page.render(&mut out);
    man_sections(&cmd, "selfcheck", &mut out);
    out
}

/// A section for each subcommand of `cmd`, then theirs; their own headings become
/// subsections, so the page keeps one level of sections.
fn man_sections(cmd: &clap::Command, path: &str, out: &mut Vec<u8>) {
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("{path} {}", sub.get_name());
        out.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
        let sub = sub.clone().bin_name(&name);
        let sub_page = clap_mangen::Man::new(sub.clone());
        let mut part = Vec::new();
        let _ = sub_page.render_description_section(&mut part);
        let _ = sub_page.render_synopsis_section(&mut part);
        let _ = sub_page.render_options_section(&mut part);
        let part = String::from_utf8_lossy(&part).replace("\n.SH ", "\n.SS ");
        let part = part
            .strip_prefix(".SH ")
            .map_or(part.clone(), |rest| format!(".SS {rest}"));
        out.extend_from_slice(part.as_bytes());
        if let Some(notes) = sub.get_after_help() {
            let notes = roff(&notes.to_string());
            out.extend_from_slice(format!(".SS NOTES\n{notes}\n").as_bytes());
        }
        man_sections(&sub, &name, out);
    }
}

/// Text for a roff page: paragraphs filled, indented lines (examples, in columns) set as
/// written; backslashes and minus signs escaped, and no line taken for a request.
fn roff(text: &str) -> String {
    let mut out = Vec::new();
    let mut as_written = false;
    for line in text.lines() {
        let indented = line.starts_with(' ');
        if as_written && !indented {
            out.push(".fi".to_string());
            as_written = false;
        }
        if line.trim().is_empty() {
            out.push(".sp".to_string());
            continue;
        }
        if indented && !as_written {
            out.push(".nf".to_string());
            as_written = true;
        }
        let line = line.replace('\\', "\\e").replace('-', "\\-");
        out.push(if line.starts_with('.') || line.starts_with('\'') {
            format!("\\&{line}")
        } else {
            line
        });
    }
    if as_written {
        out.push(".fi".to_string());
    }
    out.join("\n")
}

pub const REMIND_HELP: &str = "\
Examples:
  selfcheck remind on                   every week on the day you check in, at 18:00
  selfcheck remind on --day sunday --time 19:30
  selfcheck remind status               what is set and when it next looks
  selfcheck remind off

The notification says only that a check-in is due, never an answer. A systemd timer (Persistent=true) reminds at the next start when the computer was off at the time.";

pub const LOG_HELP: &str = "\
Examples:
  selfcheck log kratom 3g --for pain
  selfcheck log 2 glasses red wine
  selfcheck log red vein kratom 4 grams for pain
  selfcheck log tramadol 50mg --prescribed
  selfcheck log oxycodone 5mg --date 2026-11-20 --time 21:30 --pain 7
  selfcheck log list --since 2026-11-01
  selfcheck log delete 9c69
Amounts are a number and a unit (mg, g, ml, tablet, drink, glass, cup, puff, ...), written together or apart, before or after the name; without one, the entry records that it was taken. Names are matched to a class by the known names they contain (\"red vein kratom\" is kratom, \"glass of wine\" alcohol); an unknown name is kept as typed, as \"other\". Two sedating substances within 12 hours of each other get a notice. Entries stay on this computer, one file each in the data directory's journal/ folder.";

pub const ENCRYPT_HELP: &str = "\
Examples:
  selfcheck export --format json --out backup.json   a plain copy first, kept somewhere safe
  selfcheck encrypt                                   asks for a new passphrase twice
  selfcheck encrypt --passphrase-file ~/.selfcheck-pass

Every stored file becomes NAME.json.age (the age format, age-encryption.org/v1); key.age holds your key, locked with the passphrase. A lost passphrase cannot be recovered. Check-ins and log entries are still saved without it; reading asks for it once. Stopped half-way, run it again: it finishes the job.";

pub const DECRYPT_HELP: &str = "\
Examples:
  selfcheck decrypt                                   asks for the passphrase
  selfcheck decrypt --passphrase-file ~/.selfcheck-pass

Stopped half-way, run it again: it finishes the job.";

pub const PASSPHRASE_HELP: &str = "\
Examples:
  selfcheck passphrase                                asks for the old one, then the new one twice
  selfcheck passphrase --passphrase-file old.txt --new-passphrase-file new.txt
  selfcheck passphrase --rotate                       a new key too, every file re-encrypted

Without --rotate, only key.age is rewritten (atomically): your files stay as they are, and a copy of key.age made before (a backup, a sync peer) still opens them with the old passphrase, including files saved from now on. With --rotate, a new key is made, every file is encrypted again to it, and key.age holds it: an old copy then opens nothing saved afterwards. Stopped half-way, run it again: it finishes the job.";
