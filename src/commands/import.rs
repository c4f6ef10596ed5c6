//! `selfcheck import`: check-ins, journal entries and question sets from an export, each
//! checked before anything is written (`import/`).

use crate::base::error::{self, Error};
use crate::cli::ImportArgs;
use crate::import;

use super::Context;

pub(super) fn import(ctx: &Context, args: &ImportArgs) -> Result<u8, Error> {
    let outcome = import::import(&ctx.store, &args.file)?;
    if outcome.failed() {
        // Conflicts are an error: shown even with -q.
        crate::base::text::say(&format!("selfcheck: {}", import::describe(&outcome)));
        Ok(error::exit::FAILED)
    } else {
        ctx.say(&import::describe(&outcome));
        Ok(error::exit::OK)
    }
}
