//! A BusinessWorks 5 JMS Connection resource (`*.sharedjmscon`) as its engine uses it: with
//! "Use JNDI for Connection Factory" off it connects to `ProviderURL`; on, it looks up
//! `QueueFactoryName` / `TopicFactoryName` at `NamingURL` (`tibjmsnaming://…`) and connects
//! with the factory's URL. "If this field is not checked [Auto-Generate Client ID], then the
//! value specified in the Client ID field is used … If the value specified in the Client ID
//! field is already in use, an exception is thrown" (BW 5.16 Palette Reference, JMS
//! Connection). `%%Var%%` references take the project's Designer variables, overridden by the
//! `tibco.clientVar.Var` of a `.tra` that deploys it (docs/clients.md §5).

use crate::ems::clients::Prop;
use crate::model::clients::urls::ems_url_text;
use crate::model::clients::{references, Client, ClientKind, Clients, Scope, CLIENT_VAR};

/// The JNDI names of the factories a resource looks up, and Designer's preset for each.
pub const FACTORY_NAME_FIELDS: [(&str, &str); 2] = [
    ("QueueFactoryName", "QueueConnectionFactory"),
    ("TopicFactoryName", "TopicConnectionFactory"),
];

/// One JMS Connection resource under one deployment.
pub struct JmsConnection<'c, 'a> {
    pub resource: &'c Client<'a>,
    /// The `.tra` whose `tibco.clientVar.*` sets one of the resource's variables; `None`: no
    /// `.tra` of the pair does, and the project's values are in force.
    pub deployment: Option<&'c Client<'a>>,
    pub use_jndi: bool,
    /// `NamingURL` with JNDI, else `ProviderURL`: the one the engine reads.
    pub url: Option<&'c Prop<'a>>,
    pub url_resolved: String,
    /// With JNDI: each factory name looked up, resolved, when not empty.
    pub factory_names: Vec<(&'c Prop<'a>, String)>,
    /// The fixed client ID: `clientID` resolved and not empty, with `autoGenClientID` false.
    pub client_id: Option<(&'c Prop<'a>, String)>,
}

impl<'c, 'a> JmsConnection<'c, 'a> {
    /// Where the resource's `%%Var%%` references are looked up under this deployment.
    pub fn scope(&self) -> Scope<'c, 'a> {
        Scope {
            overrides: self.deployment,
            project: self.resource.project.as_deref(),
        }
    }

    /// The URL it connects to (direct) or looks its factories up at (JNDI), as an EMS URL list.
    pub fn ems_url(&self) -> Option<String> {
        ems_url_text(&self.url_resolved, false)
    }

    /// ` as deployed by engine.tra`, for a message; empty without a deployment.
    pub fn under(&self) -> String {
        self.deployment
            .map(|d| format!(" as deployed by {}", d.file().display))
            .unwrap_or_default()
    }
}

impl<'a> Clients<'a> {
    /// Every JMS Connection resource of the pair, once per `.tra` that sets one of its
    /// variables (once with the project's values when none does).
    pub fn jms_connections(&self) -> Vec<JmsConnection<'_, 'a>> {
        let mut out = Vec::new();
        for resource in self
            .list
            .iter()
            .filter(|c| c.kind() == ClientKind::SharedJmsCon)
        {
            let used: Vec<&str> = resource
                .props
                .props
                .iter()
                .flat_map(|p| references(&p.value))
                .collect();
            let deployments: Vec<&Client<'a>> = self
                .list
                .iter()
                .filter(|c| c.kind() == ClientKind::Tra)
                .filter(|c| {
                    used.iter()
                        .any(|v| c.get(&format!("{CLIENT_VAR}{v}")).is_some())
                })
                .collect();
            if deployments.is_empty() {
                out.push(self.connection(resource, None));
            }
            for deployment in deployments {
                out.push(self.connection(resource, Some(deployment)));
            }
        }
        out
    }

    fn connection<'c>(
        &'c self,
        resource: &'c Client<'a>,
        deployment: Option<&'c Client<'a>>,
    ) -> JmsConnection<'c, 'a> {
        let scope = Scope {
            overrides: deployment,
            project: resource.project.as_deref(),
        };
        let field = |name: &str| {
            resource
                .get(name)
                .map(|p| (p, self.resolve_in(scope, &p.value).trim().to_string()))
        };
        let is_true = |name: &str| field(name).is_some_and(|(_, v)| v.eq_ignore_ascii_case("true"));
        let use_jndi = is_true("UseJNDI");
        let url = field(if use_jndi { "NamingURL" } else { "ProviderURL" });
        let factory_names = if use_jndi {
            FACTORY_NAME_FIELDS
                .iter()
                .filter_map(|(name, _)| field(name))
                .filter(|(_, v)| !v.is_empty())
                .collect()
        } else {
            Vec::new()
        };
        let fixed_id =
            field("autoGenClientID").is_some_and(|(_, v)| v.eq_ignore_ascii_case("false"));
        let client_id = field("clientID").filter(|(_, v)| fixed_id && !v.is_empty());
        JmsConnection {
            resource,
            deployment,
            use_jndi,
            url_resolved: url.as_ref().map(|(_, v)| v.clone()).unwrap_or_default(),
            url: url.map(|(p, _)| p),
            factory_names,
            client_id,
        }
    }
}
