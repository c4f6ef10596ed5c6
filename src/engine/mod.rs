//! The evaluation engine: everything that decides. Skip logic, scores, flags on one
//! check-in, rules across check-ins, persistence, the crisis level, missed weeks and change
//! over a period are computed here and nowhere else, from the question set's data.

mod across;
mod answers_file;
mod check;
pub(crate) mod due;
mod evaluate;
mod flags;
pub(crate) mod offers;
pub mod period;
mod scores;
mod skip;
pub(crate) mod trends;

pub use across::{comparable, rise_outcome, rising_fires, RiseOutcome};
pub use answers_file::from_answers_file;
pub use check::{check_answers, fits, keep_valid};
pub use evaluate::{evaluate_all, Basis, Direction, Evaluation, Step};
pub use flags::{crisis_level, evidence_held, fired_flags, urgent_message};
pub use scores::{item_sum, score, scores};
pub use skip::{fact, is_asked, may_be_asked, operand_id, reconcile};
