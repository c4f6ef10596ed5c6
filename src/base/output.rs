//! Where a report or export goes: standard output, or a new private file.
//!
//! A file is written like a check-in (temporary file in the same folder, flushed, then put in
//! place), created 0600 since it holds health data, and an existing file is only replaced
//! with `--force`.

use std::io::Write;
use std::path::Path;

use crate::base::error::{Error, OutputError};
use crate::base::fsio;

/// Writes `bytes` to `out` (`None` or `-` is standard output). Returns the file written.
pub(crate) fn write(
    out: Option<&Path>,
    force: bool,
    bytes: &[u8],
) -> Result<Option<String>, Error> {
    write_with(out, force, &mut |w| w.write_all(bytes))
}

/// Writes what `fill` writes to `out`, through a buffer, never holding it all: an export
/// of any size. Returns the file written.
pub(crate) fn write_with(
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
    let name = path
        .file_name()
        .ok_or_else(|| Error::from(OutputError::NotAFileName(path.to_path_buf())))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    refuse_other_than_a_file(path)?;
    // Temporary copies left beside earlier outputs by a killed selfcheck hold health data:
    // clear ours (never anything else) before writing another.
    fsio::remove_stale_temps(&dir, fsio::STALE_AFTER);
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
            OutputError::Exists(path.to_path_buf()).into()
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

/// Only a new file or a regular file (with `--force`) is written: a folder, a device, a
/// named pipe, a socket or a symbolic link at `path` is refused, saying what it is, as
/// replacing it would replace the device or the link, not write into it.
fn refuse_other_than_a_file(path: &Path) -> Result<(), Error> {
    use std::os::unix::fs::FileTypeExt;
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(()); // nothing there yet
    };
    let kind = meta.file_type();
    let what = if kind.is_file() {
        return Ok(());
    } else if kind.is_symlink() {
        let target = std::fs::read_link(path)
            .map(|t| format!(" to {}", t.display()))
            .unwrap_or_default();
        format!("a symbolic link{target}; selfcheck does not write through links. Give the file's own name, or another name")
    } else if kind.is_dir() {
        "a folder; give a file name".to_string()
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device, not a file; choose a file name".to_string()
    } else if kind.is_fifo() {
        "a named pipe, not a file; to send the output there, leave out --out and redirect it"
            .to_string()
    } else {
        "not a regular file; choose a file name".to_string()
    };
    Err(OutputError::NotRegular {
        path: path.to_path_buf(),
        what,
    }
    .into())
}
