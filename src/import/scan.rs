//! Reading an export as a stream: the envelope's fields, each check-in and each question set
//! are handed over one at a time, in file order, as they are read. Memory holds one of them
//! at a time (each refused over its limit), never the file, so a backup of any size can be
//! restored.
//!
//! The envelope is read as strictly as any JSON selfcheck reads: a top-level key given twice
//! is an error naming it, a leading byte-order mark is skipped, and each check-in's own text
//! is handed over as written, to be read strictly by the importer.

use std::cell::Cell;
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

/// One part of an export, in file order.
pub(super) enum Part<'a> {
    /// A top-level field other than the two lists (`format`, `schema_version`, …).
    Field(&'a str, Value),
    /// A check-in: its position in `checkins` and its JSON text.
    Record(usize, &'a RawValue),
    /// A question-set copy: its stored file name and its text.
    Set(String, String),
    /// A journal entry: its position in `journal` and its JSON text.
    Entry(usize, &'a RawValue),
}

/// Why a scan stopped early.
pub(super) enum Stop<E> {
    /// The file is not JSON or not shaped like an export (what and where).
    Broken(String),
    /// The part handler said stop.
    Handler(E),
}

/// Largest text of one check-in in an export (twice the stored limit: an export indents).
pub(super) const RECORD_LIMIT: u64 = 2 * crate::questionnaire::MAX_RECORD_BYTES;
/// Largest text of one question set in an export (escaped as a JSON string).
pub(super) const SET_LIMIT: u64 = 3 * crate::questionnaire::MAX_FILE_BYTES;

/// Counts the bytes read since the last [`Meter::arm`], refusing more than its limit.
struct Meter {
    used: Cell<u64>,
    limit: Cell<u64>,
}

impl Meter {
    fn arm(&self, limit: u64) {
        self.used.set(0);
        self.limit.set(limit);
    }
}

struct Metered<R> {
    inner: R,
    meter: Rc<Meter>,
}

impl<R: Read> Read for Metered<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let used = self.meter.used.get() + n as u64;
        self.meter.used.set(used);
        if used > self.meter.limit.get() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "one value in it is over {} bytes, more than selfcheck ever writes there",
                    self.meter.limit.get()
                ),
            ));
        }
        Ok(n)
    }
}

/// Reads the export from `reader`, handing each part to `handle` as it is read.
pub(super) fn scan<R: Read, E>(
    reader: R,
    handle: &mut dyn FnMut(Part) -> Result<(), E>,
) -> Result<(), Stop<E>> {
    let mut buffered = BufReader::with_capacity(64 * 1024, reader);
    let bom = b"\xEF\xBB\xBF";
    if buffered
        .fill_buf()
        .map_err(|e| Stop::Broken(e.to_string()))?
        .starts_with(bom)
    {
        buffered.consume(bom.len());
    }
    let meter = Rc::new(Meter {
        used: Cell::new(0),
        limit: Cell::new(u64::MAX),
    });
    let mut de = serde_json::Deserializer::from_reader(Metered {
        inner: buffered,
        meter: meter.clone(),
    });
    let mut state = State {
        handle,
        meter,
        stopped: None,
    };
    let read = (&mut state).deserialize(&mut de).and_then(|()| de.end());
    match (read, state.stopped) {
        (_, Some(e)) => Err(Stop::Handler(e)),
        (Ok(()), None) => Ok(()),
        (Err(e), None) => Err(Stop::Broken(e.to_string())),
    }
}

struct State<'h, E> {
    handle: &'h mut dyn FnMut(Part) -> Result<(), E>,
    meter: Rc<Meter>,
    stopped: Option<E>,
}

impl<E> State<'_, E> {
    fn give<X: de::Error>(&mut self, part: Part) -> Result<(), X> {
        (self.handle)(part).map_err(|e| {
            self.stopped = Some(e);
            X::custom("stopped")
        })
    }
}

/// The whole export: an object whose fields are read one by one.
impl<'de, E> DeserializeSeed<'de> for &mut State<'_, E> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(Envelope(self))
    }
}

struct Envelope<'s, 'h, E>(&'s mut State<'h, E>);

impl<'de, E> Visitor<'de> for Envelope<'_, '_, E> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a selfcheck export (a JSON object)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: Vec<String> = Vec::new();
        loop {
            self.0.meter.arm(RECORD_LIMIT);
            let Some(key) = map.next_key::<String>()? else {
                return Ok(());
            };
            if seen.contains(&key) {
                return Err(de::Error::custom(format!(
                    "the key \"{key}\" is given twice; keep one"
                )));
            }
            match key.as_str() {
                "checkins" => map.next_value_seed(Records(&mut *self.0, false))?,
                "questionnaires" => map.next_value_seed(Sets(&mut *self.0))?,
                "journal" => map.next_value_seed(Records(&mut *self.0, true))?,
                _ if seen.len() >= 64 => {
                    return Err(de::Error::custom("more than 64 fields at its top level"))
                }
                "format" | "schema_version" | "exported_at" => {
                    let value: Value = map.next_value()?;
                    self.0.give(Part::Field(&key, value))?;
                }
                _ => {
                    self.0.meter.arm(u64::MAX);
                    map.next_value::<IgnoredAny>()?;
                }
            }
            seen.push(key);
        }
    }
}

/// `checkins` (or, when marked, `journal`): each element handed over as soon as it is read.
struct Records<'s, 'h, E>(&'s mut State<'h, E>, bool);

impl<'de, E> DeserializeSeed<'de> for Records<'_, '_, E> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, E> Visitor<'de> for Records<'_, '_, E> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(if self.1 {
            "a list of journal entries"
        } else {
            "a list of check-ins"
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            self.0.meter.arm(RECORD_LIMIT);
            let Some(raw) = seq.next_element::<Box<RawValue>>()? else {
                return Ok(());
            };
            if self.1 {
                self.0.give(Part::Entry(i, &raw))?;
            } else {
                self.0.give(Part::Record(i, &raw))?;
            }
            i += 1;
        }
    }
}

/// `questionnaires`: file name to text, each handed over as soon as it is read.
struct Sets<'s, 'h, E>(&'s mut State<'h, E>);

impl<'de, E> DeserializeSeed<'de> for Sets<'_, '_, E> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, E> Visitor<'de> for Sets<'_, '_, E> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("question sets by file name")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        loop {
            self.0.meter.arm(SET_LIMIT);
            let Some(name) = map.next_key::<String>()? else {
                return Ok(());
            };
            let text: String = map.next_value()?;
            self.0.give(Part::Set(name, text))?;
        }
    }
}
