//! The binary: parse the command line (with the data directory and exit codes in every
//! `--help`), run it, print an error once with its exit code. Everything else is the library.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use selfcheck::cli::Cli;

fn main() -> ExitCode {
    selfcheck::base::signal::ignore_file_size_signal();
    // An empty SELFCHECK_PASSPHRASE_FILE= is unset, as an empty variable is to most tools
    // (clap would refuse the empty path, and every command would fail).
    if std::env::var_os("SELFCHECK_PASSPHRASE_FILE").is_some_and(|v| v.is_empty()) {
        // SAFETY (edition 2021: safe): at start-up, before any other thread exists.
        std::env::remove_var("SELFCHECK_PASSPHRASE_FILE");
    }
    #[cfg(feature = "failpoints")]
    let _failpoints = fail::FailScenario::setup();
    // Every `--help` names the data directory in use and the exit codes, so the footer is
    // computed before parsing.
    let footer = format!(
        "{}\n\n{}",
        selfcheck::base::paths::help_line(data_dir_flag()),
        selfcheck::base::error::exit::help_text()
    );
    // clap lays help out at the width every other line uses (COLUMNS, the terminal, else 80).
    let mut command = Cli::command()
        .term_width(selfcheck::base::text::width())
        .after_help(format!("{}\n\n{footer}", selfcheck::cli::EXAMPLES));
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, |sub| {
            let own = sub
                .get_after_help()
                .map(|h| format!("{h}\n\n"))
                .unwrap_or_default();
            sub.after_help(format!("{own}{footer}"))
        });
    }
    let matches = match command.try_get_matches() {
        Ok(matches) => matches,
        Err(e) => clap_exit(&e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => clap_exit(&e),
    };
    match selfcheck::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // Errors name files and values from files: control characters made visible.
            selfcheck::base::text::say(&format!("selfcheck: {e}"));
            ExitCode::from(e.exit_code())
        }
    }
}

/// Prints clap's help, version or error through the one wrapper (clap leaves usage lines
/// and errors as long as they are), then exits with clap's code. A closed pipe
/// (`selfcheck --help | head -1`) is the reader's choice.
fn clap_exit(e: &clap::Error) -> ! {
    use std::io::{IsTerminal, Write};
    let on_terminal = if e.use_stderr() {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    let styled = e.render();
    let text = if on_terminal && console::colors_enabled() {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    let text = selfcheck::base::text::lines(&text, selfcheck::base::text::width());
    let _ = if e.use_stderr() {
        std::io::stderr().write_all(text.as_bytes())
    } else {
        std::io::stdout().write_all(text.as_bytes())
    };
    std::process::exit(e.exit_code());
}

/// `--data-dir DIR` or `--data-dir=DIR`, wherever it is, for the help text only. Arguments
/// are read as they are (not necessarily UTF-8): a path may hold any bytes.
fn data_dir_flag() -> Option<std::path::PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    args.iter().enumerate().find_map(|(i, a)| {
        let bytes = a.as_bytes();
        match bytes.strip_prefix(b"--data-dir".as_slice()) {
            Some([]) => args.get(i + 1).map(Into::into),
            Some([b'=', rest @ ..]) => Some(std::ffi::OsStr::from_bytes(rest).into()),
            _ => None,
        }
    })
}
