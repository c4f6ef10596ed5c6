//! `summary --format html`: one self-contained page to print or save as PDF.
//!
//! No script, no external file, no network: styles are inline, charts are inline SVG, and a
//! Content-Security-Policy forbids loading anything. Everything reads in black and white:
//! markers, dash patterns and hatching carry meaning, never colour alone, and every chart
//! has a text equivalent for screen readers.

mod chart;
mod flags;
mod intake;
mod words;

use super::content;
use super::Report;
use crate::questionnaire::Severity;
use crate::summary::Summary;
use chart::charts;
use flags::{flag_list, flagged, symbol};
use intake::journal;
use words::{concerns, notes};

/// The printable HTML page.
pub struct Html;

/// Escapes text for HTML content and attribute values.
pub(super) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
@page { margin: 0; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; line-height: 1.12; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 210mm; padding: 8mm 11mm; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
h1 { font-size: 14pt; margin: 0 0 2pt; }
h2 { font-size: 11.5pt; margin: 3pt 0 2pt; padding-bottom: 1pt; border-bottom: 1.5pt solid #000; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4pt 0 0; break-after: avoid; }
p, li { margin: 0.5pt 0; }
ul, ol { margin: 1pt 0; padding-left: 16pt; }
.meta { font-size: 10pt; }
.disclaimer { font-weight: bold; margin-top: 3pt; }
.small, .rule, .source, .about { font-size: 8.5pt; }
.crisis { border: 2pt solid #000; padding: 2pt 8pt; margin: 4pt 0; }
.crisis h2 { border: 0; margin-top: 0; }
.crisis ul { columns: 2; column-gap: 12pt; }
.crisis li { break-inside: avoid; }
.flag { margin: 0.5pt 0 1.5pt; padding-left: 5pt; border-left: 3pt solid #000; }
.flag.info { border-left-style: dotted; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border: 0.75pt solid #555; padding: 0.5pt 2pt; text-align: right; vertical-align: top; }
.nw { white-space: nowrap; }
thead th { font-size: 8.5pt; }
th { background: #eee; }
th:first-child, td:first-child { text-align: left; }
td.flags { text-align: left; white-space: nowrap; }
td.words { text-align: left; }
.legend { font-size: 9pt; margin-top: 2pt; }
.flaglist { font-size: 10pt; table-layout: fixed; width: 100%; }
.flaglist th, .flaglist td { border-width: 0 0 0.5pt; padding: 0 3pt 0 0; background: none; font-weight: normal; }
.flaglist thead th { font-size: 0; line-height: 0; padding: 0; border: 0; }
.flaglist tr > :first-child { width: 28%; }
.flaglist td { text-align: left; padding-left: 6pt; vertical-align: top; }
.page { break-before: page; page-break-before: always; }
.charts.front { grid-template-columns: repeat(4, minmax(0, 1fr)); }
thead { display: table-header-group; }
tr, .flag, .crisis, figure, header, .keep, .charts { break-inside: avoid; page-break-inside: avoid; }
th.date { white-space: nowrap; }
figcaption { font-size: 9pt; font-weight: bold; line-height: 1.15; white-space: nowrap; overflow: hidden; }
.charts { display: grid; gap: 3pt 8pt; margin: 3pt 0; }
.charts.small { grid-template-columns: repeat(5, minmax(0, 1fr)); }
.charts.six { grid-template-columns: repeat(6, minmax(0, 1fr)); }
figure { margin: 0; }
svg { width: 100%; height: auto; display: block; }
svg text { font-family: inherit; fill: #000; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
@media screen { body { padding: 12mm; } .page { break-before: auto; } }
"#;

fn marker(severity: Severity) -> &'static str {
    match severity {
        Severity::Urgent => "▲ URGENT: ",
        Severity::Flag => "● ",
        Severity::Info => "○ For information: ",
    }
}

impl Report for Html {
    fn render(&self, s: &Summary) -> Vec<u8> {
        let mut o = String::new();
        let title = content::title(s);
        let range = content::range(s);
        put!(
            o,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{} {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
            esc(title),
            esc(&range)
        );
        if let Some(message) = &s.message {
            ln!(
                o,
                "<main>\n<h1>{}</h1>\n<p>{}</p>\n<p class=\"disclaimer\">{}</p>\n</main>\n</body>\n</html>",
                esc(title),
                esc(message),
                esc(&s.disclaimer)
            );
            return o.into_bytes();
        }
        header(&mut o, s, title, &range);
        ln!(o, "<main>");
        if let Some(crisis) = &s.crisis {
            ln!(
                o,
                "<section class=\"crisis\" aria-label=\"{0}\">\n<h2>{0}</h2>",
                esc(&crisis.title)
            );
            // The graded message, said with the lines (as text and Markdown say it).
            if let Some(message) = &crisis.message {
                ln!(o, "<p>{}</p>", esc(message));
            }
            ln!(o, "<ul>");
            for line in &crisis.lines {
                ln!(o, "<li>{}</li>", esc(line));
            }
            ln!(o, "</ul>\n</section>");
        }
        // The front sheet: what a clinician reads in the first minute.
        concerns(&mut o, s);
        flag_list(&mut o, s);
        snapshot(&mut o, s);
        charts(&mut o, s, true);
        // Then the detail, for whoever wants it.
        charts(&mut o, s, false);
        bands(&mut o, s);
        pattern(&mut o, s);
        journal(&mut o, s);
        notes(&mut o, s);
        checkin_table(&mut o, s);
        flagged(&mut o, s);
        ln!(o, "</main>");
        footer(&mut o, s);
        ln!(o, "</body>\n</html>");
        o.into_bytes()
    }
}

fn header(o: &mut String, s: &Summary, title: &str, range: &str) {
    let (coverage, missed) = content::coverage(s);
    ln!(o, "<header>\n<h1>{}: {}</h1>", esc(title), esc(range));
    let mut meta = Vec::new();
    if let Some(name) = &s.person {
        meta.push(format!("Name: <strong>{}</strong>", esc(name)));
    }
    meta.push(esc(&coverage));
    if let Some(made) = &s.made {
        meta.push(format!("Made {}", esc(made)));
    }
    ln!(o, "<p class=\"meta\">{}</p>", meta.join(" · "));
    if let Some(missed) = missed {
        ln!(o, "<p class=\"meta\">{}</p>", esc(&missed));
    }
    ln!(
        o,
        "<p class=\"disclaimer\">{}</p>\n</header>",
        esc(&s.disclaimer)
    );
}

fn snapshot(o: &mut String, s: &Summary) {
    let rows = content::snapshot(s);
    // One check-in has no first, lowest or highest apart from its value: its measures are
    // told in words below, and the page stays one page.
    if rows.is_empty() || s.period.checkins <= 1 {
        return;
    }
    ln!(
        o,
        "<section>\n<h2>Snapshot</h2>\n<table>\n<thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">First</th><th scope=\"col\">Latest</th><th scope=\"col\">Lowest</th><th scope=\"col\">Highest</th><th scope=\"col\">Change</th></tr></thead>\n<tbody>"
    );
    for r in rows {
        ln!(
            o,
            "<tr><th scope=\"row\">{} <span class=\"small\">· {}</span></th><td>{}</td></tr>",
            esc(r.title),
            esc(r.direction),
            r.cells().join("</td><td>")
        );
    }
    ln!(o, "</tbody>\n</table>\n</section>");
}

/// The follow-up scores' bands, in the instruments' own words, after their charts.
fn bands(o: &mut String, s: &Summary) {
    for band in content::bands(s) {
        ln!(o, "<p>{}</p>", esc(&band));
    }
}

fn pattern(o: &mut String, s: &Summary) {
    if s.pattern.is_empty() && s.pattern_texts.is_empty() {
        return;
    }
    ln!(
        o,
        "<section class=\"keep\">\n<h2>Pain medicines, alcohol and other substances</h2>\n<ul>"
    );
    // The questions answered "no" every time they were asked share one line.
    let (never, some): (Vec<_>, Vec<_>) = s
        .pattern
        .iter()
        .partition(|p| p.yes_dates.is_empty() && p.asked > 0);
    for p in some {
        let when = content::pattern_when(p);
        ln!(
            o,
            "<li>{}: yes in {} of {}{}</li>",
            esc(&p.label),
            p.yes_dates.len(),
            p.asked,
            esc(&when)
        );
    }
    if !never.is_empty() {
        let same = never.iter().all(|p| p.asked == never[0].asked);
        let labels: Vec<String> = never
            .iter()
            .map(|p| {
                if same {
                    esc(&p.label)
                } else {
                    format!("{} (asked {})", esc(&p.label), p.asked)
                }
            })
            .collect();
        let when = if same {
            format!(" ({} of {})", never[0].asked, never[0].asked)
        } else {
            String::new()
        };
        ln!(o, "<li>No every time{when}: {}</li>", labels.join("; "));
    }
    for (text, dates) in content::grouped_texts(&s.pattern_texts) {
        ln!(
            o,
            "<li>What was used: {} <span class=\"small\">({})</span></li>",
            esc(&text),
            esc(&dates)
        );
    }
    ln!(o, "</ul>\n</section>");
}

fn checkin_table(o: &mut String, s: &Summary) {
    ln!(
        o,
        "<section>\n<h2>Every check-in</h2>\n<table>\n<thead><tr><th scope=\"col\">Date</th>"
    );
    for (_, col) in content::table_columns(s) {
        // Headings break between words only ("Relief / days"), never at "PHQ-|2".
        let words: Vec<String> = col
            .heading
            .split_whitespace()
            .map(|w| {
                if w.contains('-') {
                    format!("<span class=\"nw\">{}</span>", esc(w))
                } else {
                    esc(w)
                }
            })
            .collect();
        put!(o, "<th scope=\"col\">{}</th>", words.join(" "));
    }
    ln!(o, "<th scope=\"col\">Flags</th></tr></thead>\n<tbody>");
    for c in &s.checkins {
        put!(
            o,
            "<tr><th scope=\"row\" class=\"date\">{}</th>",
            c.date.format("%-d %b %Y")
        );
        for cell in content::cells(s, c) {
            put!(o, "<td>{cell}</td>");
        }
        let marks: Vec<String> = c
            .flags
            .iter()
            .filter_map(|id| s.flags.iter().position(|f| &f.id == id))
            .map(symbol)
            .collect();
        let flags = if marks.is_empty() {
            "–".to_string()
        } else {
            marks.join(" ")
        };
        ln!(o, "<td class=\"flags\">{}</td></tr>", esc(&flags));
    }
    ln!(o, "</tbody>\n</table>");
    if !s.flags.is_empty() {
        let legend: Vec<String> = s
            .flags
            .iter()
            .enumerate()
            // A journal flag marks days of the journal, never a check-in's row.
            .filter(|(_, f)| !f.from_journal)
            .map(|(i, f)| format!("<strong>{}</strong> {}", symbol(i), esc(&f.short)))
            .collect();
        if !legend.is_empty() {
            ln!(o, "<p class=\"legend\">Flags: {}</p>", legend.join(" · "));
        }
    }
    ln!(o, "</section>");
}

fn footer(o: &mut String, s: &Summary) {
    ln!(
        o,
        "<footer class=\"about\">\n<h2>About these numbers</h2>\n<ul>"
    );
    for line in &s.scoring {
        ln!(o, "<li>{}</li>", esc(line));
    }
    ln!(o, "<li>Flags say which answer met which rule; \"this tool's own rule\" marks rules that are not published cut-offs. {}Two-item screens have no severity bands.</li>\n</ul>\n<p><strong>Sources:</strong> ", esc(&content::persistence(s)));
    let sources: Vec<String> = s
        .sources
        .iter()
        .map(|src| format!("{}: {}", esc(&src.instrument), esc(&src.citation)))
        .collect();
    ln!(o, "{}.</p>", sources.join("; "));
    for credit in content::credits(s) {
        ln!(o, "<p class=\"small\">{}</p>", esc(credit));
    }
    let made = s
        .made
        .as_deref()
        .map(|m| format!(" (as of {m})"))
        .unwrap_or_default();
    // With the full lines on the front page, the footer points to them and dates them.
    let help = if s.help.is_empty() {
        String::new()
    } else if let Some(c) = &s.crisis {
        format!(
            " Help now{}: see \"{}\" on the first page.",
            esc(&made),
            esc(&c.title)
        )
    } else {
        format!(" Help now{}: {}", esc(&made), esc(&s.help.join(" ")))
    };
    ln!(o, "<p><strong>{}</strong>{help}</p>", esc(&s.disclaimer));
    ln!(o, "</footer>");
}
