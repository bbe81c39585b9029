use super::*;

#[test]
fn a_file_role_is_its_name_and_every_main_file_is_tibemsd_conf() {
    assert_eq!(file_role("prod/ems-a/queues.conf"), "queues.conf");
    assert_eq!(file_role("C:\\ems\\Users.conf"), "users.conf");
    assert_eq!(file_role("samples/config/tibemsdft-1.conf"), "tibemsd.conf");
    assert_eq!(file_role("a/tibemsd.conf"), "tibemsd.conf");
    assert_eq!(file_role("x/tibemsd-prod.json"), "tibemsd.json");
}

#[test]
fn a_pair_path_is_relative_to_the_tree_with_slashes() {
    let root = Path::new("./envs");
    assert_eq!(
        relative_to("./envs/prod/ems-a/tibemsd.conf", Some(root)),
        "prod/ems-a/tibemsd.conf"
    );
    assert_eq!(
        relative_to("other/tibemsd.conf", Some(root)),
        "other/tibemsd.conf"
    );
    assert_eq!(relative_to("a/b.conf", None), "a/b.conf");
}

#[test]
fn a_digest_ignores_blank_lines_and_runs_of_blanks() {
    assert_eq!(
        digest(&["queue  a\tprefetch=5\n\n", "b"]),
        digest(&["  queue a prefetch=5", "b\n"])
    );
    assert_ne!(digest(&["a", "b"]), digest(&["a\nb", ""]));
    assert_ne!(digest(&["prefetch=5"]), digest(&["prefetch=6"]));
}

#[test]
fn text_holding_a_secret_is_never_fingerprinted() {
    let file: FileRef = Arc::new(SourceFile::from_text(
        "users.conf".into(),
        "users.conf".into(),
        "app1:$2$salt$hash:\"App\"\n".into(),
        None,
    ));
    file.mark_secret(5..17);
    let mut texts = RedactedTexts::default();
    assert_eq!(texts.shown(&file, &(0..4)), Some("app1"));
    assert_eq!(texts.shown(&file, &(0..20)), None);
}
