//! Which values are secrets, and marking them in their files so that no renderer shows them.

use crate::ems::ini::{self, IniFile, IniKind};
use crate::ems::json::{Node, Value};
use crate::ems::params;
use crate::ems::secret;
use crate::ems::tibemsd::TibemsdConf;
use crate::ems::users::UsersFile;
use crate::model::tls_slot;
use crate::source::SourceFile;

/// Passwords and inline private keys in an INI-style file; a bad line whose first word is a
/// secret key is masked after that word.
pub(crate) fn mark_ini_secrets(file: &SourceFile, kind: IniKind, data: &IniFile<'_>) {
    for prop in data.sections.iter().flat_map(|s| &s.props) {
        if !prop.is_empty() && ini::is_secret_value(kind, prop.key, prop.value) {
            file.mark_secret(prop.value_span.clone());
        }
    }
    for error in &data.errors {
        let Some(line) = file.text.get(error.span.clone()) else {
            continue;
        };
        let first_word = line
            .trim_start()
            .split([' ', '\t', '='])
            .next()
            .unwrap_or("");
        if !first_word.is_empty() && ini::is_secret_key(kind, first_word) {
            let start = error.span.start + line.len() - line.trim_start().len() + first_word.len();
            file.mark_secret(start..error.span.end);
        }
    }
}

pub(crate) fn mark_conf_secrets(file: &SourceFile, conf: &TibemsdConf) {
    for param in &conf.params {
        // A private key written in the value (ft_ssl_private_key accepts "the actual key").
        let inline_key =
            tls_slot::is_inline_pem(&param.value) && param.value.contains("PRIVATE KEY");
        if (is_secret(&param.name) || inline_key) && !param.value.is_empty() {
            file.mark_secret(param.value_span.clone());
        }
    }
    // A bad line that looks like a password is masked after its first word.
    for error in &conf.errors {
        let Some(line) = file.text.get(error.span.clone()) else {
            continue;
        };
        let first_word = line.split([' ', '\t', '=']).next().unwrap_or("");
        if is_secret(&first_word.to_ascii_lowercase()) {
            file.mark_secret(error.span.start + first_word.len()..error.span.end);
        }
    }
}

/// A name whose value is never shown: a secret of the parameter catalog, or a name holding
/// one of the secret words (`password`, `secret`, `credential`).
pub fn is_secret(name: &str) -> bool {
    params::lookup(name).is_some_and(|s| s.ty == params::ParamType::Secret)
        || secret::names_a_secret(name)
}

/// users.conf's password hashes; a line that does not parse may still hold one, so what
/// follows its first `:` is masked.
pub(crate) fn mark_users_secrets(file: &SourceFile, data: &UsersFile<'_>) {
    for user in data.users.iter().filter(|u| !u.password.is_empty()) {
        file.mark_secret(user.password_span.clone());
    }
    for error in &data.errors {
        let line = file.line_span(error.span.start);
        let Some(text) = file.text.get(line.clone()) else {
            continue;
        };
        if let Some(colon) = text.find(':') {
            let rest = &text[colon + 1..];
            let end = rest.find(':').unwrap_or(rest.len());
            file.mark_secret(line.start + colon + 1..line.start + colon + 1 + end);
        }
    }
}

/// Masks every secret value in the JSON file: values of keys that name a password, secret or
/// credential (`password`, `ssl_password`, `dbstore_driver_password`, `ldap_credential`, a
/// user's hash), and private keys written inline.
pub(crate) fn mark_json_secrets(file: &SourceFile, node: &Node) {
    match &node.value {
        Value::Object(members) => {
            for m in members {
                let secret_key = is_secret(&m.key.to_ascii_lowercase());
                let inline_key = m.value.as_str().is_some_and(|s| s.contains("PRIVATE KEY"));
                if secret_key || inline_key {
                    mark_value(file, &m.value);
                } else {
                    mark_json_secrets(file, &m.value);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| mark_json_secrets(file, i)),
        _ => {}
    }
}

fn mark_value(file: &SourceFile, node: &Node) {
    match &node.value {
        Value::Null => {}
        Value::Str(s) if s.inner.is_empty() => {}
        Value::Array(items) => items.iter().for_each(|i| mark_value(file, i)),
        Value::Object(members) => members.iter().for_each(|m| mark_value(file, &m.value)),
        _ => file.mark_secret(node.value_span()),
    }
}
