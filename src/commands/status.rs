//! `selfcheck status`: is a check-in due (exit 3)?

use crate::error::{self, Error};
use crate::status;

use super::{print, Context};

pub(super) fn status(ctx: &Context) -> Result<u8, Error> {
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
