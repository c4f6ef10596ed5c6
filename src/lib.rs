//! selfcheck: a private weekly self-check and a non-diagnostic summary.
//!
//! Data flows one way: question set + answers → check-in record → store; store → records →
//! evaluation (scores, flags) → report. `main.rs` only parses arguments and calls [`run`].

pub mod answers;
pub mod checkin;
pub mod cli;
pub mod doctor;
pub mod error;
pub mod export;
pub mod history;
pub mod import;
pub mod output;
pub mod paths;
pub mod period;
pub mod questionnaire;
pub mod record;
pub mod report;
pub mod rules;
pub mod status;
pub mod store;
pub mod summary;

use std::io::Write;

use chrono::Local;

use cli::{
    CheckinArgs, Cli, Command, DoctorArgs, ExportArgs, ExportFormat, HistoryAction, HistoryArgs,
    ImportArgs, ListFormat, PeriodArgs, StatusArgs, SummaryArgs, SummaryFormat,
};
use error::Error;
use period::Period;
use questionnaire::Questionnaire;
use report::Report;
use store::{Loaded, Store};

/// Runs one parsed command line and returns the exit code.
pub fn run(cli: Cli) -> Result<u8, Error> {
    let data_dir = paths::data_dir(cli.data_dir)?;
    let store = Store::new(data_dir.path);
    match cli.command {
        Command::Checkin(args) => checkin(&store, &args).map(|()| error::exit::OK),
        Command::Summary(args) => summary(&store, &args).map(|()| error::exit::OK),
        Command::History(args) => history(&store, &args).map(|()| error::exit::OK),
        Command::Status(args) => status(&store, &args),
        Command::Doctor(args) => doctor(&store, &args),
        Command::Export(args) => export(&store, &args).map(|()| error::exit::OK),
        Command::Import(args) => import(&store, &args),
    }
}

fn period_of(args: &PeriodArgs) -> Result<Period, Error> {
    Period::from_args(args.last, args.since.as_deref(), args.until.as_deref())
}

fn warn_problems(loaded: &Loaded) {
    for p in &loaded.problems {
        eprintln!(
            "warning: {}: {}; the file was left as it is.",
            p.path.display(),
            p.problem
        );
    }
}

fn history(store: &Store, args: &HistoryArgs) -> Result<(), Error> {
    let message = match &args.action {
        None => {
            let period = period_of(&args.period)?;
            let loaded = history::load_period(store, &period)?;
            warn_problems(&loaded);
            let list = history::list(&loaded, &period);
            return print(&match args.format {
                ListFormat::Text => report::history_text(&list),
                ListFormat::Json => report::to_json(&list),
            });
        }
        Some(HistoryAction::Show { target }) => {
            let loaded = history::load_period(store, &history::period_of(target))?;
            warn_problems(&loaded);
            let found = history::resolve(&loaded.checkins, target, "")?;
            let at = loaded
                .checkins
                .iter()
                .position(|c| c.record.id == found.record.id)
                .unwrap_or(0);
            let summary = summary::build(&loaded.checkins, at..at + 1, "checkin");
            return print(&report::checkin_text(&summary));
        }
        Some(HistoryAction::Delete { target, yes }) => history::delete(store, target, *yes)?,
        Some(HistoryAction::Restore { target }) => history::restore(store, target)?,
        Some(HistoryAction::Purge { yes }) => history::purge(store, *yes)?,
    };
    eprintln!("{message}");
    Ok(())
}

fn export(store: &Store, args: &ExportArgs) -> Result<(), Error> {
    let loaded = load_reporting(store)?;
    let at = now_rfc3339();
    let bytes = match args.format {
        ExportFormat::Json => export::json(&loaded.checkins, &at),
        ExportFormat::Csv => export::csv(&loaded.checkins),
        ExportFormat::Fhir => export::fhir(&loaded.checkins, &at),
    };
    if let Some(path) = output::write(args.output.out.as_deref(), args.output.force, &bytes)? {
        eprintln!(
            "Wrote {} check-in(s) to {path} (readable only by you).",
            loaded.checkins.len()
        );
    }
    Ok(())
}

fn import(store: &Store, args: &ImportArgs) -> Result<u8, Error> {
    let outcome = import::import(store, &args.file)?;
    eprintln!("{}", import::describe(&outcome));
    Ok(
        if outcome.conflicts.is_empty() && outcome.invalid.is_empty() {
            error::exit::OK
        } else {
            error::exit::FAILED
        },
    )
}

