//! The commands, one function each: options and configuration in, output and an exit
//! code out. Parsing lives in `cli.rs`; the work lives in the modules these call.
//!
//! Data goes to stdout and messages to stderr; `-q` silences the messages but never errors
//! or crisis resources.

use std::io::Write;

use chrono::Local;

use crate::cli::{
    CheckinArgs, Command, ConfigAction, DoctorArgs, ExportArgs, ExportFormat, HistoryAction,
    HistoryArgs, ImportArgs, ListFormat, PeriodArgs, QuestionsAction, SummaryArgs, SummaryFormat,
};
use crate::config::{Cadence, Config, ConfigDir, SummaryPeriod};
use crate::error::{self, Error};
use crate::period::Period;
use crate::questionnaire::Questionnaire;
use crate::report::{self, Report};
use crate::store::{Loaded, Store, StoredCheckin};
use crate::summary::{self, Summary};
use crate::{checkin, doctor, draft, export, history, import, output, sets, status};

/// What every command needs: the data, the configuration and how loud to be.
pub struct Context {
    /// The data directory.
    pub store: Store,
    /// The config directory, when one could be found.
    pub config_dir: Option<ConfigDir>,
    /// The configuration file's settings.
    pub config: Config,
    /// `-q`: nothing but errors, crisis resources and the data asked for.
    pub quiet: bool,
}

impl Context {
    /// A message for the person (stderr), unless `-q`.
    fn say(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    /// Warnings about files that were skipped (stderr), unless `-q`.
    fn warn_problems(&self, loaded: &Loaded) {
        for p in &loaded.problems {
            self.say(&format!(
                "warning: {}: {}; the file was left as it is.",
                p.path.display(),
                p.problem
            ));
        }
    }

    /// Every check-in, with warnings about the files that were skipped.
    fn load(&self) -> Result<Loaded, Error> {
        let loaded = self.store.load()?;
        self.warn_problems(&loaded);
        Ok(loaded)
    }

    /// The question set a check-in uses: `--questions FILE`, `--set ID`, the configured one,
    /// or the built-in one.
    fn question_set(&self, args: &CheckinArgs) -> Result<Questionnaire, Error> {
        if let Some(path) = &args.questions {
            return Questionnaire::load(path);
        }
        match args.set.as_ref().or(self.config.question_set.as_ref()) {
            Some(id) => sets::find(self.config_dir.as_ref(), id),
            None => Questionnaire::builtin(),
        }
    }

    /// Crisis lines for the configured region, applied to a summary of `checkins`.
    fn localise(&self, mut s: Summary, checkins: &[StoredCheckin]) -> Result<Summary, Error> {
        let (Some(region), Some(last)) = (&self.config.crisis_region, checkins.last()) else {
            return Ok(s);
        };
        let crisis = &last.questionnaire.def.crisis;
        let Some((lines, short)) = crisis.for_region(region) else {
            let known: Vec<&str> = crisis.regions.iter().map(|r| r.id.as_str()).collect();
            return Err(Error::Config {
                file: self.config_dir.as_ref().map(ConfigDir::file).unwrap_or_default(),
                problem: format!(
                    "bad value for \"crisis_region\": \"{region}\" is not a region of this question set (known: all, {})",
                    known.join(", ")
                ),
            });
        };
        if let Some(c) = s.crisis.as_mut() {
            c.lines = lines.clone();
        }
        if s.crisis_short.is_some() {
            s.crisis_short = Some(short);
        }
        if !s.help.is_empty() {
            s.help = lines;
        }
        Ok(s)
    }
}

/// Runs one command.
pub fn dispatch(ctx: &Context, command: Command) -> Result<u8, Error> {
    let ok = |r: Result<(), Error>| r.map(|()| error::exit::OK);
    match command {
        Command::Checkin(args) => ok(checkin(ctx, &args)),
        Command::Summary(args) => ok(summary(ctx, &args)),
        Command::History(args) => ok(history(ctx, &args)),
        Command::Status(_) => status(ctx),
        Command::Doctor(args) => doctor(ctx, &args),
        Command::Export(args) => ok(export(ctx, &args)),
        Command::Import(args) => import(ctx, &args),
        Command::Questions { action } => questions(ctx, &action),
        Command::Config { action } => ok(config(ctx, &action)),
        Command::Completions { shell } => ok(print(&crate::cli::completions(shell))),
        Command::Man => ok(print(&crate::cli::man())),
    }
}

/// Writes data to stdout; a closed pipe (`selfcheck history | head -1`) is the reader's
/// choice, not a failure.
fn print(bytes: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|source| Error::Io {
            action: "write to".to_string(),
            path: "standard output".into(),
            source,
        }),
    }
}

