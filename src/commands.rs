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
use crate::crisis::RegionChoice;
use crate::error::{self, Error};
use crate::period::Period;
use crate::questionnaire::{CrisisLevel, Questionnaire};
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
    /// What was wrong in the configuration file (each with what is used instead).
    pub config_problems: Vec<String>,
    /// `-q`: nothing but errors, crisis resources and the data asked for.
    pub quiet: bool,
    /// Whether a bad `crisis_region` was warned about already.
    pub region_warned: std::cell::Cell<bool>,
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
    /// or the built-in one. A configured set that cannot be used is a warning, not a stop.
    fn question_set(&self, args: &CheckinArgs) -> Result<Questionnaire, Error> {
        if let Some(path) = &args.questions {
            return Questionnaire::load(path);
        }
        if let Some(id) = &args.set {
            return sets::find(self.config_dir.as_ref(), id);
        }
        match &self.config.question_set {
            Some(id) => sets::find(self.config_dir.as_ref(), id).or_else(|e| {
                self.say(&format!(
                    "warning: the configured question_set \"{id}\" cannot be used ({}); the built-in set is used instead.",
                    e.to_string().lines().next().unwrap_or_default()
                ));
                Questionnaire::builtin()
            }),
            None => Questionnaire::builtin(),
        }
    }

    /// The crisis text for check-ins of this set: the record's own set's, except that the
    /// built-in set's lines are always today's (phone numbers change; old copies do not).
    fn crisis_text(&self, q: &Questionnaire) -> crate::questionnaire::CrisisText {
        match Questionnaire::builtin() {
            Ok(b) if b.def.id == q.def.id => b.def.crisis,
            _ => q.def.crisis.clone(),
        }
    }

    /// Which region's crisis lines to show for this set; a bad `crisis_region` is warned
    /// about once.
    fn region(&self, crisis: &crate::questionnaire::CrisisText) -> RegionChoice {
        let choice = RegionChoice::from_env(self.config.crisis_region.as_deref(), crisis);
        if let Some(w) = &choice.warning {
            if !self.region_warned.replace(true) {
                let file = self
                    .config_dir
                    .as_ref()
                    .map(ConfigDir::file)
                    .unwrap_or_default();
                self.say(&format!("warning: {}: {w}", file.display()));
            }
        }
        choice
    }

    /// The configuration's problems, with the region chosen for the crisis lines of the
    /// set a check-in would use: each names the config file and the key.
    fn config_report(&self) -> (Vec<String>, RegionChoice) {
        let file = self
            .config_dir
            .as_ref()
            .map(ConfigDir::file)
            .unwrap_or_default();
        let mut problems: Vec<String> = self
            .config_problems
            .iter()
            .map(|p| format!("{}: {p}", file.display()))
            .collect();
        let crisis = self
            .config
            .question_set
            .as_ref()
            .and_then(|id| sets::find(self.config_dir.as_ref(), id).ok())
            .or_else(|| Questionnaire::builtin().ok())
            .map(|q| self.crisis_text(&q));
        let choice = match &crisis {
            Some(c) => RegionChoice::from_env(self.config.crisis_region.as_deref(), c),
            None => RegionChoice::from_env(None, &Default::default()),
        };
        if let Some(w) = &choice.warning {
            problems.push(format!("{}: {w}", file.display()));
        }
        (problems, choice)
    }

    /// Prints the configuration file's problems as warnings (unless `-q`); a bad region is
    /// warned about where crisis lines are shown.
    pub fn warn_config(&self) {
        let file = self
            .config_dir
            .as_ref()
            .map(ConfigDir::file)
            .unwrap_or_default();
        for p in &self.config_problems {
            self.say(&format!("warning: {}: {p}", file.display()));
        }
    }

    /// Crisis lines for the configured region, applied to a summary of `checkins`. Never
    /// fails: an unknown region is a warning and every region's lines are shown.
    fn localise(&self, mut s: Summary, checkins: &[StoredCheckin]) -> Summary {
        let Some(last) = checkins.last() else {
            return s;
        };
        let crisis = self.crisis_text(&last.questionnaire);
        let (lines, short) = self.region(&crisis).lines(&crisis);
        if let Some(c) = s.crisis.as_mut() {
            c.title = crisis.title.clone();
            c.lines = lines.clone();
        }
        if s.crisis_short.is_some() {
            s.crisis_short = Some(short.clone());
        }
        if !s.help.is_empty() {
            // The footer of a printed page: the one line that names every number.
            s.help = vec![short];
        }
        s
    }

    /// The crisis block as printed on its own, before anything that could fail.
    fn crisis_block(&self, crisis: &summary::Crisis) -> String {
        let mut text = format!("\n{}\n", crisis.title.to_uppercase());
        for line in &crisis.lines {
            text.push_str(&format!("{}\n", crate::text::wrap(line, "  ", 78)));
        }
        text
    }
}

