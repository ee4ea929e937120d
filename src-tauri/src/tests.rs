/// The capability file grants every command of the list, once, and nothing else of ours.
#[test]
fn the_capability_grants_exactly_the_listed_commands() {
    macro_rules! names {
            ($($module:ident::$command:ident),* $(,)?) => {
                vec![$(stringify!($command)),*]
            };
        }
    let listed: Vec<&str> = with_commands!(names);
    let wanted: std::collections::BTreeSet<String> = listed
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(wanted.len(), listed.len(), "a command is listed twice");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/main.json");
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let granted: Vec<String> = file["permissions"]
        .as_array()
        .expect("a permissions list")
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| p.starts_with("allow-"))
        .map(str::to_owned)
        .collect();
    let granted_set: std::collections::BTreeSet<String> = granted.iter().cloned().collect();
    assert_eq!(granted_set.len(), granted.len(), "a grant is written twice");
    let missing: Vec<_> = wanted.difference(&granted_set).collect();
    let unknown: Vec<_> = granted_set.difference(&wanted).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "capabilities/main.json lacks {missing:?} and grants unlisted {unknown:?}"
    );
}

/// The committed bindings must match the commands; `make bindings` regenerates them.
#[test]
fn bindings_are_up_to_date() {
    let committed_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        super::export_bindings(&committed_path).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let fresh_path = dir.path().join("bindings.ts");
    super::export_bindings(&fresh_path).unwrap();
    let fresh = std::fs::read_to_string(fresh_path).unwrap();
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        fresh == committed,
        "ui/src/lib/bindings.ts is stale: run `make bindings` and commit it"
    );
}
