use super::{properties, sharedjmscon, substvar, tra};

fn slice(text: &str, span: &std::ops::Range<usize>) -> String {
    text[span.clone()].to_string()
}

#[test]
fn tra_reads_equals_space_and_colon_separators() {
    let text = "tibco.clientVar.JmsProviderUrl = tcp://a:7222,tcp://b:7222\n\
                java.property.com.tibco.tibjms.reconnect.attempts 12, 10000\n\
                tibco.jmsReconnectCount:100\n";
    let file = tra::parse(text);
    assert!(file.errors.is_empty());
    let url = file.get("tibco.clientVar.JmsProviderUrl").unwrap();
    assert_eq!(url.value, "tcp://a:7222,tcp://b:7222");
    assert_eq!(slice(text, &url.value_span), "tcp://a:7222,tcp://b:7222");
    assert_eq!(slice(text, &url.key_span), "tibco.clientVar.JmsProviderUrl");
    let attempts = file
        .get("java.property.com.tibco.tibjms.reconnect.attempts")
        .unwrap();
    assert_eq!(attempts.value, "12, 10000");
    assert_eq!(file.get("tibco.jmsReconnectCount").unwrap().value, "100");
}

#[test]
fn tra_comments_are_hash_only_and_continuations_are_not_joined() {
    let text = "# a comment\n!bang value\nkey first \\\nsecond line\n";
    let file = tra::parse(text);
    let keys: Vec<&str> = file.props.iter().map(|p| p.key.as_ref()).collect();
    assert_eq!(keys, ["!bang", "key", "second"]);
    assert_eq!(file.get("key").unwrap().value, "first \\");
}

#[test]
fn tra_expands_percent_variables_from_earlier_tibco_env_lines() {
    let text = "tibco.env.EMS_HOST=ems1\n\
                tibco.clientVar.JmsProviderUrl tcp://%EMS_HOST%:7222,tcp://%OTHER%:7222\n\
                tibco.clientVar.Ref %%JmsProviderUrl%%\n";
    let file = tra::parse(text);
    assert_eq!(
        file.get("tibco.clientVar.JmsProviderUrl").unwrap().value,
        "tcp://ems1:7222,tcp://%OTHER%:7222"
    );
    assert_eq!(
        file.get("tibco.clientVar.Ref").unwrap().value,
        "%%JmsProviderUrl%%"
    );
}

#[test]
fn tra_a_line_without_key_is_a_syntax_error_and_reading_goes_on() {
    let text = "good=1\n= orphan value\nalso=2\n";
    let file = tra::parse(text);
    assert_eq!(file.errors.len(), 1);
    assert_eq!(slice(text, &file.errors[0].span), "= orphan value");
    assert_eq!(file.get("also").unwrap().value, "2");
}

#[test]
fn tra_later_line_wins() {
    let file = tra::parse("a=1\na=2\n");
    assert_eq!(file.get("a").unwrap().value, "2");
}

#[test]
fn properties_follow_java_rules() {
    let text = "! bang comment\n# hash comment\n\
                java.naming.provider.url = tibjmsnaming://a:7222,\\\n    tibjmsnaming://b:7222\n\
                key\\ with\\ spaces:value\\tTab\n\
                java.naming.factory.initial com.tibco.tibjms.naming.TibjmsInitialContextFactory\n\
                empty\n";
    let file = properties::parse(text);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let url = file.get("java.naming.provider.url").unwrap();
    assert_eq!(url.value, "tibjmsnaming://a:7222,tibjmsnaming://b:7222");
    assert!(slice(text, &url.value_span).starts_with("tibjmsnaming://a:7222,"));
    assert!(slice(text, &url.span).ends_with("tibjmsnaming://b:7222"));
    assert_eq!(file.get("key with spaces").unwrap().value, "value\tTab");
    assert_eq!(
        file.get("java.naming.factory.initial").unwrap().value,
        "com.tibco.tibjms.naming.TibjmsInitialContextFactory"
    );
    assert_eq!(file.get("empty").unwrap().value, "");
}

