//! Host names and addresses by meaning, as written in EMS URLs and in `[hosts]` of
//! emsftlint.toml.
//!
//! An IP address is read as an address: every spelling of one IPv6 address (compressed or not,
//! any case, with brackets, IPv4-mapped) is that address. A host name is compared ignoring case
//! and a trailing dot (RFC 4343 §2, RFC 1034 §3.1). Nothing is resolved: whether a name and an
//! address, or a short name and a fully qualified one, name one machine needs DNS.

use std::net::{IpAddr, Ipv4Addr};

/// What a host written in a URL means.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Host {
    /// `0.0.0.0`, `::` and their other spellings: every interface of the machine.
    Unspecified,
    /// `localhost`, `127.0.0.0/8`, `::1` and their other spellings: the machine itself.
    Loopback,
    /// Any other address.
    Address(IpAddr),
    /// A host name, lower case, without a trailing dot.
    Name(String),
}

/// How two hosts compare without DNS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostMatch {
    Same,
    Different,
    /// A name against an address, or a short name against a fully qualified one that starts
    /// with it: only DNS can tell.
    NeedsDns,
}

impl Host {
    /// Reads a host as written (`[2001:DB8::1]`, `ems-a.example.com.`, `127.0.0.1`).
    pub fn parse(written: &str) -> Host {
        let trimmed = written.trim();
        let unbracketed = trimmed
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(trimmed);
        let without_zone = unbracketed.split('%').next().unwrap_or(unbracketed);
        if let Ok(address) = without_zone.parse::<IpAddr>() {
            return Host::of_address(address);
        }
        let name = unbracketed
            .strip_suffix('.')
            .unwrap_or(unbracketed)
            .to_ascii_lowercase();
        // RFC 6761 §6.3: `localhost` and names under `.localhost` are the loopback.
        if name == "localhost" || name.ends_with(".localhost") {
            return Host::Loopback;
        }
        Host::Name(name)
    }

    fn of_address(address: IpAddr) -> Host {
        let address = match address {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
            v4 => v4,
        };
        if address.is_unspecified() {
            Host::Unspecified
        } else if address.is_loopback() {
            Host::Loopback
        } else {
            Host::Address(address)
        }
    }

    /// The host as one canonical text: `2001:db8::1`, `ems-a.example.com`, `127.0.0.1`, `::`.
    pub fn canonical(&self) -> String {
        match self {
            Host::Unspecified => Ipv4Addr::UNSPECIFIED.to_string(),
            Host::Loopback => "localhost".into(),
            Host::Address(a) => a.to_string(),
            Host::Name(n) => n.clone(),
        }
    }

    /// Compares two hosts that are neither the loopback nor unspecified, without DNS.
    pub fn compare(&self, other: &Host) -> HostMatch {
        match (self, other) {
            (a, b) if a == b => HostMatch::Same,
            (Host::Name(a), Host::Name(b)) if short_of(a, b) || short_of(b, a) => {
                HostMatch::NeedsDns
            }
            (Host::Name(_), Host::Address(_)) | (Host::Address(_), Host::Name(_)) => {
                HostMatch::NeedsDns
            }
            _ => HostMatch::Different,
        }
    }
}

/// `short` is the first label of the fully qualified `full` (`ems-a` of `ems-a.example.com`).
fn short_of(short: &str, full: &str) -> bool {
    !short.contains('.')
        && full
            .strip_prefix(short)
            .is_some_and(|rest| rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_one_ipv6_address_is_that_address() {
        let spellings = [
            "2001:db8::1",
            "2001:DB8::1",
            "[2001:db8::1]",
            "2001:0db8:0000:0000:0000:0000:0000:0001",
            "2001:db8:0:0::1",
        ];
        for s in spellings {
            assert_eq!(Host::parse(s), Host::parse("2001:db8::1"), "{s}");
        }
        assert_eq!(Host::parse("2001:db8::1").canonical(), "2001:db8::1");
        assert_ne!(Host::parse("2001:db8::2"), Host::parse("2001:db8::1"));
    }

    #[test]
    fn every_spelling_of_all_interfaces_and_of_loopback() {
        for s in ["0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0", "::ffff:0.0.0.0"] {
            assert_eq!(Host::parse(s), Host::Unspecified, "{s}");
        }
        for s in [
            "localhost",
            "LOCALHOST.",
            "ems.localhost",
            "127.0.0.1",
            "127.1.2.3",
            "::1",
            "[::1]",
            "0:0:0:0:0:0:0:1",
            "::ffff:127.0.0.1",
        ] {
            assert_eq!(Host::parse(s), Host::Loopback, "{s}");
        }
    }

    #[test]
    fn ipv4_mapped_ipv6_is_the_ipv4_address() {
        assert_eq!(Host::parse("::ffff:10.1.2.3"), Host::parse("10.1.2.3"));
        assert_eq!(Host::parse("::FFFF:0a01:0203"), Host::parse("10.1.2.3"));
    }

    #[test]
    fn names_compare_ignoring_case_and_a_trailing_dot() {
        let a = Host::parse("EMS-A.Example.COM.");
        assert_eq!(
            a.compare(&Host::parse("ems-a.example.com")),
            HostMatch::Same
        );
        assert_eq!(
            a.compare(&Host::parse("ems-b.example.com")),
            HostMatch::Different
        );
    }

    #[test]
    fn what_only_dns_can_tell() {
        let full = Host::parse("ems-a.example.com");
        assert_eq!(full.compare(&Host::parse("ems-a")), HostMatch::NeedsDns);
        assert_eq!(Host::parse("ems-a").compare(&full), HostMatch::NeedsDns);
        assert_eq!(full.compare(&Host::parse("10.1.2.3")), HostMatch::NeedsDns);
        assert_eq!(
            Host::parse("2001:db8::1").compare(&Host::parse("ems-a")),
            HostMatch::NeedsDns
        );
        assert_eq!(Host::parse("ems").compare(&full), HostMatch::Different);
        assert_eq!(
            Host::parse("10.1.2.3").compare(&Host::parse("10.1.2.4")),
            HostMatch::Different
        );
    }

    #[test]
    fn zone_ids_are_left_out_of_the_address() {
        assert_eq!(Host::parse("fe80::1%eth0"), Host::parse("fe80::1"));
    }
}
