//! Stopping a check-in: Ctrl-C or SIGTERM outside a key read ends it with the terminal
//! restored and one message, except while the check-in is being written, when the stop
//! waits for the write to finish. Shared by the terminal screens and `--plain`.

use std::sync::atomic::{AtomicBool, Ordering};

use console::Term;

use crate::base::error::Error;

/// Set once a stop has been reported, by the Ctrl-C handler or by the prompt loop, so the
/// person sees one message.
static STOP_REPORTED: AtomicBool = AtomicBool::new(false);
/// Set while the check-in is being written: a Ctrl-C then waits for the write to finish.
static SAVING: AtomicBool = AtomicBool::new(false);

pub fn claim_stop() -> bool {
    !STOP_REPORTED.swap(true, Ordering::SeqCst)
}

/// Marks the write of a check-in, during which Ctrl-C is held back.
pub struct SavingGuard;

impl SavingGuard {
    /// Starts holding Ctrl-C back.
    pub fn start() -> Self {
        SAVING.store(true, Ordering::SeqCst);
        SavingGuard
    }
}

impl Drop for SavingGuard {
    fn drop(&mut self) {
        SAVING.store(false, Ordering::SeqCst);
    }
}

/// Installs the handler (once per process; failing only loses the nicety).
pub fn install_stop_handler() {
    // Ctrl-C outside a key read (or a SIGTERM) would otherwise end the process with the
    // cursor hidden. Failing to install it only loses that nicety.
    let _ = ctrlc::set_handler(|| {
        if SAVING.load(Ordering::SeqCst) || !claim_stop() {
            return;
        }
        let term = Term::stderr();
        let _ = term.show_cursor();
        let _ = term.write_line("");
        let _ = term.write_line(&format!("selfcheck: {}", Error::Cancelled));
        std::process::exit(i32::from(crate::base::error::exit::CANCELLED));
    });
}
