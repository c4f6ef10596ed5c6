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
/// line starting with `indent`; lines break only between words, never inside one.
pub fn wrap(text: &str, indent: &str, width: usize) -> String {
    wrap_hanging(text, indent, indent, width)
}

/// Wraps `text` with `first` before its first line and `rest` before the others (a hanging
/// indent, as for a list item or a flag's title).
pub fn wrap_hanging(text: &str, first: &str, rest: &str, width: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
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

/// A count in words, the noun agreeing with it: "1 check-in", "2 check-ins", "0 problems".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
