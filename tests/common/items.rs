//! Item ids of the built-in set the tests and the benchmark answer by name.

/// The PHQ-9 items after a PHQ-2 of 3 or more (the difficulty item is a choice).
pub const PHQ9_MORE: [&str; 6] = [
    "phq_sleep",
    "phq_energy",
    "phq_appetite",
    "phq_failure",
    "phq_concentration",
    "phq_psychomotor",
];
/// The GAD-7 items after a GAD-2 of 3 or more.
pub const GAD7_MORE: [&str; 5] = [
    "gad_too_much",
    "gad_relaxing",
    "gad_restless",
    "gad_irritable",
    "gad_afraid",
];
