//! What an import must hold but cannot keep in memory: a piped export (a pipe is read once,
//! the import reads twice) and the question sets an export carries (needed again when the
//! check-ins that use them are imported).
//!
//! A spool is a file without a name in the data folder (`O_TMPFILE`, through `tempfile`): no
//! other program can open it, and it is gone when selfcheck ends, even when killed, so there
//! is nothing to clean up. What is written to it is encrypted (age, to a key made for it that
//! exists only in this process's memory), so not even its disk blocks hold a check-in in the
//! clear, in an encrypted store or not.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;

use age::x25519;

/// An encrypted, nameless scratch file.
pub(crate) struct Spool {
    file: File,
    key: x25519::Identity,
    end: u64,
}

/// Where one piece put in a spool is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Piece {
    at: u64,
    len: u64,
}

impl Spool {
    /// An empty spool in `dir` (the data folder, which must exist).
    pub(crate) fn new(dir: &Path) -> io::Result<Spool> {
        Ok(Spool {
            file: tempfile::tempfile_in(dir)?,
            key: x25519::Identity::generate(),
            end: 0,
        })
    }

    /// A spool holding all of `input`, read to its end a chunk at a time.
    pub(crate) fn copy_of(dir: &Path, input: &mut dyn Read) -> io::Result<Spool> {
        let mut spool = Spool::new(dir)?;
        let recipient = spool.key.to_public();
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(io::Error::other)?;
        let mut out = io::BufWriter::new(&spool.file);
        let mut sealed = encryptor.wrap_output(&mut out)?;
        io::copy(input, &mut sealed)?;
        sealed.finish()?;
        out.flush()?;
        drop(out);
        spool.end = spool.file.stream_position()?;
        Ok(spool)
    }

    /// What [`Spool::copy_of`] took in, from its start (as often as needed).
    pub(crate) fn reader(&self) -> io::Result<Box<dyn Read + '_>> {
        let mut file = &self.file;
        file.seek(SeekFrom::Start(0))?;
        let decryptor =
            age::Decryptor::new_buffered(io::BufReader::new(file)).map_err(io::Error::other)?;
        let reader = decryptor
            .decrypt(std::iter::once(&self.key as &dyn age::Identity))
            .map_err(io::Error::other)?;
        Ok(Box::new(reader))
    }

    /// Adds `bytes` as a piece of its own; [`Spool::get`] gives them back.
    pub(crate) fn put(&mut self, bytes: &[u8]) -> io::Result<Piece> {
        let sealed = age::encrypt(&self.key.to_public(), bytes).map_err(io::Error::other)?;
        self.file.write_all_at(&sealed, self.end)?;
        let piece = Piece {
            at: self.end,
            len: sealed.len() as u64,
        };
        self.end += piece.len;
        Ok(piece)
    }

    /// The bytes of a piece put in this spool.
    pub(crate) fn get(&self, piece: Piece) -> io::Result<Vec<u8>> {
        let len = usize::try_from(piece.len).map_err(io::Error::other)?;
        let mut sealed = vec![0; len];
        self.file.read_exact_at(&mut sealed, piece.at)?;
        age::decrypt(&self.key, &sealed).map_err(io::Error::other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_and_copies_come_back_and_are_not_in_the_clear(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut spool = Spool::new(dir.path())?;
        let a = spool.put(b"first piece")?;
        let b = spool.put(b"second")?;
        assert_eq!(spool.get(b)?, b"second");
        assert_eq!(spool.get(a)?, b"first piece");
        let mut raw = Vec::new();
        (&spool.file).seek(SeekFrom::Start(0))?;
        (&spool.file).read_to_end(&mut raw)?;
        assert!(!raw.windows(6).any(|w| w == b"second"));

        let text = "a check-in ".repeat(20_000);
        let copy = Spool::copy_of(dir.path(), &mut text.as_bytes())?;
        for _ in 0..2 {
            let mut back = String::new();
            copy.reader()?.read_to_string(&mut back)?;
            assert_eq!(back, text);
        }
        // Nameless: nothing is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 0);
        Ok(())
    }
}
