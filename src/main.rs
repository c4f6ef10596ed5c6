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
    let mut command =
        Cli::command().after_help(format!("{}\n\n{footer}", selfcheck::cli::EXAMPLES));
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
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match selfcheck::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // Errors name files and values from files: control characters made visible.
            let text = e.to_string();
            let safe: Vec<String> = text.split('\n').map(selfcheck::base::text::safe).collect();
            eprintln!("selfcheck: {}", safe.join("\n"));
            ExitCode::from(e.exit_code())
        }
    }
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
