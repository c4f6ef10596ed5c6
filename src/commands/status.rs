//! `selfcheck status`: is a check-in due (exit 3)?

use crate::base::error::{self, Error};
use crate::engine::due;

use super::{print_text, Context};

pub(super) fn status(ctx: &Context) -> Result<u8, Error> {
    let cadence = ctx.config.cadence.unwrap_or_default();
    let found = due::check(&ctx.store, crate::base::dates::today(), cadence)?;
    if !ctx.quiet {
        print_text(format!("{}\n", due::describe(&found, cadence)).as_bytes())?;
    }
    Ok(if found.due {
        error::exit::DUE
    } else {
        error::exit::OK
    })
}
