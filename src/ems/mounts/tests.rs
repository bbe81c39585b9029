use super::*;

const FINDMNT: &str = r#"{
   "filesystems": [
      {"target": "/", "source": "/dev/sda1", "fstype": "ext4", "options": "rw,relatime",
       "children": [
          {"target": "/shared/ems", "source": "nas01:/export/ems", "fstype": "nfs4",
           "options": "rw,relatime,vers=4.1,hard,proto=tcp"},
          {"target": "/shared", "source": "nas01:/export", "fstype": "nfs", "options": "rw,vers=3,nolock"}
       ]}
   ]
}"#;

#[test]
fn reads_findmnt_json_with_its_children() {
    let table = parse(FINDMNT);
    assert!(table.errors.is_empty(), "{:?}", table.errors);
    assert!(table.live);
    assert_eq!(table.mounts.len(), 3);
    let ems = table.covering("/shared/ems/orders/datastore").unwrap();
    assert_eq!(ems.source, "nas01:/export/ems");
    assert_eq!(ems.option("vers"), Some("4.1"));
    assert_eq!(ems.option("hard"), Some(""));
    assert_eq!(table.covering("/shared/other").unwrap().fstype, "nfs");
    assert_eq!(table.covering("/sharedx").unwrap().target, "/");
    assert_eq!(table.covering("/").unwrap().source, "/dev/sda1");
}

#[test]
fn reads_an_fstab_with_escapes_and_comments() {
    let text = "# /etc/fstab\nUUID=1234  /  xfs  defaults  0 0\n\nnas01:/export/ems\\040data /shared/ems nfs4 rw,hard 0 0\r\n/dev/sdb1\t/data ext4\n";
    let table = parse(text);
    assert!(table.errors.is_empty(), "{:?}", table.errors);
    assert!(!table.live);
    assert_eq!(table.mounts.len(), 3);
    assert_eq!(table.mounts[1].source, "nas01:/export/ems data");
    assert_eq!(
        &text[table.mounts[1].span.clone()],
        "nas01:/export/ems\\040data /shared/ems nfs4 rw,hard 0 0"
    );
    assert_eq!(table.mounts[2].options, ["defaults"]);
}

#[test]
fn a_bad_line_is_an_error_and_the_rest_is_read() {
    let table = parse("/dev/sda1 /\nnas:/e /shared nfs4 rw 0 0\na b c d e f g\n");
    assert_eq!(table.errors.len(), 2);
    assert_eq!(table.mounts.len(), 1);
    let table = parse("{\"filesystems\": [{\"target\": \"/\"}, {\"target\": \"/x\", \"source\": \"s\", \"fstype\": \"xfs\"}]}");
    assert_eq!((table.mounts.len(), table.errors.len()), (1, 1));
    assert_eq!(parse("{\"x\": 1}").errors.len(), 1);
}

#[test]
fn the_later_of_two_mounts_at_one_target_is_the_one_in_force() {
    let table = parse("/dev/a /shared ext4 rw\nnas:/e /shared nfs4 rw\n");
    assert_eq!(table.covering("/shared/x").unwrap().fstype, "nfs4");
}

#[test]
fn odd_input_never_panics() {
    let deep = format!("{{\"filesystems\": [{}]}}", "{\"children\": [".repeat(500));
    for text in ["", "{", "\\", "a b c \\0", "a b c \\777", "é é é", &deep] {
        let _ = parse(text);
    }
}

#[test]
fn finds_the_passwords_of_cifs_options() {
    let text = "//fs/ems /shared cifs username=ems,password=s3cret,vers=3.0 0 0\n{\"options\": \"rw,pass=x2\"}\nnopassword=1\n";
    let spans: Vec<&str> = secret_spans(text).into_iter().map(|s| &text[s]).collect();
    assert_eq!(spans, ["s3cret", "x2"]);
}
