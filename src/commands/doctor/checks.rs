//! `selfcheck doctor`: checks the whole data directory and the question set, and lists
//! every problem with the file and what is wrong. It reads only; it changes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::base::error::Error;
use crate::base::fsio;
use crate::questionnaire::{self, Questionnaire};
use crate::store::record::QuestionnaireRef;
use crate::store::{Store, CHECKINS_DIR, QUESTIONNAIRES_DIR, TRASH_DIR};

/// What `doctor` found.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// Problems: (file, what is wrong and what to do).
    pub problems: Vec<(PathBuf, String)>,
    /// Things worth knowing that are not problems.
    pub notes: Vec<(PathBuf, String)>,
    /// Readable check-ins.
    pub checkins: usize,
    /// Readable check-ins in the trash.
    pub trashed: usize,
    /// Question set copies that check out.
    pub question_sets: usize,
    /// Readable journal entries.
    pub journal: usize,
}

fn mode(path: &Path) -> Option<u32> {
    fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o777)
}

/// Checks everything; `questions` is the set a check-in would use.
pub(crate) fn check(
    store: &Store,
    questions: Result<Questionnaire, Error>,
) -> Result<Report, Error> {
    let mut r = Report::default();
    if let Err(e) = questions {
        r.problems
            .push((PathBuf::from("question set"), e.to_string()));
    }
    let root = store.root();
    if !root.exists() {
        r.notes.push((
            root.to_path_buf(),
            "no data directory yet: it is created by the first check-in".to_string(),
        ));
        return Ok(r);
    }
    if mode(root).is_some_and(|m| m & 0o077 != 0) {
        r.problems.push((
            root.to_path_buf(),
            format!(
                "can be read by other users of this computer; run: chmod 700 '{}'",
                root.display()
            ),
        ));
    }
    for folder in [CHECKINS_DIR, QUESTIONNAIRES_DIR, TRASH_DIR] {
        let dir = root.join(folder);
        if let Some(m) = mode(&dir).filter(|m| *m != fsio::DIR_MODE) {
            r.problems.push((
                dir.clone(),
                format!(
                    "folder mode is {m:o}, not 700; run: chmod 700 '{}'",
                    dir.display()
                ),
            ));
        }
        check_files_private(&dir, &mut r);
    }

    // The key, the recipient and the draft live in the data directory itself.
    check_files_private(root, &mut r);
    if crate::checkin::draft::path(store).exists() {
        r.notes.push((
            crate::checkin::draft::path(store),
            "an unfinished check-in (a draft, not a check-in): `selfcheck checkin --resume` continues it".to_string(),
        ));
    }
    // Question set copies: each must parse and still match the digest in its name.
    let mut copies_ok = BTreeMap::new();
    if let Ok(entries) = fs::read_dir(root.join(QUESTIONNAIRES_DIR)) {
        for e in entries.flatten() {
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(fsio::TEMP_SUFFIX) {
                continue;
            }
            let name = name
                .strip_suffix(crate::store::codec::SEALED_SUFFIX)
                .unwrap_or(&name)
                .to_string();
            match store.read_stored(&path, questionnaire::MAX_FILE_BYTES) {
                Err(e) => r.problems.push((path, e.to_string())),
                Ok(bytes) => match Questionnaire::parse(&bytes, &name) {
                    Err(e) => r.problems.push((path, e.to_string())),
                    Ok(q) if QuestionnaireRef::of(&q).file_name() != name => r.problems.push((
                        path,
                        "its content no longer matches the name it was saved under: it was changed after saving; check-ins that use it may show other questions than were asked".to_string(),
                    )),
                    Ok(_) => {
                        r.question_sets += 1;
                        copies_ok.insert(name, ());
                    }
                },
            }
        }
    }

    for (folder, count) in [(CHECKINS_DIR, &mut r.checkins), (TRASH_DIR, &mut r.trashed)] {
        let dir = root.join(folder);
        if let Ok(entries) = fs::read_dir(&dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if fsio::is_stale_temp(&name) {
                    r.notes.push((e.path(), "an unfinished write left by a selfcheck that was stopped; not a check-in, and removed by a check-in once it is an hour old".to_string()));
                }
            }
        }
        let mut loaded = store.load_selected(folder, |all| 0..all.len())?;
        crate::engine::keep_valid(&mut loaded);
        for p in loaded.problems {
            r.problems.push((p.path, p.problem));
        }
        let mut ids: BTreeMap<String, PathBuf> = BTreeMap::new();
        let today = chrono::Local::now().date_naive();
        for c in &loaded.checkins {
            if c.record.date > today {
                r.problems.push((
                    c.path.clone(),
                    format!(
                        "is dated {}, after today: it was probably edited by hand",
                        c.record.date
                    ),
                ));
            }
            if let Some(other) = ids.insert(c.record.id.clone(), c.path.clone()) {
                r.problems.push((
                    c.path.clone(),
                    format!(
                        "has the same id as {}: one is probably a copy",
                        other.display()
                    ),
                ));
            }
            if !copies_ok.contains_key(&c.record.questionnaire.file_name()) {
                r.notes.push((
                    c.path.clone(),
                    format!(
                        "its question set copy ({}) is missing; the built-in set of the same digest is used",
                        c.record.questionnaire.file_name()
                    ),
                ));
            }
        }
        *count = loaded.checkins.len();
    }
    // The intake journal and its trash: damaged entries named, files private.
    if let Some(substances) = crate::journal::Substances::shared() {
        for folder in [
            crate::journal::JOURNAL_DIR,
            crate::journal::JOURNAL_TRASH_DIR,
        ] {
            let (entries, problems) = crate::journal::load_from(store, folder, substances)?;
            for p in problems {
                r.problems.push((p.path, p.problem));
            }
            check_files_private(&root.join(folder), &mut r);
            if folder == crate::journal::JOURNAL_DIR {
                r.journal = entries.len();
            }
        }
    }
    Ok(r)
}

fn check_files_private(dir: &Path, r: &mut Report) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if e.file_name().to_string_lossy().ends_with(fsio::TEMP_SUFFIX) {
            continue; // reported as an unfinished write instead
        }
        if let Some(m) = mode(&path).filter(|m| m & 0o077 != 0) {
            // A folder needs its x bit to be opened: 700, not a file's 600.
            let (what, want) = if path.is_dir() {
                ("folder", "700")
            } else {
                ("file", "600")
            };
            r.problems.push((
                path.clone(),
                format!(
                    "{what} mode is {m:o}: other users can read it; run: chmod {want} '{}'",
                    path.display()
                ),
            ));
        }
    }
}

/// The report in words.
pub(crate) fn describe(r: &Report) -> String {
    let mut out = String::new();
    for (path, problem) in &r.problems {
        out.push_str(&format!("problem: {}: {problem}\n", path.display()));
    }
    for (path, note) in &r.notes {
        out.push_str(&format!("note: {}: {note}\n", path.display()));
    }
    out.push_str(&format!(
        "Checked {}, {} in the trash, {}{}: {}.\n",
        crate::base::text::count(r.checkins, "check-in", "check-ins"),
        r.trashed,
        crate::base::text::count(r.question_sets, "question set copy", "question set copies"),
        if r.journal > 0 {
            format!(
                ", {} journal entr{}",
                r.journal,
                if r.journal == 1 { "y" } else { "ies" }
            )
        } else {
            String::new()
        },
        match r.problems.len() {
            0 => "no problems".to_string(),
            1 => "1 problem; nothing was changed".to_string(),
            n => format!("{n} problems; nothing was changed"),
        }
    ));
    out
}
