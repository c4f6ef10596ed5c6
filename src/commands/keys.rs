//! Encryption at rest for the commands: where the passphrase comes from (a file, or the
//! terminal), unlocking once per command that reads, and `encrypt`, `decrypt` and
//! `passphrase`. The files and the age format are the store's (`store/codec.rs`).

use std::io::IsTerminal;
use std::path::Path;

use age::secrecy::{ExposeSecret, SecretString};

use crate::error::{self, Error};
use crate::fsio;
use crate::journal::{JOURNAL_DIR, JOURNAL_TRASH_DIR};
use crate::store::codec::first_line;
use crate::store::{
    Converted, CHECKINS_DIR, KEY_FILE, QUESTIONNAIRES_DIR, RECIPIENT_FILE, TRASH_DIR,
};

use super::Context;

/// Every folder of stored files.
const FOLDERS: &[&str] = &[
    CHECKINS_DIR,
    TRASH_DIR,
    QUESTIONNAIRES_DIR,
    JOURNAL_DIR,
    JOURNAL_TRASH_DIR,
];
/// Stored files in the data directory itself.
const ROOT_FILES: &[&str] = &[crate::draft::DRAFT_FILE];
/// Tries at the terminal before a wrong passphrase ends the command.
const TRIES: usize = 3;
/// A new passphrase shorter than this is refused.
const MIN_LENGTH: usize = 8;

/// A message for the person, each line wrapped to the terminal (unless `-q`).
fn tell(ctx: &Context, message: &str) {
    let width = crate::text::width();
    let lines: Vec<String> = message
        .lines()
        .map(|l| match l.strip_prefix("  ") {
            Some(command) => format!("  {command}"),
            None => crate::text::wrap(l, "", width),
        })
        .collect();
    ctx.say(&lines.join("\n"));
}

fn on_terminal() -> bool {
    std::io::stdin().is_terminal() && console::Term::stderr().is_term()
}

fn from_file(path: &Path) -> Result<SecretString, Error> {
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
    pub(super) fn unlock(&self) -> Result<(), Error> {
        if !self.store.is_sealed() || self.store.is_unlocked() {
            return Ok(());
        }
        self.unlock_asking()?;
        if let Some(problem) = self.store.recipient_problem() {
            self.say(&format!(
                "warning: {}: {problem}.",
                self.store.root().join(RECIPIENT_FILE).display()
            ));
        }
        Ok(())
    }

    fn unlock_asking(&self) -> Result<(), Error> {
        if let Some(path) = &self.passphrase_file {
            return self.store.unlock(&from_file(path)?);
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
                    eprintln!("That passphrase does not open your key; try again ({tries} left).");
                }
                other => return other,
            }
        }
    }

    /// For the result after a check-in: whether earlier check-ins can be read. Encrypted,
    /// the passphrase comes from the file, or is asked on the terminal (Enter skips).
    pub(super) fn compare_unlocked(&self) -> Result<bool, Error> {
        if !self.store.is_sealed() || self.store.is_unlocked() {
            return Ok(true);
        }
        if self.passphrase_file.is_some() {
            return self.unlock().map(|()| true);
        }
        if !on_terminal() {
            return Ok(false);
        }
        eprintln!(
            "{}",
            crate::text::wrap(
                "Your earlier check-ins are encrypted. To compare this one with them, type your passphrase.",
                "",
                crate::text::width()
            )
        );
        for left in (0..TRIES).rev() {
            let passphrase = ask("Passphrase (Enter skips)")?;
            if passphrase.expose_secret().is_empty() {
                return Ok(false);
            }
            match self.store.unlock(&passphrase) {
                Ok(()) => return Ok(true),
                Err(Error::WrongPassphrase) if left > 0 => {
                    eprintln!("That passphrase does not open your key; try again, or press Enter to skip ({left} left).");
                }
                Err(Error::WrongPassphrase) => return Ok(false),
                Err(e) => return Err(e),
            }
        }
        Ok(false)
    }

    /// A new passphrase: the first line of `file`, or asked twice on the terminal.
    fn new_passphrase(&self, file: Option<&Path>) -> Result<SecretString, Error> {
        let passphrase = match file {
            Some(path) => from_file(path)?,
            None if on_terminal() => loop {
                let first = ask("New passphrase")?;
                if first.expose_secret().chars().count() < MIN_LENGTH {
                    eprintln!("Please use at least {MIN_LENGTH} characters (a few words are easy to remember).");
                    continue;
                }
                let again = ask("The same passphrase again")?;
                if first.expose_secret() == again.expose_secret() {
                    break first;
                }
                eprintln!("The two did not match; please type it again.");
            },
            None => {
                return Err(Error::Refused(
                    "there is no terminal to ask for a new passphrase in; give it with --passphrase-file FILE (its first line). Nothing was changed.".to_string(),
                ))
            }
        };
        if passphrase.expose_secret().chars().count() < MIN_LENGTH {
            return Err(Error::Refused(format!(
                "the new passphrase is shorter than {MIN_LENGTH} characters; choose a longer one (a few words are easy to remember). Nothing was changed."
            )));
        }
        Ok(passphrase)
    }

    /// Converts every stored file, again while a save made meanwhile left one behind.
    fn convert_all(&self, to_sealed: bool) -> Result<Converted, Error> {
        let mut total = Converted::default();
        for _ in 0..3 {
            let done = self.store.convert(FOLDERS, ROOT_FILES, to_sealed)?;
            total.converted += done.converted;
            total.already += done.already;
            let failed = !done.problems.is_empty();
            total.problems.extend(done.problems);
            if failed || self.store.unconverted(FOLDERS, to_sealed).is_empty() {
                break;
            }
        }
        for p in &total.problems {
            self.say(&format!(
                "warning: {}: {}; the file was left as it is.",
                p.path.display(),
                p.problem
            ));
        }
        Ok(total)
    }
}