/// Runs one command.
pub fn dispatch(ctx: &Context, command: Command) -> Result<u8, Error> {
    if !matches!(command, Command::Config { .. } | Command::Doctor(_)) {
        // `config show` and `doctor` report these as problems of their own.
        ctx.warn_config();
    }
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
    let date = checkin::parse_date(args.date.as_deref(), crate::dates::today())?;
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
    // Crisis lines come before anything that could fail (saving, reading, the summary).
    let level = crate::engine::crisis_level(&q, &answers);
    let crisis = ctx.crisis_text(&q);
    let (lines, short) = ctx.region(&crisis).lines(&crisis);
    let block = (level == CrisisLevel::Full).then(|| {
        ctx.crisis_block(&summary::Crisis {
            title: crisis.title.clone(),
            lines,
        })
    });
    if let Some(block) = &block {
        print(block.as_bytes())?;
    }
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
    if !ctx.quiet {
        let loaded = ctx.load()?;
        let at = loaded
            .checkins
            .iter()
            .position(|c| c.record.id == record.id);
        let summary = match at {
            Some(i) => summary::build(&loaded.checkins, i..i + 1, summary::Scope::Checkin),
            None => summary::latest(&loaded.checkins),
        };
        let mut summary = ctx.localise(
            summary,
            &loaded.checkins[..at.map_or(loaded.checkins.len(), |i| i + 1)],
        );
        // Shown just above; it closes the check-in again below.
        summary.crisis = None;
        print(&report::Text::for_terminal().render(&summary))?;
        if let Some(block) = &block {
            // Crisis resources close the check-in, where the person's eyes end up.
            print(block.as_bytes())?;
        }
    } else if level == CrisisLevel::Short {
        // `-q` keeps the one-line resource, as `-q summary` does.
        print(format!("{short}\n").as_bytes())?;
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
    let summary = ctx.localise(summary, &loaded.checkins);
    if args
        .output
        .out
        .as_deref()
        .is_some_and(|p| p != std::path::Path::new("-"))
    {
        if let Some(c) = &summary.crisis {
            // Written to a file, the crisis resources would go unseen, and writing can fail:
            // show them here first.
            eprintln!("{}: {}", c.title, c.lines.join(" "));
        }
    }
    let bytes = match format {
        SummaryFormat::Text => report::Text::for_terminal().render(&summary),
        SummaryFormat::Markdown => report::Markdown.render(&summary),
        SummaryFormat::Html => report::Html.render(&summary),
        SummaryFormat::Json => report::Json.render(&summary),
    };
    if let Some(path) = output::write(args.output.out.as_deref(), args.output.force, &bytes)? {
        ctx.say(&format!("Wrote {path} (readable only by you)."));
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
        .unwrap_or_else(crate::dates::today)
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
            let mut list = history::list(&loaded, &period);
            if list.crisis_line.is_some() {
                if let Some(last) = loaded.checkins.last() {
                    let crisis = ctx.crisis_text(&last.questionnaire);
                    list.crisis_line = Some(ctx.region(&crisis).lines(&crisis).1);
                }
            }
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
            let summary = summary::build(&loaded.checkins, at..at + 1, summary::Scope::Checkin);
            let summary = ctx.localise(summary, &loaded.checkins[..=at]);
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
    let found = status::check(&ctx.store, crate::dates::today(), cadence)?;
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
    let mut report = doctor::check(&ctx.store, questions)?;
    let file = ctx
        .config_dir
        .as_ref()
        .map(ConfigDir::file)
        .unwrap_or_default();
    for p in ctx.config_report().0 {
        // Named by the file already.
        let p = p
            .strip_prefix(&format!("{}: ", file.display()))
            .unwrap_or(&p)
            .to_string();
        report.problems.push((file.clone(), p));
    }
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
            let (problems, region) = ctx.config_report();
            let mut text = format!(
                "Config file:     {} ({}, from {})\nData directory:  {}\nquestion_set:    {set}\ncadence:         {cadence}\ncrisis_region:   {} ({})\nsummary_period:  {period}\nsummary_format:  {}\n",
                dir.file().display(),
                if dir.file().exists() { "in use" } else { "not created; defaults apply" },
                dir.origin,
                ctx.store.root().display(),
                region.region.as_deref().unwrap_or("all"),
                region.why,
                c.summary_format.as_deref().unwrap_or("text"),
            );
            if let Ok(q) = Questionnaire::builtin() {
                text.push_str(&format!(
                    "                 regions: {}\n",
                    crate::crisis::known(&q.def.crisis)
                ));
            }
            for p in &problems {
                text.push_str(&format!("problem: {p}\n"));
            }
            print(text.as_bytes())
        }
    }
}
