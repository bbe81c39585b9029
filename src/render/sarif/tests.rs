use super::{placed, Placed};

fn uri(path: &str, cwd: &str) -> String {
    match placed(path, Some(cwd)) {
        Placed::Relative(s) => super::encode(&s),
        Placed::Absolute(s) => format!("file:///{}", super::encode(&s)),
    }
}

#[test]
fn paths_inside_the_current_directory_are_relative() {
    assert_eq!(
        uri("ems/primary/tibemsd.conf", "/w"),
        "ems/primary/tibemsd.conf"
    );
    assert_eq!(uri("./ems//a.conf", "/w"), "ems/a.conf");
    assert_eq!(uri("ems/../ems/a.conf", "/w"), "ems/a.conf");
    assert_eq!(uri("/w/ems/a.conf", "/w"), "ems/a.conf");
    assert_eq!(uri("/w/./ems/a.conf", "/w/"), "ems/a.conf");
}

#[test]
fn paths_outside_it_are_file_uris() {
    assert_eq!(
        uri("/srv/ems/tibemsd.conf", "/w"),
        "file:///srv/ems/tibemsd.conf"
    );
    assert_eq!(uri("/wx/a.conf", "/w"), "file:///wx/a.conf");
    assert_eq!(uri("../b/a.conf", "/w/sub"), "file:///w/b/a.conf");
    assert_eq!(uri("../../../a.conf", "/w"), "file:///a.conf");
    assert_eq!(uri("C:/ems/a b.conf", "/w"), "file:///C:/ems/a%20b.conf");
}
