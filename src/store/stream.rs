//! Reading every check-in one at a time, oldest first, for an export of any size: memory
//! holds one day's check-ins (and the rare file whose name carries no day), never the store.
//!
//! The order is the one [`Store::load`] gives (date, then time recorded, then id): names start
//! with the day, so a day's files are read together and sorted among themselves; files whose
//! name has no day are read first and merged in where their date falls.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use super::{Entry, FileProblem, Store, StoredCheckin};
use crate::base::error::Error;
use crate::questionnaire::Questionnaire;

/// Check-ins in a folder, read as they are asked for.
pub struct Stream<'a> {
    store: &'a Store,
    dated: std::vec::IntoIter<Entry>,
    /// The next dated entry, read ahead to find the end of a day.
    next: Option<Entry>,
    /// Read from names without a day, sorted; merged in by date.
    strays: VecDeque<StoredCheckin>,
    /// The current day's check-ins, sorted, ready to hand out.
    ready: VecDeque<StoredCheckin>,
    /// Files that could not be used, not yet handed out.
    problems: VecDeque<FileProblem>,
    copies: HashMap<String, Option<Arc<Questionnaire>>>,
}

fn order(a: &StoredCheckin, b: &StoredCheckin) -> std::cmp::Ordering {
    (a.record.date, a.record.recorded_at, &a.record.id).cmp(&(
        b.record.date,
        b.record.recorded_at,
        &b.record.id,
    ))
}

impl Store {
    /// Every check-in in `folder`, oldest first, read one day at a time; each file that
    /// cannot be used comes out as a [`FileProblem`] (and is left as it is).
    pub fn stream(&self, folder: &str) -> Result<Stream<'_>, Error> {
        let (entries, problems) = self.entries(folder)?;
        let (dated, undated): (Vec<Entry>, Vec<Entry>) =
            entries.into_iter().partition(|e| e.date.is_some());
        let mut stream = Stream {
            store: self,
            dated: dated.into_iter(),
            next: None,
            strays: VecDeque::new(),
            ready: VecDeque::new(),
            problems: problems.into(),
            copies: HashMap::new(),
        };
        let mut strays: Vec<StoredCheckin> =
            undated.into_iter().filter_map(|e| stream.read(e)).collect();
        strays.sort_by(order);
        stream.strays = strays.into();
        stream.next = stream.dated.next();
        Ok(stream)
    }
}

impl Stream<'_> {
    fn read(&mut self, entry: Entry) -> Option<StoredCheckin> {
        let path = entry.path;
        match self.store.read_record(&path) {
            Ok(record) => match self
                .store
                .questionnaire_for(&record.questionnaire, &mut self.copies)
            {
                Some(q) => Some(StoredCheckin {
                    record,
                    questionnaire: q,
                    path,
                }),
                None => {
                    self.problems.push_back(FileProblem {
                        problem: self.store.missing_set(&record.questionnaire),
                        path,
                    });
                    None
                }
            },
            Err(problem) => {
                self.problems.push_back(FileProblem {
                    path,
                    problem: problem.to_string(),
                });
                None
            }
        }
    }

    /// Reads the next day's files (and the strays dated up to that day) into `ready`.
    fn fill(&mut self) {
        while self.ready.is_empty() {
            let Some(first) = self.next.take() else {
                self.ready.extend(self.strays.drain(..));
                return;
            };
            let day = first.date;
            let mut batch = Vec::new();
            let mut entry = Some(first);
            while let Some(e) = entry.take() {
                if e.date != day {
                    self.next = Some(e);
                    break;
                }
                batch.extend(self.read(e));
                entry = self.dated.next();
            }
            while self
                .strays
                .front()
                .is_some_and(|s| day.is_some_and(|d| s.record.date <= d))
            {
                batch.extend(self.strays.pop_front());
            }
            batch.sort_by(order);
            self.ready.extend(batch);
            if !self.problems.is_empty() {
                return;
            }
        }
    }
}

impl Iterator for Stream<'_> {
    type Item = Result<StoredCheckin, FileProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(p) = self.problems.pop_front() {
            return Some(Err(p));
        }
        if self.ready.is_empty() {
            self.fill();
            if let Some(p) = self.problems.pop_front() {
                return Some(Err(p));
            }
        }
        self.ready.pop_front().map(Ok)
    }
}
