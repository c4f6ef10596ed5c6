//! Text safety and layout shared by every layer that prints: control characters made
//! visible, and word wrapping. A leaf: it uses nothing of selfcheck's.
//!
//! Layer: leaves. It may use nothing of selfcheck's but the other leaves.

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

/// Wraps `text` to `width` columns, every line starting with `indent`.
pub fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::from(indent);
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(indent);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out
}
