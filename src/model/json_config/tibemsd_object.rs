//! The `tibemsd` object → tibemsd.conf: parameters, SSL objects, and the listens of the
//! server the file is read for.

use super::generator::{Generator, ListenUrl};
use super::writer::Gen;
use super::{truthy, Role};
use crate::ems::json::{Member, Node, Value};
use crate::ems::params;
use crate::model::subfiles;

impl Generator<'_> {
    pub(super) fn tibemsd(&mut self, g: &mut Gen, params: &[Member], role: Role) {
        for m in params {
            match m.key.as_str() {
                "primary_listens" | "secondary_listens" => self.listens(g, m, role),
                "ssl" => self.ssl_object(g, m, ""),
                "ft_ssl" => self.ssl_object(g, m, "ft_"),
                // Central Administration's mark of an edit not yet deployed (EMSCA 8.3
                // tibemsd.json, BeeJeeGee/tibcoemsdocker): not an EMS setting.
                "locally_modified" => {}
                key => match tibemsd_param(key) {
                    Ok(name) => {
                        // The secondary's health and monitor listens are its own.
                        let name = match (name.strip_prefix("secondary_"), role) {
                            (Some(_), Role::Primary) => {
                                self.scalar(&m.value, &format!("`{key}`"));
                                continue;
                            }
                            (Some(own), Role::Secondary) => own,
                            (None, Role::Secondary)
                                if matches!(name, "health_check_listen" | "monitor_listen") =>
                            {
                                self.scalar(&m.value, &format!("`{key}`"));
                                continue;
                            }
                            (None, _) => name,
                        };
                        self.param(g, name, m);
                    }
                    // TIBCO writes an unset parameter as `null`, also one the JSON form keeps
                    // elsewhere (`"ft_active": null`, EMSCA 8.3 tibemsd.json): nothing is set.
                    Err(Some(_)) if m.value.value == Value::Null => {}
                    Err(note) => {
                        let known: Vec<&str> = params::all().iter().map(|s| s.name).collect();
                        self.unknown(m, "the `tibemsd` object", &known, note);
                    }
                },
            }
        }
    }

    /// `name = value` from a member, or one line per element of an array value for a
    /// parameter that takes several.
    pub(super) fn param(&mut self, g: &mut Gen, name: &str, m: &Member) {
        let what = format!("`{}`", m.key);
        let values: Vec<&Node> = match &m.value.value {
            Value::Array(items)
                if params::lookup(name).is_some_and(|s| s.repeatable)
                    || name.ends_with("_list") =>
            {
                items.iter().collect()
            }
            _ => vec![&m.value],
        };
        for node in values {
            let Some(value) = self.scalar(node, &what) else {
                continue;
            };
            g.begin(m.span());
            let key_inner = m.key_inner.clone();
            g.part(name, key_inner, name == m.key);
            g.raw(" = ");
            value.write_quoted_if_needed(g);
            g.end();
        }
    }

    /// `"ssl": {…}` (prefix "") and `"ft_ssl": {…}` (prefix "ft_"): `ssl_*` keys become
    /// `ssl_*` / `ft_ssl_*` parameters; `ssl_issuer_list` and `ssl_trusted_list` become one
    /// `ssl_server_issuer` / `ft_ssl_issuer` (…`trusted`) line per file.
    pub(super) fn ssl_object(&mut self, g: &mut Gen, m: &Member, prefix: &str) {
        let Some(members) = m.value.as_object() else {
            if m.value.value != Value::Null {
                self.problem(
                    m.value.span.clone(),
                    format!("`{}` is {}, not an object", m.key, m.value.kind()),
                );
            }
            return;
        };
        let place = format!("the `{}` object of `tibemsd`", m.key);
        let list_param = |key: &str| -> Option<String> {
            let what = key.strip_prefix("ssl_")?.strip_suffix("_list")?;
            Some(if prefix.is_empty() {
                format!("ssl_server_{what}")
            } else {
                format!("ft_ssl_{what}")
            })
        };
        let known: Vec<String> = params::all()
            .iter()
            .filter_map(|s| {
                if prefix.is_empty() {
                    s.name.starts_with("ssl_").then(|| s.name.to_string())
                } else {
                    s.name
                        .strip_prefix("ft_")
                        .filter(|n| n.starts_with("ssl_"))
                        .map(String::from)
                }
            })
            .chain([
                "ssl_issuer_list".to_string(),
                "ssl_trusted_list".to_string(),
            ])
            .collect();
        for member in members {
            let name = match list_param(&member.key) {
                Some(name) if params::lookup(&name).is_some() => Some(name),
                _ => {
                    let name = format!("{prefix}{}", member.key);
                    (member.key.starts_with("ssl_")
                        && params::lookup(&name).is_some_and(|s| s.name == name))
                    .then_some(name)
                }
            };
            match name {
                Some(name) => self.param(g, &name, member),
                None => {
                    let known: Vec<&str> = known.iter().map(String::as_str).collect();
                    self.unknown(member, &place, &known, None);
                }
            }
        }
    }

    /// A server's own listens become `listen` lines; the peer's URL flagged
    /// `"ft_active": true` becomes its `ft_active`.
    pub(super) fn listens(&mut self, g: &mut Gen, m: &Member, role: Role) {
        let own = m.key == role.listens();
        let Some(items) = m.value.as_array() else {
            if m.value.value != Value::Null {
                self.problem(
                    m.value.span.clone(),
                    format!("`{}` is {}, not an array of URLs", m.key, m.value.kind()),
                );
            }
            return;
        };
        let mut flagged = false;
        for item in items {
            let Some(listen) = self.listen(item, &m.key) else {
                continue;
            };
            if own {
                g.begin(item.span.clone());
                g.raw("listen = ");
                listen.url.write_quoted_if_needed(g);
                g.end();
            } else if listen.ft_active && !flagged {
                // A second flag is json-ft-listens' finding: the first one is the peer.
                flagged = true;
                g.begin(item.span.clone());
                g.raw("ft_active = ");
                listen.url.write_quoted_if_needed(g);
                g.end();
            }
        }
    }

    pub(super) fn listen(&mut self, item: &Node, list: &str) -> Option<ListenUrl> {
        if let Value::Str(_) = item.value {
            let url = self.scalar(item, &format!("a URL of `{list}`"))?;
            return Some(ListenUrl {
                url,
                ft_active: false,
            });
        }
        let Some(members) = item.as_object() else {
            self.problem(
                item.span.clone(),
                format!(
                    "an element of `{list}` is {}, not an object with a `url`",
                    item.kind()
                ),
            );
            return None;
        };
        let place = format!("an element of `{list}`");
        let mut url = None;
        let mut ft_active = false;
        for m in members {
            match m.key.as_str() {
                "url" => url = self.scalar(&m.value, &format!("a `url` of `{list}`")),
                "ft_active" => ft_active = truthy(&m.value).unwrap_or(false),
                _ => self.unknown(m, &place, &["url", "ft_active"], None),
            }
        }
        if url.is_none() {
            self.problem(
                item.span.clone(),
                format!("an element of `{list}` has no `url`"),
            );
        }
        url.map(|url| ListenUrl { url, ft_active })
    }

    // --- the arrays ---------------------------------------------------------------------
}

/// The tibemsd.conf parameter a key of the `tibemsd` object stands for, or why it is not one.
pub(super) fn tibemsd_param(key: &str) -> Result<&'static str, Option<String>> {
    let exact = |k: &str| params::lookup(k).filter(|s| s.name == k);
    // A repeatable parameter is one array under its plural: `"jre_options": […]` is
    // `jre_option` lines (EMSCA 8.3 tibemsd.json, BeeJeeGee/tibcoemsdocker).
    let plural = || {
        key.strip_suffix('s')
            .and_then(exact)
            .filter(|s| s.repeatable)
    };
    let Some(spec) = exact(key).or_else(plural) else {
        return Err(None);
    };
    if let Some(row) = subfiles::by_param(key).filter(|_| spec.names_file) {
        return Err(Some(format!(
            "a JSON configuration holds its {key} itself, in the top-level `{}` array",
            row.json_key
        )));
    }
    match key {
        "listen" => Err(Some(
            "a JSON configuration lists each server's URLs in `primary_listens` and `secondary_listens`".into(),
        )),
        "ft_active" => Err(Some(
            "a JSON configuration flags the peer's URL with `\"ft_active\": true` in its listens".into(),
        )),
        _ => Ok(spec.name),
    }
}
