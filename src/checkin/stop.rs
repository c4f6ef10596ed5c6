//! Stopping a check-in: Ctrl-C or SIGTERM outside a key read ends it with the terminal
//! restored and one message, except while the check-in is being written, when the stop
//! waits for the write to finish. Shared by the terminal screens and `--plain`.

use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use console::Term;

use crate::base::error::{DraftKept, Error};

/// Set once a stop has been reported, by the Ctrl-C handler or by the prompt loop, so the
/// person sees one message.
static STOP_REPORTED: AtomicBool = AtomicBool::new(false);
/// Set while the check-in is being written: a Ctrl-C then waits for the write to finish.
static SAVING: AtomicBool = AtomicBool::new(false);
/// What became of the answers so far, for the handler's message (it has no other context).
static DRAFT: AtomicU8 = AtomicU8::new(0);

/// Records what happened to the draft at the latest answer.
pub(crate) fn set_draft(kept: DraftKept) {
    let code = match kept {
        DraftKept::Nothing => 0,
        DraftKept::Kept => 1,
        DraftKept::NotWritten => 2,
    };
    DRAFT.store(code, Ordering::SeqCst);
}

/// The stop of this check-in as an error, saying what was kept.
pub(crate) fn cancelled() -> Error {
    Error::Cancelled(match DRAFT.load(Ordering::SeqCst) {
        1 => DraftKept::Kept,
        2 => DraftKept::NotWritten,
        _ => DraftKept::Nothing,
    })
}

pub(crate) fn claim_stop() -> bool {
    !STOP_REPORTED.swap(true, Ordering::SeqCst)
}

/// Marks the write of a check-in, during which Ctrl-C is held back.
pub(crate) struct SavingGuard;

impl SavingGuard {
    /// Starts holding Ctrl-C back.
    pub(crate) fn start() -> Self {
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
pub(crate) fn install_stop_handler() {
    // Ctrl-C outside a key read (or a SIGTERM) would otherwise end the process with the
    // cursor hidden. Failing to install it only loses that nicety.
    let _ = ctrlc::set_handler(|| {
        if SAVING.load(Ordering::SeqCst) || !claim_stop() {
            return;
        }
        let term = Term::stderr();
        let _ = term.show_cursor();
        let _ = term.write_line("");
        let _ = term.write_line(&crate::base::text::message(&format!(
            "selfcheck: {}",
            cancelled()
        )));
        std::process::exit(i32::from(crate::base::error::exit::CANCELLED));
    });
}
