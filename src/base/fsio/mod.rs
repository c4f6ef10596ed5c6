//! Durable, private file writes.
//!
//! A new file is written under a temporary name in the same folder, flushed to disk, then
//! linked into place under its final name, and the folder itself is flushed. A crash leaves
//! either no file or the whole file, never a partial one; a link (unlike a rename) refuses
//! to replace an existing file, so two runs can never overwrite each other's check-in.

mod read;

pub(crate) use read::{
    open_named, own_file_problem, read_limited, read_named, read_own, read_stdin_limited,
};

use std::ffi::OsStr;
use std::fs::{self, DirBuilder, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Permissions of every folder selfcheck creates.
pub(crate) const DIR_MODE: u32 = 0o700;
/// Permissions of every file selfcheck writes.
pub(crate) const FILE_MODE: u32 = 0o600;
/// Temporary files end with this; readers ignore them.
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// Fails here when the named failpoint is set (tests only; nothing in normal builds).
macro_rules! failpoint {
    ($name:literal) => {
        #[cfg(feature = "failpoints")]
        fail::fail_point!($name, |arg| Err(injected(arg)));
    };
}

/// The error a failpoint injects: `FAILPOINTS="fsio::write=return(28)"` gives ENOSPC.
#[cfg(feature = "failpoints")]
fn injected(arg: Option<String>) -> io::Error {
    let code = arg.and_then(|a| a.parse().ok()).unwrap_or(libc::EIO);
    io::Error::from_raw_os_error(code)
}

/// Creates `dir` (and missing parents) private (0700, whatever the umask). A folder that
/// already exists is used as it is: its permissions are the person's (a `chmod 500` they set
/// stays), and a symbolic link is never followed to change its target.
pub(crate) fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    failpoint!("fsio::mkdir");
    match fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(m) if m.file_type().is_symlink() => {
            return if dir.is_dir() {
                Ok(())
            } else {
                Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    "it is a symbolic link that does not lead to a folder",
                ))
            };
        }
        Ok(_) => {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "it exists and is not a folder",
            ))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)?;
    // The umask can only remove bits; set 0700 exactly on the folder just made, through a
    // descriptor opened without following links.
    let made = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW)
        .open(dir)?;
    made.set_permissions(Permissions::from_mode(DIR_MODE))
}

/// The marker in every temporary name selfcheck makes: `.NAME.selfcheck-PID-N-RAND.tmp`.
const TEMP_MARK: &str = ".selfcheck-";

/// A temporary name for `name` in `dir`: unique to this process and call, and within the
/// file-name limit however long `name` is (the name part is shortened, never the marker).
fn temp_path(dir: &Path, name: &OsStr) -> PathBuf {
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let noise = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let bytes = name.as_bytes();
    let mut temp = b".".to_vec();
    temp.extend_from_slice(&bytes[..bytes.len().min(160)]);
    temp.extend_from_slice(
        format!(
            "{TEMP_MARK}{}-{n}-{noise:08x}{TEMP_SUFFIX}",
            std::process::id()
        )
        .as_bytes(),
    );
    dir.join(std::ffi::OsString::from_vec(temp))
}

/// Writes a fresh temporary file in `dir` with `fill` and returns its name. Only a file this
/// call created (`O_EXCL`) is ever removed: if the name is taken, another is tried; if
/// writing fails, the file it created is removed and nothing else.
fn write_fresh_temp(dir: &Path, name: &OsStr, fill: Fill) -> io::Result<PathBuf> {
    let (tmp, file) = fresh_temp(dir, name)?;
    match fill_temp(file, fill) {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// A new, empty temporary file of this process (`O_EXCL`, never a link followed).
fn fresh_temp(dir: &Path, name: &OsStr) -> io::Result<(PathBuf, File)> {
    for _ in 0..16 {
        let tmp = temp_path(dir, name);
        failpoint!("fsio::create");
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(FILE_MODE)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(
        "no free temporary name; nothing was written",
    ))
}

/// What goes into a new file: bytes at hand, or a writer fed piece by piece (an export of
/// any size, never held whole in memory).
pub(crate) enum Fill<'a> {
    /// The whole content.
    Bytes(&'a [u8]),
    /// Writes the content; buffered by the caller as it likes.
    With(&'a mut dyn FnMut(&mut File) -> io::Result<()>),
}

/// Writes `bytes` as a new file `dir/name`, atomically and durably, mode 0600.
/// Fails with `AlreadyExists` if that name is taken; nothing is replaced.
pub(crate) fn write_new(dir: &Path, name: impl AsRef<OsStr>, bytes: &[u8]) -> io::Result<PathBuf> {
    write_new_with(dir, name, Fill::Bytes(bytes))
}

/// [`write_new`] with the content from `fill`.
pub(crate) fn write_new_with(
    dir: &Path,
    name: impl AsRef<OsStr>,
    fill: Fill,
) -> io::Result<PathBuf> {
    let name = name.as_ref();
    let target = dir.join(name);
    let tmp = write_fresh_temp(dir, name, fill)?;
    pause("fsio::linking");
    let result = link_into_place(&tmp, &target);
    // The temporary name (ours: created above) is never a check-in: remove it either way.
    let _ = fs::remove_file(&tmp);
    result?;
    sync_dir(dir)?;
    Ok(target)
}

/// Writes `dir/name` atomically and durably, replacing a file of that name (`--force`).
pub(crate) fn write_replacing(dir: &Path, name: impl AsRef<OsStr>, bytes: &[u8]) -> io::Result<()> {
    write_replacing_with(dir, name, Fill::Bytes(bytes))
}

/// [`write_replacing`] with the content from `fill`.
pub(crate) fn write_replacing_with(
    dir: &Path,
    name: impl AsRef<OsStr>,
    fill: Fill,
) -> io::Result<()> {
    let name = name.as_ref();
    let target = dir.join(name);
    let tmp = write_fresh_temp(dir, name, fill)?;
    let result = rename_into_place(&tmp, &target);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result?;
    sync_dir(dir)
}

/// Writes `dir/name` unless it already exists (for content-addressed copies).
pub(crate) fn write_once(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    if dir.join(name).exists() {
        return Ok(());
    }
    match write_new(dir, name, bytes) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        other => other.map(|_| ()),
    }
}

fn rename_into_place(tmp: &Path, target: &Path) -> io::Result<()> {
    failpoint!("fsio::rename");
    fs::rename(tmp, target)
}

fn fill_temp(mut file: File, fill: Fill) -> io::Result<()> {
    // The umask can only remove bits; set 0600 exactly in case it removed ours.
    file.set_permissions(Permissions::from_mode(FILE_MODE))?;
    match fill {
        Fill::Bytes(bytes) => write_all(&mut file, bytes)?,
        Fill::With(write) => {
            write(&mut file)?;
            // As on a full disk, after some of the content landed.
            failpoint!("fsio::write");
        }
    }
    failpoint!("fsio::fsync");
    file.sync_all()
}

fn write_all(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    // A partial write, as on a full disk: half the bytes land, then the error.
    #[cfg(feature = "failpoints")]
    fail::fail_point!("fsio::write", |arg| {
        let _ = file.write_all(&bytes[..bytes.len() / 2]);
        Err(injected(arg))
    });
    file.write_all(bytes)
}

fn link_into_place(tmp: &Path, target: &Path) -> io::Result<()> {
    failpoint!("fsio::link");
    match fs::hard_link(tmp, target) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // File systems without hard links: check, then rename (a tiny race, no data loss
        // for the file being written; its name is random enough not to collide).
        Err(_) if target.exists() => {
            Err(io::Error::new(io::ErrorKind::AlreadyExists, "file exists"))
        }
        Err(_) => fs::rename(tmp, target),
    }
}

/// Flushes a folder's entries, so a new name survives a power cut.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    failpoint!("fsio::sync_dir");
    File::open(dir)?.sync_all()
}