fn period_of(args: &PeriodArgs) -> Result<Period, Error> {
    Period::from_args(args.last, args.since.as_deref(), args.until.as_deref())
}

fn checkin(ctx: &Context, args: &CheckinArgs) -> Result<(), Error> {
    let q = ctx.question_set(args)?;
    let date = checkin::parse_date(args.date.as_deref(), checkin::today())?;
    let answers = match &args.answers {
        Some(path) => checkin::answers_from_file(&q, path)?,
        None => {
            let start = if args.resume {
                draft::resume(&ctx.store, &q)?
            } else {
                if let Ok(Some(old)) = draft::load(&ctx.store) {
                    ctx.say(&format!(
                        "Note: a check-in started {} was not finished; this one replaces it (`selfcheck checkin --resume` would have continued it).",
                        old.started_at.format("%Y-%m-%d %H:%M")
                    ));
                }
                Default::default()
            };
            let keep = |a: &crate::answers::Answers| {
                // A draft that cannot be kept is no reason to stop the check-in.
                let _ = draft::save(&ctx.store, &q, a);
            };
            if args.plain {
                checkin::plain(&q, start, &keep)?
            } else {
                checkin::interactive(&q, start, &keep)?
            }
        }
    };
    let record = {
        let _guard = checkin::SavingGuard::start();
        ctx.store
            .save(&q, date, Local::now().fixed_offset(), answers)?
    };
    if args.answers.is_none() {
        // The draft was this check-in in progress; from an answers file, any draft is
        // another check-in's and stays.
        draft::remove(&ctx.store);
    }
    ctx.say(&format!(
        "Saved your check-in for {} ({}).",
        record.date, record.id
    ));
    let loaded = ctx.load()?;
    let at = loaded
        .checkins
        .iter()
        .position(|c| c.record.id == record.id);
    let summary = match at {
        Some(i) => summary::build(&loaded.checkins, i..i + 1, "checkin"),
        None => summary::latest(&loaded.checkins),
    };
    let summary = ctx.localise(
        summary,
        &loaded.checkins[..at.map_or(loaded.checkins.len(), |i| i + 1)],
    )?;
    if !ctx.quiet {
        print(&report::Text::for_terminal().render(&summary))?;
    }
    if let Some(crisis) = &summary.crisis {
        // Crisis resources close the check-in, where the person's eyes end up; `-q` never
        // hides them.
        let mut text = format!("\n{}\n", crisis.title.to_uppercase());
        for line in &crisis.lines {
            text.push_str(&format!("{}\n", report::wrap(line, "  ", 78)));
        }
        print(text.as_bytes())?;
    }
    if let Some(warning) = ctx.store.privacy_warning() {
        ctx.say(&format!("warning: {warning}"));
    }
    Ok(())
}

