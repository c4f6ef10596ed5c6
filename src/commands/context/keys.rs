//! Where the passphrase comes from (a file, or the terminal), and unlocking once per
//! command that reads. The commands that change the store's form are in `encrypt.rs`; the
//! files and the age format are the store's (`store/keyfiles.rs`, `store/codec.rs`).

use std::io::IsTerminal;
use std::path::Path;

use age::secrecy::{ExposeSecret, SecretString};

use crate::base::error::Error;
use crate::base::fsio;
use crate::store::codec::first_line;

use super::Context;

/// Tries at the terminal before a wrong passphrase ends the command.
const TRIES: usize = 3;
/// A new passphrase shorter than this is refused.
const MIN_LENGTH: usize = 8;

/// A message for the person, each line wrapped to the terminal (unless `-q`).
pub(in crate::commands) fn tell(ctx: &Context, message: &str) {
    let width = crate::base::text::width();
    let lines: Vec<String> = message
        .lines()
        .map(|l| match l.strip_prefix("  ") {
            Some(command) => format!("  {command}"),
            None => crate::base::text::wrap(l, "", width),
        })
        .collect();
    ctx.say(&lines.join("\n"));
}

pub(in crate::commands) fn on_terminal() -> bool {
    std::io::stdin().is_terminal() && console::Term::stderr().is_term()
}

fn from_file(ctx: &Context, path: &Path) -> Result<SecretString, Error> {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        let mode = meta.permissions().mode() & 0o777;
        if meta.is_file() && mode & 0o077 != 0 {
            ctx.say(&format!(
                "warning: {} can be read by other users of this computer (mode {mode:o}), and it holds your passphrase; run: chmod 600 '{}'",
                path.display(),
                path.display()
            ));
        }
    }
    let bytes = fsio::read_named(path, 64 * 1024).map_err(|source| Error::Io {
        action: "read the passphrase file".to_string(),
        path: path.to_path_buf(),
        source,
    })?;
    first_line(&bytes).map_err(|why| {
        Error::Refused(format!(
            "{}: {why}; its first line should be the passphrase. Nothing was changed.",
            path.display()
        ))
    })
}

fn ask(prompt: &str) -> Result<SecretString, Error> {
    let answer = dialoguer::Password::new()
        .with_prompt(prompt)
        .allow_empty_password(true)
        .interact();
    let _ = console::Term::stderr().show_cursor();
    answer
        .map(SecretString::from)
        .map_err(|e| Error::Terminal(e.to_string()))
}

impl Context {
    /// Unlocks the store's key for a command that reads, when the store is encrypted: the
    /// passphrase from the file, else asked on the terminal (up to three tries).
    pub(in crate::commands) fn unlock(&self) -> Result<(), Error> {
        if !self.store.is_sealed() || self.store.is_unlocked() {
            return Ok(());
        }
        self.unlock_asking()
    }

    pub(in crate::commands) fn unlock_asking(&self) -> Result<(), Error> {
        if let Some(path) = &self.passphrase_file {
            return self.store.unlock(&from_file(self, path)?);
        }
        if !on_terminal() {
            return Err(Error::Refused(
                "your data is encrypted, and there is no terminal to ask for the passphrase in; give it with --passphrase-file FILE (or SELFCHECK_PASSPHRASE_FILE=FILE), the passphrase on the file's first line. Nothing was changed.".to_string(),
            ));
        }
        let mut tries = TRIES;
        loop {
            let passphrase = ask("Passphrase for your selfcheck data")?;
            match self.store.unlock(&passphrase) {
                Err(Error::WrongPassphrase) if tries > 1 => {
                    tries -= 1;
                    crate::base::text::say(&format!(
                        "That passphrase does not open your key; try again ({tries} left)."
                    ));
                }
                other => return other,
            }
        }
    }

    /// For the result after a check-in: whether earlier check-ins can be read. Encrypted,
    /// the passphrase comes from the file, or is asked on the terminal (Enter skips).
    pub(in crate::commands) fn compare_unlocked(&self) -> Result<bool, Error> {
        self.unlock_to(
            "Your earlier check-ins are encrypted. To compare this one with them, type your passphrase.",
        )
    }

    /// Whether stored files can be read, for something that can go without them: `why` is
    /// said before the passphrase is asked on a terminal (Enter skips); from a file, no
    /// question.
    pub(in crate::commands) fn unlock_to(&self, why: &str) -> Result<bool, Error> {
        if !self.store.is_sealed() || self.store.is_unlocked() {
            return Ok(true);
        }
        if self.passphrase_file.is_some() {
            return self.unlock().map(|()| true);
        }
        if !on_terminal() {
            return Ok(false);
        }
        crate::base::text::say(why);
        for left in (0..TRIES).rev() {
            let passphrase = ask("Passphrase (Enter skips)")?;
            if passphrase.expose_secret().is_empty() {
                return Ok(false);
            }
            match self.store.unlock(&passphrase) {
                Ok(()) => return Ok(true),
                Err(Error::WrongPassphrase) if left > 0 => {
                    crate::base::text::say(&format!("That passphrase does not open your key; try again, or press Enter to skip ({left} left)."));
                }
                Err(Error::WrongPassphrase) => return Ok(false),
                Err(e) => return Err(e),
            }
        }
        Ok(false)
    }

    /// Whether a passphrase can be had for unlocking: from a file, or a terminal to ask in.
    pub(in crate::commands) fn can_unlock(&self) -> bool {
        self.passphrase_file.is_some() || on_terminal()
    }

    /// A new passphrase: the first line of `file`, or asked twice on the terminal; `flag`
    /// names the option that gives the file, for the message when there is no terminal.
    pub(in crate::commands) fn new_passphrase(
        &self,
        file: Option<&Path>,
        flag: &str,
    ) -> Result<SecretString, Error> {
        let passphrase = match file {
            Some(path) => from_file(self, path)?,
            None if on_terminal() => loop {
                let first = ask("New passphrase")?;
                if first.expose_secret().chars().count() < MIN_LENGTH {
                    crate::base::text::say(&format!("Please use at least {MIN_LENGTH} characters (a few words are easy to remember)."));
                    continue;
                }
                let again = ask("The same passphrase again")?;
                if first.expose_secret() == again.expose_secret() {
                    break first;
                }
                crate::base::text::say("The two did not match; please type it again.");
            },
            None => {
                return Err(Error::Refused(format!(
                    "there is no terminal to ask for a new passphrase in; give it with {flag} FILE (its first line). Nothing was changed."
                )))
            }
        };
        if passphrase.expose_secret().chars().count() < MIN_LENGTH {
            return Err(Error::Refused(format!(
                "the new passphrase is shorter than {MIN_LENGTH} characters; choose a longer one (a few words are easy to remember). Nothing was changed."
            )));
        }
        Ok(passphrase)
    }
}
