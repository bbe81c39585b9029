//! The FTL server cluster configuration (`ftlserver.yml`) of EMS 10.2+ FTL stores: the core
//! servers of `globals: core.servers`, and under `servers:` each server's services, of which
//! the `tibemsd` service (`exepath`, `-listens`, `-standby_only`) is the EMS server it runs
//! (EMS 10.3 users-guide/Sections_in_the_FTL_Server_Cluster_Configuration.htm; FTL 6.5
//! GUID-61227981 "FTL Server Configuration"). Read with saphyr, which keeps the position of
//! every node; only the keys above are looked at, so no walk here recurses.

use std::ops::Range;

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use crate::ems::lines::SyntaxError;
use crate::ems::secret;

/// Keys whose value is a secret besides those that name a password or secret: the keystore
/// password of `tls.secure` (EMS 10.3 Sections_in_the_FTL_Server_Cluster_Configuration.htm).
const SECRET_KEYS: [&str; 1] = ["tls.secure"];

/// Block nesting deeper than this is refused before parsing: an FTL configuration nests five
/// levels, and a document nested thousands of levels deep would exhaust the stack.
const MAX_NESTING: usize = 64;

/// What the cluster configuration says about the EMS servers of the cluster.
#[derive(Debug, Default)]
pub struct FtlCluster {
    /// `globals: core.servers`, in the file's order; `None` when the file has none.
    pub core_servers: Option<CoreServers>,
    /// Each entry of `servers:`.
    pub servers: Vec<FtlServer>,
}

#[derive(Debug)]
pub struct CoreServers {
    /// The `core.servers` key.
    pub span: Range<usize>,
    pub members: Vec<CoreServer>,
}

/// `name: host:port` of `core.servers`.
#[derive(Debug)]
pub struct CoreServer {
    pub name: String,
    pub location: String,
    pub span: Range<usize>,
}

/// One entry of `servers:` and the EMS server it runs.
#[derive(Debug)]
pub struct FtlServer {
    pub name: String,
    /// The server's name, as its key.
    pub span: Range<usize>,
    pub ems: Option<EmsService>,
}

/// The `tibemsd` service of one FTL server (`ems` is read as the same).
#[derive(Debug)]
pub struct EmsService {
    /// The service's key.
    pub span: Range<usize>,
    /// `-listens`: each URL with where it is written.
    pub listens: Vec<(String, Range<usize>)>,
    /// Where `-standby_only` is set (present with no value, or true).
    pub standby_only: Option<Range<usize>>,
}

/// The values of keys that hold a secret (`password`, `tls.secure`, `-ftl_password`, …),
/// found line by line so that a document that does not parse is masked too: a block
/// `key: value` masks the value to the end of its line, a flow `{key: value}` to the next `,`
/// or `}`.
pub fn secret_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let mut at = 0;
        while let Some(colon) = line[at..].find(':').map(|c| at + c) {
            let key_start = line[..colon]
                .rfind(['{', ',', ' ', '\t', '\'', '"'])
                .map_or(0, |i| i + 1);
            let key = line[key_start..colon]
                .trim_start_matches('-')
                .to_ascii_lowercase();
            let value_start = colon
                + 1
                + (line[colon + 1..].len()
                    - line[colon + 1..].trim_start_matches([' ', '\t']).len());
            let in_flow = line[..colon].contains('{');
            let value_end = if in_flow {
                line[value_start..]
                    .find([',', '}'])
                    .map_or(line.trim_end().len(), |i| value_start + i)
            } else {
                line.trim_end().len()
            };
            let secret = secret::names_a_secret(&key) || SECRET_KEYS.contains(&key.as_str());
            if secret && value_end > value_start {
                spans.push(start + value_start..start + value_end);
            }
            at = if secret {
                value_end.max(value_start)
            } else {
                value_start
            };
        }
        start += line.len();
    }
    spans
}

/// Reads the configuration; a document that is no YAML is the error, at its position.
pub fn parse(text: &str) -> Result<FtlCluster, SyntaxError> {
    let offsets = Offsets::new(text);
    if let Some(span) = too_deep(text) {
        return Err(SyntaxError {
            span,
            message: format!("YAML nested more than {MAX_NESTING} levels deep"),
        });
    }
    let docs = MarkedYaml::load_from_str(text).map_err(|e| {
        let at = offsets.at(e.marker().line(), e.marker().col());
        SyntaxError {
            span: at..offsets.line_end(at),
            message: format!("not YAML: {}", e.info()),
        }
    })?;
    let mut cluster = FtlCluster::default();
    let Some(root) = docs.first() else {
        return Ok(cluster);
    };
    let span = |node: &MarkedYaml<'_>| offsets.span(node);
    if let Some((key, core)) = root
        .data
        .as_mapping_get("globals")
        .and_then(|g| member(g, "core.servers"))
    {
        let members = entries(core)
            .map(|(name, location)| CoreServer {
                name: scalar_text(name).unwrap_or_default(),
                location: scalar_text(location).unwrap_or_default(),
                span: offsets.join(span(name), span(location)),
            })
            .collect();
        cluster.core_servers = Some(CoreServers {
            span: span(key),
            members,
        });
    }
    if let Some(servers) = root.data.as_mapping_get("servers") {
        for (name, services) in entries(servers) {
            cluster.servers.push(FtlServer {
                name: scalar_text(name).unwrap_or_default(),
                span: span(name),
                ems: ems_service(services, &offsets),
            });
        }
    }
    Ok(cluster)
}

