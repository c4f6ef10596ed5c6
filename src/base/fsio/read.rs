//! Reading files safely: only regular files (a named pipe, a device or a socket where
//! selfcheck expects its own files would hang it or read forever), never more than a limit,
//! and selfcheck's own key files never through a symbolic link.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

/// Reads a file of at most `max` bytes, only if it is a regular file: a named pipe, device
/// or socket where selfcheck expects its own files would otherwise hang it or read forever.
/// It is opened without blocking and checked on the open descriptor, so nothing can swap it
/// in between.
pub(crate) fn read_limited(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    read_checked(path, max, false)
}

/// The same for a file the person named on the command line, which may also be a pipe
/// (`--answers <(…)`, `import /dev/fd/3`); devices and sockets are still refused.
pub(crate) fn read_named(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    read_checked(path, max, true)
}

/// Opens a file the person named on the command line for reading as a stream, with the
/// checks of [`read_named`]; says whether it is a regular file (which can be read twice).
pub(crate) fn open_named(path: &Path) -> io::Result<(File, bool)> {
    let (file, meta) = open_checked(path, true)?;
    Ok((file, meta.file_type().is_file()))
}

/// Reads one of selfcheck's own key files: a regular file of at most `max` bytes, never
/// through a symbolic link (ELOOP: see [`own_file_problem`]).
pub(crate) fn read_own(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let (file, meta) = open_flags(path, false, libc::O_NOFOLLOW)?;
    read_open(file, meta, max)
}

/// What to say about an error of [`read_own`].
pub(crate) fn own_file_problem(e: &io::Error) -> String {
    if e.raw_os_error() == Some(libc::ELOOP) {
        "is a symbolic link, and selfcheck never reads its key files through a link".to_string()
    } else {
        format!("cannot be read ({e})")
    }
}

fn open_checked(path: &Path, pipes_ok: bool) -> io::Result<(File, fs::Metadata)> {
    open_flags(path, pipes_ok, 0)
}

fn open_flags(path: &Path, pipes_ok: bool, flags: i32) -> io::Result<(File, fs::Metadata)> {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | flags)
        .open(path)?;
    let meta = file.metadata()?;
    let kind = meta.file_type();
    if kind.is_file() {
        // Reading a regular file never blocks, so O_NONBLOCK changes nothing for it.
        return Ok((file, meta));
    }
    if pipes_ok && kind.is_fifo() {
        // Read as a pipe is read, waiting for its writer.
        let flags = rustix::fs::fcntl_getfl(&file)?;
        rustix::fs::fcntl_setfl(&file, flags - rustix::fs::OFlags::NONBLOCK)?;
        return Ok((file, meta));
    }
    let what = if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {what}, not a regular file, so it was not read"),
    ))
}

fn read_checked(path: &Path, max: u64, pipes_ok: bool) -> io::Result<Vec<u8>> {
    let (file, meta) = open_checked(path, pipes_ok)?;
    read_open(file, meta, max)
}

fn read_open(file: File, meta: fs::Metadata, max: u64) -> io::Result<Vec<u8>> {
    let len = if meta.file_type().is_file() {
        meta.len()
    } else {
        0
    };
    if len > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("the file is {len} bytes; the limit is {max} bytes"),
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("the file is larger than the limit of {max} bytes"),
        ));
    }
    Ok(bytes)
}

/// Reads at most `max` bytes from standard input, refusing more.
pub(crate) fn read_stdin_limited(max: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::stdin().lock().take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("the input is larger than the limit of {max} bytes"),
        ));
    }
    Ok(bytes)
}
