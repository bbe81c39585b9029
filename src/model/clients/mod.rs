//! The pair's clients: the TIBCO adapter and BusinessWorks `.tra` files, Designer global
//! variables, BusinessWorks JMS Connection resources and JNDI properties attached to the pair (`--clients`, `clients = […]`), read
//! inside the trees a run may read and parsed by `ems::clients`. What each says about the pair:
//! its EMS URLs, its reconnect settings and, for an adapter, its fault-tolerance settings. The
//! property names and their sources are in docs/clients.md.

mod adapter;
pub mod estate;
mod jms_connection;
mod read;
#[cfg(test)]
mod tests;
mod urls;
pub mod window;

pub use adapter::{is_on as adapter_is_on, AdapterFt};
pub use jms_connection::JmsConnection;
pub use read::{project_holding, project_of_substvar, read_clients, ClientKind, ClientSource};
pub use urls::{shown_value, ClientUrl};

use std::path::{Path, PathBuf};

use crate::ems::clients::{properties, sharedjmscon, substvar, tra, Prop, PropFile};
use crate::ems::lines::SyntaxError;
use crate::model::secrets::is_secret;
use crate::source::FileRef;

/// One client file, parsed.
pub struct Client<'a> {
    pub source: &'a ClientSource,
    pub props: PropFile<'a>,
    /// The Designer project of a `.substvar` or `.sharedjmscon`: the directory holding the
    /// `defaultVars` its variables come from (`None`: not known, every project's apply).
    pub project: Option<PathBuf>,
}

impl<'a> Client<'a> {
    pub fn kind(&self) -> ClientKind {
        self.source.kind
    }

    pub fn file(&self) -> &'a FileRef {
        &self.source.file
    }

    pub fn errors(&self) -> &[SyntaxError] {
        &self.props.errors
    }

    pub fn get(&self, key: &str) -> Option<&Prop<'a>> {
        self.props.get(key)
    }

    /// The reconnect settings the file writes: BusinessWorks'
    /// `java.property.com.tibco.tibjms.reconnect.attempts` ("count, delay"), or an adapter's
    /// `tibco.jmsReconnectCount` / `tibco.jmsReconnectDelay` (TIBCO KB0088164, KB 25990; EMS
    /// defaults 4 and 500 ms for the one not written). `None` when neither is written or a
    /// value is not a number.
    pub fn reconnect(&self) -> Option<Reconnect<'_, 'a>> {
        if self.kind() != ClientKind::Tra {
            return None;
        }
        let number = |s: &str| s.trim().parse::<u64>().ok();
        if let Some(prop) = self.get(BW_RECONNECT) {
            let mut parts = prop.value.split(',');
            let count = number(parts.next().unwrap_or(""))?;
            let delay_ms = match parts.next() {
                Some(delay) => number(delay)?,
                None => window::DEFAULT_RECONNECT_DELAY_MS,
            };
            return Some(Reconnect {
                count,
                delay_ms,
                prop,
            });
        }
        let count = self.get(ADAPTER_RECONNECT_COUNT);
        let delay = self.get(ADAPTER_RECONNECT_DELAY);
        let prop = count.or(delay)?;
        Some(Reconnect {
            count: count.map_or(Some(window::DEFAULT_RECONNECT_COUNT), |p| number(&p.value))?,
            delay_ms: delay.map_or(Some(window::DEFAULT_RECONNECT_DELAY_MS), |p| {
                number(&p.value)
            })?,
            prop,
        })
    }
}

/// BusinessWorks' engine property for the EMS Java client's reconnect attempts.
pub const BW_RECONNECT: &str = "java.property.com.tibco.tibjms.reconnect.attempts";
/// An adapter's reconnect count and delay (the TIBCO Adapter SDK's properties).
pub const ADAPTER_RECONNECT_COUNT: &str = "tibco.jmsReconnectCount";
pub const ADAPTER_RECONNECT_DELAY: &str = "tibco.jmsReconnectDelay";

/// A client's reconnect attempts and the delay between them, and the line that writes them.
pub struct Reconnect<'c, 'a> {
    pub count: u64,
    pub delay_ms: u64,
    pub prop: &'c Prop<'a>,
}

/// One Designer global variable: its project, its name (a group's as `group/Name`), its value.
struct Global {
    project: Option<PathBuf>,
    name: String,
    value: String,
}

/// Where `%%Var%%` references are looked up: a `.tra`'s `tibco.clientVar.Var` first, then the
/// Designer variables of the project (of any project when it is not known).
#[derive(Clone, Copy)]
pub struct Scope<'c, 'a> {
    pub overrides: Option<&'c Client<'a>>,
    pub project: Option<&'c Path>,
}

/// Every client file of the pair, and the global variables their `%%Var%%` references read.
#[derive(Default)]
pub struct Clients<'a> {
    pub list: Vec<Client<'a>>,
    /// Designer global variables in file order: a later file's value wins.
    globals: Vec<Global>,
    /// The global variables a `.tra` overrides (`tibco.clientVar.<Name>`).
    overridden: Vec<String>,
    /// The files given that could not be read.
    unread: Vec<&'a ClientSource>,
}

