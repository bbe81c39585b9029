//! The HTML report: one self-contained page an operator opens offline. A summary (the pair,
//! counts by severity, rule and file), then every finding grouped by file with the lines of
//! both sides in two columns (primary left, backup right) and the differing characters
//! marked, then the documentation page of every rule that fired.
//!
//! The page loads nothing: its CSS and its small filter script are inline, and without the
//! script everything is shown. Every piece of text from the configurations is escaped, and
//! files are only ever quoted through `SourceFile::redacted_text`, so no secret reaches the
//! page; the script embeds no data (it reads the `data-*` attributes of the findings).

mod code;

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::docs;
use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::pipeline::Report;
use crate::render::escape::{line, no_workflow_commands, visible, Layout, Notation};

use code::Texts;

const CSS: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("filter.js");

/// A file's findings beyond this many start collapsed.
const LARGE_GROUP: usize = 25;

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

pub fn render(report: &Report) -> String {
    let pair = report.backup.is_some()
        || report
            .findings
            .iter()
            .flat_map(|f| &f.locations)
            .any(|l| l.side == Side::Backup);
    let groups = by_file(&report.findings);
    let rules = by_rule(&report.findings);
    let mut texts = Texts::default();

    let mut out = String::with_capacity(16 * 1024);
    let scope = match &report.backup {
        Some(backup) => format!("{} ↔ {}", report.primary, backup),
        None => report.primary.clone(),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"generator\" content=\"emsftlint {version}\">\n\
         <title>emsftlint: {scope}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        version = env!("CARGO_PKG_VERSION"),
        scope = escape(&scope),
    );
    header(&mut out, report);
    summary(&mut out, report, &groups, &rules);
    filters(&mut out, report, &rules);
    out.push_str("<main id=\"findings\">\n");
    for (n, (file, findings)) in groups.iter().enumerate() {
        let counts = Counts::of(findings.iter().map(|(_, f)| *f));
        let _ = write!(
            out,
            "<section class=\"file\" id=\"file-{n}\">\n<details{open}>\n<summary><h2><span class=\"path\">{file}</span> {counts}</h2></summary>\n",
            n = n + 1,
            open = if findings.len() > LARGE_GROUP { "" } else { " open" },
            file = escape(file),
            counts = counts.badges(),
        );
        for (id, finding) in findings {
            // With `--discover`, a server alone (a pair without backup) has one column.
            let two = pair && finding.pair.as_ref().is_none_or(|p| p.backup.is_some());
            render_finding(&mut out, finding, *id, two, &mut texts);
        }
        out.push_str("</details>\n</section>\n");
    }
    out.push_str("</main>\n");
    rule_pages(&mut out, &rules);
    let _ = write!(
        out,
        "<footer>emsftlint {} · read-only and offline: this page loads nothing</footer>\n\
         <script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    no_workflow_commands(out, Notation::Markup)
}

/// Escapes text for HTML text and double- or single-quoted attributes alike, with control
/// and bidirectional characters shown as in every format (`\u{1b}`).
pub fn escape(text: &str) -> String {
    let text = visible(text, Layout::Lines);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An escaped path that may wrap after each `/` (and only there, unless a part is longer
/// than its column).
fn path(text: &str) -> String {
    escape(text).replace('/', "/<wbr>")
}

/// Escaped prose where `backquoted` words become `<code>`, as in the terminal's messages.
fn prose(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return escape(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// The findings by the file of their first location, in report order, each with its number.
type Groups<'a> = Vec<(String, Vec<(usize, &'a Finding)>)>;

fn by_file(findings: &[Finding]) -> Groups<'_> {
    let mut groups: Groups<'_> = Vec::new();
    for (i, finding) in findings.iter().enumerate() {
        let file = finding
            .locations
            .first()
            .map_or_else(|| "(no file)".to_string(), |l| l.file.display.clone());
        match groups.iter_mut().find(|(f, _)| *f == file) {
            Some((_, list)) => list.push((i + 1, finding)),
            None => groups.push((file, vec![(i + 1, finding)])),
        }
    }
    groups
}

/// Every rule that fired, by code: its description, how many findings, the worst severity.
struct Fired {
    meta: &'static RuleMeta,
    count: usize,
    worst: Severity,
}

fn by_rule(findings: &[Finding]) -> BTreeMap<&'static str, Fired> {
    let mut rules: BTreeMap<&'static str, Fired> = BTreeMap::new();
    for f in findings {
        let fired = rules.entry(f.rule.code).or_insert(Fired {
            meta: f.rule,
            count: 0,
            worst: f.severity,
        });
        fired.count += 1;
        fired.worst = fired.worst.max(f.severity);
    }
    rules
}

#[derive(Default)]
struct Counts {
    error: usize,
    warning: usize,
    info: usize,
}

impl Counts {
    fn of<'a>(findings: impl Iterator<Item = &'a Finding>) -> Self {
        let mut c = Counts::default();
        for f in findings {
            *c.get_mut(f.severity) += 1;
        }
        c
    }

    fn get(&self, s: Severity) -> usize {
        match s {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }

    fn get_mut(&mut self, s: Severity) -> &mut usize {
        match s {
            Severity::Error => &mut self.error,
            Severity::Warning => &mut self.warning,
            Severity::Info => &mut self.info,
        }
    }

    /// Small badges for the severities that have findings.
    fn badges(&self) -> String {
        let mut out = String::from("<span class=\"counts\">");
        for s in SEVERITIES {
            let n = self.get(s);
            if n > 0 {
                let _ = write!(
                    out,
                    "<span class=\"badge sev-{s}\">{n} {word}</span>",
                    s = s.as_str(),
                    word = plural(n, s.as_str())
                );
            }
        }
        out.push_str("</span>");
        out
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

fn header(out: &mut String, report: &Report) {
    let s = report.summary();
    let total = s.error + s.warning + s.info;
    let verdict = if total == 0 {
        "<p class=\"verdict ok\">✔ no findings</p>".to_string()
    } else {
        let worst = if s.error > 0 {
            "error"
        } else if s.warning > 0 {
            "warning"
        } else {
            "info"
        };
        format!(
            "<p class=\"verdict sev-{worst}\">✖ {} {}, {} {}, {} {}</p>",
            s.error,
            plural(s.error, "error"),
            s.warning,
            plural(s.warning, "warning"),
            s.info,
            plural(s.info, "info")
        )
    };
    match &report.pairs {
        Some(pairs) => {
            let _ = write!(
                out,
                "<header class=\"top\">\n<h1>emsftlint report</h1>\n<p class=\"pair\"><span class=\"side-tag tree\">tree</span> <code>{}</code> <span class=\"muted\">{} {}</span>",
                escape(&report.primary),
                pairs.len(),
                plural(pairs.len(), "pair")
            );
        }
        None => {
            let _ = write!(
                out,
                "<header class=\"top\">\n<h1>emsftlint report</h1>\n<p class=\"pair\"><span class=\"side-tag primary\">primary</span> <code>{}</code>",
                escape(&report.primary)
            );
        }
    }
    if let Some(backup) = &report.backup {
        let _ = write!(
            out,
            " <span class=\"arrow\">↔</span> <span class=\"side-tag backup\">backup</span> <code>{}</code>",
            escape(backup)
        );
    }
    let _ = writeln!(out, "</p>\n{verdict}\n</header>");
}

fn summary(out: &mut String, report: &Report, groups: &Groups<'_>, rules: &BTreeMap<&str, Fired>) {
    if report.findings.is_empty() {
        return;
    }
    let all = Counts::of(report.findings.iter());
    // With `--discover`, a fourth panel (the pairs): the estate's own layout.
    let _ = write!(
        out,
        "<nav class=\"summary{}\" aria-label=\"summary\">\n<section class=\"by-severity\">",
        if report.pairs.is_some() {
            " estate"
        } else {
            ""
        }
    );
    out.push_str("\n<h2>By severity</h2>\n<ul class=\"tiles\">\n");
    for s in SEVERITIES {
        let _ = writeln!(
            out,
            "<li class=\"tile sev-{s}\"><span class=\"n\">{n}</span> {word}</li>",
            s = s.as_str(),
            n = all.get(s),
            word = plural(all.get(s), s.as_str())
        );
    }
    out.push_str("</ul>\n</section>\n");
    if let Some(pairs) = &report.pairs {
        out.push_str("<section class=\"by-pair\">\n<h2>By pair</h2>\n<table>\n<thead><tr><th>pair</th><th class=\"num\">errors</th><th class=\"num\">warnings</th><th class=\"num\">infos</th></tr></thead>\n<tbody>\n");
        for p in pairs {
            let _ = writeln!(
                out,
                "<tr><td><span class=\"path\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                path(&p.pair.describe()),
                p.summary.error,
                p.summary.warning,
                p.summary.info
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    out.push_str("<section class=\"by-rule\">\n<h2>By rule</h2>\n<table>\n<thead><tr><th>rule</th><th>name</th><th>severity</th><th class=\"num\">findings</th></tr></thead>\n<tbody>\n");
    for (code, fired) in rules {
        let _ = writeln!(
            out,
            "<tr><td><a class=\"code\" href=\"#rule-{code}\">{code}</a></td><td>{name}</td><td><span class=\"badge sev-{s}\">{s}</span></td><td class=\"num\">{n}</td></tr>",
            code = escape(code),
            name = escape(fired.meta.name),
            s = fired.worst.as_str(),
            n = fired.count
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n<section class=\"by-file\">\n<h2>By file</h2>\n<table>\n<thead><tr><th>file</th><th class=\"num\">errors</th><th class=\"num\">warnings</th><th class=\"num\">infos</th></tr></thead>\n<tbody>\n");
    for (n, (file, findings)) in groups.iter().enumerate() {
        let c = Counts::of(findings.iter().map(|(_, f)| *f));
        let cell = |k: usize| {
            if k == 0 {
                "<td class=\"num zero\">0</td>".to_string()
            } else {
                format!("<td class=\"num\">{k}</td>")
            }
        };
        let _ = writeln!(
            out,
            "<tr><td><a class=\"path\" href=\"#file-{n}\">{file}</a></td>{}{}{}</tr>",
            cell(c.error),
            cell(c.warning),
            cell(c.info),
            n = n + 1,
            file = path(file),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n</nav>\n");
}

/// The filter form: hidden until the script shows it, so a page without script shows every
/// finding and no control that does nothing.
fn filters(out: &mut String, report: &Report, rules: &BTreeMap<&str, Fired>) {
    if report.findings.is_empty() {
        return;
    }
    let all = Counts::of(report.findings.iter());
    out.push_str(
        "<form id=\"filters\" class=\"filters\" hidden>\n<fieldset>\n<legend>severity</legend>\n",
    );
    for s in SEVERITIES {
        let _ = writeln!(
            out,
            "<label class=\"sev-{s}\"><input type=\"checkbox\" name=\"severity\" value=\"{s}\" checked> {s} <span class=\"muted\">({n})</span></label>",
            s = s.as_str(),
            n = all.get(s)
        );
    }
    out.push_str("</fieldset>\n<fieldset>\n<legend>rule</legend>\n");
    for (code, fired) in rules {
        let _ = writeln!(
            out,
            "<label><input type=\"checkbox\" name=\"rule\" value=\"{code}\" checked> {code} {name} <span class=\"muted\">({n})</span></label>",
            code = escape(code),
            name = escape(fired.meta.name),
            n = fired.count
        );
    }
    // The script writes the count: without it, the form stays hidden.
    out.push_str("</fieldset>\n<p class=\"shown\"><output id=\"shown\"></output> <button type=\"reset\">show all</button></p>\n</form>\n");
}

fn render_finding(out: &mut String, finding: &Finding, id: usize, pair: bool, texts: &mut Texts) {
    let s = finding.severity.as_str();
    let code = escape(finding.rule.code);
    let _ = write!(
        out,
        "<article class=\"finding sev-{s}\" id=\"finding-{id}\" data-severity=\"{s}\" data-rule=\"{code}\">\n\
         <header><span class=\"badge sev-{s}\">{s}</span> <a class=\"code\" href=\"#rule-{code}\" title=\"what {code} checks, and why\">{code}</a> <span class=\"rule\">{name}</span></header>\n\
         <p class=\"msg\">{message}</p>\n",
        name = escape(finding.rule.name),
        message = prose(&line(&finding.message)),
    );
    if let Some(help) = &finding.help {
        let _ = writeln!(
            out,
            "<p class=\"help\"><span class=\"label\">help</span> {}</p>",
            prose(&line(help))
        );
    }
    if let Some(of) = &finding.pair {
        let _ = writeln!(
            out,
            "<p class=\"help\"><span class=\"label\">pair</span> <code>{}</code></p>",
            escape(&of.describe())
        );
    }
    code::sides(out, finding, pair, texts);
    out.push_str("</article>\n");
}

/// The documentation page of every rule that fired, once each, closed until asked for.
fn rule_pages(out: &mut String, rules: &BTreeMap<&str, Fired>) {
    if rules.is_empty() {
        return;
    }
    out.push_str("<section class=\"rules\" id=\"rules\">\n<h2>The rules that fired</h2>\n");
    for (code, fired) in rules {
        let meta = fired.meta;
        let _ = write!(
            out,
            "<details class=\"rule-page\" id=\"rule-{code}\">\n<summary><span class=\"code\">{code}</span> <span class=\"rule\">{name}</span> <span class=\"muted\">— {summary}</span></summary>\n<div class=\"page\">\n<p class=\"meta\">{category} · {severity} by default · {count} {findings} in this report</p>\n<p class=\"meta\">{severity}: {meaning}.</p>\n",
            code = escape(code),
            name = escape(meta.name),
            summary = prose(meta.summary),
            category = escape(meta.category),
            severity = meta.severity.as_str(),
            meaning = escape(meta.severity.meaning()),
            count = fired.count,
            findings = plural(fired.count, "finding"),
        );
        match docs::page(meta.code) {
            Some(Ok(doc)) => {
                let _ = writeln!(
                    out,
                    "<p class=\"severity-reason\">{}</p>",
                    prose(doc.severity_reason.trim())
                );
                for paragraph in doc.explanation.trim().split("\n\n") {
                    let _ = writeln!(out, "<p>{}</p>", prose(paragraph.trim()));
                }
                let _ = write!(
                    out,
                    "<h3>Example</h3>\n<div class=\"example\">\n<figure><figcaption>primary</figcaption><pre>{}</pre></figure>\n<figure><figcaption>backup</figcaption><pre>{}</pre></figure>\n</div>\n<h3>Fix</h3>\n<p>{}</p>\n<h3>References</h3>\n<ul>\n",
                    escape(doc.example.primary.trim_end()),
                    escape(doc.example.backup.trim_end()),
                    prose(doc.fix.trim()),
                );
                for reference in &doc.references {
                    let _ = writeln!(
                        out,
                        "<li><a href=\"{r}\" rel=\"noreferrer\">{r}</a></li>",
                        r = escape(reference)
                    );
                }
                out.push_str("</ul>\n");
            }
            Some(Err(_)) | None => {
                out.push_str("<p class=\"muted\">This rule has no documentation page.</p>\n");
            }
        }
        let _ = write!(
            out,
            "<p class=\"source\"><a href=\"{url}\" rel=\"noreferrer\">rules/{code}.toml</a> · <code>emsftlint rule {code}</code></p>\n</div>\n</details>\n",
            url = escape(&docs::url(meta.code)),
            code = escape(code),
        );
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_text_and_both_attribute_quotes() {
        assert_eq!(
            escape(r#"<a href="x" title='y'>&amp;</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;"
        );
        assert_eq!(
            escape("a\tb\u{0}c\u{1b}\u{9b}\u{202e}\r\n"),
            "a\tb\\u{0}c\\u{1b}\\u{9b}\\u{202e}\r\n"
        );
    }

    /// The guard against workflow commands runs over the whole page: it must leave the page's
    /// own style sheet and script as they are (a CSS rule like `::selection` at the start of
    /// a line would be broken by it).
    #[test]
    fn the_workflow_command_guard_leaves_the_style_sheet_and_script_alone() {
        for asset in [CSS, SCRIPT] {
            assert_eq!(
                no_workflow_commands(asset.to_string(), Notation::Markup),
                asset
            );
        }
    }

    #[test]
    fn prose_codes_backquotes_and_escapes_inside_them() {
        assert_eq!(
            prose("queue `<q>` differs"),
            "queue <code>&lt;q&gt;</code> differs"
        );
        assert_eq!(prose("one ` alone <"), "one ` alone &lt;");
    }
}