#[test]
fn properties_unicode_escapes_and_a_malformed_one() {
    let text = "a=\\u0041\\u00e9\nbad=\\uZZ12\nafter=ok\n";
    let file = properties::parse(text);
    assert_eq!(file.get("a").unwrap().value, "Aé");
    assert_eq!(file.errors.len(), 1);
    assert!(file.errors[0].message.contains("\\uZZ12"));
    assert_eq!(file.get("after").unwrap().value, "ok");
}

#[test]
fn properties_continuation_at_end_of_file_and_even_backslashes() {
    let file = properties::parse("a=one\\\\\nb=two\\");
    assert_eq!(file.get("a").unwrap().value, "one\\");
    assert_eq!(file.get("b").unwrap().value, "two");
}

const SUBSTVAR: &str = r#"<?xml version = "1.0" encoding = "UTF-8"?>
<repository xmlns:xsi = "http://www.w3.org/2001/XMLSchema-instance" xmlns = "http://www.tibco.com/xmlns/repo/types/2002">
	<globalVariables>
		<globalVariable>
			<name>JmsProviderUrl</name>
			<value>tcp://a:7222,tcp://b:7222</value>
			<deploymentSettable>true</deploymentSettable>
			<serviceSettable>false</serviceSettable>
			<type>String</type>
		</globalVariable>
		<globalVariable>
			<name>EmsPassword</name>
			<value>s3cr&amp;t</value>
			<type>Password</type>
		</globalVariable>
		<globalVariable>
			<name>Empty</name>
			<value/>
		</globalVariable>
	</globalVariables>
</repository>
"#;

#[test]
fn substvar_reads_names_values_and_spans() {
    let parsed = substvar::parse(SUBSTVAR);
    assert!(parsed.vars.errors.is_empty(), "{:?}", parsed.vars.errors);
    let url = parsed.vars.get("JmsProviderUrl").unwrap();
    assert_eq!(url.value, "tcp://a:7222,tcp://b:7222");
    assert_eq!(
        slice(SUBSTVAR, &url.value_span),
        "tcp://a:7222,tcp://b:7222"
    );
    assert_eq!(slice(SUBSTVAR, &url.key_span), "JmsProviderUrl");
    let password = parsed.vars.get("EmsPassword").unwrap();
    assert_eq!(password.value, "s3cr&t");
    assert_eq!(parsed.password_spans, vec![password.value_span.clone()]);
    assert_eq!(slice(SUBSTVAR, &password.value_span), "s3cr&amp;t");
    assert_eq!(parsed.vars.get("Empty").unwrap().value, "");
}

#[test]
fn substvar_not_well_formed_keeps_what_came_before() {
    let broken = SUBSTVAR.replace("</globalVariables>", "</globalVariablez>");
    let parsed = substvar::parse(&broken);
    assert_eq!(parsed.vars.errors.len(), 1);
    assert!(parsed.vars.get("JmsProviderUrl").is_some());
    let nameless = substvar::parse(
        "<repository><globalVariables><globalVariable><value>x</value></globalVariable></globalVariables></repository>",
    );
    assert_eq!(nameless.vars.errors.len(), 1);
    assert!(nameless.vars.errors[0].message.contains("without a <name>"));
}

#[test]
fn readers_never_panic_on_odd_input() {
    for text in [
        "",
        "\u{feff}",
        "\\",
        "=",
        "<",
        "<globalVariable>",
        "a\\u12",
        "é\\\n",
        "%%%",
    ] {
        let _ = tra::parse(text);
        let _ = properties::parse(text);
        let _ = substvar::parse(text);
        let _ = sharedjmscon::parse(text);
    }
}

/// Every `.tra`, `.substvar`, `.sharedjmscon` and `*.properties` file of the corpus parses without a syntax
/// error (the candidates of docs/clients.md, once they are in the shared corpus).
#[test]
fn corpus_client_files_parse_clean() {
    let Some(files) = crate::ems::corpus::files(|n| {
        n.ends_with(".tra")
            || n.ends_with(".substvar")
            || n.ends_with(".properties")
            || n.ends_with(".sharedjmscon")
    }) else {
        return;
    };
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.to_string_lossy();
        let errors = if name.ends_with(".tra") {
            tra::parse(&text).errors
        } else if name.ends_with(".substvar") {
            substvar::parse(&text).vars.errors
        } else if name.ends_with(".sharedjmscon") {
            sharedjmscon::parse(&text).errors
        } else {
            properties::parse(&text).errors
        };
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}

