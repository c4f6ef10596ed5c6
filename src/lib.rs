//! selfcheck: a private weekly self-check and a non-diagnostic summary.
//!
//! Data flows one way: question set + answers → check-in record → store; store → records →
//! evaluation (scores, flags) → report. `main.rs` only parses arguments and calls [`run`].

pub mod answers;
pub mod checkin;
pub mod cli;
pub mod error;
pub mod paths;
pub mod questionnaire;
pub mod record;
pub mod report;
pub mod rules;
pub mod store;
pub mod summary;

use std::io::Write;

use chrono::Local;

use cli::{CheckinArgs, Cli, Command, SummaryArgs, SummaryFormat};
use error::Error;
use questionnaire::Questionnaire;
use report::Report;
use store::{Loaded, Store};

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    let data_dir = paths::data_dir(cli.data_dir)?;
    let store = Store::new(data_dir.path);
    match cli.command {
        Command::Checkin(args) => checkin(&store, &args),
        Command::Summary(args) => summary(&store, &args),
    }
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
    for p in &loaded.problems {
        eprintln!(
            "warning: {}: {}; the file was left as it is.",
            p.path.display(),
            p.problem
        );
    }
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
        Some(i) => summary::build(&loaded.checkins, i..i + 1),
        None => summary::latest(&loaded.checkins),
    };
    print(&report::Text.render(&summary))?;
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
    let loaded = load_reporting(store)?;
    let summary = summary::latest(&loaded.checkins);
    let bytes = match args.format {
        SummaryFormat::Text => report::Text.render(&summary),
        SummaryFormat::Json => report::Json.render(&summary),
    };
    print(&bytes)
}