/// `selfcheck encrypt`.
pub(super) fn encrypt(ctx: &Context) -> Result<u8, Error> {
    let store = &ctx.store;
    let root = store.root();
    let _lock = store.lock_creating()?;
    let key = root.join(KEY_FILE).symlink_metadata().is_ok();
    let recipient = root.join(RECIPIENT_FILE).symlink_metadata().is_ok();
    match (key, recipient) {
        (false, false) => {
            let backup = if ctx.passphrase_file.is_none() && on_terminal() {
                "If you have no copy yet, stop here (Ctrl-C) and make one first"
            } else {
                "Keep a copy somewhere safe"
            };
            tell(ctx, &format!(
                "Encrypting your data in {} with a passphrase.\nA lost passphrase cannot be recovered: without it nobody, you included, can open these files again. {backup}:\n  selfcheck export --format json --out selfcheck-backup.json",
                root.display()
            ));
            let passphrase = ctx.new_passphrase(ctx.passphrase_file.as_deref())?;
            store.create_keys(&passphrase)?;
        }
        (true, false) => {
            // Stopped between writing the key and the recipient: finish with the same key.
            tell(ctx, "An earlier `selfcheck encrypt` was stopped; finishing it with the passphrase you chose then.");
            ctx.unlock()?;
            store.restore_recipient()?;
        }
        (false, true) => {
            return Err(Error::Refused(format!(
                "{} is there but {} is not: files encrypted to it could never be opened. Nothing was changed; run `selfcheck doctor`.",
                root.join(RECIPIENT_FILE).display(),
                root.join(KEY_FILE).display()
            )))
        }
        (true, true) => {}
    }
    let done = ctx.convert_all(true)?;
    tell(ctx, &format!(
        "Encrypted {} file{} ({} already were). Saving a check-in or a log entry still needs no passphrase; reading asks for it once.",
        done.converted,
        if done.converted == 1 { "" } else { "s" },
        done.already
    ));
    Ok(if done.problems.is_empty() {
        error::exit::OK
    } else {
        error::exit::FAILED
    })
}