/// Moves a file within the data directory atomically (the caller checked that the target
/// is free, under the busy lock), then flushes both folders.
pub(crate) fn move_file(from: &Path, to: &Path) -> io::Result<()> {
    failpoint!("fsio::rename");
    fs::rename(from, to)?;
    for dir in [to.parent(), from.parent()].into_iter().flatten() {
        sync_dir(dir)?;
    }
    Ok(())
}

/// How old a temporary file of selfcheck's must be before another run may remove it: a
/// file being written in a shared folder by another computer (whose process numbers mean
/// nothing here) is never that old.
pub(crate) const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Stops at a named step until a test lets it go (test builds only, nothing otherwise):
/// with `SELFCHECK_PAUSE=STEP=DIR`, reaching STEP creates `DIR/STEP.reached`, then waits for
/// `DIR/STEP.go` (at most two minutes). The interleaving tests use it to put a save exactly
/// between two steps of a form change, and the other way round, without timing.
pub fn pause(step: &str) {
    #[cfg(feature = "failpoints")]
    {
        let Ok(spec) = std::env::var("SELFCHECK_PAUSE") else {
            return;
        };
        for one in spec.split(',') {
            let Some((name, dir)) = one.split_once('=') else {
                continue;
            };
            if name != step {
                continue;
            }
            let dir = std::path::Path::new(dir);
            let _ = std::fs::write(dir.join(format!("{step}.reached")), b"");
            let go = dir.join(format!("{step}.go"));
            for _ in 0..24_000 {
                if go.exists() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }
    #[cfg(not(feature = "failpoints"))]
    let _ = step;
}

/// Removes temporary files left by a selfcheck that was killed mid-write: only names of the
/// current marked form, only when their process no longer exists, and only when they are at
/// least `min_age` old ([`STALE_AFTER`], or none for `encrypt`, which holds the form lock).
/// Returns how many.
pub(crate) fn remove_stale_temps(dir: &Path, min_age: std::time::Duration) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let old = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= min_age);
        if old && is_stale_temp(&name) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether `name` is a temporary file of selfcheck's own whose writing process is gone:
/// `.NAME.selfcheck-PID-N-RAND.tmp`. Anything else ending in `.tmp` (a note, a sync tool's
/// file in progress, a name like an older version's) is not ours to remove.
pub(crate) fn is_stale_temp(name: &str) -> bool {
    own_temp_pid(name).is_some_and(|pid| {
        // Signal 0 only asks whether the process exists; one of another user's is alive.
        let alive = rustix::process::Pid::from_raw(pid).is_none_or(|pid| {
            match rustix::process::test_kill_process(pid) {
                Ok(()) => true,
                Err(e) => e == rustix::io::Errno::PERM,
            }
        });
        !alive
    })
}

/// The writing process of one of selfcheck's own temporary names.
fn own_temp_pid(name: &str) -> Option<i32> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let stem = name.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
    if let Some(at) = stem.rfind(TEMP_MARK) {
        let mut parts = stem[at + TEMP_MARK.len()..].split('-');
        let (pid, n, noise) = (parts.next()?, parts.next()?, parts.next()?);
        let hex = noise.len() == 8 && noise.bytes().all(|b| b.is_ascii_hexdigit());
        return (at > 0 && digits(pid) && digits(n) && hex && parts.next().is_none())
            .then(|| pid.parse().ok())
            .flatten()
            .filter(|p| *p > 0);
    }
    None
}
