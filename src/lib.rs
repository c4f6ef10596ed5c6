//! selfcheck: a private weekly self-check and a non-diagnostic summary.
//!
//! Data flows one way: question set + answers → check-in record → store; store → records →
//! evaluation (scores, flags) → report. `main.rs` only parses arguments and calls [`run`].

// Unwrapping in the product hides a case that should be an error the person can act on.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]
// `pub` is what the binary and the tests use; everything else is the crate's own.
#![warn(unreachable_pub)]

pub mod answers;
pub mod base;
pub mod checkin;
pub mod cli;
mod commands;
mod config;
pub mod engine;
mod export;
pub mod import;
mod journal;
pub mod questionnaire;
mod remind;
pub mod report;
pub mod store;
pub mod summary;

use base::error::Error;
use cli::{Cli, ColorChoice};

pub use commands::Context;

/// Runs one parsed command line and returns the exit code.
pub fn run(cli: Cli) -> Result<u8, Error> {
    if let Some(warning) = base::dates::guard_time_zone() {
        if !cli.quiet {
            base::text::say(&format!("warning: {warning}"));
        }
    }
    let data_dir = base::paths::data_dir(cli.data_dir.clone())?;
    let config_dir = config::ConfigDir::resolve();
    let (config, config_problems) = match &config_dir {
        Some(dir) => config::Config::load(&dir.file()),
        None => Default::default(),
    };
    let mut store = store::Store::new(data_dir.path);
    if let Some(dir) = &config_dir {
        store = store.pinned_in(&dir.path);
    }
    let ctx = Context {
        store,
        config_dir,
        config,
        config_problems,
        quiet: cli.quiet,
        region_warned: Default::default(),
        passphrase_file: cli.passphrase_file.clone(),
    };
    set_colour(cli.color);
    commands::dispatch(&ctx, cli.command)
}

/// Colour only where it helps: a terminal that shows it, unless NO_COLOR or TERM=dumb says
/// otherwise (or `--color` decides). Output never depends on colour: flags carry words.
fn set_colour(choice: ColorChoice) {
    use std::io::IsTerminal;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let (out, err) = match choice {
        ColorChoice::Always => (true, true),
        ColorChoice::Never => (false, false),
        ColorChoice::Auto => {
            let ok = !no_color && !dumb;
            (
                ok && std::io::stdout().is_terminal(),
                ok && std::io::stderr().is_terminal(),
            )
        }
    };
    console::set_colors_enabled(out);
    console::set_colors_enabled_stderr(err);
}
