//! A real pseudo-terminal for the interactive tests: a private tmux server running one
//! command, its screen, keys typed into it, and its exit code.

use std::path::PathBuf;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::{tmux, Env};

/// One tmux server running `selfcheck checkin` in a 100x40 terminal.
pub struct Session {
    pub socket: String,
    pub rc_file: PathBuf,
}

impl Session {
    pub fn start(env: &Env, name: &str) -> Self {
        Self::start_with(env, name, "checkin")
    }

    /// Runs `selfcheck ARGS`; afterwards the pane records the exit code and the terminal
    /// settings (`stty -a`), so tests can see that echo is back on.
    pub fn start_with(env: &Env, name: &str, args: &str) -> Self {
        Self::sized(env, name, args, (100, 40))
    }

    /// [`Session::start_with`] in a terminal of `(columns, rows)`.
    pub fn sized(env: &Env, name: &str, args: &str, size: (u16, u16)) -> Self {
        let bin = assert_cmd::cargo::cargo_bin("selfcheck");
        let line = format!(
            "env TZ=UTC SELFCHECK_DATA_DIR='{}' SELFCHECK_CONFIG_DIR='{}' '{}' {args} > '{}'",
            env.data().display(),
            env.tmp.path().join("config").display(),
            bin.display(),
            env.tmp.path().join("stdout").display(),
        );
        Self::shell_sized(env, name, &line, size)
    }

    /// Runs the shell command `line` in the terminal, then records its exit code and the
    /// terminal settings.
    pub fn shell(env: &Env, name: &str, line: &str) -> Self {
        Self::shell_sized(env, name, line, (100, 40))
    }

    /// [`Session::shell`] in a terminal of `(columns, rows)`.
    pub fn shell_sized(env: &Env, name: &str, line: &str, size: (u16, u16)) -> Self {
        let (cols, rows) = (size.0.to_string(), size.1.to_string());
        // Unique within the one test process, whichever test file asks.
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let socket = format!("selfcheck-test-{}-{n}-{name}", std::process::id());
        let rc_file = env.tmp.path().join(format!("rc-{name}"));
        let script = format!(
            "{line}; code=$?; stty -a > '{}'; echo $code > '{}'; sleep 600",
            env.tmp.path().join(format!("stty-{name}")).display(),
            rc_file.display()
        );
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d", "-x", &cols, "-y", &rows])
            .arg(script)
            .status()
            .expect("tmux is needed for the interactive tests: install it (apt-get install tmux) or run ./.ci/run, which does");
        assert!(status.success(), "tmux could not start a session");
        Session { socket, rc_file }
    }

    pub fn screen(&self) -> String {
        tmux(&self.socket, &["capture-pane", "-p"])
    }

    /// Waits until the screen shows `text`; fails with the screen after 15 s.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("timed out waiting for {text:?}; the screen shows:\n{screen}");
            }
            sleep(Duration::from_millis(50));
        }
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        tmux(&self.socket, &args);
    }

    pub fn type_text(&self, text: &str) {
        tmux(&self.socket, &["send-keys", "-t", "0", "-l", text]);
    }

    /// Waits for the question's screen, then picks the option `down` rows below the first
    /// (on a question with nothing chosen yet, Home first chooses the first row).
    pub fn answer(&self, screen_text: &str, down: usize) {
        self.wait_for(screen_text);
        let mut keys = Vec::new();
        if self.untouched() {
            keys.push("Home");
        }
        keys.extend(vec!["Down"; down]);
        keys.push("Enter");
        self.keys(&keys);
    }

    /// Whether the screen's list has nothing chosen yet (once its prompt is drawn).
    pub fn untouched(&self) -> bool {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains("Your answer") || start.elapsed() > Duration::from_secs(2) {
                return screen.contains("(nothing chosen yet)");
            }
            sleep(Duration::from_millis(30));
        }
    }

    pub fn exit_code(&self) -> i32 {
        let start = Instant::now();
        loop {
            if let Ok(text) = std::fs::read_to_string(&self.rc_file) {
                if let Ok(code) = text.trim().parse() {
                    return code;
                }
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!(
                    "selfcheck did not exit; the screen shows:\n{}",
                    self.screen()
                );
            }
            sleep(Duration::from_millis(50));
        }
    }

    pub fn cursor_visible(&self) -> bool {
        tmux(&self.socket, &["display", "-p", "#{cursor_flag}"]).trim() == "1"
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}
