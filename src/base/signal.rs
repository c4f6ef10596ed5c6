//! The one place with `unsafe` code (the crate denies it everywhere else): a file-size
//! limit (`ulimit -f`) must give a clear error, not kill the process mid-write. With
//! SIGXFSZ ignored, the write fails with EFBIG instead, and the store reports it.
#![allow(unsafe_code)]

/// Ignores SIGXFSZ. Called once at start-up, before any thread exists.
pub fn ignore_file_size_signal() {
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler, so nothing can
    // run in signal context; done before any other thread exists.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}
