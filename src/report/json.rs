//! `summary --format json`: the contract's shape, for scripts and tests.

use super::Report;
use crate::summary::Summary;

/// Pretty JSON.
pub struct Json;

impl Report for Json {
    fn render(&self, summary: &Summary) -> Vec<u8> {
        to_json(summary)
    }
}

/// Any serialisable output as pretty JSON with a final newline.
pub fn to_json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
