//! People and the authority: names and their variants, roles, identifiers, relationships,
//! matching, merging, mentions in transcripts, and everywhere a person is mentioned.
//!
//! Each command takes its arguments, gets the state, calls one core function and maps the
//! error; nothing here touches SQL or parses files.

use std::collections::HashMap;

use recollect_db::{
    people::{self, Person, PersonInput},
    Origin,
};
use tauri::State;

use crate::{error::AppResult, state::AppState};

/// Everyone.
#[tauri::command]
#[specta::specta]
pub async fn list_people(state: State<'_, AppState>) -> AppResult<Vec<Person>> {
    state.with_archive(|a| people::list(a)).await
}

/// One person.
#[tauri::command]
#[specta::specta]
pub async fn get_person(state: State<'_, AppState>, id: String) -> AppResult<Person> {
    state.with_archive(move |a| people::get(a, &id)).await
}

/// Adds a person.
#[tauri::command]
#[specta::specta]
pub async fn create_person(state: State<'_, AppState>, input: PersonInput) -> AppResult<Person> {
    state
        .with_archive(move |a| people::create(a, &input, Origin::Window))
        .await
}

/// Changes a person.
#[tauri::command]
#[specta::specta]
pub async fn update_person(
    state: State<'_, AppState>,
    id: String,
    input: PersonInput,
) -> AppResult<Person> {
    state
        .with_archive(move |a| people::update(a, &id, &input, Origin::Window))
        .await
}

/// Moves a person to the trash; refused while they take part in an interview.
#[tauri::command]
#[specta::specta]
pub async fn delete_person(state: State<'_, AppState>, id: String) -> AppResult<()> {
    state
        .with_archive(move |a| people::delete(a, &id, Origin::Window))
        .await
}

/// The sort name a person gets when theirs is left blank ("Tatiana Smilga" → "Smilga,
/// Tatiana"), for the editor to show and follow while the curator has not typed one.
#[tauri::command]
#[specta::specta]
pub fn default_sort_name(display_name: String) -> String {
    people::default_sort_name(&display_name)
}

/// A person with every name variant, role, identifier and relationship.
#[tauri::command]
#[specta::specta]
pub async fn person_authority(
    state: State<'_, AppState>,
    person_id: String,
) -> AppResult<people::PersonAuthority> {
    state
        .with_archive(move |a| people::authority(a, &person_id))
        .await
}

/// Adds a spelling of a person's name.
#[tauri::command]
#[specta::specta]
pub async fn add_name_variant(
    state: State<'_, AppState>,
    person_id: String,
    input: people::authority::NameVariantInput,
) -> AppResult<people::authority::NameVariant> {
    state
        .with_archive(move |a| {
            people::authority::add_variant(a, &person_id, &input, Origin::Window)
        })
        .await
}

/// Removes a spelling.
#[tauri::command]
#[specta::specta]
pub async fn remove_name_variant(state: State<'_, AppState>, variant_id: String) -> AppResult<()> {
    state
        .with_archive(move |a| people::authority::remove_variant(a, &variant_id, Origin::Window))
        .await
}

/// Sets a person's roles.
#[tauri::command]
#[specta::specta]
pub async fn set_person_roles(
    state: State<'_, AppState>,
    person_id: String,
    roles: Vec<String>,
) -> AppResult<Vec<String>> {
    state
        .with_archive(move |a| people::authority::set_roles(a, &person_id, &roles, Origin::Window))
        .await
}

/// Sets a person's external identifiers (Wikidata, VIAF), kept as text.
#[tauri::command]
#[specta::specta]
pub async fn set_person_identifiers(
    state: State<'_, AppState>,
    person_id: String,
    identifiers: Vec<people::authority::ExternalId>,
) -> AppResult<Vec<people::authority::ExternalId>> {
    state
        .with_archive(move |a| {
            people::authority::set_identifiers(a, &person_id, &identifiers, Origin::Window)
        })
        .await
}

/// Records a relationship between two people.
#[tauri::command]
#[specta::specta]
pub async fn relate_people(
    state: State<'_, AppState>,
    person_id: String,
    kind: people::authority::RelationKind,
    other_id: String,
    note: String,
) -> AppResult<people::authority::Relation> {
    state
        .with_archive(move |a| {
            people::authority::relate(a, &person_id, kind, &other_id, &note, Origin::Window)
        })
        .await
}

/// Removes a relationship.
#[tauri::command]
#[specta::specta]
pub async fn unrelate_people(state: State<'_, AppState>, relationship_id: String) -> AppResult<()> {
    state
        .with_archive(move |a| people::authority::unrelate(a, &relationship_id, Origin::Window))
        .await?;
    Ok(())
}

/// The people a field that looks for a person offers for what was typed, best first: names
/// that start with it, then a word that does, then names that contain it, in any script or
/// spelling, then the authority's other matches.
#[tauri::command]
#[specta::specta]
pub async fn match_people(
    state: State<'_, AppState>,
    name: String,
) -> AppResult<Vec<people::matching::TypedMatch>> {
    state
        .with_archive(move |a| people::as_typed(a, &name))
        .await
}

/// Pairs of people who may be the same person.
#[tauri::command]
#[specta::specta]
pub async fn possible_duplicates(
    state: State<'_, AppState>,
) -> AppResult<Vec<people::matching::PossibleDuplicate>> {
    state.with_archive(|a| people::possible_duplicates(a)).await
}

/// Merges one person into another, moving every link.
#[tauri::command]
#[specta::specta]
pub async fn merge_people(
    state: State<'_, AppState>,
    keep_id: String,
    remove_id: String,
) -> AppResult<people::Person> {
    state
        .with_archive(move |a| people::merge(a, &keep_id, &remove_id, Origin::Window))
        .await
}

/// Known people mentioned in a transcript, offered as links.
#[tauri::command]
#[specta::specta]
pub async fn transcript_mentions(
    state: State<'_, AppState>,
    transcript_id: String,
) -> AppResult<Vec<people::matching::Mention>> {
    state
        .with_archive(move |a| people::mentions(a, &transcript_id))
        .await
}

/// Everywhere a person is mentioned: interviews and passages, with times to play from.
#[tauri::command]
#[specta::specta]
pub async fn person_mentions(
    state: State<'_, AppState>,
    person_id: String,
) -> AppResult<people::PersonMentions> {
    state
        .with_archive(move |a| people::mentioned_in(a, &person_id))
        .await
}

/// How many interviews and passages mention each person, by person id, for the People list.
#[tauri::command]
#[specta::specta]
pub async fn mention_counts(
    state: State<'_, AppState>,
) -> AppResult<HashMap<String, people::MentionCount>> {
    state.with_archive(|a| people::mention_counts(a)).await
}
