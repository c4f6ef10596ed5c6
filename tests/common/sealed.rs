//! Encrypted data in tests: the passphrase file, running with it, and reading a data
//! directory whole (to show what is readable in it, and that nothing changed).

use std::path::{Path, PathBuf};

use super::Env;

/// The passphrase of every encrypted test store.
pub const PASSPHRASE: &str = "correct horse battery staple";

/// A file holding [`PASSPHRASE`] on its first line.
pub fn pass(env: &Env) -> PathBuf {
    env.file("pass.txt", &format!("{PASSPHRASE}\n"))
}

/// Every file under `dir`, recursively, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in super::list(dir) {
        if path.symlink_metadata().unwrap().is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Every file's path and bytes, to show that nothing changed.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

pub fn encrypt(env: &Env) {
    env.cmd()
        .args(["encrypt", "--passphrase-file"])
        .arg(pass(env))
        .assert()
        .success();
}

/// `selfcheck ARGS` with the passphrase file in the environment.
pub fn unlocked(env: &Env) -> assert_cmd::Command {
    let mut cmd = env.cmd();
    cmd.env("SELFCHECK_PASSPHRASE_FILE", pass(env));
    cmd
}

pub fn run(mut cmd: assert_cmd::Command, args: &[&str]) -> (i32, String, String) {
    let out = cmd.args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        // Messages, whatever line breaks the wrapper put in them.
        super::flat(&String::from_utf8_lossy(&out.stderr)),
    )
}