/// `selfcheck decrypt`.
pub(super) fn decrypt(ctx: &Context) -> Result<u8, Error> {
    let store = &ctx.store;
    let key = store.root().join(KEY_FILE);
    if key.symlink_metadata().is_err() {
        if store.unconverted(FOLDERS, false).is_empty() && !store.is_sealed() {
            ctx.say("Your data is not encrypted; nothing was changed.");
            return Ok(error::exit::OK);
        }
        return Err(Error::Refused(format!(
            "{} is missing, so your encrypted files cannot be opened; nothing was changed. If you have a copy of key.age (a backup), put it back there.",
            key.display()
        )));
    }
    let _lock = store.lock()?;
    ctx.unlock()?;
    // From here new files are saved plain; then the others follow.
    store.remove_key_file(RECIPIENT_FILE)?;
    let done = ctx.convert_all(false)?;
    let left = store.unconverted(FOLDERS, false);
    if !done.problems.is_empty() || !left.is_empty() {
        return Err(Error::Refused(format!(
            "{} file{} could not be turned back into plain files, so {} was kept; run `selfcheck decrypt` again, or `selfcheck doctor` to see why.",
            done.problems.len().max(left.len()),
            if done.problems.len().max(left.len()) == 1 { "" } else { "s" },
            store.root().join(KEY_FILE).display()
        )));
    }
    store.remove_key_file(KEY_FILE)?;
    tell(
        ctx,
        &format!(
            "Decrypted {} file{}: your data is plain files again.",
            done.converted,
            if done.converted == 1 { "" } else { "s" }
        ),
    );
    Ok(error::exit::OK)
}

/// `selfcheck passphrase`.
pub(super) fn passphrase(ctx: &Context, new_file: Option<&Path>) -> Result<u8, Error> {
    let store = &ctx.store;
    if store.root().join(KEY_FILE).symlink_metadata().is_err() {
        return Err(Error::Refused(
            "your data is not encrypted, so it has no passphrase; `selfcheck encrypt` sets one"
                .to_string(),
        ));
    }
    let _lock = store.lock()?;
    ctx.unlock()?;
    let passphrase = ctx.new_passphrase(new_file)?;
    store.rekey(&passphrase)?;
    tell(ctx, "Your passphrase is changed; the old one no longer opens your key. Your files were not rewritten.");
    Ok(error::exit::OK)
}

/// What `doctor` says about the keys and the files' forms, without the passphrase: a
/// missing key, a recipient without its key, and each file left in the other form.
pub(super) fn key_problems(ctx: &Context) -> Vec<(std::path::PathBuf, String)> {
    let store = &ctx.store;
    let root = store.root();
    let key = root.join(KEY_FILE).symlink_metadata().is_ok();
    let recipient = root.join(RECIPIENT_FILE).symlink_metadata().is_ok();
    let mut problems = Vec::new();
    let sealed_files = store.unconverted(FOLDERS, false);
    if !key && !sealed_files.is_empty() {
        problems.push((
            root.join(KEY_FILE),
            format!(
                "is missing: {} encrypted file{} cannot be opened without it. If you have a copy of key.age (a backup), put it back here",
                sealed_files.len(),
                if sealed_files.len() == 1 { "" } else { "s" }
            ),
        ));
    }
    match (key, recipient) {
        (false, true) => problems.push((
            root.join(RECIPIENT_FILE),
            "is here without key.age: new files would be encrypted to a key that is not here. If you have key.age, put it back; otherwise move recipient.txt away".to_string(),
        )),
        (true, false) => problems.push((
            root.join(RECIPIENT_FILE),
            "is missing, so new files are saved unencrypted: run `selfcheck encrypt` to finish".to_string(),
        )),
        _ => {}
    }
    if recipient {
        for path in store.unconverted(FOLDERS, true) {
            problems.push((
                path,
                "is not encrypted, though your data is: run `selfcheck encrypt` to finish"
                    .to_string(),
            ));
        }
    } else if !key {
        for path in sealed_files {
            problems.push((
                path,
                "is encrypted, though your data is not: run `selfcheck decrypt` to finish"
                    .to_string(),
            ));
        }
    }
    problems
}
