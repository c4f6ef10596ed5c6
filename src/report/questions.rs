//! `selfcheck questions show`: a question set in words, with every scale, skip rule, score
//! and flag rule, and their sources, so a person or clinician can read exactly what is asked.

use crate::base::text::wrap;
use crate::questionnaire::{ItemType, Questionnaire, Wording};

/// The question set as text.
pub fn questions_text(q: &Questionnaire) -> String {
    let d = &q.def;
    let mut o = String::new();
    ln!(
        o,
        "{} (id \"{}\", version {}, language {})",
        d.title,
        d.id,
        d.version,
        d.language
    );
    let mut section = "";
    for item in &d.items {
        if item.section != section {
            section = &item.section;
            let title = q
                .section(section)
                .map(|s| s.title.as_str())
                .unwrap_or(section);
            ln!(o, "\n{title}");
            if let Some(intro) = q.section(section).and_then(|s| s.intro.as_deref()) {
                ln!(o, "{}", wrap(intro, "  ", crate::base::text::width()));
            }
        }
        ln!(
            o,
            "{}",
            wrap(
                &format!("{}: {}", item.id, item.text),
                "  ",
                crate::base::text::width()
            )
        );
        let answer = match item.kind {
            ItemType::Integer => {
                let anchors: Vec<String> = item
                    .anchors
                    .iter()
                    .map(|(k, v)| format!("{k} = {v}"))
                    .collect();
                format!(
                    "whole number {}-{}{}",
                    item.min.unwrap_or(0),
                    item.max.unwrap_or(0),
                    if anchors.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", anchors.join(", "))
                    }
                )
            }
            ItemType::Boolean => "yes or no".to_string(),
            ItemType::Choice => {
                let options: Vec<String> = item
                    .options
                    .iter()
                    .map(|o| format!("{} ({})", o.label, o.id))
                    .collect();
                format!("one of: {}", options.join(", "))
            }
            ItemType::Text => format!(
                "text, up to {} characters{}",
                item.text_limit(),
                if item.required { "" } else { ", optional" }
            ),
        };
        ln!(
            o,
            "{}",
            wrap(
                &format!("Answer: {answer}"),
                "      ",
                crate::base::text::width()
            )
        );
        if let Some(cond) = &item.ask_if {
            ln!(
                o,
                "{}",
                wrap(
                    &format!("Asked only when {cond}"),
                    "      ",
                    crate::base::text::width()
                )
            );
        }
        let wording = match item.source.wording {
            Wording::Published => "published wording",
            Wording::Adapted => "adapted wording",
            Wording::Own => "this tool's own wording",
        };
        let source = d
            .sources
            .get(&item.source.source)
            .map(|s| s.instrument.as_str())
            .unwrap_or("");
        let note = item
            .source
            .note
            .as_deref()
            .map(|n| format!("; {n}"))
            .unwrap_or_default();
        ln!(
            o,
            "{}",
            wrap(
                &format!("Source: {source}, {wording}{note}"),
                "      ",
                crate::base::text::width()
            )
        );
    }
    ln!(o, "\nScores");
    for s in &d.scores {
        let mut cutoff = s
            .cutoff
            .map(|c| format!("; usual cut-off {c}"))
            .unwrap_or_default();
        if s.all_asked {
            cutoff.push_str("; only when every item was asked");
        }
        if let Some(b) = &s.bands {
            let ranges: Vec<String> = b
                .ranges
                .iter()
                .map(|r| format!("{}-{} {}", r.min, r.max, r.name))
                .collect();
            cutoff.push_str(&format!("; bands named by {}: {}", b.by, ranges.join(", ")));
        }
        ln!(
            o,
            "{}",
            wrap(
                &format!(
                    "{}: {} of {}, {}-{}{cutoff}",
                    s.title,
                    match s.method {
                        crate::questionnaire::ScoreMethod::Sum => "sum",
                        crate::questionnaire::ScoreMethod::Mean => "mean",
                    },
                    s.items.join(", "),
                    s.min,
                    s.max
                ),
                "  ",
                crate::base::text::width()
            )
        );
    }
    ln!(o, "\nFlags");
    let rules = d
        .flags
        .iter()
        .map(|f| {
            (
                &f.id,
                &f.title,
                &f.rule,
                f.own_rule,
                &f.sources,
                format!("When: {}", f.when),
            )
        })
        .chain(d.trend_flags.iter().map(|f| {
            (
                &f.id,
                &f.title,
                &f.rule,
                f.own_rule,
                &f.sources,
                "Across check-ins".to_string(),
            )
        }));
    for (id, title, rule, own_rule, sources, when) in rules {
        let kind = if own_rule {
            "this tool's own rule"
        } else {
            "published cut-off"
        };
        ln!(
            o,
            "{}",
            wrap(
                &format!("{id} ({title}): {rule}"),
                "  ",
                crate::base::text::width()
            )
        );
        let source = q.citations(sources);
        ln!(
            o,
            "{}",
            wrap(
                &format!("{when}; {kind}; source: {source}"),
                "      ",
                crate::base::text::width()
            )
        );
    }
    let mut credits: Vec<&str> = Vec::new();
    for note in d.sources.values().filter_map(|s| s.note.as_deref()) {
        if !credits.contains(&note) {
            credits.push(note);
        }
    }
    for credit in credits {
        ln!(o, "\n{}", wrap(credit, "", crate::base::text::width()));
    }
    ln!(
        o,
        "\n{}",
        wrap(&d.disclaimer, "", crate::base::text::width())
    );
    o
}
