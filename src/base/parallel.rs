//! Work on every element of a long list spread over a few threads, the results in order:
//! reading, checking and evaluating years of check-ins is per check-in, and a person
//! waiting on `history` has the cores.

/// Below this many elements one thread is as quick (starting threads costs about 0.1 ms).
pub(crate) const PARALLEL_FROM: usize = 64;

/// `f` of each of `items`, in order, on up to four threads when there are many.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_indexed(items.len(), |i| f(&items[i]))
}

/// `f(i)` for each `i` in `0..n`, in order, on up to four threads when `n` is large.
pub(crate) fn map_indexed<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get().min(4));
    if threads < 2 || n < PARALLEL_FROM {
        return (0..n).map(f).collect();
    }
    let chunk = n.div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let parts: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| {
                let end = (start + chunk).min(n);
                (
                    start..end,
                    scope.spawn(move || (start..end).map(f).collect::<Vec<R>>()),
                )
            })
            .collect();
        parts
            .into_iter()
            // A thread that could not finish: its part is done here instead.
            .flat_map(|(range, done)| done.join().unwrap_or_else(|_| range.map(f).collect()))
            .collect()
    })
}
