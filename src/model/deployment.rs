//! What the pair runs on besides its EMS files: the FTL server cluster configuration of an
//! FTL-store pair (`--ftl-config`, or an `ftlserver.yml` beside a main file) and each host's
//! mounts (`--mounts`). A file named by an option is given explicitly, so it is read wherever
//! it is (by a reader whose only root is its directory); one found beside a main file is read
//! by the run's reader, inside the input trees. What cannot be read or parsed is a
//! [`Problem`] (`missing-file`, `syntax`), and every secret in these files is masked.

use std::path::{Path, PathBuf};

use crate::ems::ftl_yaml::{self, FtlCluster};
use crate::ems::mounts::{self, MountTable};
use crate::finding::Side;
use crate::model::files::ServerFiles;
use crate::model::problem::{Problem, ProblemKind};
use crate::settings::Settings;
use crate::source::{FileRef, Reader, Roots, SourceFile};

/// The names an FTL server cluster configuration is looked for under, beside a main file.
pub const FTL_CONFIG_NAMES: [&str; 2] = ["ftlserver.yml", "ftlserver.yaml"];

#[derive(Debug, Default)]
pub struct Deployment {
    pub ftl: Option<FtlConfig>,
    /// Each host's mounts, by [`Side`].
    mounts: [Option<HostMounts>; 2],
    pub problems: Vec<Problem>,
}

/// The FTL server cluster configuration and what it says.
#[derive(Debug)]
pub struct FtlConfig {
    pub file: FileRef,
    pub cluster: FtlCluster,
}

/// One host's mounts.
#[derive(Debug)]
pub struct HostMounts {
    pub file: FileRef,
    pub table: MountTable,
}

impl Deployment {
    /// Reads what `settings` names, or finds the FTL configuration beside a main file.
    pub fn read(settings: &Settings, servers: &[&ServerFiles], reader: &Reader) -> Deployment {
        let mut deployment = Deployment::default();
        let options = &settings.deployment;
        let ftl = match &options.ftl_config {
            Some(path) => Some((Side::Primary, read_given(path, settings))),
            None => find_beside(servers, settings, reader),
        };
        if let Some((side, file)) = ftl {
            match file {
                Ok(file) => {
                    for span in ftl_yaml::secret_spans(&file.text) {
                        file.mark_secret(span);
                    }
                    match ftl_yaml::parse(&file.text) {
                        Ok(cluster) => deployment.ftl = Some(FtlConfig { file, cluster }),
                        Err(e) => deployment.problems.push(Problem::new(
                            ProblemKind::Syntax,
                            side,
                            &file,
                            Some(e.span),
                            e.message,
                        )),
                    }
                }
                Err(problem) => deployment.problems.push(Problem { side, ..problem }),
            }
        }
        for side in [Side::Primary, Side::Backup] {
            let given = options
                .mounts
                .iter()
                .find(|(s, _)| *s == Some(side))
                .or_else(|| options.mounts.iter().find(|(s, _)| s.is_none()));
            let Some((_, path)) = given else { continue };
            match read_given(path, settings) {
                Ok(file) => {
                    for span in mounts::secret_spans(&file.text) {
                        file.mark_secret(span);
                    }
                    let table = mounts::parse(&file.text);
                    deployment.problems.extend(table.errors.iter().map(|e| {
                        Problem::new(
                            ProblemKind::Syntax,
                            side,
                            &file,
                            Some(e.span.clone()),
                            e.message.clone(),
                        )
                    }));
                    deployment.mounts[side as usize] = Some(HostMounts { file, table });
                }
                Err(problem) => deployment.problems.push(Problem { side, ..problem }),
            }
        }
        deployment
    }

    /// The mounts of the host `side` runs on, when `--mounts` gives them.
    pub fn mounts(&self, side: Side) -> Option<&HostMounts> {
        self.mounts[side as usize].as_ref()
    }
}

/// A file an option names, read by a reader whose only root is its directory.
fn read_given(path: &Path, settings: &Settings) -> Result<FileRef, Problem> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let reader = Reader::new(Roots::new([dir]));
    let display = path.to_string_lossy().into_owned();
    reader
        .read(path, display.clone(), settings.size_cap, false)
        .map_err(|e| {
            let absent: FileRef = SourceFile::absent(display, path.to_path_buf()).into();
            Problem::new(
                ProblemKind::of_read_error(&e),
                Side::Primary,
                &absent,
                None,
                format!("{} {e}", path.display()),
            )
        })
}

/// The first `ftlserver.yml` beside a main file (the primary's first), read inside the trees.
fn find_beside(
    servers: &[&ServerFiles],
    settings: &Settings,
    reader: &Reader,
) -> Option<(Side, Result<FileRef, Problem>)> {
    for files in servers {
        let main = files.json.as_ref().map_or(&files.main, |j| &j.file);
        let Some(dir) = main.path.parent() else {
            continue;
        };
        for name in FTL_CONFIG_NAMES {
            let path = dir.join(name);
            if !path.is_file() {
                continue;
            }
            let display = Path::new(&main.display)
                .with_file_name(name)
                .to_string_lossy()
                .into_owned();
            let read = reader
                .read(&path, display, settings.size_cap, false)
                .map_err(|e| {
                    Problem::new(
                        ProblemKind::of_read_error(&e),
                        files.side,
                        main,
                        None,
                        format!("{name} beside {} {e}", main.display),
                    )
                });
            return Some((files.side, read));
        }
    }
    None
}
