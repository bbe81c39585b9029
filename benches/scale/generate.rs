//! The scale benchmark's data: a consistent FT pair of a large estate, and a copy whose backup
//! has every list file shuffled, written once under `target/scale-data` and reused.
//!
//! At scale 1: 200,000 queues, 200,000 topics, 50,000 users, 5,000 groups of 10 members and
//! 300,000 ACL lines, about 45 MB a side. Everything is derived from the entry's number, so
//! the same scale always gives the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Bump when the generated content changes, so that old data is written again.
const VERSION: &str = "scale-data v2";

pub const FILES: [&str; 6] = [
    "tibemsd.conf",
    "users.conf",
    "groups.conf",
    "queues.conf",
    "topics.conf",
    "acl.conf",
];

const DEPTS: [&str; 8] = [
    "sales",
    "finance",
    "logistics",
    "payments",
    "inventory",
    "shipping",
    "customer",
    "pricing",
];
const REGIONS: [&str; 4] = ["eu-west", "us-east", "ap-south", "eu-central"];

/// How many entries of each kind a pair holds at `scale` (1.0 = the estate).
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    pub queues: usize,
    pub topics: usize,
    pub users: usize,
    pub groups: usize,
    pub members: usize,
    pub acl: usize,
}

impl Counts {
    pub fn at(scale: f64) -> Counts {
        let n = |base: f64| (base * scale).round() as usize;
        Counts {
            queues: n(200_000.0),
            topics: n(200_000.0),
            users: n(50_000.0),
            groups: n(5_000.0),
            members: 10,
            acl: n(300_000.0),
        }
    }
}

/// The directories of one scale: `consistent/{primary,backup}` (sub-files byte-identical) and
/// `shuffled/{primary,backup}` (the backup's list files in another order).
#[derive(Debug, Clone)]
pub struct Pairs {
    pub root: PathBuf,
    pub counts: Counts,
}

impl Pairs {
    pub fn consistent(&self) -> (PathBuf, PathBuf) {
        let d = self.root.join("consistent");
        (d.join("primary"), d.join("backup"))
    }

    pub fn shuffled(&self) -> (PathBuf, PathBuf) {
        let d = self.root.join("shuffled");
        (d.join("primary"), d.join("backup"))
    }

    /// Bytes of both sides of a pair.
    pub fn size(dirs: &(PathBuf, PathBuf)) -> u64 {
        [&dirs.0, &dirs.1]
            .iter()
            .flat_map(|d| FILES.iter().map(move |f| d.join(f)))
            .filter_map(|p| fs::metadata(p).ok())
            .map(|m| m.len())
            .sum()
    }

    /// Every file of a pair, both sides.
    pub fn files(dirs: &(PathBuf, PathBuf)) -> Vec<PathBuf> {
        [&dirs.0, &dirs.1]
            .iter()
            .flat_map(|d| FILES.iter().map(move |f| d.join(f)))
            .collect()
    }
}

/// Writes the pairs of `scale` under `base` unless they are already there; `with_consistent`
/// also writes the consistent pair (the shuffled pair is always written).
pub fn ensure(base: &Path, scale: f64, with_consistent: bool) -> io::Result<Pairs> {
    let root = base.join(format!("x{scale}"));
    let counts = Counts::at(scale);
    let pairs = Pairs {
        root: root.clone(),
        counts,
    };
    let stamp = root.join(".done");
    let want = format!("{VERSION} {counts:?} consistent={with_consistent}\n");
    if fs::read_to_string(&stamp).is_ok_and(|s| s == want) {
        return Ok(pairs);
    }
    let _ = fs::remove_dir_all(&root);
    let data = Data::new(counts);
    let (sp, sb) = pairs.shuffled();
    data.write(&sp, Side::Primary, false)?;
    data.write(&sb, Side::Backup, true)?;
    if with_consistent {
        let (cp, cb) = pairs.consistent();
        data.write(&cp, Side::Primary, false)?;
        data.write(&cb, Side::Backup, false)?;
    }
    fs::write(&stamp, want)?;
    Ok(pairs)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Primary,
    Backup,
}

/// splitmix64: a small deterministic generator, enough to shuffle.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// The entries of one estate, each a line (a group: a header and its member lines).
struct Data {
    users: Vec<String>,
    groups: Vec<(String, Vec<String>)>,
    queues: Vec<String>,
    topics: Vec<String>,
    acl: Vec<String>,
}

fn destination(kind: &str, i: usize) -> String {
    format!(
        "{}.{}.app{:03}.{kind}{i:07}",
        DEPTS[i % DEPTS.len()],
        REGIONS[(i / 8) % REGIONS.len()],
        (i / 40) % 250
    )
}

const QUEUE_PROPS: [&str; 8] = [
    "",
    " secure",
    " secure,prefetch=5",
    " maxbytes=64MB,maxmsgs=100000",
    " exclusive",
    " global,maxRedelivery=5",
    " secure,expiration=1hour",
    " flowControl=1MB,overflowPolicy=rejectIncoming",
];
const TOPIC_PROPS: [&str; 6] = [
    "",
    " secure",
    " maxbytes=16MB",
    " global",
    " secure,sender_name",
    " expiration=30min,maxmsgs=5000",
];
const QUEUE_PERMS: [&str; 4] = ["send", "receive", "send,receive", "receive,browse"];
const TOPIC_PERMS: [&str; 4] = [
    "publish",
    "subscribe",
    "publish,subscribe",
    "subscribe,durable",
];

