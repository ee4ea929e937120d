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
    "list_transcripts",
    "transcript_segments",
    "import_transcript",
    "cancel_job",
    "update_segment",
    "split_segment",
    "merge_segment_with_next",
    "sync_segment_start",
    "delete_transcript",
    "align_transcripts",
    "save_revision",
    "list_revisions",
    "diff_revisions",
    "list_index_points",
    "search_archive",
    "preview_export",
    "export_package",
    "import_package",
    "choose_folder",
    "choose_files",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
