//! Dates in the Extended Date/Time Format (EDTF, ISO 8601-2 annex A), the form archivists use
//! for "1927", "1927-02~" (about February 1927) or "192X" (the 1920s).

use crate::error::{Error, Result};

/// Validates an optional EDTF date from user input: blank means no date.
pub fn normalize(field: &'static str, value: Option<&str>) -> Result<Option<String>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    match edtf_core::Edtf::parse(value) {
        Ok(_) => Ok(Some(value.to_owned())),
        Err(e) => Err(Error::invalid(
            field,
            format!("\"{value}\" is not an EDTF date ({e}); write e.g. 1927, 1927-02-25, 1927-02~ or 192X"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archival_dates_are_accepted() {
        for date in ["1927", "1927-02-25", "1927-02~", "192X", "1905?", "1917/1922", "19XX"] {
            assert_eq!(normalize("date", Some(date)).unwrap().as_deref(), Some(date), "{date} is valid EDTF");
        }
    }

    #[test]
    fn blank_is_no_date() {
        assert_eq!(normalize("date", Some("  ")).unwrap(), None);
        assert_eq!(normalize("date", None).unwrap(), None);
    }

    #[test]
    fn nonsense_is_refused_with_the_field_and_an_example() {
        for bad in ["February 1927", "1927-13", "1985-02-30", "27/02/1927"] {
            let err = normalize("date", Some(bad)).unwrap_err().to_string();
            assert!(err.starts_with("date:") && err.contains("EDTF"), "{bad}: {err}");
        }
    }
}
