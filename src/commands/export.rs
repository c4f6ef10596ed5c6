//! `selfcheck export` and `selfcheck import`.

use chrono::Local;

use crate::cli::{ExportArgs, ExportFormat, ImportArgs};
use crate::error::{self, Error};
use crate::{export, import, output};

use super::Context;

pub(super) fn export(ctx: &Context, args: &ExportArgs) -> Result<(), Error> {
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

pub(super) fn import(ctx: &Context, args: &ImportArgs) -> Result<u8, Error> {
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
