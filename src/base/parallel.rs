//! Work on every element of a long list spread over a few threads, the results in order:
//! reading, checking and evaluating years of check-ins is per check-in, and a person
//! waiting on `history` has the cores.
//!
//! Work already on one of these threads (a part of a long history, read, checked and
//! listed whole on one thread) does its inner lists on that thread: the cores are busy,
//! and more threads would only wait for them.

use std::cell::Cell;

/// Below this many elements one thread is as quick (starting threads costs about 0.1 ms).
pub(crate) const PARALLEL_FROM: usize = 64;

thread_local! {
    /// Whether this thread is doing a part of a spread list (its inner lists stay on it).
    static WORKER: Cell<bool> = const { Cell::new(false) };
}

/// How many threads a long list is spread over: the cores, up to four.
pub(crate) fn threads() -> usize {
    // Asked once: each answer reads the process's cgroup files (about 0.1 ms).
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |t| t.get().min(4)))
}

/// `f` of each of `items`, in order, on up to four threads when there are many.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_indexed(items.len(), |i| f(&items[i]))
}

/// [`map`] from `from` elements: fewer for larger pieces of work (a file to decrypt, a
/// part of a long history).
pub(crate) fn map_from<T: Sync, R: Send>(
    items: &[T],
    from: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    spread(items.len(), from, |i| f(&items[i]))
}

/// `f(i)` for each `i` in `0..n`, in order, on up to four threads when `n` is large.
pub(crate) fn map_indexed<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    spread(n, PARALLEL_FROM, f)
}

/// `f(i)` for each `i` in `0..n`, in order, on up to four threads from `from` elements.
fn spread<R: Send>(n: usize, from: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = threads();
    if threads < 2 || n < from || WORKER.with(Cell::get) {
        return (0..n).map(f).collect();
    }
    let chunk = n.div_ceil(threads);
    let f = &f;
    let work = move |range: std::ops::Range<usize>| range.map(f).collect::<Vec<R>>();
    std::thread::scope(|scope| {
        let others: Vec<_> = (chunk..n)
            .step_by(chunk)
            .map(|start| {
                let range = start..(start + chunk).min(n);
                (
                    range.clone(),
                    scope.spawn(move || {
                        WORKER.with(|w| w.set(true));
                        work(range)
                    }),
                )
            })
            .collect();
        // The first part on this thread, while the others run: one thread fewer to start,
        // and this thread's memory is already there.
        let was = WORKER.with(|w| w.replace(true));
        let mut out = work(0..chunk.min(n));
        WORKER.with(|w| w.set(was));
        out.reserve(n - out.len());
        for (range, done) in others {
            // A thread that could not finish: its part is done here instead.
            out.extend(done.join().unwrap_or_else(|_| work(range)));
        }
        out
    })
}
