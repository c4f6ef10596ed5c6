//! Full disk, read-only folders and failed writes: a clear error, no partial file, nothing
//! already stored changed.
//!
//! Failures are injected with failpoints (the `failpoints` feature, on in `.ci/run`) at each
//! write, fsync, link and rename, and for real with a small tmpfs and `ulimit -f` (these need
//! root, as CI has; they fail rather than skip without it).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{quiet_week, Env};
use predicates::prelude::*;

/// Every file under the data directory with its bytes.
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else {
                    out.push((p.clone(), std::fs::read(&p).unwrap_or_default()));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(root, &mut out);
    out.sort();
    out
}

fn no_temp_files(root: &Path) {
    for (p, _) in snapshot(root) {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !name.ends_with(".tmp"),
            "a temporary file was left: {}",
            p.display()
        );
    }
}

#[test]
fn every_injected_write_failure_is_clear_and_leaves_nothing_behind() {
    for (point, errno, message) in [
        ("fsio::mkdir", 30, "Read-only file system"),
        ("fsio::create", 13, "Permission denied"),
        ("fsio::write", 28, "No space left on device"),
        ("fsio::fsync", 5, "Input/output error"),
        ("fsio::link", 30, "Read-only file system"),
        ("fsio::sync_dir", 5, "Input/output error"),
    ] {
        let env = Env::new();
        env.checkin(&quiet_week(), Some("2026-11-09"));
        let before = snapshot(&env.data());
        env.cmd()
            .env("FAILPOINTS", format!("{point}=return({errno})"))
            .args(["checkin", "--answers", "-", "--date", "2026-11-16"])
            .write_stdin(quiet_week().to_string())
            .assert()
            .code(1)
            .stderr(common::said(message).and(common::said("could not")));
        no_temp_files(&env.data());
        let after = snapshot(&env.data());
        // sync_dir fails after the link: the check-in may be complete on disk, never partial.
        if point == "fsio::sync_dir" {
            assert!(after.len() <= before.len() + 1, "{point}");
            for (p, bytes) in &after {
                if p.to_string_lossy().contains("/checkins/") {
                    let v: serde_json::Value =
                        serde_json::from_slice(bytes).expect("a whole check-in");
                    assert!(v["answers"].is_object());
                }
            }
        } else {
            assert_eq!(after, before, "{point}: nothing stored may change");
        }
    }
}

#[test]
fn a_failed_move_to_the_trash_changes_nothing() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-11-09"));
    let before = snapshot(&env.data().join("checkins"));
    env.cmd()
        .env("FAILPOINTS", "fsio::rename=return(30)")
        .args(["history", "delete", "2026-11-09", "--yes"])
        .assert()
        .code(1)
        .stderr(common::said("Read-only file system"));
    assert_eq!(snapshot(&env.data().join("checkins")), before);
}

struct Mount(PathBuf);

impl Mount {
    fn tmpfs(path: &Path, size: &str) -> Mount {
        std::fs::create_dir_all(path).unwrap();
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(path)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(
            ok,
            "mounting a small tmpfs needs root (CI runs as root); run ./.ci/run as root"
        );
        Mount(path.to_path_buf())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_really_full_disk_gives_a_clear_error_and_keeps_what_was_stored() {
    let env = Env::new();
    let _mount = Mount::tmpfs(&env.data(), "64k");
    env.checkin(&quiet_week(), Some("2026-11-09"));
    // Fill what is left of the disk.
    let filler = env.data().join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    use std::io::Write;
    while f
        .write_all(&[0u8; 1024])
        .and_then(|()| f.sync_all())
        .is_ok()
    {}
    drop(f);
    let before = snapshot(&env.data());
    env.cmd()
        .args(["checkin", "--answers", "-", "--date", "2026-11-16"])
        .write_stdin(quiet_week().to_string())
        .assert()
        .code(1)
        .stderr(common::said("No space left on device"));
    no_temp_files(&env.data());
    assert_eq!(snapshot(&env.data()), before);
    // Once there is room again, the next check-in saves.
    std::fs::remove_file(&filler).unwrap();
    env.checkin(&quiet_week(), Some("2026-11-16"));
    assert_eq!(env.checkin_files().len(), 2);
}

#[test]
fn a_read_only_data_directory_gives_a_clear_error() {
    let env = Env::new();
    let mount = Mount::tmpfs(&env.data(), "1m");
    env.checkin(&quiet_week(), Some("2026-11-09"));
    let before = snapshot(&env.data());
    let ok = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&mount.0)
        .status()
        .unwrap();
    assert!(ok.success());
    env.cmd()
        .args(["checkin", "--answers", "-"])
        .write_stdin(quiet_week().to_string())
        .assert()
        .code(1)
        .stderr(common::said("Read-only file system"));
    env.cmd()
        .args(["history", "delete", "2026-11-09", "--yes"])
        .assert()
        .code(1)
        .stderr(common::said("Read-only file system"));
    // Reading still works.
    env.cmd().arg("summary").assert().success();
    assert_eq!(snapshot(&env.data()), before);
}

#[test]
fn a_file_size_limit_is_an_error_not_a_killed_process() {
    let env = Env::new();
    env.checkin(&quiet_week(), Some("2026-11-09"));
    let before = snapshot(&env.data());
    let answers = env.file("week.json", &quiet_week().to_string());
    let bin = assert_cmd::cargo::cargo_bin("selfcheck");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f 0; exec '{}' checkin --answers '{}'",
            bin.display(),
            answers.display()
        ))
        .env("SELFCHECK_DATA_DIR", env.data())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "killed by SIGXFSZ? {:?}",
        out.status
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("File too large"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    no_temp_files(&env.data());
    assert_eq!(snapshot(&env.data()), before);
}
