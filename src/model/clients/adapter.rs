//! A TIBCO adapter's fault tolerance, from its `.tra`: `tibco.sdk.faultTolerance.ems.enabled`
//! on, a session (`…sessionName`) or a provider URL (`…providerUrl`), and the token queue
//! (`…queueName`) (TIBCO KB 46111, ActiveMatrix Adapter for Database 7.1; Adapter for Database
//! 7.3 "Fault Tolerance"). `adb.noDupDetection` is the Database adapter's switch that several
//! primary instances need.

use crate::ems::clients::Prop;
use crate::model::clients::{Client, ClientKind};

pub const FT_PREFIX: &str = "tibco.sdk.faultTolerance.ems.";

/// The fault-tolerance settings of an adapter whose FT is on.
pub struct AdapterFt<'c, 'a> {
    pub client: &'c Client<'a>,
    pub enabled: &'c Prop<'a>,
    pub session: Option<&'c Prop<'a>>,
    pub provider_url: Option<&'c Prop<'a>>,
    pub queue: Option<&'c Prop<'a>>,
    /// `adb.noDupDetection`, when the file is a Database adapter's (it sets `adb.*`).
    pub no_dup_detection: Option<&'c Prop<'a>>,
    pub is_database_adapter: bool,
}

impl<'a> Client<'a> {
    /// The adapter's FT settings, when its `.tra` turns FT on.
    pub fn adapter_ft(&self) -> Option<AdapterFt<'_, 'a>> {
        if self.kind() != ClientKind::Tra {
            return None;
        }
        let key = |name: &str| {
            self.get(&format!("{FT_PREFIX}{name}"))
                .filter(|p| !p.value.trim().is_empty())
        };
        let enabled = self.get(&format!("{FT_PREFIX}enabled"))?;
        if !is_on(&enabled.value) {
            return None;
        }
        Some(AdapterFt {
            client: self,
            enabled,
            session: key("sessionName"),
            provider_url: key("providerUrl"),
            queue: key("queueName"),
            no_dup_detection: self.get("adb.noDupDetection"),
            is_database_adapter: self.props.props.iter().any(|p| p.key.starts_with("adb.")),
        })
    }
}

/// `on` (TIBCO's word), `true` or `yes`, in any case.
pub fn is_on(value: &str) -> bool {
    ["on", "true", "yes"]
        .iter()
        .any(|w| value.trim().eq_ignore_ascii_case(w))
}
