//! Where a report or export goes: standard output, or a new private file.
//!
//! A file is written like a check-in (temporary file in the same folder, flushed, then put in
//! place), created 0600 since it holds health data, and an existing file is only replaced
//! with `--force`.
//!
//! Layer: leaves. It may use nothing of selfcheck's but the other leaves.

use std::io::Write;
use std::path::Path;

use crate::error::Error;
use crate::fsio;

/// Writes `bytes` to `out` (`None` or `-` is standard output). Returns the file written.
pub fn write(out: Option<&Path>, force: bool, bytes: &[u8]) -> Result<Option<String>, Error> {
    write_with(out, force, &mut |w| w.write_all(bytes))
}

/// Writes what `fill` writes to `out`, through a buffer, never holding it all: an export
/// of any size. Returns the file written.
pub fn write_with(
    out: Option<&Path>,
    force: bool,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<Option<String>, Error> {
    let Some(path) = out.filter(|p| *p != Path::new("-")) else {
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        return match fill(&mut stdout).and_then(|()| stdout.flush()) {
            // A closed pipe (`| head`) is the reader's choice, not a failure.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(None),
            other => other.map(|()| None).map_err(|source| Error::Io {
                action: "write to".to_string(),
                path: "standard output".into(),
                source,
            }),
        };
    };
    let name = path.file_name().ok_or_else(|| {
        Error::Refused(format!(
            "--out {}: give a file name, not a folder",
            path.display()
        ))
    })?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(Error::Refused(format!(
            "--out {}: that is a folder; give a file name",
            path.display()
        )));
    }
    // Temporary copies left beside earlier outputs by a killed selfcheck hold health data:
    // clear ours (never anything else) before writing another.
    fsio::remove_stale_temps(&dir);
    let mut buffered = |file: &mut std::fs::File| {
        let mut w = std::io::BufWriter::new(file);
        fill(&mut w)?;
        w.flush()
    };
    let content = fsio::Fill::With(&mut buffered);
    let result = if force {
        fsio::write_replacing_with(&dir, name, content)
    } else {
        fsio::write_new_with(&dir, name, content).map(|_| ())
    };
    result.map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Refused(format!(
                "{} already exists; nothing was written. Add --force to replace it, or choose another name.",
                path.display()
            ))
        } else {
            Error::Io {
                action: "write".to_string(),
                path: path.to_path_buf(),
                source,
            }
        }
    })?;
    Ok(Some(path.display().to_string()))
}