/// The `.tra` prefix that sets a global variable at run time.
pub const CLIENT_VAR: &str = "tibco.clientVar.";

impl<'a> Clients<'a> {
    /// Parses each source that was read; secrets are marked in the source files.
    pub fn parse(sources: &'a [ClientSource]) -> Clients<'a> {
        let mut clients = Clients {
            unread: sources.iter().filter(|s| s.error.is_some()).collect(),
            ..Clients::default()
        };
        let projects: Vec<PathBuf> = sources
            .iter()
            .filter(|s| s.kind == ClientKind::Substvar && s.error.is_none())
            .filter_map(|s| project_of_substvar(&s.file.path))
            .collect();
        for source in sources.iter().filter(|s| s.error.is_none()) {
            let text = source.file.text.as_str();
            let project = match source.kind {
                ClientKind::Substvar => project_of_substvar(&source.file.path),
                ClientKind::SharedJmsCon => project_holding(&source.file.path, &projects).cloned(),
                ClientKind::Tra | ClientKind::Jndi => None,
            };
            let props = match source.kind {
                ClientKind::Tra => tra::parse(text),
                ClientKind::Jndi => properties::parse(text),
                ClientKind::SharedJmsCon => sharedjmscon::parse(text),
                ClientKind::Substvar => {
                    let parsed = substvar::parse(text);
                    for span in &parsed.password_spans {
                        source.file.mark_secret(span.clone());
                    }
                    parsed.vars
                }
            };
            for prop in props.props.iter().filter(|p| is_secret(&p.key)) {
                source.file.mark_secret(prop.value_span.clone());
            }
            match source.kind {
                ClientKind::Substvar => {
                    let group = source.group.as_deref();
                    for prop in &props.props {
                        let name = match group {
                            Some(group) => format!("{group}/{}", prop.key),
                            None => prop.key.to_string(),
                        };
                        clients.globals.push(Global {
                            project: project.clone(),
                            name,
                            value: prop.value.to_string(),
                        });
                    }
                }
                ClientKind::Tra => clients.overridden.extend(
                    props
                        .props
                        .iter()
                        .filter_map(|p| p.key.strip_prefix(CLIENT_VAR).map(str::to_string)),
                ),
                ClientKind::Jndi | ClientKind::SharedJmsCon => {}
            }
            clients.list.push(Client {
                source,
                props,
                project,
            });
        }
        clients
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn unread(&self) -> &[&'a ClientSource] {
        &self.unread
    }

    /// Every adapter whose `.tra` turns fault tolerance on.
    pub fn adapters_ft(&self) -> Vec<AdapterFt<'_, 'a>> {
        self.list.iter().filter_map(Client::adapter_ft).collect()
    }

    /// `value` with each `%%Name%%` replaced: by the client's own `tibco.clientVar.Name`, else
    /// by the Designer global variable; an unknown one is left as written.
    pub fn resolve(&self, client: &Client<'_>, value: &str) -> String {
        let scope = Scope {
            overrides: Some(client),
            project: client.project.as_deref(),
        };
        self.resolve_in(scope, value)
    }

    /// `value` with each `%%Name%%` replaced as `scope` says; an unknown one is left as
    /// written.
    pub fn resolve_in(&self, scope: Scope<'_, '_>, value: &str) -> String {
        let mut out = String::with_capacity(value.len());
        let mut rest = value;
        let mut depth = 0;
        while let Some(open) = rest.find("%%") {
            let after = &rest[open + 2..];
            let Some(close) = after.find("%%") else { break };
            let name = &after[..close];
            out.push_str(&rest[..open]);
            match self.variable(scope, name) {
                // A variable that names itself, or a long chain, is left as written.
                Some(v) if depth < 8 && !v.contains(&format!("%%{name}%%")) => {
                    out.push_str(v);
                    depth += 1;
                }
                _ => {
                    out.push_str("%%");
                    out.push_str(name);
                    out.push_str("%%");
                }
            }
            rest = &after[close + 2..];
        }
        out.push_str(rest);
        out
    }

    /// The value of `%%name%%` in `scope`.
    fn variable<'s>(&'s self, scope: Scope<'s, '_>, name: &str) -> Option<&'s str> {
        if let Some(own) = scope
            .overrides
            .and_then(|c| c.get(&format!("{CLIENT_VAR}{name}")))
        {
            return Some(own.value.as_ref());
        }
        self.globals
            .iter()
            .rev()
            .filter(|g| g.name == name)
            .find(|g| scope.project.is_none() || g.project.as_deref() == scope.project)
            .map(|g| g.value.as_str())
    }

    /// Whether a Designer variable of that name is defined in `project` (any, when `None`).
    fn has_global(&self, project: Option<&Path>, name: &str) -> bool {
        self.globals
            .iter()
            .any(|g| g.name == name && (project.is_none() || g.project.as_deref() == project))
    }
}

/// The names of the `%%Name%%` references in `value`.
pub fn references(value: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find("%%") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("%%") else { break };
        out.push(&after[..close]);
        rest = &after[close + 2..];
    }
    out
}
