//! What `--discover` adds for the pairs' clients and the estate's routes: the client files
//! under the tree, each attached to the pairs whose listens its URLs reach (one that reaches
//! none is listed), and the routes of every server judged against the tree's FT pairs.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use super::{skipped_dir, Pairing};
use crate::ems::ini::{self, IniKind};
use crate::ems::url::{self, EmsUrl};
use crate::finding::Finding;
use crate::model::clients::estate::{Estate, EstateRoute, EstateServer};
use crate::model::clients::{
    project_holding, project_of_substvar, read_clients, ClientKind, Clients,
};
use crate::model::ft_link::{reach, Reach};
use crate::rules::clients::{client_no_pair, route_to_pair};
use crate::settings::Settings;
use crate::source::{FileRef, Reader, SourceFile};

/// The client files under `root`, in path order (the directories discover skips are skipped).
pub(super) fn find_clients(root: &Path) -> Vec<PathBuf> {
    WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skipped_dir(e))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| ClientKind::of_name(&e.file_name().to_string_lossy()).is_some())
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// Attaches each client file to every job whose servers' listens one of its URLs reaches;
/// a file that reaches none is a `client-no-pair` finding.
pub(super) fn attach(
    pairing: &mut Pairing,
    clients: Vec<PathBuf>,
    settings: &Settings,
    reader: &Reader,
) -> Vec<Finding> {
    let listens: Vec<Vec<EmsUrl<'_>>> = pairing
        .confs
        .iter()
        .map(|conf| {
            conf.conf
                .values("listen")
                .filter_map(|p| url::parse_url(&p.value).ok())
                .collect()
        })
        .collect();
    // Each project's Designer variables: a JMS Connection resource is read with them, and
    // they are attached with it.
    let substvars: Vec<(PathBuf, PathBuf)> = clients
        .iter()
        .filter(|p| kind_of(p) == Some(ClientKind::Substvar))
        .filter_map(|p| Some((p.clone(), project_of_substvar(p)?)))
        .collect();
    let roots: Vec<PathBuf> = substvars.iter().map(|(_, root)| root.clone()).collect();
    let mut attached: Vec<Vec<PathBuf>> = vec![Vec::new(); pairing.jobs.len()];
    let mut unattached = Vec::new();
    for path in &clients {
        let project_vars: Vec<PathBuf> = match kind_of(path) {
            Some(ClientKind::SharedJmsCon) => project_holding(path, &roots)
                .map(|root| {
                    substvars
                        .iter()
                        .filter(|(_, r)| r == root)
                        .map(|(p, _)| p.clone())
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let mut read = project_vars.clone();
        read.push(path.clone());
        let sources = read_clients(&read, reader, settings.size_cap);
        let parsed = Clients::parse(&sources);
        let urls = parsed.urls();
        let lists: Vec<_> = urls
            .iter()
            .filter_map(|u| url::parse_url_list(&u.text).ok())
            .collect();
        let mut reached_any = false;
        for (j, job) in pairing.jobs.iter().enumerate() {
            let reached = job.servers.iter().any(|&s| {
                lists.iter().flat_map(|l| l.urls()).any(|u| {
                    listens[s]
                        .iter()
                        .any(|l| reach(settings, u, l) == Reach::Yes)
                })
            });
            if reached {
                attached[j].push(path.clone());
                attached[j].extend(project_vars.iter().cloned());
                reached_any = true;
            }
        }
        // A file that was not read is reported by the pair it is attached to; one that
        // reaches no pair is listed below, with what it names.
        let own = sources.iter().find(|s| s.file.path == *path);
        if !reached_any && own.is_some_and(|s| s.error.is_none()) {
            let file = own.map_or_else(
                || {
                    Arc::new(SourceFile::absent(
                        path.to_string_lossy().into_owned(),
                        path.clone(),
                    ))
                },
                |s| s.file.clone(),
            );
            let shown: Vec<String> = urls.iter().map(Clients::shown).collect();
            unattached.push((path.clone(), file, shown));
        }
    }
    // Designer variables attached with a resource are not listed.
    let findings = unattached
        .into_iter()
        .filter(|(path, _, _)| !attached.iter().flatten().any(|p| p == path))
        .map(|(_, file, shown)| client_no_pair::finding(&file, &shown))
        .collect();
    for (job, mut files) in pairing.jobs.iter_mut().zip(attached) {
        let mut seen = std::collections::HashSet::new();
        files.retain(|p| seen.insert(p.clone()));
        job.clients = files;
    }
    findings
}

fn kind_of(path: &Path) -> Option<ClientKind> {
    ClientKind::of_name(&path.file_name()?.to_string_lossy())
}

/// The routes of every .conf server judged against the tree's FT pairs.
pub(super) fn routes(pairing: &Pairing, settings: &Settings, reader: &Reader) -> Vec<Finding> {
    let files: Vec<Option<FileRef>> = pairing
        .confs
        .iter()
        .map(|conf| {
            let written = conf.conf.get("routes")?.value.trim().trim_matches('"');
            if written.is_empty() {
                return None;
            }
            let mut path = PathBuf::from(written);
            if path.is_relative() {
                path = conf.found.path.parent().unwrap_or(Path::new("")).join(path);
            }
            let display = path.to_string_lossy().into_owned();
            reader.read(&path, display, settings.size_cap, false).ok()
        })
        .collect();
    let parsed: Vec<Option<ini::IniFile<'_>>> = files
        .iter()
        .map(|f| f.as_ref().map(|f| ini::parse(&f.text, IniKind::Routes)))
        .collect();
    let servers = pairing
        .confs
        .iter()
        .zip(files.iter().zip(&parsed))
        .map(|(conf, (file, routes))| EstateServer {
            display: conf.found.display.as_str(),
            name: conf.name(),
            listens: conf
                .conf
                .values("listen")
                .filter_map(|p| url::parse_url(&p.value).ok())
                .collect(),
            routes: match (file, routes) {
                (Some(file), Some(routes)) => routes
                    .sections
                    .iter()
                    .filter_map(|section| {
                        let url = section.get("url")?;
                        Some(EstateRoute {
                            name: section.name,
                            url: url.value,
                            file,
                            name_span: section.name_span.clone(),
                            url_span: url.value_span.clone(),
                        })
                    })
                    .collect(),
                _ => Vec::new(),
            },
        })
        .collect();
    let pairs = pairing
        .jobs
        .iter()
        .filter_map(|job| match job.servers[..] {
            [a, b] => Some((a, b)),
            _ => None,
        })
        .collect();
    route_to_pair::findings(&Estate { servers, pairs }, settings)
}