/// Now as RFC 3339, or `SOURCE_DATE_EPOCH` for reproducible exports.
fn now_rfc3339() -> String {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|t| t.fixed_offset())
        .unwrap_or_else(|| chrono::Local::now().fixed_offset())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

fn doctor(store: &Store, args: &DoctorArgs) -> Result<u8, Error> {
    let questions = match &args.questions {
        Some(path) => Questionnaire::load(path),
        None => Questionnaire::builtin(),
    };
    let report = doctor::check(store, questions)?;
    print(doctor::describe(&report).as_bytes())?;
    Ok(if report.problems.is_empty() {
        error::exit::OK
    } else {
        error::exit::PROBLEMS
    })
}

fn status(store: &Store, args: &StatusArgs) -> Result<u8, Error> {
    let found = status::check(store, checkin::today())?;
    if !args.quiet {
        println!("{}", status::describe(&found));
    }
    Ok(if found.due {
        error::exit::DUE
    } else {
        error::exit::OK
    })
}

fn print(bytes: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        // A closed pipe (`selfcheck summary | head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|source| Error::Io {
            action: "write to".to_string(),
            path: "standard output".into(),
            source,
        }),
    }
}

/// Loads the store and warns on stderr about every file that was skipped.
fn load_reporting(store: &Store) -> Result<Loaded, Error> {
    let loaded = store.load()?;
    warn_problems(&loaded);
    Ok(loaded)
}

fn checkin(store: &Store, args: &CheckinArgs) -> Result<(), Error> {
    let q = match &args.questions {
        Some(path) => Questionnaire::load(path)?,
        None => Questionnaire::builtin()?,
    };
    let date = checkin::parse_date(args.date.as_deref(), checkin::today())?;
    let answers = match &args.answers {
        Some(path) => checkin::answers_from_file(&q, path)?,
        None => checkin::interactive(&q)?,
    };
    let record = {
        let _guard = checkin::SavingGuard::start();
        store.save(&q, date, Local::now().fixed_offset(), answers)?
    };
    eprintln!("Saved your check-in for {} ({}).", record.date, record.id);
    let loaded = load_reporting(store)?;
    let summary = match loaded
        .checkins
        .iter()
        .position(|c| c.record.id == record.id)
    {
        Some(i) => summary::build(&loaded.checkins, i..i + 1, "checkin"),
        None => summary::latest(&loaded.checkins),
    };
    print(&report::Text::for_terminal().render(&summary))?;
    if let Some(crisis) = &summary.crisis {
        // Crisis resources also close the check-in, where the person's eyes end up.
        let mut text = format!("\n{}\n", crisis.title.to_uppercase());
        for line in &crisis.lines {
            text.push_str(&format!("{}\n", report::wrap(line, "  ", 78)));
        }
        print(text.as_bytes())?;
    }
    if let Some(warning) = store.privacy_warning() {
        eprintln!("warning: {warning}");
    }
    Ok(())
}

fn summary(store: &Store, args: &SummaryArgs) -> Result<(), Error> {
    let period = period_of(&args.period)?;
    let printed = matches!(args.format, SummaryFormat::Markdown | SummaryFormat::Html);
    let summary = if period.is_unbounded() && !printed {
        summary::latest(&load_reporting(store)?.checkins)
    } else {
        let loaded = history::load_period(store, &period)?;
        warn_problems(&loaded);
        let mut range = period.range(&loaded.checkins);
        if period.is_unbounded() {
            // A printed report without a period covers the latest check-in.
            range = range.end.saturating_sub(1)..range.end;
        }
        summary::period(&loaded.checkins, range)
    };
    let summary = summary.for_printing(Some(made_on()), args.name.clone(), &args.concern);
    let bytes = match args.format {
        SummaryFormat::Text => report::Text::for_terminal().render(&summary),
        SummaryFormat::Markdown => report::Markdown.render(&summary),
        SummaryFormat::Html => report::Html.render(&summary),
        SummaryFormat::Json => report::Json.render(&summary),
    };
    if let Some(path) = output::write(args.output.out.as_deref(), args.output.force, &bytes)? {
        eprintln!("Wrote {path} (readable only by you).");
    }
    Ok(())
}

/// The day reports are made: today, or `SOURCE_DATE_EPOCH` (seconds) for reproducible output.
fn made_on() -> String {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(checkin::today)
        .to_string()
}
