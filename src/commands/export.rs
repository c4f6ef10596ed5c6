//! `selfcheck export` and `selfcheck import`.

use std::io::Write;

use chrono::Local;

use crate::base::error::Error;
use crate::cli::{ExportArgs, ExportFormat};
use crate::store::CHECKINS_DIR;
use crate::{base::output, export};

use super::Context;

pub(super) fn export(ctx: &Context, args: &ExportArgs) -> Result<(), Error> {
    let at = now_rfc3339();
    let (out, force) = (args.output.out.as_deref(), args.output.force);
    // `--out FILE.age`: the export encrypted to the data's own key.
    let sealed = match out.filter(|p| p.extension().is_some_and(|e| e == "age")) {
        Some(_) => Some(ctx.store.recipient()?.ok_or_else(|| {
            Error::Refused(
                "--out ….age writes an export encrypted to your data's key, but your data is not encrypted; run `selfcheck encrypt` first, or choose a name without .age".to_string(),
            )
        })?),
        None => None,
    };
    let (written, count) = match (args.format, args.journal) {
        (ExportFormat::Json | ExportFormat::Fhir, true) => return Err(Error::Refused(
            "--journal goes with --format csv (the JSON and FHIR exports always carry the journal)"
                .to_string(),
        )),
        (ExportFormat::Json, false) => {
            let substances = crate::journal::Substances::builtin()?;
            // A backup of any size: each check-in and journal entry is read and written in turn.
            let mut journal = journal_stream(ctx, &substances)?;
            let mut checkins = checkin_stream(ctx, true)?;
            let mut copies = crate::store::SetCopies::new();
            let mut set_text = |qref: &crate::store::record::QuestionnaireRef| {
                ctx.store
                    .questionnaire_for(qref, &mut copies)
                    .map(|q| q.raw.clone())
                    .ok_or_else(|| {
                        std::io::Error::other(format!(
                            "the question set {} could not be read again",
                            qref.file_name()
                        ))
                    })
            };
            let mut count = 0;
            let written = write(out, force, sealed.as_ref(), &mut |w| {
                count = export::json(w, &mut checkins, &mut journal, &mut set_text, &at)?;
                Ok(())
            })?;
            (written, count)
        }
        (ExportFormat::Csv, false) => csv_in_parts(ctx, out, force, sealed.as_ref())?,
        (ExportFormat::Csv, true) => {
            let substances = crate::journal::Substances::builtin()?;
            let mut journal = journal_stream(ctx, &substances)?;
            let mut count = 0;
            let written = write(out, force, sealed.as_ref(), &mut |w| {
                count = export::journal_csv(w, &mut journal)?;
                Ok(())
            })?;
            (written, count)
        }
        (ExportFormat::Fhir, false) => fhir(ctx, &at, out, force, sealed.as_ref())?,
    };
    if let Some(path) = written {
        let what = if args.journal {
            crate::base::text::count(count, "journal entry", "journal entries")
        } else {
            crate::base::text::count(count, "check-in", "check-ins")
        };
        let how = if sealed.is_some() {
            "encrypted to your key"
        } else {
            "readable only by you"
        };
        ctx.say(&format!("Wrote {what} to {path} ({how})."));
    }
    Ok(())
}

