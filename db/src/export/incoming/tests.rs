use super::*;

fn dump_of(table: &str, row: Value) -> dump::ArchiveDump {
    dump::ArchiveDump {
        schema_version: crate::archive::schema_version(),
        tables: vec![dump::TableDump {
            table: table.into(),
            rows: vec![row.as_object().unwrap().clone()],
        }],
    }
}

#[test]
fn every_language_column_of_every_table_is_a_tag_and_unknown_file_tables_are_refused() {
    let file = Path::new("bag/data/metadata/recollect-archive.json");
    for table in [
        "transcripts",
        "photo_captions",
        "tags",
        "tag_labels",
        "sources",
        "later_table",
    ] {
        let bad = dump_of(
            table,
            serde_json::json!({ "uuid": "u", "language": "/../../x" }),
        );
        let message = check_rows(&bad, file).unwrap_err().to_string();
        assert!(
            message.contains("recollect-archive.json") && message.contains(table),
            "{table}: {message}"
        );
        let good = dump_of(
            table,
            serde_json::json!({ "uuid": "u", "language": "sr-Latn" }),
        );
        assert!(check_rows(&good, file).is_ok(), "{table}");
    }
    let languages = dump_of(
        "interviews",
        serde_json::json!({ "uuid": "u", "languages": "[\"ru\", \"../x\"]" }),
    );
    assert!(check_rows(&languages, file).is_err());
    let files = dump_of(
        "recordings_v2",
        serde_json::json!({ "uuid": "u", "path": "/etc/passwd" }),
    );
    let message = check_rows(&files, file).unwrap_err().to_string();
    assert!(message.contains("names files"), "{message}");
}