impl Data {
    fn new(c: Counts) -> Data {
        let users = (0..c.users)
            .map(|i| {
                format!(
                    "user{i:06}:$2$s{:08x}${:016x}:\"Application user {i} of {}, {}\"",
                    i * 2_654_435_761 % 0xFFFF_FFFF,
                    (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
                    DEPTS[i % DEPTS.len()],
                    REGIONS[i % REGIONS.len()]
                )
            })
            .collect();
        let groups = (0..c.groups)
            .map(|g| {
                let header = format!("group{g:05}:\"Team {g} of {}\"", DEPTS[g % DEPTS.len()]);
                let members = (0..c.members)
                    .map(|m| format!("  user{:06}", (g * c.members + m) % c.users.max(1)))
                    .collect();
                (header, members)
            })
            .collect();
        let queues = (0..c.queues)
            .map(|i| format!("{}{}", destination("queue", i), QUEUE_PROPS[i % 8]))
            .collect();
        let topics = (0..c.topics)
            .map(|i| format!("{}{}", destination("topic", i), TOPIC_PROPS[i % 6]))
            .collect();
        // Entry j grants on destination j/2 (a queue for even j, a topic for odd): every
        // (kind, destination, principal) key is unique.
        let acl = (0..c.acl)
            .map(|j| {
                let principal = if j % 5 == 0 {
                    format!("GROUP=group{:05}", (j / 5) % c.groups.max(1))
                } else {
                    format!("USER=user{:06}", (j * 31) % c.users.max(1))
                };
                if j % 2 == 0 {
                    let d = (j / 2) % c.queues.max(1);
                    format!(
                        "QUEUE={} {principal} PERM={}",
                        destination("queue", d),
                        QUEUE_PERMS[j % 4]
                    )
                } else {
                    let d = (j / 2) % c.topics.max(1);
                    format!(
                        "TOPIC={} {principal} PERM={}",
                        destination("topic", d),
                        TOPIC_PERMS[j % 4]
                    )
                }
            })
            .collect();
        Data {
            users,
            groups,
            queues,
            topics,
            acl,
        }
    }

    fn write(&self, dir: &Path, side: Side, shuffle: bool) -> io::Result<()> {
        fs::create_dir_all(dir)?;
        fs::write(dir.join("tibemsd.conf"), main_file(side))?;
        let mut rng = Rng(0x5EED_0000_0000_0001);
        let mut list = |name: &str, header: &str, lines: &[String]| -> io::Result<()> {
            let mut order: Vec<&String> = lines.iter().collect();
            if shuffle {
                rng.shuffle(&mut order);
            }
            let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
            text.push_str(header);
            for line in order {
                text.push_str(line);
                text.push('\n');
            }
            fs::write(dir.join(name), text)
        };
        list(
            "users.conf",
            "# users of the SCALE pair\nEMS-SCALE::\"FT peer and routes\"\n",
            &self.users,
        )?;
        list("queues.conf", "# queues of the SCALE pair\n", &self.queues)?;
        list("topics.conf", "# topics of the SCALE pair\n", &self.topics)?;
        list(
            "acl.conf",
            "# access control of the SCALE pair\n",
            &self.acl,
        )?;
        let mut groups: Vec<(&String, Vec<&String>)> = self
            .groups
            .iter()
            .map(|(h, m)| (h, m.iter().collect()))
            .collect();
        if shuffle {
            rng.shuffle(&mut groups);
            for (_, members) in &mut groups {
                rng.shuffle(members);
            }
        }
        let mut text = String::from("# groups of the SCALE pair\n");
        for (header, members) in groups {
            let _ = writeln!(text, "{header}");
            for m in members {
                let _ = writeln!(text, "{m}");
            }
        }
        fs::write(dir.join("groups.conf"), text)
    }
}

fn main_file(side: Side) -> String {
    let (me, peer) = match side {
        Side::Primary => ("ems-a", "ems-b"),
        Side::Backup => ("ems-b", "ems-a"),
    };
    format!(
        "# SCALE fault-tolerant pair: {me}\n\
         server                  = EMS-SCALE\n\
         authorization           = enabled\n\
         users                   = users.conf\n\
         groups                  = groups.conf\n\
         topics                  = topics.conf\n\
         queues                  = queues.conf\n\
         acl_list                = acl.conf\n\
         store                   = /shared/ems/scale/datastore\n\
         logfile                 = /var/log/ems/{me}.log\n\
         max_msg_memory          = 2GB\n\
         listen                  = tcp://{me}.example.com:7222\n\
         ft_active               = tcp://{peer}.example.com:7222\n\
         ft_heartbeat            = 3\n\
         ft_activation           = 10\n\
         ft_reconnect_timeout    = 60\n\
         flow_control            = enabled\n\
         client_heartbeat_server          = 20\n\
         server_timeout_client_connection = 60\n\
         server_heartbeat_client          = 5\n\
         client_timeout_server_connection = 20\n\
         startup_abort_list      = CONFIG_ERRORS,DB_FILES\n"
    )
}
