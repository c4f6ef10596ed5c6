//! The layers of `src/`, with arrows one way: a module may use its own layer and those below
//! it, never one above, and top-level modules never import each other in a circle. Read
//! from the source, so a new `use crate::…` that breaks this fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Layers, lowest first. Every top-level module of `src/` must be in exactly one. This table
/// is the one statement of the layers: source files do not repeat it.
const LAYERS: &[(&str, &[&str])] = &[
    // errors, atomic file I/O, strict JSON, dates, text, paths, output; the clap types
    ("leaves", &["base", "cli"]),
    ("configuration", &["config"]),
    ("reminders", &["remind"]),
    // the set format, its validation, the built-in and own sets, crisis lines
    ("question set", &["questionnaire"]),
    ("answers", &["answers"]),
    // records, listing, trash, forms, periods; the journal's entries beside them
    ("store", &["store", "journal"]),
    ("engine", &["engine"]),
    ("summary model", &["summary"]),
    ("renderers and exports", &["report", "export"]),
    ("import", &["import"]),
    ("commands", &["checkin", "commands", "lib", "main"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

/// Top-level module of a file under `src/` (`src/engine/skip.rs` → `engine`).
fn module_of(path: &Path, src: &Path) -> String {
    let rel = path.strip_prefix(src).expect("under src");
    let first = rel.components().next().expect("a component");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `crate::name` a file names, outside comments and its unit tests.
fn uses(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = BTreeSet::new();
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + 7..];
            if let Some(inner) = rest.strip_prefix('{') {
                // `use crate::{a, b::c};`
                let list = inner.split('}').next().unwrap_or("");
                for part in list.split(',') {
                    let name: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() && name != "self" {
                        out.insert(name);
                    }
                }
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
        // `use selfcheck::x` in main.rs
        if let Some(at) = line.find("selfcheck::") {
            let name: String = line[at + 11..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in all {
        let module = module_of(&path, &src);
        let text = std::fs::read_to_string(&path).expect("read file");
        let deps = graph.entry(module.clone()).or_default();
        for used in uses(&text) {
            if used != module {
                deps.insert(used);
            }
        }
    }
    graph
}

#[test]
fn every_module_has_a_layer_and_imports_only_its_own_or_lower_ones() {
    let mut wrong = Vec::new();
    for (module, deps) in graph() {
        let Some(mine) = layer_of(&module) else {
            wrong.push(format!(
                "{module}: not in any layer of tests/architecture.rs"
            ));
            continue;
        };
        for dep in deps {
            match layer_of(&dep) {
                Some(theirs) if theirs > mine => wrong.push(format!(
                    "{module} ({}) imports {dep} ({}), a higher layer",
                    LAYERS[mine].0, LAYERS[theirs].0
                )),
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn top_level_modules_import_each_other_in_no_circle() {
    let graph = graph();
    // Depth-first search; a grey node met again closes a cycle.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(node) {
            Some(1) => {
                let start = path.iter().position(|p| p == node).unwrap_or(0);
                let mut cycle = path[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            Some(2) => return None,
            _ => {}
        }
        state.insert(node.to_string(), 1);
        path.push(node.to_string());
        for dep in graph.get(node).into_iter().flatten() {
            if graph.contains_key(dep) {
                if let Some(c) = visit(dep, graph, state, path) {
                    return Some(c);
                }
            }
        }
        path.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut state, &mut Vec::new()) {
            panic!("import cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn no_file_in_src_is_over_400_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let big: Vec<String> = all
        .iter()
        .filter_map(|p| {
            let n = std::fs::read_to_string(p).ok()?.lines().count();
            (n > 400).then(|| format!("{} ({n} lines)", p.display()))
        })
        .collect();
    assert!(
        big.is_empty(),
        "split these along the layers: {}",
        big.join(", ")
    );
}

/// The built-in set's item, score, flag and trend ids.
fn weekly_ids() -> BTreeSet<String> {
    let text = include_str!("../questions/weekly.json");
    let set: serde_json::Value = serde_json::from_str(text).expect("weekly.json");
    let mut ids = BTreeSet::new();
    for part in ["items", "scores", "flags", "trend_flags", "trends"] {
        for entry in set[part].as_array().expect("a list") {
            ids.insert(entry["id"].as_str().expect("an id").to_string());
        }
    }
    ids
}

#[test]
fn no_code_outside_the_question_set_names_its_ids() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let ids = weekly_ids();
    let mut found = Vec::new();
    for path in all {
        let text = std::fs::read_to_string(&path).expect("read file");
        // Unit tests may use the built-in set as their example.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for id in &ids {
            // Words of other vocabularies that happen to equal an id: the journal entry's
            // own `note` field, and FHIR's `note` element, in the journal's exports.
            let other_vocabulary = path.ends_with("export/journal.rs") && id == "note";
            if code.contains(&format!("\"{id}\"")) && !other_vocabulary {
                found.push(format!("{}: \"{id}\"", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "rules, columns and wording come from the question set, not from code:\n{}",
        found.join("\n")
    );
}

#[test]
fn renderers_never_read_files_or_evaluate_rules() {
    let graph = graph();
    let used = graph.get("report").expect("report module");
    for forbidden in ["engine", "store", "checkin", "import", "commands"] {
        assert!(
            !used.contains(forbidden),
            "report/ imports {forbidden}: renderers only lay out the summary model"
        );
    }
    // Nor do they write files themselves: `base::output` does, for the commands.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/report");
    let mut all = Vec::new();
    files(&src, &mut all);
    for path in all {
        let text = std::fs::read_to_string(&path).expect("read file");
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for forbidden in ["base::fsio", "base::output", "std::fs", "File::"] {
            assert!(
                !code.contains(forbidden),
                "{}: names {forbidden}: renderers return bytes, the commands write them",
                path.display()
            );
        }
    }
}

/// Asking the person something (dialoguer, or console's terminal and keys) happens only in
/// the check-in and the commands: everything below returns what it found and lets the top
/// decide whether to ask.
#[test]
fn only_the_checkin_and_the_commands_ask_the_person() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut found = Vec::new();
    for path in all {
        let module = module_of(&path, &src);
        if ["checkin", "commands", "lib", "main"].contains(&module.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read file");
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let code: String = code
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .map(str::trim)
            .collect();
        // The terminal's size is read by the text wrapper; nothing else of a terminal.
        let terminal_other_than_size = code.match_indices("console::Term::").any(|(at, _)| {
            !code[at..]
                .split(')')
                .nth(1)
                .is_some_and(|n| n.starts_with(".size_checked"))
        });
        for (asks, what) in [
            (code.contains("dialoguer"), "dialoguer"),
            (code.contains("console::Key"), "console::Key"),
            (
                code.contains("read_key") || code.contains("read_line"),
                "reading a key or line",
            ),
            (terminal_other_than_size, "console::Term"),
        ] {
            if asks {
                found.push(format!("{}: {what}", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "only checkin/ and commands/ ask the person:\n{}",
        found.join("\n")
    );
}
