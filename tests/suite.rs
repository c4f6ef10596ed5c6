//! The whole integration suite as one test binary (as `just` does): one link instead of
//! thirty-four, and `tests/common` compiled once. Each module is one feature's tests and
//! keeps its file name (`cargo test --test suite terminal::` runs one of them). Every test
//! runs the built binary against a temporary data directory of its own, so tests of
//! different files run side by side safely.

mod common;

mod answers_file;
mod architecture;
mod as_prescribed;
mod backup;
mod config;
mod crash;
mod crisis;
mod crisis_floor;
mod damaged;
mod deeper;
mod docs;
mod encryption;
mod engine;
mod every_width;
mod export;
#[cfg(feature = "failpoints")]
mod faults;
mod flags;
mod form_change;
mod history;
mod hostile;
mod interactive;
mod journal;
mod journal_pairs;
mod memory;
mod offsets;
mod own_set;
mod period_summary;
mod plain;
mod printed;
mod properties;
mod questions_file;
mod remind;
mod status;
mod store;
mod summary;
mod terminal;
mod widths;
