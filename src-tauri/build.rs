//! Declares the app's own commands so each needs an explicit grant in `capabilities/`.

const COMMANDS: &[&str] = &[
    "archive_info",
    "open_archive",
    "create_archive",
    "choose_archive_to_open",
    "choose_archive_to_create",
    "recent_archives",
    "set_curator",
    "list_collections",
    "create_collection",
    "update_collection",
    "delete_collection",
    "list_interviews",
    "get_interview",
    "create_interview",
    "update_interview",
    "delete_interview",
    "list_people",
    "get_person",
    "create_person",
    "update_person",
    "delete_person",
    "record_history",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
