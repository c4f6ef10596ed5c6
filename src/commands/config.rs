//! `selfcheck config path|show`.

use crate::base::error::Error;
use crate::cli::ConfigAction;
use crate::config::{Cadence, SummaryPeriod};
use crate::questionnaire::Questionnaire;

use super::{print_text, Context};

pub(super) fn config(ctx: &Context, action: &ConfigAction) -> Result<(), Error> {
    let Some(dir) = &ctx.config_dir else {
        return Err(Error::Refused(
            "no config directory was found; set SELFCHECK_CONFIG_DIR".to_string(),
        ));
    };
    match action {
        ConfigAction::Path => print_text(format!("{}\n", dir.file().display()).as_bytes()),
        ConfigAction::Show => {
            let c = &ctx.config;
            let set = c
                .question_set
                .clone()
                .unwrap_or_else(|| "weekly".to_string());
            let cadence = match c.cadence.unwrap_or_default() {
                Cadence::Weekly => "weekly (once per ISO week, Monday to Sunday)".to_string(),
                Cadence::EveryDays { every_days } => format!("every {every_days} days"),
            };
            let period = match c.summary_period.unwrap_or_default() {
                SummaryPeriod::Latest => "the latest check-in".to_string(),
                SummaryPeriod::Last { last } => format!("the last {last} check-ins"),
            };
            let (problems, region) = ctx.config_report();
            let mut text = format!(
                "Config file:     {} ({}, from {})\nData directory:  {}\nquestion_set:    {set}\ncadence:         {cadence}\ncrisis_region:   {} ({})\nsummary_period:  {period}\nsummary_format:  {}\n",
                dir.file().display(),
                if dir.file().exists() { "in use" } else { "not created; defaults apply" },
                dir.origin,
                ctx.store.root().display(),
                region.region.as_deref().unwrap_or("all"),
                region.why,
                c.summary_format.map_or("text", |f| f.name()),
            );
            if let Ok(q) = Questionnaire::builtin() {
                text.push_str(&format!(
                    "                 regions: {}\n",
                    crate::questionnaire::crisis::known(&q.def.crisis)
                ));
            }
            for p in &problems {
                text.push_str(&format!("problem: {p}\n"));
            }
            print_text(crate::base::text::message(&text).as_bytes())
        }
    }
}
