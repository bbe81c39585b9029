//! The estate `--discover` walks, as the route rule sees it: each `.conf` server with its
//! `server` name, its listens and the routes of its routes.conf, and which two of them are
//! an FT pair. `discover` builds it; `rules::clients::route_to_pair` judges it.

use std::ops::Range;

use crate::ems::url::EmsUrl;
use crate::source::FileRef;

/// One server of the tree.
pub struct EstateServer<'a> {
    /// How the user would write its main file.
    pub display: &'a str,
    pub name: Option<&'a str>,
    pub listens: Vec<EmsUrl<'a>>,
    pub routes: Vec<EstateRoute<'a>>,
}

/// One `[name]` section of a server's routes.conf with its `url`.
pub struct EstateRoute<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub file: &'a FileRef,
    pub name_span: Range<usize>,
    pub url_span: Range<usize>,
}

/// The servers of the tree, and its FT pairs as indices into `servers`.
pub struct Estate<'a> {
    pub servers: Vec<EstateServer<'a>>,
    pub pairs: Vec<(usize, usize)>,
}
