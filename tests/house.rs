//! The house's direction, checked on the source: read → parse → model → compare → rules →
//! post → render, each layer naming only layers below it, and no cycle between modules.
//! The graph is that of the `crate::…` paths each file names outside its `#[cfg(test)]`
//! part (a `mod` line declares a child, it does not name it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, lowest first: a module may name its own layer and those below it.
const LAYERS: &[&[&str]] = &[
    &["source", "ems", "parallel", "time"],
    &["finding"],
    &["settings"],
    &["model"],
    &["compare"],
    &["rules"],
    &["post", "docs"],
    &["pipeline"],
    &["discover", "fix"],
    &["render", "cli"],
    &["app"],
];

fn layer(module: &str) -> Option<usize> {
    let top = module.split("::").next()?;
    LAYERS.iter().position(|l| l.contains(&top))
}

/// Every module of `src/` by path (`model::files`), with the text of its file up to its tests.
fn modules() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        if parts == ["lib"] || parts == ["main"] {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let code: String = text
            .lines()
            .take_while(|l| l.trim() != "#[cfg(test)]")
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        out.insert(parts.join("::"), code);
    }
    out
}

/// The module paths a file's code names: `crate::a::b::Item` and `crate::a::{b, c::D}`.
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let (prefix, after) = segments(rest);
        if let Some(group) = after.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let (more, _) = segments(item.trim());
                out.push(prefix.iter().cloned().chain(more).collect());
            }
        } else {
            out.push(prefix);
        }
    }
    out
}

/// The leading `a::b::` segments of `text`, and what follows them.
fn segments(mut text: &str) -> (Vec<String>, &str) {
    let mut found = Vec::new();
    loop {
        let end = text
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(text.len());
        if end == 0 {
            return (found, text);
        }
        found.push(text[..end].to_string());
        match text[end..].strip_prefix("::") {
            Some(next) => text = next,
            None => return (found, &text[end..]),
        }
    }
}

/// Each module's edges to the modules it names (the longest known prefix of each path).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let mut edges = BTreeMap::new();
    for (name, code) in &modules {
        let mut targets = BTreeSet::new();
        for path in named_paths(code) {
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|m| modules.contains_key(m));
            if let Some(target) = target.filter(|t| t != name) {
                targets.insert(target);
            }
        }
        edges.insert(name.clone(), targets);
    }
    edges
}

/// The strongly connected components of more than one module (Tarjan).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        s.on_stack.insert(v);
        let edges = s.edges;
        for w in edges.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.found
}

#[test]
fn no_module_names_a_module_of_a_higher_layer() {
    let mut wrong = Vec::new();
    for (from, targets) in graph() {
        let Some(own) = layer(&from) else {
            wrong.push(format!("{from} is in no layer of tests/house.rs"));
            continue;
        };
        for to in targets {
            match layer(&to) {
                Some(theirs) if theirs <= own => {}
                _ => wrong.push(format!("{from} names {to}")),
            }
        }
    }
    assert!(wrong.is_empty(), "upward edges:\n{}", wrong.join("\n"));
}

#[test]
fn no_two_modules_name_each_other_through_any_path() {
    let found = cycles(&graph());
    let shown: Vec<String> = found.iter().map(|c| c.join(" ↔ ")).collect();
    assert!(found.is_empty(), "module cycles:\n{}", shown.join("\n"));
}

#[test]
fn the_checker_sees_grouped_and_nested_paths() {
    let paths = named_paths(
        "use crate::model::{files::ServerFiles, Pair};\nlet x = crate::rules::registry::find(y);",
    );
    let shown: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        shown,
        [
            "model::files::ServerFiles",
            "model::Pair",
            "rules::registry::find"
        ]
    );
    let mut edges = BTreeMap::new();
    edges.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    edges.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    edges.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(cycles(&edges), [["a".to_string(), "b".to_string()]]);
}

#[test]
fn no_finding_is_built_with_a_rules_metadata_outside_the_rules() {
    let mut wrong = Vec::new();
    for (name, code) in modules() {
        if name.starts_with("rules") {
            continue;
        }
        if code.contains("::META") {
            wrong.push(name);
        }
    }
    assert!(
        wrong.is_empty(),
        "rule metadata named outside rules/: {wrong:?}"
    );
}

#[test]
fn no_rule_names_another_rule() {
    let modules = modules();
    let rules: BTreeSet<&String> = modules
        .keys()
        .filter(|m| m.starts_with("rules::") && m.matches("::").count() == 2)
        .collect();
    let mut wrong = Vec::new();
    for (from, targets) in graph() {
        if !rules.contains(&from) {
            continue;
        }
        for to in targets.iter().filter(|t| rules.contains(t)) {
            wrong.push(format!("{from} names {to}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "rules naming rules:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_source_file_is_over_800_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let lines = std::fs::read_to_string(entry.path())
                .unwrap()
                .lines()
                .count();
            if lines > 800 {
                long.push(format!("{} ({lines})", entry.path().display()));
            }
        }
    }
    assert!(long.is_empty(), "files over 800 lines: {long:?}");
}
