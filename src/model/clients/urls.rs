//! The EMS URL lists the clients name, as the URL rules and `--discover` judge them.

use crate::ems::clients::Prop;
use crate::model::clients::{Client, ClientKind, Clients, JmsConnection, Scope};

/// One EMS URL list a client names: the property, and its text with `%%Var%%` resolved and a
/// JNDI `tibjmsnaming://` written as the EMS URL it names.
pub struct ClientUrl<'c, 'a> {
    pub client: &'c Client<'a>,
    pub prop: &'c Prop<'a>,
    /// The value with `%%Var%%` resolved, as a message shows it.
    pub resolved: String,
    /// The URL list to parse (`tibjmsnaming://` written as `tcp://` or `ssl://`).
    pub text: String,
    /// The `.tra` whose `tibco.clientVar.*` the value was resolved with, for a JMS Connection
    /// resource deployed by it.
    pub deployment: Option<&'c Client<'a>>,
}

impl<'a> Clients<'a> {
    /// How a message shows a URL property: its value as written, and what it resolves to when
    /// a variable was replaced.
    pub fn shown(url: &ClientUrl<'_, '_>) -> String {
        let with = url
            .deployment
            .map(|d| format!(" with the variables of {}", d.file().display))
            .unwrap_or_default();
        shown_value(url.prop, &url.resolved, &with)
    }

    /// Every EMS URL list the clients name: a property whose value (resolved) starts with
    /// `tcp://`, `ssl://` or `tibjmsnaming://`. A Designer variable that a `.tra` of the pair
    /// overrides is left out: the `.tra` value is the one in force. A JMS Connection resource
    /// names the URL it connects with ([`JmsConnection::url`]), once per deployment, unless
    /// that URL is one `%%Var%%` whose line is judged itself (the `.tra`'s or the project's).
    pub fn urls(&self) -> Vec<ClientUrl<'_, 'a>> {
        let mut out = Vec::new();
        for client in &self.list {
            if client.kind() == ClientKind::SharedJmsCon {
                continue;
            }
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
                        deployment: None,
                    });
                }
            }
        }
        for connection in self.jms_connections() {
            let Some(prop) = connection.url else { continue };
            if self.judged_elsewhere(&connection, &prop.value) {
                continue;
            }
            if let Some(text) = ems_url_text(&connection.url_resolved, false) {
                out.push(ClientUrl {
                    client: connection.resource,
                    prop,
                    resolved: connection.url_resolved.clone(),
                    text,
                    deployment: connection.deployment,
                });
            }
        }
        out
    }

    /// Whether `value` is one `%%Var%%` whose own line [`Clients::urls`] lists: the
    /// deployment's `tibco.clientVar.Var`, or a Designer variable no `.tra` overrides.
    fn judged_elsewhere(&self, connection: &JmsConnection<'_, '_>, value: &str) -> bool {
        let Some(name) = value
            .trim()
            .strip_prefix("%%")
            .and_then(|v| v.strip_suffix("%%"))
            .filter(|v| !v.contains("%%"))
        else {
            return false;
        };
        let scope: Scope<'_, '_> = connection.scope();
        let own = scope
            .overrides
            .is_some_and(|d| d.get(&format!("{}{name}", super::CLIENT_VAR)).is_some());
        own || (!self.overridden.iter().any(|o| o == name) && self.has_global(scope.project, name))
    }
}

/// `` `key` = value ``, and `(= resolved…)` when a variable was replaced; `with` says whose
/// variables.
pub fn shown_value(prop: &Prop<'_>, resolved: &str, with: &str) -> String {
    let written = prop.value.trim();
    if written == resolved {
        format!("`{}` = {written}", prop.key)
    } else {
        format!("`{}` = {written} (= {resolved}{with})", prop.key)
    }
}

/// The text as an EMS URL list, when it is one: `tibjmsnaming://` (JNDI) is the EMS server at
/// that address, over SSL when the naming security protocol is `ssl` (EMS User's Guide, "Perform
/// Fault-Tolerant Lookups" and "Perform Secure Lookups").
pub fn ems_url_text(value: &str, ssl_naming: bool) -> Option<String> {
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