/// The public form of a BusinessWorks 5 JMS Connection resource (docs/clients.md §5).
const SHAREDJMSCON: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<BWSharedResource>
    <name>JMS Connection</name>
    <resourceType>ae.shared.JMSConnectionKey</resourceType>
    <config>
        <NamingEnvironment>
            <UseJNDI>true</UseJNDI>
            <ProviderURL>%%NewItem/EMSServer%%</ProviderURL>
            <NamingURL>tibjmsnaming://a:7222,tibjmsnaming://b:7222</NamingURL>
            <TopicFactoryName>TopicConnectionFactory</TopicFactoryName>
            <QueueFactoryName>Orders&amp;QCF</QueueFactoryName>
            <NamingPrincipal>admin</NamingPrincipal>
            <NamingCredential/>
        </NamingEnvironment>
        <ConnectionAttributes>
            <username>bw</username>
            <password>#!c2VjcmV0</password>
            <clientID><![CDATA[orders-1]]></clientID>
            <autoGenClientID>false</autoGenClientID>
        </ConnectionAttributes>
    </config>
</BWSharedResource>
"#;

#[test]
fn sharedjmscon_reads_each_text_element_with_its_spans() {
    let file = sharedjmscon::parse(SHAREDJMSCON);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let keys: Vec<&str> = file.props.iter().map(|p| p.key.as_ref()).collect();
    assert_eq!(
        keys,
        [
            "name",
            "resourceType",
            "UseJNDI",
            "ProviderURL",
            "NamingURL",
            "TopicFactoryName",
            "QueueFactoryName",
            "NamingPrincipal",
            "NamingCredential",
            "username",
            "password",
            "clientID",
            "autoGenClientID",
        ],
        "containers (config, NamingEnvironment, ConnectionAttributes) hold no value"
    );
    let url = file.get("NamingURL").unwrap();
    assert_eq!(url.value, "tibjmsnaming://a:7222,tibjmsnaming://b:7222");
    assert_eq!(slice(SHAREDJMSCON, &url.value_span), url.value);
    assert_eq!(slice(SHAREDJMSCON, &url.key_span), "<NamingURL>");
    assert_eq!(
        slice(SHAREDJMSCON, &url.span),
        "<NamingURL>tibjmsnaming://a:7222,tibjmsnaming://b:7222</NamingURL>"
    );
    assert_eq!(file.get("QueueFactoryName").unwrap().value, "Orders&QCF");
    assert_eq!(file.get("clientID").unwrap().value, "orders-1");
    let credential = file.get("NamingCredential").unwrap();
    assert_eq!(credential.value, "");
    assert_eq!(slice(SHAREDJMSCON, &credential.span), "<NamingCredential/>");
    assert!(credential.value_span.is_empty());
}

#[test]
fn sharedjmscon_not_well_formed_is_one_error_and_keeps_what_came_before() {
    let broken = SHAREDJMSCON.replace("</ConnectionAttributes>", "</ConnectionAttributez>");
    let file = sharedjmscon::parse(&broken);
    assert_eq!(file.errors.len(), 1, "{:?}", file.errors);
    assert!(file.errors[0].message.starts_with("not well-formed XML"));
    assert_eq!(file.get("autoGenClientID").unwrap().value, "false");
    let line = broken[..file.errors[0].span.start].matches('\n').count() + 1;
    assert_eq!(line, 20, "the error is on the line quick-xml stopped at");
    // Cut off inside an element after a multi-byte character: nothing read, spans in the text.
    let cut = "<BWSharedResource><name>Verbindung é";
    let file = sharedjmscon::parse(cut);
    assert!(file.props.is_empty());
    for e in &file.errors {
        assert!(cut.is_char_boundary(e.span.start) && e.span.end <= cut.len());
    }
}