/// Writes to `out` through `fill`, sealed to `sealed` when it is given.
fn write(
    out: Option<&std::path::Path>,
    force: bool,
    sealed: Option<&age::x25519::Recipient>,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<Option<String>, Error> {
    match sealed {
        Some(r) => output::write_with(out, force, &mut |w| {
            crate::store::codec::seal_stream(r, w, fill)
        }),
        None => output::write_with(out, force, fill),
    }
}

/// The CSV export a part of the history at a time, in bounded memory: a first pass learns
/// the sets the check-ins use (the header's columns), a second writes the rows.
fn csv_in_parts(
    ctx: &Context,
    out: Option<&std::path::Path>,
    force: bool,
    sealed: Option<&age::x25519::Recipient>,
) -> Result<(Option<String>, usize), Error> {
    use crate::questionnaire::LOOKBACK;
    const PART: usize = 512;
    let (parts, problems) =
        ctx.store
            .parts(CHECKINS_DIR, crate::store::parts::even(PART), LOOKBACK)?;
    for p in &problems {
        ctx.warn_file(p);
    }
    let mut copies = crate::store::SetCopies::new();
    let mut sets: Vec<std::sync::Arc<crate::questionnaire::Questionnaire>> = Vec::new();
    for part in &parts {
        let mut loaded = ctx
            .store
            .load_paths_with(part.paths.clone(), Vec::new(), &mut copies);
        crate::engine::keep_valid(&mut loaded);
        let first = part.first_own(&loaded);
        for c in &loaded.checkins[first..] {
            if !sets.iter().any(|q| q.digest == c.questionnaire.digest) {
                sets.push(c.questionnaire.clone());
            }
        }
    }
    let set_refs: Vec<&crate::questionnaire::Questionnaire> = sets.iter().map(|q| &**q).collect();
    let mut count = 0;
    let written = write(out, force, sealed, &mut |w| {
        let mut rows = export::CsvRows::start(w, &set_refs)?;
        for part in &parts {
            let mut loaded = ctx
                .store
                .load_paths_with(part.paths.clone(), Vec::new(), &mut copies);
            crate::engine::keep_valid(&mut loaded);
            for p in loaded
                .problems
                .iter()
                .filter(|p| part.own.contains(&p.path))
            {
                ctx.warn_file(p);
            }
            let first = part.first_own(&loaded);
            count += loaded.checkins.len() - first;
            rows.rows(&loaded.checkins, first..loaded.checkins.len())?;
        }
        rows.finish()
    })?;
    Ok((written, count))
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

/// The journal's entries oldest first, read a day at a time; a file that cannot be used is
/// warned about and left out.
fn journal_stream<'a>(
    ctx: &'a Context,
    substances: &'a crate::journal::Substances,
) -> Result<impl Iterator<Item = crate::journal::JournalEntry> + 'a, Error> {
    Ok(
        crate::journal::stream_sorted(&ctx.store, substances)?.filter_map(|read| match read {
            Ok(entry) => Some(entry),
            Err(problem) => {
                ctx.warn_file(&problem);
                None
            }
        }),
    )
}

/// The check-ins that fit their sets, oldest first, read a day at a time; the others are
/// warned about (when `warn`) and left out.
fn checkin_stream(
    ctx: &Context,
    warn: bool,
) -> Result<impl Iterator<Item = crate::store::StoredCheckin> + '_, Error> {
    Ok(ctx.store.stream(CHECKINS_DIR)?.filter_map(move |read| {
        match read.and_then(crate::engine::fits) {
            Ok(c) => Some(c),
            Err(problem) => {
                if warn {
                    ctx.warn_file(&problem);
                }
                None
            }
        }
    }))
}

/// The FHIR export in bounded memory: a first pass learns the sets the check-ins use (their
/// Questionnaire resources come first), a second writes a response per check-in as it is
/// read, then the journal.
fn fhir(
    ctx: &Context,
    at: &str,
    out: Option<&std::path::Path>,
    force: bool,
    sealed: Option<&age::x25519::Recipient>,
) -> Result<(Option<String>, usize), Error> {
    let mut used: Vec<crate::store::record::QuestionnaireRef> = Vec::new();
    for c in checkin_stream(ctx, false)? {
        if !used.contains(&c.record.questionnaire) {
            used.push(c.record.questionnaire.clone());
        }
    }
    let substances = crate::journal::Substances::builtin()?;
    let mut journal = journal_stream(ctx, &substances)?;
    let mut checkins = checkin_stream(ctx, true)?;
    let mut copies = crate::store::SetCopies::new();
    let mut sets = used
        .iter()
        .filter_map(|r| ctx.store.questionnaire_for(r, &mut copies));
    let mut count = 0;
    let written = write(out, force, sealed, &mut |w| {
        count = export::fhir(w, &mut sets, &mut checkins, &mut journal, at)?;
        Ok(())
    })?;
    Ok((written, count))
}
