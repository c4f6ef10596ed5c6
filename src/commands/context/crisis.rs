//! Crisis lines for the commands: which set's text, which region, the block printed before
//! anything that could fail, and the configuration's problems for `config show` and `doctor`.

use crate::config::ConfigDir;
use crate::questionnaire::crisis::RegionChoice;
use crate::questionnaire::sets;
use crate::questionnaire::Questionnaire;
use crate::store::StoredCheckin;
use crate::summary::{self, Summary};

use super::Context;

impl Context {
    /// The crisis text for check-ins of this set: always the binary's own, today's (phone
    /// numbers change; old copies do not; no set can remove or replace them). An own set in
    /// the config folder may add lines, shown after them and marked as the set's; a set
    /// carried in an import never shows its own.
    pub(in crate::commands) fn crisis_text(
        &self,
        q: &Questionnaire,
    ) -> crate::questionnaire::CrisisText {
        let mut crisis = match Questionnaire::builtin() {
            Ok(b) => b.def.crisis,
            Err(_) => q.def.crisis.clone(),
        };
        if !q.own_crisis_lines.is_empty() && self.is_own_set(q) {
            crisis.lines.extend(
                q.own_crisis_lines
                    .iter()
                    .map(|l| format!("From your question set \"{}\": {l}", q.def.id)),
            );
        }
        crisis
    }

    /// Whether `q` is one of the person's own sets in the config folder, as it is there now.
    pub(in crate::commands) fn is_own_set(&self, q: &Questionnaire) -> bool {
        sets::all(self.config_dir.as_ref()).into_iter().any(|f| {
            matches!(f.origin, sets::Origin::File(_)) && f.set.is_ok_and(|s| s.digest == q.digest)
        })
    }

    /// Which region's crisis lines to show for this set; a bad `crisis_region` is warned
    /// about once.
    pub(in crate::commands) fn region(
        &self,
        crisis: &crate::questionnaire::CrisisText,
    ) -> RegionChoice {
        let choice = RegionChoice::from_env(self.config.crisis_region.as_deref(), crisis);
        if let Some(w) = &choice.warning {
            if !self.region_warned.replace(true) {
                let file = self
                    .config_dir
                    .as_ref()
                    .map(ConfigDir::file)
                    .unwrap_or_default();
                self.say(&format!("warning: {}: {w}", file.display()));
            }
        }
        choice
    }

    /// Crisis lines for the configured region, applied to a summary of `checkins`. Never
    /// fails: an unknown region is a warning and every region's lines are shown.
    pub(in crate::commands) fn localise(
        &self,
        mut s: Summary,
        checkins: &[StoredCheckin],
    ) -> Summary {
        let Some(last) = checkins.last() else {
            return s;
        };
        let crisis = self.crisis_text(&last.questionnaire);
        let (lines, short) = self.region(&crisis).lines(&crisis);
        if let Some(c) = s.crisis.as_mut() {
            c.title = crisis.title.clone();
            c.lines = lines.clone();
        }
        if s.crisis_short.is_some() {
            s.crisis_short = Some(short.clone());
        }
        if !s.help.is_empty() {
            // The footer of a printed page: the one line that names every number.
            s.help = vec![short];
        }
        s
    }

    /// When encrypted data could not be unlocked, nothing in it can say whether the crisis
    /// lines are due: the one-line resource is shown anyway, as nothing may hide it.
    pub(in crate::commands) fn crisis_when_locked(&self) {
        let Ok(q) = Questionnaire::builtin() else {
            return;
        };
        let crisis = self.crisis_text(&q);
        let (_, short) = self.region(&crisis).lines(&crisis);
        crate::base::text::say(&short);
    }

    /// Shows crisis lines on stdout, or on stderr when stdout cannot take them (a full disk,
    /// a closed pipe): they are never lost to a failed write, and never end the command.
    pub(in crate::commands) fn show_crisis(&self, text: &str) {
        if super::super::print_text(text).is_err() {
            eprint!("{text}");
        }
    }

    /// The crisis block as printed on its own, before anything that could fail.
    pub(in crate::commands) fn crisis_block(&self, crisis: &summary::Crisis) -> String {
        let mut text = format!("\n{}\n", crisis.title.to_uppercase());
        if let Some(message) = &crisis.message {
            text.push_str(&format!(
                "{}\n",
                crate::base::text::wrap(message, "  ", crate::base::text::width())
            ));
        }
        for line in &crisis.lines {
            text.push_str(&format!(
                "{}\n",
                crate::base::text::wrap(line, "  ", crate::base::text::width())
            ));
        }
        text
    }

    /// The configuration's problems, with the region chosen for the crisis lines of the
    /// set a check-in would use: each names the config file and the key.
    pub(in crate::commands) fn config_report(&self) -> (Vec<String>, RegionChoice) {
        let file = self
            .config_dir
            .as_ref()
            .map(ConfigDir::file)
            .unwrap_or_default();
        let mut problems: Vec<String> = self
            .config_problems
            .iter()
            .map(|p| format!("{}: {p}", file.display()))
            .collect();
        let crisis = self
            .config
            .question_set
            .as_ref()
            .and_then(|id| sets::find(self.config_dir.as_ref(), id).ok())
            .or_else(|| Questionnaire::builtin().ok())
            .map(|q| self.crisis_text(&q));
        let choice = match &crisis {
            Some(c) => RegionChoice::from_env(self.config.crisis_region.as_deref(), c),
            None => RegionChoice::from_env(None, &Default::default()),
        };
        if let Some(w) = &choice.warning {
            problems.push(format!("{}: {w}", file.display()));
        }
        (problems, choice)
    }
}
