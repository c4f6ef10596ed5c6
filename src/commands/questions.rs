//! `selfcheck questions list|show|validate`.

use crate::base::error::{self, Error};
use crate::cli::QuestionsAction;
use crate::questionnaire::sets;
use crate::questionnaire::Questionnaire;
use crate::report::{self};

use super::{print_text, Context};

pub(super) fn questions(ctx: &Context, action: &QuestionsAction) -> Result<u8, Error> {
    match action {
        QuestionsAction::List => {
            let mut out = String::new();
            for found in sets::all(ctx.config_dir.as_ref()) {
                match &found.set {
                    Ok(q) => out.push_str(&format!(
                        "{:<16} v{:<3} {} ({} questions; {})\n",
                        q.def.id,
                        q.def.version,
                        q.def.title,
                        q.def.items.len(),
                        found.place()
                    )),
                    Err(e) => out.push_str(&format!(
                        "{:<16} not usable: {}\n",
                        "(invalid)",
                        e.to_string().lines().next().unwrap_or("")
                    )),
                }
                if let Some(clash) = &found.clash {
                    out.push_str(&format!("{:<16} problem: {clash}\n", ""));
                }
            }
            if let Some(dir) = &ctx.config_dir {
                out.push_str(&format!(
                    "\nYour own sets go in {}\n",
                    dir.questions().display()
                ));
            }
            print_text(out.as_bytes())?;
            Ok(error::exit::OK)
        }
        QuestionsAction::Show { id } => {
            let q = sets::find(ctx.config_dir.as_ref(), id)?;
            print_text(report::questions_text(&q).as_bytes())?;
            Ok(error::exit::OK)
        }
        QuestionsAction::Validate { file } => match Questionnaire::load(file) {
            Ok(q) => {
                // Valid on its own, but can it be chosen by its id beside the others?
                let same_file = |f: &sets::Found| match &f.origin {
                    sets::Origin::File(p) => p.canonicalize().ok() == file.canonicalize().ok(),
                    sets::Origin::Builtin => false,
                };
                let others: Vec<String> = sets::all(ctx.config_dir.as_ref())
                    .iter()
                    .filter(|f| !same_file(f))
                    .filter(|f| f.set.as_ref().is_ok_and(|o| o.def.id == q.def.id))
                    .map(|f| f.place())
                    .collect();
                let in_own_sets = ctx.config_dir.as_ref().is_some_and(|d| {
                    file.canonicalize()
                        .ok()
                        .and_then(|f| f.parent().map(Into::into))
                        == d.questions().canonicalize().ok()
                });
                if !others.is_empty() {
                    let why = format!(
                        "{}: its id \"{}\" is already taken ({}): as one of your own sets it needs another id",
                        file.display(),
                        q.def.id,
                        others.join(", ")
                    );
                    if in_own_sets {
                        return Err(Error::Refused(format!("the set is valid, but {why}")));
                    }
                    crate::base::text::say(&format!("note: {why}"));
                }
                print_text(
                    format!(
                        "{}: valid: question set \"{}\" version {}, {} questions, {} flags.\n",
                        file.display(),
                        q.def.id,
                        q.def.version,
                        q.def.items.len(),
                        q.def.flags.len() + q.def.trend_flags.len()
                    )
                    .as_bytes(),
                )?;
                Ok(error::exit::OK)
            }
            Err(e) => Err(e),
        },
    }
}
