//! The `recollect` binary against real archive files: what an archivist's batch script sees.

mod common;

use common::{json, recollect_bin, run};

use std::process::Command;

use recollect_db::{interview, Archive};
use serde_json::Value;

#[test]
fn sample_then_list_gives_four_interviews_with_their_narrators() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("a.db");
    let out = run(&archive, &["sample"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let list = json(&archive, &["interviews", "list", "--json"]);
    let list: Vec<&serde_json::Value> = list
        .as_array()
        .expect("a JSON array")
        .iter()
        .filter(|i| {
            !i["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Demonstration"))
        })
        .collect();
    assert_eq!(list.len(), 4, "and the demonstration interview");
    let mut narrators: Vec<&str> = list
        .iter()
        .map(|i| {
            assert!(
                i["id"].as_str().is_some_and(|id| id.len() == 36),
                "each has a UUID id: {i}"
            );
            assert!(i["title"].as_str().is_some(), "each has a title");
            i["narrators"][0]["name"]
                .as_str()
                .expect("each has a named narrator")
        })
        .collect();
    narrators.sort();
    assert_eq!(
        narrators,
        [
            "Tatiana Isaeva",
            "Tatiana Smilga",
            "Yuri Primakov",
            "Zorya Serebryakova"
        ]
    );

    // The CLI and the app share one core: the same file read through the library agrees.
    let core = Archive::open(&archive).unwrap();
    assert_eq!(
        interview::list(&core, &Default::default()).unwrap().len(),
        4 + 1
    );
}

#[test]
fn add_edit_show_delete_an_interview_and_its_narrator() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("b.db");
    let person = json(
        &archive,
        &["people", "add", "--name", "Nadezhda Joffe", "--json"],
    );
    let person_id = person["id"].as_str().unwrap();
    assert_eq!(person["sort_name"], "Joffe, Nadezhda");

    let created = json(
        &archive,
        &[
            "interviews",
            "add",
            "--title",
            "Memories of Adolph Joffe",
            "--date",
            "1927-02~",
            "--narrator",
            person_id,
            "--language",
            "ru",
            "--json",
        ],
    );
    let id = created["id"].as_str().unwrap();
    assert_eq!(created["narrators"][0]["name"], "Nadezhda Joffe");
    assert_eq!(created["date"], "1927-02~");

    let edited = json(
        &archive,
        &[
            "interviews",
            "edit",
            id,
            "--status",
            "curated",
            "--place",
            "Moscow",
            "--json",
        ],
    );
    assert_eq!(edited["status"], "curated");
    assert_eq!(edited["place"], "Moscow");
    assert_eq!(
        edited["title"], "Memories of Adolph Joffe",
        "fields not given stay as they were"
    );

    // A narrator cannot be deleted: the message names the interview, on stderr, with a failing exit.
    let refused = run(&archive, &["people", "delete", person_id]);
    assert!(!refused.status.success(), "deleting a narrator must fail");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("narrator of \"Memories of Adolph Joffe\""),
        "stderr: {stderr}"
    );
    assert!(refused.stdout.is_empty(), "errors go to stderr only");

    let history = json(&archive, &["history", "--record", id, "--json"]);
    let types: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event_type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["creation", "modification"]);

    assert!(run(&archive, &["interviews", "delete", id])
        .status
        .success());
    assert!(
        run(&archive, &["people", "delete", person_id])
            .status
            .success(),
        "once the interview is gone the person can go"
    );
    assert_eq!(
        json(&archive, &["interviews", "list", "--json"]),
        Value::Array(vec![])
    );
}

#[test]
fn bad_input_fails_with_a_message_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("c.db");
    let out = run(
        &archive,
        &["interviews", "add", "--title", "X", "--date", "spring 1927"],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("date:")
            && stderr.contains("\"spring 1927\"")
            && stderr.contains("1927-05"),
        "stderr: {stderr}"
    );
    assert_eq!(
        json(&archive, &["interviews", "list", "--json"]),
        Value::Array(vec![])
    );

    let out = run(&archive, &["interviews", "show", "not-an-id"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no interview with id not-an-id"));

    let text_file = dir.path().join("notes.txt");
    std::fs::write(&text_file, "Sitting (left to right): Serebryakov, Radek, Trotsky ... not a database at all, just notes").unwrap();
    let out = run(&text_file, &["interviews", "list"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a Recollect archive"));
}

#[test]
fn no_archive_is_a_clear_error() {
    let out = Command::new(recollect_bin())
        .args(["interviews", "list"])
        .env_remove("RECOLLECT_ARCHIVE")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--archive"));
}

/// What a curator's file dialog does to the app: it opens and closes the archive's files, and a
/// process loses every SQLite lock on a file when any descriptor of it closes. A command run
/// beside the app must then neither write nor, on closing, fold away the log the app is still
/// writing to; the app's later changes must all land in the file.
#[test]
fn a_command_beside_the_writer_only_reads_and_never_costs_it_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    assert!(run(&path, &["sample"]).status.success());
    let input = |title: &str| interview::InterviewInput {
        title: title.into(),
        ..Default::default()
    };

    let mut app = Archive::open(&path).unwrap();
    interview::create(
        &mut app,
        &input("Before the dialog"),
        recollect_db::Origin::Window,
    )
    .unwrap();
    for sidecar in ["", "-wal", "-shm"] {
        let mut name = path.clone().into_os_string();
        name.push(sidecar);
        drop(std::fs::File::open(&name).unwrap());
    }

    let listed = json(&path, &["interviews", "list", "--json"]);
    assert_eq!(
        listed.as_array().unwrap().len(),
        6,
        "a command can still read (the sample's five and the one added)"
    );
    let refused = run(&path, &["interviews", "add", "--title", "From the command"]);
    assert!(
        !refused.status.success(),
        "a command cannot write beside the app"
    );
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("is open in Recollect or in another command"),
        "{stderr}"
    );

    interview::create(
        &mut app,
        &input("After the dialog"),
        recollect_db::Origin::Window,
    )
    .unwrap();
    json(&path, &["interviews", "list", "--json"]);
    interview::create(
        &mut app,
        &input("Later still"),
        recollect_db::Origin::Window,
    )
    .unwrap();
    drop(app);

    let titles: Vec<String> = json(&path, &["interviews", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_owned())
        .collect();
    for title in ["Before the dialog", "After the dialog", "Later still"] {
        assert!(
            titles.iter().any(|t| t == title),
            "{title} was kept: {titles:?}"
        );
    }
    assert!(
        run(
            &path,
            &["interviews", "add", "--title", "Once the app is closed"]
        )
        .status
        .success(),
        "with the app closed, commands write again"
    );
}
