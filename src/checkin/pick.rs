//! Choosing one answer from a list, with nothing chosen until the person chooses: the
//! check-in's questions use it instead of dialoguer's Select, whose cursor starts on the
//! first answer, so that a second Enter meant for the question before stored "0" or "No"
//! the person never gave. Enter on an untouched list asks for a choice. A number typed on a
//! 0-10 scale chooses it (`1` then `0` for 10, as on a keypad); arrows, Home, End, PageUp and
//! PageDown move. Esc stops for now, as on every screen (Ctrl-C is the stop handler's).

use std::io;
use std::time::{Duration, Instant};

use console::{Key, Term};

/// What the list is for.
pub(crate) struct Pick<'a> {
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
    /// The prompt's words ("Your answer", "Choose").
    pub prompt: &'a str,
}

/// Shown while nothing is chosen; the tests look for it too.
pub(crate) const NOTHING_CHOSEN: &str = "(nothing chosen yet)";

/// Two digits typed within this long make one number (1, 0 → 10).
const SECOND_DIGIT: Duration = Duration::from_millis(1500);

impl Pick<'_> {
    /// The chosen row, or `None` when the person stops for now.
    pub(crate) fn interact(&self) -> io::Result<Option<usize>> {
        let n = self.labels.len();
        if n == 0 {
            return Ok(None);
        }
        let mut at = self.start.filter(|&i| i < n);
        let mut nudge = false;
        let mut typed: Option<(i64, Instant)> = None;
        let (mut drawn, mut top) = (0, 0);
        self.term.hide_cursor()?;
        let result = loop {
            self.term.clear_last_lines(drawn)?;
            top = self.top(at, top);
            let (lines, shown) = self.draw(at, top, nudge)?;
            drawn = lines;
            let page = shown.max(1);
            let key = self.term.read_key()?;
            nudge = false;
            match key {
                Key::ArrowDown | Key::Tab | Key::Char('j') => {
                    at = Some(at.map_or(0, |i| (i + 1).min(n - 1)));
                }
                Key::ArrowUp | Key::BackTab | Key::Char('k') => {
                    at = Some(at.map_or(n - 1, |i| i.saturating_sub(1)));
                }
                Key::Home => at = Some(0),
                Key::End => at = Some(n - 1),
                // A page on, the view with it, so no row is passed over unseen.
                Key::PageDown => {
                    at = Some(at.map_or(0, |i| (i + page).min(n - 1)));
                    top = (top + page).min(at.unwrap_or(0));
                }
                Key::PageUp => {
                    at = Some(at.map_or(0, |i| i.saturating_sub(page)));
                    top = top.saturating_sub(page);
                }
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

    /// Terminal rows the list may use: what the terminal has left below the question (the
    /// prompt, the "more above" and "more below" lines and the cursor's line aside), at
    /// least 3; it scrolls.
    fn page(&self) -> usize {
        let rows = usize::from(self.term.size().0);
        rows.saturating_sub(self.above + 5).max(3)
    }

    /// Columns a row may use.
    fn width(&self) -> usize {
        usize::from(self.term.size().1).max(20) - 1
    }

    /// Row `i` as drawn, wrapped at words to the width (a long label takes a second row,
    /// never cut), marked when it is the one chosen.
    fn row(&self, i: usize, at: Option<usize>) -> Vec<String> {
        let chosen = at == Some(i);
        let mark = if chosen { "❯ " } else { "  " };
        // A row that fits keeps its spacing (the scale's aligned numbers); a longer one
        // wraps at words, no-break spaces keeping a short answer whole.
        let label = &self.labels[i];
        let text = if console::measure_text_width(label) + 2 <= self.width() {
            format!("{mark}{label}")
        } else {
            crate::base::text::wrap_hanging(label, mark, "    ", self.width())
        };
        text.replace('\u{a0}', " ")
            .lines()
            .map(|l| {
                if chosen {
                    console::style(l).cyan().bold().to_string()
                } else {
                    l.to_string()
                }
            })
            .collect()
    }

    /// The first row shown: the one before, moved just enough to show the chosen one with
    /// every row whole.
    fn top(&self, at: Option<usize>, before: usize) -> usize {
        let Some(at) = at else { return 0 };
        let budget = self.page();
        let mut top = before.min(at);
        let rows = |from: usize| -> usize {
            (from..=at)
                .map(|i| self.row(i, Some(at)).len())
                .sum::<usize>()
        };
        while top < at && rows(top) > budget {
            top += 1;
        }
        top
    }

    /// Draws the prompt and the rows that fit from `top`; returns the lines drawn and how
    /// many answers were shown.
    fn draw(&self, at: Option<usize>, top: usize, nudge: bool) -> io::Result<(usize, usize)> {
        let n = self.labels.len();
        let status = match at {
            None if nudge && self.first_value.is_some() => {
                "choose one first: arrow keys or a number".to_string()
            }
            None if nudge => "choose one first with the arrow keys".to_string(),
            None => NOTHING_CHOSEN.to_string(),
            Some(_) => String::new(),
        };
        let prompt = format!("? {} › {status}", self.prompt)
            .trim_end()
            .to_string();
        let mut lines: Vec<String> =
            crate::base::text::wrap_hanging(&prompt, "", "  ", self.width())
                .lines()
                .map(str::to_string)
                .collect();
        if top > 0 {
            lines.push(format!("  … {} more above", top));
        }
        let budget = self.page();
        let (mut used, mut shown) = (0, 0);
        for i in top..n {
            let row = self.row(i, at);
            // The first row always shows, however long; the others while they fit.
            if shown > 0 && used + row.len() > budget {
                break;
            }
            used += row.len();
            shown += 1;
            lines.extend(row);
        }
        if top + shown < n {
            lines.push(format!("  … {} more below", n - top - shown));
        }
        // Every line fits the width, so the rows drawn are the rows cleared next time.
        for line in &lines {
            self.term.write_line(line)?;
        }
        Ok((lines.len(), shown))
    }
}
