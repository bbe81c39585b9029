//! The pair's clients as a user attaches them: `--clients`, `clients = [...]` in
//! emsftlint.toml, what reading them refuses, and that their secrets reach no output.

use std::path::Path;
use std::process::{Command, Output};

fn pairs() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/pairs")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn emsftlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(dir)
        .env("EMSFTLINT_NOW", "2026-11-22")
        .args(args)
        .args(["--color", "never", "--width", "100"])
        .output()
        .expect("emsftlint runs")
}

/// `emsftlint primary backup --no-config --clients clients --format FORMAT` in `dir`.
fn lint_with_clients(dir: &Path, format: &str) -> Output {
    emsftlint(
        dir,
        &[
            "primary",
            "backup",
            "--no-config",
            "--clients",
            "clients",
            "--format",
            format,
        ],
    )
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A copy of the clean pair in a temporary directory, with `clients/` holding `files`.
fn estate(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&pairs().join("clean/primary"), &dir.path().join("primary"));
    copy_dir(&pairs().join("clean/backup"), &dir.path().join("backup"));
    for (path, text) in files {
        let path = dir.path().join("clients").join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

const ONE_SERVER: &str = "java.naming.provider.url=tibjmsnaming://ems-a.example.com:7222\n\
                          java.naming.security.credentials=hunter2-jndi\n";

#[test]
fn client_secrets_reach_no_output_format() {
    let substvar = r#"<repository xmlns="http://www.tibco.com/xmlns/repo/types/2002"><globalVariables>
<globalVariable><name>JmsProviderUrl</name><value>tcp://ems-a.example.com:7222</value></globalVariable>
<globalVariable><name>EmsSecret</name><value>hunter2-substvar</value><type>Password</type></globalVariable>
</globalVariables></repository>
"#;
    let tra = "tibco.clientVar.JmsProviderUrl=tcp://ems-b.example.com:7222\n\
               tibco.sdk.faultTolerance.ems.password hunter2-tra\n";
    let dir = estate(&[
        ("bw/jndi.properties", ONE_SERVER),
        ("bw/defaultVars/defaultVars.substvar", substvar),
        ("adapter.tra", tra),
    ]);
    for format in [
        "human", "concise", "json", "sarif", "github", "junit", "html",
    ] {
        let out = emsftlint(
            dir.path(),
            &[
                "primary",
                "backup",
                "--no-config",
                "--clients",
                "clients",
                "--format",
                format,
            ],
        );
        let text = stdout(&out);
        assert!(
            text.contains("FT127"),
            "{format}: client-ft-urls fires:\n{text}"
        );
        assert!(
            !text.contains("hunter2"),
            "{format} shows a client secret:\n{text}"
        );
        assert_eq!(out.status.code(), Some(1), "{format}");
    }
}

#[test]
fn clients_in_the_config_file_are_relative_to_it() {
    let dir = estate(&[("bw/jndi.properties", ONE_SERVER)]);
    let config = dir.path().join("conf");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("emsftlint.toml"),
        "clients = [\"../clients/bw\"]\n",
    )
    .unwrap();
    let out = emsftlint(
        dir.path(),
        &[
            "primary",
            "backup",
            "--config",
            "conf/emsftlint.toml",
            "--format",
            "concise",
        ],
    );
    let text = stdout(&out);
    assert!(
        text.contains("clients/bw/jndi.properties:1:1: error[FT127 client-ft-urls]"),
        "{text}"
    );
    // Without the config, the client is not attached and the pair is clean.
    let out = emsftlint(dir.path(), &["primary", "backup", "--no-config"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_missing_clients_path_stops_the_run() {
    let dir = estate(&[]);
    let out = emsftlint(
        dir.path(),
        &["primary", "backup", "--no-config", "--clients", "nowhere"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--clients nowhere: no such file or directory"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_client_file_leading_outside_the_trees_is_reported_not_read() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.tra");
    std::fs::write(
        &secret,
        "tibco.clientVar.JmsProviderUrl=tcp://outside-secret:7222\n",
    )
    .unwrap();
    let dir = estate(&[]);
    std::fs::create_dir_all(dir.path().join("clients")).unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("clients/linked.tra")).unwrap();
    let out = lint_with_clients(dir.path(), "concise");
    let text = stdout(&out);
    assert!(
        text.contains("FT126 client-syntax] client file not read"),
        "{text}"
    );
    assert!(!text.contains("outside-secret"), "{text}");
}

#[test]
fn a_correct_client_of_every_kind_is_silent() {
    let case = pairs().join("clients-clean");
    let out = lint_with_clients(&case, "json");
    let text = stdout(&out);
    assert!(text.contains("\"findings\": []"), "{text}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_variable_a_tra_overrides_is_judged_in_the_tra_only() {
    // The Designer default names localhost; the engine's .tra sets the pair's FT list.
    let substvar = r#"<repository><globalVariables><globalVariable><name>JmsProviderUrl</name><value>tcp://localhost:7222</value></globalVariable></globalVariables></repository>"#;
    let tra = "tibco.clientVar.JmsProviderUrl tcp://ems-a.example.com:7222,tcp://ems-b.example.com:7222\n";
    let dir = estate(&[
        ("defaultVars/defaultVars.substvar", substvar),
        ("engine.tra", tra),
    ]);
    let out = emsftlint(
        dir.path(),
        &["primary", "backup", "--no-config", "--clients", "clients"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // Alone, the Designer default is judged: one machine for a pair on two.
    std::fs::remove_file(dir.path().join("clients/engine.tra")).unwrap();
    let out = lint_with_clients(dir.path(), "concise");
    assert!(
        stdout(&out).contains("names one machine"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_global_variable_reference_is_resolved_from_the_designer_variables() {
    let substvar = r#"<repository><globalVariables><globalVariable><name>EmsUrl</name><value>tcp://ems-a.example.com:7222</value></globalVariable></globalVariables></repository>"#;
    let tra = "tibco.clientVar.JmsProviderUrl %%EmsUrl%%\n";
    let dir = estate(&[
        ("defaultVars/defaultVars.substvar", substvar),
        ("engine.tra", tra),
    ]);
    let out = lint_with_clients(dir.path(), "concise");
    let text = stdout(&out);
    assert!(
        text.contains("`tibco.clientVar.JmsProviderUrl` = %%EmsUrl%% (= tcp://ems-a.example.com:7222) reaches no listen of backup"),
        "{text}"
    );
}

/// A BusinessWorks JMS Connection resource in the public form (docs/clients.md §5).
fn jms_connection(use_jndi: bool, url: &str, factory: &str, client_id: &str) -> String {
    let (provider, naming) = if use_jndi {
        ("tcp://localhost:7222", url)
    } else {
        (url, "tibjmsnaming://localhost:7222")
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<BWSharedResource>
    <name>JMS Connection</name>
    <resourceType>ae.shared.JMSConnectionKey</resourceType>
    <config>
        <NamingEnvironment>
            <UseJNDI>{use_jndi}</UseJNDI>
            <ProviderURL>{provider}</ProviderURL>
            <NamingURL>{naming}</NamingURL>
            <NamingCredential>hunter2-naming</NamingCredential>
            <TopicFactoryName/>
            <QueueFactoryName>{factory}</QueueFactoryName>
        </NamingEnvironment>
        <ConnectionAttributes>
            <username>bw</username>
            <password>hunter2-jms</password>
            <clientID>{client_id}</clientID>
            <autoGenClientID>false</autoGenClientID>
        </ConnectionAttributes>
    </config>
</BWSharedResource>
"#
    )
}

const FT_NAMING: &str =
    "tibjmsnaming://ems-a.example.com:7222,tibjmsnaming://ems-b.example.com:7222";

#[test]
fn jms_connection_passwords_reach_no_output_format() {
    // One server named, next to the naming credential: the finding quotes its neighbours.
    let resource = jms_connection(
        true,
        "tibjmsnaming://ems-a.example.com:7222",
        "FTQueueConnectionFactory",
        "",
    )
    .replace("<clientID></clientID>", "<clientID>%%Id</clientID>");
    let dir = estate(&[("bw/Shared/JMS Connection.sharedjmscon", &resource)]);
    for format in [
        "human", "concise", "json", "sarif", "github", "junit", "html",
    ] {
        let out = lint_with_clients(dir.path(), format);
        let text = stdout(&out);
        assert!(
            text.contains("FT127"),
            "{format}: client-ft-urls judges the NamingURL:\n{text}"
        );
        assert!(
            !text.contains("hunter2"),
            "{format} shows a JMS Connection password:\n{text}"
        );
    }
}

#[test]
fn a_jndi_lookup_of_a_factory_the_servers_lack_is_an_error_at_its_name() {
    let dir = estate(&[(
        "bw/Shared/JMS Connection.sharedjmscon",
        &jms_connection(true, FT_NAMING, "OrdersQCF", ""),
    )]);
    let out = lint_with_clients(dir.path(), "concise");
    let text = stdout(&out);
    assert!(
        text.contains("clients/bw/Shared/JMS Connection.sharedjmscon:12:13: error[FT134 client-jndi-factory-missing] `QueueFactoryName` = OrdersQCF: no factory of that name on primary"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(1));
    // A factory both servers define, a name no variable gives, or a direct connection (no
    // lookup), is silent.
    for resource in [
        jms_connection(true, FT_NAMING, "FTQueueConnectionFactory", ""),
        jms_connection(true, FT_NAMING, "%%NoSuchVariable%%", ""),
        jms_connection(
            false,
            "tcp://ems-a.example.com:7222,tcp://ems-b.example.com:7222",
            "OrdersQCF",
            "",
        ),
    ] {
        std::fs::write(
            dir.path()
                .join("clients/bw/Shared/JMS Connection.sharedjmscon"),
            resource,
        )
        .unwrap();
        let out = lint_with_clients(dir.path(), "concise");
        assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    }
}

#[test]
fn one_client_id_under_two_deployments_is_reported_once() {
    let substvar = r#"<repository><globalVariables><globalVariable><name>Id</name><value>orders</value></globalVariable></globalVariables></repository>"#;
    let resource = jms_connection(true, FT_NAMING, "FTQueueConnectionFactory", "%%Id%%");
    let dir = estate(&[
        ("orders/defaultVars/defaultVars.substvar", substvar),
        ("orders/Shared/JMS Connection.sharedjmscon", &resource),
        ("deploy/engine-1.tra", "tibco.clientVar.Id=orders-engine\n"),
        ("deploy/engine-2.tra", "tibco.clientVar.Id=orders-engine\n"),
    ]);
    let out = lint_with_clients(dir.path(), "concise");
    let text = stdout(&out);
    let shared: Vec<&str> = text.lines().filter(|l| l.contains("FT135")).collect();
    assert_eq!(shared.len(), 1, "{text}");
    assert!(
        shared[0].contains("`clientID` = %%Id%% (= orders-engine) as deployed by clients/deploy/engine-2.tra is also the fixed client ID of clients/orders/Shared/JMS Connection.sharedjmscon as deployed by clients/deploy/engine-1.tra"),
        "{text}"
    );
    // Each engine with its own client ID: silent.
    std::fs::write(
        dir.path().join("clients/deploy/engine-2.tra"),
        "tibco.clientVar.Id=orders-engine-2\n",
    )
    .unwrap();
    let out = lint_with_clients(dir.path(), "concise");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_broken_jms_connection_is_one_syntax_finding_and_what_came_before_is_judged() {
    let broken = jms_connection(
        false,
        "tcp://ems-a.example.com:7222",
        "FTQueueConnectionFactory",
        "",
    )
    .replace("</ConnectionAttributes>", "</ConnectionAttributez>");
    let dir = estate(&[("bw/Shared/JMS Connection.sharedjmscon", &broken)]);
    let out = lint_with_clients(dir.path(), "concise");
    let text = stdout(&out);
    let syntax: Vec<&str> = text.lines().filter(|l| l.contains("FT126")).collect();
    assert_eq!(syntax.len(), 1, "{text}");
    assert!(
        syntax[0].contains("JMS Connection.sharedjmscon:19:9:")
            && syntax[0].contains("sharedjmscon file: not well-formed XML"),
        "{text}"
    );
    assert!(
        text.contains("`ProviderURL` = tcp://ems-a.example.com:7222 reaches no listen of backup"),
        "{text}"
    );
}

#[test]
fn an_engines_reconnect_settings_are_judged_against_the_resources_it_deploys() {
    // The .tra names no URL itself; it deploys a resource on the pair's FT list.
    let resource = jms_connection(
        false,
        "tcp://ems-a.example.com:7222,tcp://ems-b.example.com:7222",
        "",
        "%%Id%%",
    );
    let tra = "java.property.com.tibco.tibjms.reconnect.attempts 4, 500\n\
               tibco.clientVar.Id=orders-engine\n";
    let dir = estate(&[
        ("orders/Shared/JMS Connection.sharedjmscon", &resource),
        ("deploy/engine.tra", tra),
    ]);
    let out = lint_with_clients(dir.path(), "concise");
    let text = stdout(&out);
    assert!(
        text.contains("clients/deploy/engine.tra:1:1: warning[FT128 client-reconnect-window]"),
        "{text}"
    );
    // A .tra that deploys no resource and names no URL is not judged.
    std::fs::write(
        dir.path().join("clients/deploy/engine.tra"),
        "java.property.com.tibco.tibjms.reconnect.attempts 4, 500\n",
    )
    .unwrap();
    let out = lint_with_clients(dir.path(), "concise");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}
