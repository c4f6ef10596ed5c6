//! What every command needs (the data, the configuration, how loud to be) and what they
//! share: messages, loading with warnings, the question set in use (`mod.rs`); the crisis
//! lines (`crisis.rs`); the passphrase and unlocking (`keys.rs`); the files encryption
//! converts and what `doctor` says about them (`forms.rs`).

use crate::base::error::Error;
use crate::cli::CheckinArgs;
use crate::config::{Config, ConfigDir};
use crate::questionnaire::sets;
use crate::questionnaire::Questionnaire;
use crate::store::{FileProblem, Loaded, Store};

pub(super) mod crisis;
pub(super) mod forms;
pub(super) mod keys;

/// What every command needs: the data, the configuration and how loud to be.
pub struct Context {
    /// The data directory.
    pub store: Store,
    /// The config directory, when one could be found.
    pub config_dir: Option<ConfigDir>,
    /// The configuration file's settings.
    pub config: Config,
    /// What was wrong in the configuration file (each with what is used instead).
    pub config_problems: Vec<String>,
    /// `-q`: nothing but errors, crisis resources and the data asked for.
    pub quiet: bool,
    /// Whether a bad `crisis_region` was warned about already.
    pub region_warned: std::cell::Cell<bool>,
    /// `--passphrase-file` (or `SELFCHECK_PASSPHRASE_FILE`), for encrypted data.
    pub passphrase_file: Option<std::path::PathBuf>,
}

impl Context {
    /// A message for the person (stderr), unless `-q`. Messages carry values from files
    /// (names, config keys and values, file names): each line passes the control-character
    /// check, so none can move the cursor or retitle the terminal.
    pub(crate) fn say(&self, message: &str) {
        if !self.quiet {
            crate::base::text::say(message);
        }
    }

    /// Warnings about files that were skipped (stderr), unless `-q`.
    pub(crate) fn warn_problems(&self, loaded: &Loaded) {
        for p in &loaded.problems {
            self.warn_file(p);
        }
    }

    /// A warning about one file that was skipped (stderr), unless `-q`.
    pub(crate) fn warn_file(&self, p: &FileProblem) {
        self.say(&format!(
            "warning: {}: {}; the file was left as it is.",
            p.path.display(),
            p.problem
        ));
    }

    /// Every check-in, with warnings about the files that were skipped.
    pub(crate) fn load(&self) -> Result<Loaded, Error> {
        let mut loaded = self.store.load()?;
        crate::engine::keep_valid(&mut loaded);
        self.warn_problems(&loaded);
        Ok(loaded)
    }

    /// The question set a check-in uses: `--questions FILE`, `--set ID`, the configured one,
    /// or the built-in one. A configured set that cannot be used is a warning, not a stop.
    pub(crate) fn question_set(&self, args: &CheckinArgs) -> Result<Questionnaire, Error> {
        if let Some(path) = &args.questions {
            return Questionnaire::load(path);
        }
        if let Some(id) = &args.set {
            return sets::find(self.config_dir.as_ref(), id);
        }
        match &self.config.question_set {
            Some(id) => sets::find(self.config_dir.as_ref(), id).or_else(|e| {
                self.say(&format!(
                    "warning: the configured question_set \"{id}\" cannot be used ({}); the built-in set is used instead.",
                    e.to_string().lines().next().unwrap_or_default()
                ));
                Questionnaire::builtin()
            }),
            None => Questionnaire::builtin(),
        }
    }

    /// Prints the configuration file's problems as warnings (unless `-q`); a bad region is
    /// warned about where crisis lines are shown.
    pub fn warn_config(&self) {
        let file = self
            .config_dir
            .as_ref()
            .map(ConfigDir::file)
            .unwrap_or_default();
        for p in &self.config_problems {
            self.say(&format!("warning: {}: {p}", file.display()));
        }
    }
}
