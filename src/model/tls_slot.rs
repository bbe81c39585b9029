//! The eight TLS parameters of tibemsd.conf: which connections each one is for and what it
//! must hold (security.md §3).

/// What a TLS parameter holds, and for which connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    ServerIdentity,
    ServerKey,
    ServerIssuer,
    ServerTrusted,
    FtIdentity,
    FtKey,
    FtIssuer,
    FtTrusted,
}

/// The two sets of TLS parameters: the server's own (`ssl_*`, for every incoming
/// connection, the FT peer's included) and those it connects to its peer with (`ft_ssl_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Server,
    Ft,
}

/// What a parameter must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A certificate, maybe with its key and chain.
    Identity,
    Key,
    /// Chain certificates.
    Issuer,
    /// CA certificates to verify the other side with.
    Trusted,
}

pub const SLOTS: [Slot; 8] = [
    Slot::ServerIdentity,
    Slot::ServerKey,
    Slot::ServerIssuer,
    Slot::ServerTrusted,
    Slot::FtIdentity,
    Slot::FtKey,
    Slot::FtIssuer,
    Slot::FtTrusted,
];

impl Slot {
    pub fn param(self) -> &'static str {
        match self {
            Slot::ServerIdentity => "ssl_server_identity",
            Slot::ServerKey => "ssl_server_key",
            Slot::ServerIssuer => "ssl_server_issuer",
            Slot::ServerTrusted => "ssl_server_trusted",
            Slot::FtIdentity => "ft_ssl_identity",
            Slot::FtKey => "ft_ssl_private_key",
            Slot::FtIssuer => "ft_ssl_issuer",
            Slot::FtTrusted => "ft_ssl_trusted",
        }
    }

    pub fn from_param(name: &str) -> Option<Slot> {
        SLOTS.into_iter().find(|r| r.param() == name)
    }

    pub fn link(self) -> Link {
        match self {
            Slot::ServerIdentity | Slot::ServerKey | Slot::ServerIssuer | Slot::ServerTrusted => {
                Link::Server
            }
            Slot::FtIdentity | Slot::FtKey | Slot::FtIssuer | Slot::FtTrusted => Link::Ft,
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Slot::ServerIdentity | Slot::FtIdentity => Kind::Identity,
            Slot::ServerKey | Slot::FtKey => Kind::Key,
            Slot::ServerIssuer | Slot::FtIssuer => Kind::Issuer,
            Slot::ServerTrusted | Slot::FtTrusted => Kind::Trusted,
        }
    }

    pub fn of(link: Link, kind: Kind) -> Slot {
        match (link, kind) {
            (Link::Server, Kind::Identity) => Slot::ServerIdentity,
            (Link::Server, Kind::Key) => Slot::ServerKey,
            (Link::Server, Kind::Issuer) => Slot::ServerIssuer,
            (Link::Server, Kind::Trusted) => Slot::ServerTrusted,
            (Link::Ft, Kind::Identity) => Slot::FtIdentity,
            (Link::Ft, Kind::Key) => Slot::FtKey,
            (Link::Ft, Kind::Issuer) => Slot::FtIssuer,
            (Link::Ft, Kind::Trusted) => Slot::FtTrusted,
        }
    }
}

impl Link {
    /// The parameter that holds the password of this link's keys.
    pub fn password_param(self) -> &'static str {
        match self {
            Link::Server => "ssl_password",
            Link::Ft => "ft_ssl_password",
        }
    }
}

/// True for the parameters whose files are certificates or keys (read as bytes).
pub fn is_tls_param(name: &str) -> bool {
    Slot::from_param(name).is_some()
}

/// PEM written in the parameter value rather than a path.
pub fn is_inline_pem(value: &str) -> bool {
    value.trim_start().starts_with("-----BEGIN")
}
