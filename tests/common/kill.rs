//! Killing selfcheck at random moments (SIGKILL), replayably: a seeded generator and a run
//! that is killed after a delay unless it ends first.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::Env;

/// A small deterministic generator; the seed is printed so a failure can be replayed.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

pub fn seed() -> u64 {
    let seed = std::env::var("SELFCHECK_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("seed {seed} (set SELFCHECK_TEST_SEED to replay)");
    seed
}

/// Starts `selfcheck args` and kills it with SIGKILL after `delay`, unless it ended first.
/// Returns its stderr when it exited successfully on its own.
pub fn run_and_maybe_kill(
    env: &Env,
    args: &[&str],
    stdin: &str,
    delay: Duration,
) -> Option<String> {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("selfcheck"))
        .args(args)
        .env("SELFCHECK_DATA_DIR", env.data())
        .env("SELFCHECK_CONFIG_DIR", env.config())
        .env("HOME", env.tmp.path())
        .env("TZ", "UTC")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            return status
                .success()
                .then(|| String::from_utf8_lossy(&out.stderr).into_owned());
        }
        if start.elapsed() >= delay {
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_micros(100));
    }
}