fn summary(ctx: &Context, args: &SummaryArgs) -> Result<(), Error> {
    let mut period = period_of(&args.period)?;
    if period.is_unbounded() {
        if let Some(SummaryPeriod::Last { last }) = ctx.config.summary_period {
            period.last = Some(last);
        }
    }
    let format = match (args.format, ctx.config.summary_format.as_deref()) {
        (Some(f), _) => f,
        (None, Some("markdown")) => SummaryFormat::Markdown,
        (None, Some("html")) => SummaryFormat::Html,
        (None, Some("json")) => SummaryFormat::Json,
        (None, _) => SummaryFormat::Text,
    };
    let printed = matches!(format, SummaryFormat::Markdown | SummaryFormat::Html);
    let (summary, loaded) = if period.is_unbounded() && !printed {
        let loaded = ctx.load()?;
        (summary::latest(&loaded.checkins), loaded)
    } else {
        let loaded = history::load_period(&ctx.store, &period)?;
        ctx.warn_problems(&loaded);
        let mut range = period.range(&loaded.checkins);
        if period.is_unbounded() {
            // A printed report without a period covers the latest check-in.
            range = range.end.saturating_sub(1)..range.end;
        }
        (summary::period(&loaded.checkins, range), loaded)
    };
    let summary = summary.for_printing(Some(made_on()), args.name.clone(), &args.concern);
    let summary = ctx.localise(summary, &loaded.checkins)?;
    let bytes = match format {
        SummaryFormat::Text => report::Text::for_terminal().render(&summary),
        SummaryFormat::Markdown => report::Markdown.render(&summary),
        SummaryFormat::Html => report::Html.render(&summary),
        SummaryFormat::Json => report::Json.render(&summary),
    };
    if let Some(path) = output::write(args.output.out.as_deref(), args.output.force, &bytes)? {
        ctx.say(&format!("Wrote {path} (readable only by you)."));
        if let Some(c) = &summary.crisis {
            // Written to a file, the crisis resources would go unseen: show them here too.
            eprintln!("{}: {}", c.title, c.lines.join(" "));
        }
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

/// Now as RFC 3339, or `SOURCE_DATE_EPOCH` for reproducible exports.
fn now_rfc3339() -> String {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|t| t.fixed_offset())
        .unwrap_or_else(|| Local::now().fixed_offset())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

fn history(ctx: &Context, args: &HistoryArgs) -> Result<(), Error> {
    let store = &ctx.store;
    let message = match &args.action {
        None => {
            let period = period_of(&args.period)?;
            let loaded = history::load_period(store, &period)?;
            ctx.warn_problems(&loaded);
            let list = history::list(&loaded, &period);
            return print(&match args.format {
                ListFormat::Text => report::history_text(&list),
                ListFormat::Json => report::to_json(&list),
            });
        }
        Some(HistoryAction::Show { target }) => {
            let loaded = history::load_period(store, &history::period_of(target))?;
            ctx.warn_problems(&loaded);
            let found = history::resolve(&loaded.checkins, target, "")?;
            let at = loaded
                .checkins
                .iter()
                .position(|c| c.record.id == found.record.id)
                .unwrap_or(0);
            let summary = summary::build(&loaded.checkins, at..at + 1, "checkin");
            let summary = ctx.localise(summary, &loaded.checkins[..=at])?;
            return print(&report::checkin_text(&summary));
        }
        Some(HistoryAction::Delete { target, yes }) => history::delete(store, target, *yes)?,
        Some(HistoryAction::Restore { target }) => history::restore(store, target)?,
        Some(HistoryAction::Purge { yes }) => history::purge(store, *yes)?,
    };
    ctx.say(&message);
    Ok(())
}

fn status(ctx: &Context) -> Result<u8, Error> {
    let cadence = ctx.config.cadence.unwrap_or_default();
    let found = status::check(&ctx.store, checkin::today(), cadence)?;
    if !ctx.quiet {
        print(format!("{}\n", status::describe(&found, cadence)).as_bytes())?;
    }
    Ok(if found.due {
        error::exit::DUE
    } else {
        error::exit::OK
    })
}

fn doctor(ctx: &Context, args: &DoctorArgs) -> Result<u8, Error> {
    let questions = match &args.questions {
        Some(path) => Questionnaire::load(path),
        None => match &ctx.config.question_set {
            Some(id) => sets::find(ctx.config_dir.as_ref(), id),
            None => Questionnaire::builtin(),
        },
    };
    let report = doctor::check(&ctx.store, questions)?;
    print(doctor::describe(&report).as_bytes())?;
    Ok(if report.problems.is_empty() {
        error::exit::OK
    } else {
        error::exit::PROBLEMS
    })
}

fn export(ctx: &Context, args: &ExportArgs) -> Result<(), Error> {
    let loaded = ctx.load()?;
    let at = now_rfc3339();
    let bytes = match args.format {
        ExportFormat::Json => export::json(&loaded.checkins, &at),
        ExportFormat::Csv => export::csv(&loaded.checkins),
        ExportFormat::Fhir => export::fhir(&loaded.checkins, &at),
    };
    if let Some(path) = output::write(args.output.out.as_deref(), args.output.force, &bytes)? {
        ctx.say(&format!(
            "Wrote {} check-in(s) to {path} (readable only by you).",
            loaded.checkins.len()
        ));
    }
    Ok(())
}

fn import(ctx: &Context, args: &ImportArgs) -> Result<u8, Error> {
    let outcome = import::import(&ctx.store, &args.file)?;
    let failed = !(outcome.conflicts.is_empty() && outcome.invalid.is_empty());
    if failed {
        // Conflicts are an error: shown even with -q.
        eprintln!("selfcheck: {}", import::describe(&outcome));
        Ok(error::exit::FAILED)
    } else {
        ctx.say(&import::describe(&outcome));
        Ok(error::exit::OK)
    }
}

fn questions(ctx: &Context, action: &QuestionsAction) -> Result<u8, Error> {
    match action {
        QuestionsAction::List => {
            let mut out = String::new();
            for found in sets::all(ctx.config_dir.as_ref()) {
                match &found.set {
                    Ok(q) => out.push_str(&format!(
                        "{:<16} v{:<3} {} ({} questions; {})\n",
                        q.def.id,
                        q.def.version,
                        q.def.title,
                        q.def.items.len(),
                        found.place()
                    )),
                    Err(e) => out.push_str(&format!(
                        "{:<16} not usable: {}\n",
                        "(invalid)",
                        e.to_string().lines().next().unwrap_or("")
                    )),
                }
            }
            if let Some(dir) = &ctx.config_dir {
                out.push_str(&format!(
                    "\nYour own sets go in {}\n",
                    dir.questions().display()
                ));
            }
            print(out.as_bytes())?;
            Ok(error::exit::OK)
        }
        QuestionsAction::Show { id } => {
            let q = sets::find(ctx.config_dir.as_ref(), id)?;
            print(report::questions_text(&q).as_bytes())?;
            Ok(error::exit::OK)
        }
        QuestionsAction::Validate { file } => match Questionnaire::load(file) {
            Ok(q) => {
                print(
                    format!(
                        "{}: valid: question set \"{}\" version {}, {} questions, {} flags.\n",
                        file.display(),
                        q.def.id,
                        q.def.version,
                        q.def.items.len(),
                        q.def.flags.len() + q.def.trend_flags.len()
                    )
                    .as_bytes(),
                )?;
                Ok(error::exit::OK)
            }
            Err(e) => Err(e),
        },
    }
}

fn config(ctx: &Context, action: &ConfigAction) -> Result<(), Error> {
    let Some(dir) = &ctx.config_dir else {
        return Err(Error::Refused(
            "no config directory was found; set SELFCHECK_CONFIG_DIR".to_string(),
        ));
    };
    match action {
        ConfigAction::Path => print(format!("{}\n", dir.file().display()).as_bytes()),
        ConfigAction::Show => {
            let c = &ctx.config;
            let set = c
                .question_set
                .clone()
                .unwrap_or_else(|| "weekly".to_string());
            let cadence = match c.cadence.unwrap_or_default() {
                Cadence::Weekly => "weekly (once per ISO week, Monday to Sunday)".to_string(),
                Cadence::EveryDays { every_days } => format!("every {every_days} days"),
            };
            let period = match c.summary_period.unwrap_or_default() {
                SummaryPeriod::Latest => "the latest check-in".to_string(),
                SummaryPeriod::Last { last } => format!("the last {last} check-ins"),
            };
            let regions = Questionnaire::builtin()
                .map(|q| {
                    q.def
                        .crisis
                        .regions
                        .iter()
                        .map(|r| format!("{} ({})", r.id, r.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            let text = format!(
                "Config file:     {} ({}, from {})\nData directory:  {}\nquestion_set:    {set}\ncadence:         {cadence}\ncrisis_region:   {} (regions: all, {regions})\nsummary_period:  {period}\nsummary_format:  {}\n",
                dir.file().display(),
                if dir.file().exists() { "in use" } else { "not created; defaults apply" },
                dir.origin,
                ctx.store.root().display(),
                c.crisis_region.as_deref().unwrap_or("all"),
                c.summary_format.as_deref().unwrap_or("text"),
            );
            print(text.as_bytes())
        }
    }
}
