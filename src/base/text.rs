//! Text safety and layout shared by every layer that prints: control characters made
//! visible, and word wrapping. A leaf: it uses nothing of selfcheck's.

/// Free text from the person may hold anything: show control characters as visible escapes
/// so they cannot move the cursor or change the terminal.
pub fn safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' {
                " / ".to_string()
            } else if c.is_control() {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The width text is laid out for: `COLUMNS` when set, else the terminal's (standard
/// output, then standard error), else 80; always between 40 and 120.
pub fn width() -> usize {
    static WIDTH: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *WIDTH.get_or_init(|| {
        let terminal = || {
            console::Term::stdout()
                .size_checked()
                .or_else(|| console::Term::stderr().size_checked())
                .map(|(_, cols)| usize::from(cols))
        };
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|c| *c > 0)
            .or_else(terminal)
            .unwrap_or(80)
            .clamp(40, 120)
    })
}

/// Wraps `text` to `width` columns (display width, so wide characters count double), every
/// line starting with `indent`; lines break only at ASCII spaces, never inside a word (a
/// no-break space keeps two words together).
pub fn wrap(text: &str, indent: &str, width: usize) -> String {
    wrap_hanging(text, indent, indent, width)
}

/// Wraps `text` with `first` before its first line and `rest` before the others (a hanging
/// indent, as for a list item or a flag's title).
pub fn wrap_hanging(text: &str, first: &str, rest: &str, width: usize) -> String {
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    let options = textwrap::Options::new(width.max(first.len() + 8))
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false);
    textwrap::fill(&words.join(" "), options)
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` with control characters made visible in each line (its line breaks kept).
pub fn safe_lines(text: &str) -> String {
    text.split('\n').map(safe).collect::<Vec<_>>().join("\n")
}

/// A message for the person, as every message is laid out: control characters made
/// visible, each line wrapped to [`width`] by [`lines`].
pub fn message(text: &str) -> String {
    lines(&safe_lines(text), width())
}

/// Writes [`message`] of `text` to standard error: the one way messages are printed.
pub fn say(text: &str) {
    eprintln!("{}", message(text));
}

/// Every message's layout (errors, warnings, notices, prompts, plain output): each line of
/// `text` is wrapped to `width` at spaces; its leading spaces, and a list marker after
/// them ("- ", "• ", "1. "), become the indent of the lines it wraps onto. A line that
/// fits is left as it is (aligned columns keep their spacing). A command in backticks
/// stays on one line when it fits one; a word longer than the width (a path, an id) stands
/// alone on its line, never cut.
pub fn lines(text: &str, width: usize) -> String {
    text.split('\n')
        .map(|line| {
            if console::measure_text_width(line) <= width {
                return line.trim_end().to_string();
            }
            let body = line.trim_start();
            let lead = &line[..line.len() - body.len()];
            let hang =
                list_marker(body).max(aligned_column(body, width / 2 - lead.len().min(width / 2)));
            let rest = format!("{lead}{}", " ".repeat(hang));
            let room = width.saturating_sub(rest.len());
            wrap_hanging(&keep_commands_whole(body, room), lead, &rest, width)
                .replace('\u{a0}', " ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The width of a list marker at the start of `body` ("- ", "• ", "12. "), else 0.
fn list_marker(body: &str) -> usize {
    for bullet in ["- ", "• ", "* "] {
        if body.starts_with(bullet) {
            return bullet.chars().count();
        }
    }
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && body[digits..].starts_with(". ") {
        return digits + 2;
    }
    0
}

/// Where the value of an aligned "name:   value" line starts (after a run of two or more
/// spaces), when that is within `limit` columns: the lines it wraps onto start there.
fn aligned_column(body: &str, limit: usize) -> usize {
    let Some(run) = body.find("  ") else { return 0 };
    let value = run + body[run..].len() - body[run..].trim_start().len();
    let column = console::measure_text_width(&body[..value]);
    if run > 0 && column <= limit {
        column
    } else {
        0
    }
}

/// Spaces inside `backticks` made no-break spaces when the span fits in `room` columns.
fn keep_commands_whole(text: &str, room: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 && console::measure_text_width(part) + 2 <= room {
            out.push_str(&part.replace(' ', "\u{a0}"));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// A count in words, the noun agreeing with it: "1 check-in", "2 check-ins", "0 problems".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn lines_wrap_at_words_keep_indents_and_commands() {
        let text = "warning: the file was left as it is; run `selfcheck doctor --verbose` to see why.\n  - a list item long enough that it has to wrap onto a second line here\nshort";
        let out = lines(text, 40);
        for line in out.lines() {
            assert!(line.chars().count() <= 40, "{line:?}");
        }
        assert!(out.contains("`selfcheck doctor --verbose`"), "{out}");
        assert!(
            out.contains("\n    "),
            "the list item's second line is indented: {out}"
        );
        assert!(out.ends_with("\nshort"));
        // A word longer than the width stands alone, whole.
        let path = format!("/home/{}/file", "x".repeat(50));
        let out = lines(&format!("cannot read {path}: denied"), 40);
        assert_eq!(out, format!("cannot read\n{path}:\ndenied"));
        // A line that fits keeps its spacing.
        assert_eq!(lines("  a    b", 40), "  a    b");
    }
}