/// The `tibemsd` (or `ems`) entry of a server's list of services.
fn ems_service(services: &MarkedYaml<'_>, offsets: &Offsets) -> Option<EmsService> {
    let items: Vec<&MarkedYaml<'_>> = match &services.data {
        YamlData::Sequence(items) => items.iter().collect(),
        YamlData::Mapping(_) => vec![services],
        _ => Vec::new(),
    };
    let (key, service) = items
        .into_iter()
        .find_map(|item| member(item, "tibemsd").or_else(|| member(item, "ems")))?;
    let option =
        |name: &str| member(service, &format!("-{name}")).or_else(|| member(service, name));
    let mut listens = Vec::new();
    if let Some((_, value)) = option("listens") {
        if let Some(text) = scalar_text(value) {
            let start = offsets.span(value).start;
            let written = offsets.source(value);
            let mut from = 0;
            for url in text.split(',') {
                let trimmed = url.trim();
                let at = written
                    .and_then(|w| w[from..].find(trimmed).map(|i| from + i))
                    .map(|i| start + i..start + i + trimmed.len());
                if let Some(at) = &at {
                    from = at.end - start;
                }
                if !trimmed.is_empty() {
                    listens.push((trimmed.to_string(), at.unwrap_or(offsets.span(value))));
                }
            }
        }
    }
    let standby_only = option("standby_only").and_then(|(key, value)| {
        let on = match &value.data {
            YamlData::Value(Scalar::Null) => true,
            YamlData::Value(Scalar::Boolean(on)) => *on,
            _ => scalar_text(value).is_some_and(|t| {
                matches!(
                    t.to_ascii_lowercase().as_str(),
                    "" | "true" | "yes" | "on" | "enabled"
                )
            }),
        };
        on.then(|| offsets.span(key))
    });
    Some(EmsService {
        span: offsets.span(key),
        listens,
        standby_only,
    })
}

/// The key and value of `name` in a mapping.
fn member<'n, 'i>(
    node: &'n MarkedYaml<'i>,
    name: &str,
) -> Option<(&'n MarkedYaml<'i>, &'n MarkedYaml<'i>)> {
    entries(node).find(|(key, _)| scalar_text(key).as_deref() == Some(name))
}

/// Each key and value of a mapping; nothing for any other node.
fn entries<'n, 'i>(
    node: &'n MarkedYaml<'i>,
) -> impl Iterator<Item = (&'n MarkedYaml<'i>, &'n MarkedYaml<'i>)> {
    let map = match &node.data {
        YamlData::Mapping(map) => Some(map),
        _ => None,
    };
    map.into_iter().flat_map(|m| m.iter())
}

/// A scalar as text (`8585` and `true` as written); `None` for a collection.
fn scalar_text(node: &MarkedYaml<'_>) -> Option<String> {
    match &node.data {
        YamlData::Value(Scalar::String(s)) => Some(s.to_string()),
        YamlData::Value(Scalar::Integer(i)) => Some(i.to_string()),
        YamlData::Value(Scalar::FloatingPoint(f)) => Some(f.to_string()),
        YamlData::Value(Scalar::Boolean(b)) => Some(b.to_string()),
        YamlData::Value(Scalar::Null) => Some(String::new()),
        YamlData::Representation(s, _, _) => Some(s.to_string()),
        _ => None,
    }
}

/// The first line whose indentation and leading `- ` markers nest deeper than
/// [`MAX_NESTING`], or whose flow brackets do.
fn too_deep(text: &str) -> Option<Range<usize>> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '-']).len();
        let mut flow: usize = 0;
        let mut deepest = 0;
        for c in line.bytes() {
            match c {
                b'[' | b'{' => {
                    flow += 1;
                    deepest = deepest.max(flow);
                }
                b']' | b'}' => flow = flow.saturating_sub(1),
                _ => {}
            }
        }
        if indent / 2 > MAX_NESTING || deepest > MAX_NESTING {
            return Some(start..start + line.trim_end().len());
        }
        start += line.len();
    }
    None
}

/// Byte offsets of saphyr's positions (line from 1, column in characters from 0).
struct Offsets<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> Offsets<'t> {
    fn new(text: &'t str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Offsets { text, line_starts }
    }

    fn at(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = self.text.get(start..).unwrap_or_default();
        start + rest.char_indices().nth(col).map_or(rest.len(), |(i, _)| i)
    }

    fn line_end(&self, at: usize) -> usize {
        let rest = self.text.get(at..).unwrap_or_default();
        at + rest.find('\n').unwrap_or(rest.len())
    }

    fn span(&self, node: &MarkedYaml<'_>) -> Range<usize> {
        let start = self.at(node.span.start.line(), node.span.start.col());
        let end = self
            .at(node.span.end.line(), node.span.end.col())
            .max(start);
        start..end
    }

    fn join(&self, a: Range<usize>, b: Range<usize>) -> Range<usize> {
        a.start.min(b.start)..a.end.max(b.end)
    }

    /// The text a node is written with.
    fn source(&self, node: &MarkedYaml<'_>) -> Option<&'t str> {
        self.text.get(self.span(node))
    }
}

#[cfg(test)]
mod tests;
