//! The lines of `bag-info.txt`.

use super::ExportOptions;

/// The lines of `bag-info.txt`: who made the package, what it holds, and what it withholds.
pub(super) fn bag_info(
    curator: &str,
    options: &ExportOptions,
    today: &str,
    selection_described: &str,
    interviews: usize,
    withheld: &[String],
    package_id: &str,
) -> Vec<(String, String)> {
    let profile_name = options.profile.name();
    let or = |given: &str, default: String| {
        if given.trim().is_empty() {
            default
        } else {
            given.to_owned()
        }
    };
    let mut info = vec![
        (
            "Source-Organization".to_owned(),
            or(&options.organization, "Recollect archive".into()),
        ),
        (
            "Contact-Name".to_owned(),
            or(
                &options.contact,
                or(curator, "the curator of this archive (no name set)".into()),
            ),
        ),
        (
            "External-Description".to_owned(),
            or(
                &options.description,
                format!(
                    "Oral history interviews: {selection_described} ({profile_name} profile, {interviews} interviews)."
                ),
            ),
        ),
        ("Bagging-Date".to_owned(), today.to_owned()),
        (
            "Bag-Software-Agent".to_owned(),
            format!("Recollect {}", env!("CARGO_PKG_VERSION")),
        ),
        ("Recollect-Profile".to_owned(), profile_name.to_owned()),
        (
            "Recollect-Selection".to_owned(),
            selection_described.to_owned(),
        ),
    ];
    for line in withheld {
        info.push(("Recollect-Withheld".to_owned(), line.clone()));
    }
    info.push(("External-Identifier".to_owned(), package_id.to_owned()));
    info.retain(|(_, v)| !v.is_empty());
    info
}
