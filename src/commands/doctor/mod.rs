//! `selfcheck doctor`: checks the data and the configuration, changes nothing (exit 5 on
//! problems).

pub(super) mod checks;

use crate::base::error::{self, Error};
use crate::cli::DoctorArgs;
use crate::config::ConfigDir;
use crate::questionnaire::sets;
use crate::questionnaire::Questionnaire;

use super::{print_text, Context};

pub(super) fn doctor(ctx: &Context, args: &DoctorArgs) -> Result<u8, Error> {
    let questions = match &args.questions {
        Some(path) => Questionnaire::load(path),
        None => match &ctx.config.question_set {
            Some(id) => sets::find(ctx.config_dir.as_ref(), id),
            None => Questionnaire::builtin(),
        },
    };
    let not_checked = match ctx.unlock() {
        Ok(()) => None,
        Err(e @ Error::WrongPassphrase) => return Err(e),
        Err(e) => Some((
            ctx.store.root().to_path_buf(),
            format!("the encrypted files were not checked: {e}"),
        )),
    };
    let unlocked = not_checked.is_none();
    // After the unlock: the key tells whether recipient.txt is its own half.
    let mut keys = super::context::forms::key_problems(ctx);
    keys.extend(not_checked);
    let mut report = checks::check(&ctx.store, questions)?;
    if !unlocked {
        // Each encrypted file would say the same; the line above says it once.
        report
            .problems
            .retain(|(_, p)| !p.contains(&crate::store::Unreadable::Locked.to_string()));
    }
    report.problems.splice(0..0, keys);
    let file = ctx
        .config_dir
        .as_ref()
        .map(ConfigDir::file)
        .unwrap_or_default();
    for p in ctx.config_report().0 {
        // Named by the file already.
        let p = p
            .strip_prefix(&format!("{}: ", file.display()))
            .unwrap_or(&p)
            .to_string();
        report.problems.push((file.clone(), p));
    }
    for found in sets::all(ctx.config_dir.as_ref()) {
        if let (Some(clash), sets::Origin::File(path)) = (&found.clash, &found.origin) {
            report.problems.push((path.clone(), clash.clone()));
        }
    }
    print_text(crate::base::text::message(&checks::describe(&report)).as_bytes())?;
    Ok(if report.problems.is_empty() {
        error::exit::OK
    } else {
        error::exit::PROBLEMS
    })
}
