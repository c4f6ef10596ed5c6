//! Choosing one answer from a list, with nothing chosen until the person chooses: the
//! check-in's questions use it instead of dialoguer's Select, whose cursor starts on the
//! first answer, so that a second Enter meant for the question before stored "0" or "No"
//! the person never gave. Enter on an untouched list asks for a choice. A number typed on a
//! 0-10 scale chooses it (`1` then `0` for 10, as on a keypad); arrows, Home, End, PageUp and
//! PageDown move. Esc (or Ctrl-C) stops for now, as on every screen.

use std::io;
use std::time::{Duration, Instant};

use console::{Key, Term};

/// What the list is for.
pub struct Pick<'a> {
    /// The terminal (stderr).
    pub term: &'a Term,
    /// One label per answer.
    pub labels: &'a [String],
    /// The answer given before (a change from the review, a resumed draft), else none.
    pub start: Option<usize>,
    /// For a scale: the value of the first label, so a typed number chooses its row.
    pub first_value: Option<i64>,
    /// Rows already on the screen above the list (the question and its hint).
    pub above: usize,
}

/// Shown while nothing is chosen; the tests look for it too.
pub const NOTHING_CHOSEN: &str = "(nothing chosen yet)";

/// Two digits typed within this long make one number (1, 0 → 10).
const SECOND_DIGIT: Duration = Duration::from_millis(1500);

impl Pick<'_> {
    /// The chosen row, or `None` when the person stops for now.
    pub fn interact(&self) -> io::Result<Option<usize>> {
        let n = self.labels.len();
        if n == 0 {
            return Ok(None);
        }
        let mut at = self.start.filter(|&i| i < n);
        let mut nudge = false;
        let mut typed: Option<(i64, Instant)> = None;
        let mut drawn = 0;
        self.term.hide_cursor()?;
        let result = loop {
            self.term.clear_last_lines(drawn)?;
            drawn = self.draw(at, nudge)?;
            let key = self.term.read_key()?;
            nudge = false;
            let page = self.page();
            match key {
                Key::ArrowDown | Key::Tab | Key::Char('j') => {
                    at = Some(at.map_or(0, |i| (i + 1).min(n - 1)));
                }
                Key::ArrowUp | Key::BackTab | Key::Char('k') => {
                    at = Some(at.map_or(n - 1, |i| i.saturating_sub(1)));
                }
                Key::Home => at = Some(0),
                Key::End => at = Some(n - 1),
                Key::PageDown => at = Some(at.map_or(0, |i| (i + page).min(n - 1))),
                Key::PageUp => at = Some(at.map_or(0, |i| i.saturating_sub(page))),
                Key::Char(c) if c.is_ascii_digit() => {
                    if let Some(first) = self.first_value {
                        let digit = i64::from(c as u8 - b'0');
                        let last = first + n as i64 - 1;
                        // A second digit right after the first makes one number, when it fits.
                        let value = match typed {
                            Some((before, when))
                                if when.elapsed() < SECOND_DIGIT
                                    && (first..=last).contains(&(before * 10 + digit)) =>
                            {
                                before * 10 + digit
                            }
                            _ => digit,
                        };
                        if (first..=last).contains(&value) {
                            at = Some((value - first) as usize);
                        }
                        typed = Some((value, Instant::now()));
                    }
                }
                Key::Enter | Key::Char(' ') => match at {
                    Some(i) => break Some(i),
                    None => nudge = true,
                },
                Key::Escape | Key::CtrlC => break None,
                _ => {}
            }
        };
        self.term.clear_last_lines(drawn)?;
        self.term.show_cursor()?;
        Ok(result)
    }

    /// Rows shown at once: what the terminal has left below the question (the prompt, the
    /// "more below" line and the cursor's line aside), at least 3; the list scrolls.
    fn page(&self) -> usize {
        let rows = usize::from(self.term.size().0);
        rows.saturating_sub(self.above + 4).max(3)
    }

    /// Draws the prompt and the visible rows; returns how many lines it drew.
    fn draw(&self, at: Option<usize>, nudge: bool) -> io::Result<usize> {
        let n = self.labels.len();
        let page = self.page().min(n);
        let top = match at {
            Some(i) if i >= page => i + 1 - page,
            _ => 0,
        };
        let status = match at {
            None if nudge && self.first_value.is_some() => {
                "choose one first: arrow keys or a number".to_string()
            }
            None if nudge => "choose one first with the arrow keys".to_string(),
            None => NOTHING_CHOSEN.to_string(),
            Some(_) => String::new(),
        };
        let mut lines = vec![format!("? Your answer › {status}").trim_end().to_string()];
        for i in top..top + page {
            let mark = if at == Some(i) { "❯" } else { " " };
            let label = &self.labels[i];
            let row = format!("{mark} {label}");
            lines.push(if at == Some(i) {
                console::style(row).cyan().bold().to_string()
            } else {
                row
            });
        }
        if top + page < n {
            lines.push(format!("  … {} more below", n - top - page));
        }
        // Each line fits the terminal's width (wrapped at words), so the rows drawn are the
        // rows cleared before the next draw.
        let width = usize::from(self.term.size().1).max(20) - 1;
        let mut rows = 0;
        for line in &lines {
            if console::measure_text_width(line) <= width {
                rows += 1;
                self.term.write_line(line)?;
            } else {
                let fitted = crate::base::text::wrap_hanging(line, "", "    ", width);
                rows += fitted.lines().count().max(1);
                self.term.write_line(&fitted)?;
            }
        }
        Ok(rows)
    }
}
