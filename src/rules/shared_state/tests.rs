use super::*;

fn mount(source: &str, target: &str, fstype: &str, options: &str) -> Mount {
    Mount {
        target: target.into(),
        source: source.into(),
        fstype: fstype.into(),
        options: options.split(',').map(str::to_string).collect(),
        span: 0..0,
    }
}

#[test]
fn tells_which_mounts_lock_across_hosts() {
    assert_eq!(
        lock(&mount("n:/e", "/s", "nfs4", "rw,hard"), false),
        Lock::Shared
    );
    assert_eq!(
        lock(&mount("n:/e", "/s", "nfs", "rw,vers=4.1"), true),
        Lock::Shared
    );
    assert!(matches!(
        lock(&mount("n:/e", "/s", "nfs", "vers=3"), true),
        Lock::Broken(_)
    ));
    assert!(matches!(
        lock(&mount("n:/e", "/s", "nfs", "nfsvers=2"), false),
        Lock::Broken(_)
    ));
    assert!(matches!(
        lock(&mount("n:/e", "/s", "nfs4", "nolock"), false),
        Lock::Broken(_)
    ));
    assert!(matches!(
        lock(&mount("n:/e", "/s", "nfs4", "local_lock=posix"), false),
        Lock::Broken(_)
    ));
    assert_eq!(
        lock(&mount("n:/e", "/s", "nfs4", "local_lock=flock"), false),
        Lock::Shared
    );
    assert!(matches!(
        lock(&mount("n:/e", "/s", "nfs", "rw"), false),
        Lock::Unproven(_)
    ));
    assert!(matches!(
        lock(&mount("//f/s", "/s", "cifs", "nobrl"), false),
        Lock::Broken(_)
    ));
    assert_eq!(
        lock(&mount("/dev/sdb1", "/s", "xfs", "rw"), false),
        Lock::Local
    );
    assert_eq!(
        lock(&mount("x", "/s", "weirdfs", "rw"), false),
        Lock::Unknown
    );
}

#[test]
fn a_path_is_located_on_its_export() {
    let nfs = mount("NAS01:/export/ems/", "/shared", "nfs4", "rw");
    assert_eq!(
        remote_location(&nfs, "/shared/orders/datastore"),
        Some(("nas01".into(), "/export/ems/orders/datastore".into()))
    );
    let deeper = mount("nas01:/export/ems/orders", "/shared/orders", "nfs4", "rw");
    assert_eq!(
        remote_location(&deeper, "/shared/orders/datastore"),
        remote_location(&nfs, "/shared/orders/datastore")
    );
    let cifs = mount("//fs01/ems", "/shared", "cifs", "rw");
    assert_eq!(
        remote_location(&cifs, "/shared/x"),
        Some(("fs01".into(), "/ems/x".into()))
    );
    assert_eq!(
        remote_location(&mount("/dev/sda1", "/", "ext4", "rw"), "/x"),
        None
    );
}
