//! The scheduler's and the desktop's own programs (`systemctl`, `launchctl`, `crontab`,
//! `notify-send`, `osascript`), found on PATH and run with their output captured, never
//! through a shell.

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// A program on PATH, if there is one.
pub(super) fn find(name: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .filter(|dir| dir.is_absolute())
        .map(|dir| dir.join(name))
        .find(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

/// What a program did.
pub(super) struct Ran {
    /// It ran and exited 0.
    pub ok: bool,
    /// What it printed (stdout, then stderr), trimmed; or why it could not run.
    pub said: String,
}

/// Runs `program args…` with no input, capturing what it prints.
pub(super) fn run(program: &std::path::Path, args: &[&str]) -> Ran {
    match Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
    {
        Ok(out) => {
            let said = format!(
                "{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            Ran {
                ok: out.status.success(),
                said: said.trim().to_string(),
            }
        }
        Err(e) => Ran {
            ok: false,
            said: e.to_string(),
        },
    }
}

/// A program's answer in a line: its first line of output (`is-enabled`: "enabled").
pub(super) fn first_line(ran: &Ran) -> String {
    ran.said
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no answer")
        .to_string()
}

/// Why a program failed, in a line: its last line of output, where tools put the error
/// after what they did ("Removed …", then "Failed to connect to bus").
pub(super) fn last_line(ran: &Ran) -> String {
    ran.said
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no reason given")
        .to_string()
}
