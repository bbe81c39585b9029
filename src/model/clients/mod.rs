//! The pair's clients: the TIBCO adapter and BusinessWorks `.tra` files, Designer global
//! variables and JNDI properties attached to the pair (`--clients`, `clients = […]`), read
//! inside the trees a run may read and parsed by `ems::clients`. What each says about the pair:
//! its EMS URLs, its reconnect settings and, for an adapter, its fault-tolerance settings. The
//! property names and their sources are in docs/clients.md.

mod adapter;
pub mod estate;
mod read;
#[cfg(test)]
mod tests;
pub mod window;

pub use adapter::{is_on as adapter_is_on, AdapterFt};
pub use read::{read_clients, ClientKind, ClientSource};

use std::collections::HashMap;

use crate::ems::clients::{properties, substvar, tra, Prop, PropFile};
use crate::ems::lines::SyntaxError;
use crate::model::secrets::is_secret;
use crate::source::FileRef;

/// One client file, parsed.
pub struct Client<'a> {
    pub source: &'a ClientSource,
    pub props: PropFile<'a>,
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

/// Every client file of the pair, and the global variables their `%%Var%%` references read.
#[derive(Default)]
pub struct Clients<'a> {
    pub list: Vec<Client<'a>>,
    /// Designer global variables by name (a group's as `group/Name`), the last file's value.
    globals: HashMap<String, String>,
    /// The global variables a `.tra` overrides (`tibco.clientVar.<Name>`).
    overridden: Vec<String>,
    /// The files given that could not be read.
    unread: Vec<&'a ClientSource>,
}

/// The `.tra` prefix that sets a global variable at run time.
pub const CLIENT_VAR: &str = "tibco.clientVar.";

/// One EMS URL list a client names: the property, and its text with `%%Var%%` resolved and a
/// JNDI `tibjmsnaming://` written as the EMS URL it names.
pub struct ClientUrl<'c, 'a> {
    pub client: &'c Client<'a>,
    pub prop: &'c Prop<'a>,
    /// The value with `%%Var%%` resolved, as a message shows it.
    pub resolved: String,
    /// The URL list to parse (`tibjmsnaming://` written as `tcp://` or `ssl://`).
    pub text: String,
}

impl<'a> Clients<'a> {
    /// Parses each source that was read; secrets are marked in the source files.
    pub fn parse(sources: &'a [ClientSource]) -> Clients<'a> {
        let mut clients = Clients {
            unread: sources.iter().filter(|s| s.error.is_some()).collect(),
            ..Clients::default()
        };
        for source in sources.iter().filter(|s| s.error.is_none()) {
            let text = source.file.text.as_str();
            let props = match source.kind {
                ClientKind::Tra => tra::parse(text),
                ClientKind::Jndi => properties::parse(text),
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
                        clients.globals.insert(name, prop.value.to_string());
                    }
                }
                ClientKind::Tra => clients.overridden.extend(
                    props
                        .props
                        .iter()
                        .filter_map(|p| p.key.strip_prefix(CLIENT_VAR).map(str::to_string)),
                ),
                ClientKind::Jndi => {}
            }
            clients.list.push(Client { source, props });
        }
        clients
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// How a message shows a URL property: its value as written, and what it resolves to when
    /// a variable was replaced.
    pub fn shown(url: &ClientUrl<'_, '_>) -> String {
        let written = url.prop.value.trim();
        if written == url.resolved {
            format!("`{}` = {written}", url.prop.key)
        } else {
            format!("`{}` = {written} (= {})", url.prop.key, url.resolved)
        }
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
        let mut out = String::with_capacity(value.len());
        let mut rest = value;
        let mut depth = 0;
        while let Some(open) = rest.find("%%") {
            let after = &rest[open + 2..];
            let Some(close) = after.find("%%") else { break };
            let name = &after[..close];
            out.push_str(&rest[..open]);
            let own = client.get(&format!("{CLIENT_VAR}{name}"));
            match own
                .map(|p| p.value.to_string())
                .or_else(|| self.globals.get(name).cloned())
            {
                // A variable that names itself, or a long chain, is left as written.
                Some(v) if depth < 8 && !v.contains(&format!("%%{name}%%")) => {
                    out.push_str(&v);
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

    /// Every EMS URL list the clients name: a property whose value (resolved) starts with
    /// `tcp://`, `ssl://` or `tibjmsnaming://`. A Designer variable that a `.tra` of the pair
    /// overrides is left out: the `.tra` value is the one in force.
    pub fn urls(&self) -> Vec<ClientUrl<'_, 'a>> {
        let mut out = Vec::new();
        for client in &self.list {
            let ssl_naming = client
                .get("com.tibco.tibjms.naming.security_protocol")
                .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("ssl"));
            for prop in &client.props.props {
                if client.kind() == ClientKind::Substvar
                    && self.overridden.iter().any(|o| *o == prop.key)
                {
                    continue;
                }
                // Only the entry in force of a key written twice.
                if client
                    .get(&prop.key)
                    .is_some_and(|p| !std::ptr::eq(p, prop))
                {
                    continue;
                }
                let resolved = self.resolve(client, &prop.value);
                if let Some(text) = ems_url_text(&resolved, ssl_naming) {
                    out.push(ClientUrl {
                        client,
                        prop,
                        resolved: resolved.trim().to_string(),
                        text,
                    });
                }
            }
        }
        out
    }
}

/// The text as an EMS URL list, when it is one: `tibjmsnaming://` (JNDI) is the EMS server at
/// that address, over SSL when the naming security protocol is `ssl` (EMS User's Guide, "Perform
/// Fault-Tolerant Lookups" and "Perform Secure Lookups").
fn ems_url_text(value: &str, ssl_naming: bool) -> Option<String> {
    let trimmed = value.trim();
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("tcp://") || lower.starts_with("ssl://") {
        return Some(trimmed.to_string());
    }
    if !lower.starts_with("tibjmsnaming://") {
        return None;
    }
    let scheme = if ssl_naming { "ssl://" } else { "tcp://" };
    let mut out = String::with_capacity(trimmed.len());
    let mut rest = trimmed;
    while let Some(at) = rest.to_ascii_lowercase().find("tibjmsnaming://") {
        out.push_str(&rest[..at]);
        out.push_str(scheme);
        rest = &rest[at + "tibjmsnaming://".len()..];
    }
    out.push_str(rest);
    Some(out)
}
