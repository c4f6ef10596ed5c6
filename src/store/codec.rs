//! The byte layer between a serialised record and the file that holds it.
//!
//! Today records are stored as plain JSON. Optional passphrase encryption is planned: it
//! will be another [`Codec`], so the store, the record format and the atomic file writes
//! stay as they are.

/// Turns serialised bytes into stored bytes and back.
pub trait Codec: Send + Sync {
    /// Bytes to write for this serialised record.
    fn encode(&self, plain: Vec<u8>) -> Result<Vec<u8>, String>;
    /// Serialised record from stored bytes.
    fn decode(&self, stored: Vec<u8>) -> Result<Vec<u8>, String>;
}

/// Stores bytes unchanged.
#[derive(Debug, Default, Clone, Copy)]
pub struct Plain;

impl Codec for Plain {
    fn encode(&self, plain: Vec<u8>) -> Result<Vec<u8>, String> {
        Ok(plain)
    }

    fn decode(&self, stored: Vec<u8>) -> Result<Vec<u8>, String> {
        Ok(stored)
    }
}
