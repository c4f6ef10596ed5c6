//! Every way in is checked: arguments, files and environment that are hostile or odd get a
//! clear error (or are skipped by name), never a panic or a hang.

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use common::Env;
use predicates::prelude::*;

fn not_utf8(prefix: &[u8]) -> &OsStr {
    // Leaked so the argument outlives the command: a few bytes per test.
    let mut bytes = prefix.to_vec();
    bytes.extend_from_slice(b"\xff.json");
    OsStr::from_bytes(Box::leak(bytes.into_boxed_slice()))
}

#[test]
fn arguments_that_are_not_utf8_never_panic() {
    let env = Env::new();
    let path = not_utf8(b"x");
    for args in [
        vec![OsStr::new("import"), path],
        vec![OsStr::new("checkin"), OsStr::new("--answers"), path],
        vec![OsStr::new("--data-dir"), path, OsStr::new("history")],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        let code = out.status.code();
        assert!(matches!(code, Some(0..=2)), "{args:?}: exit {code:?}");
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("panicked"),
            "{args:?}"
        );
    }
    // Text that must be text is a usage error (exit 2), not a panic.
    env.cmd()
        .args([OsStr::new("history"), OsStr::new("show"), not_utf8(b"2026")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("panicked").not());
}
