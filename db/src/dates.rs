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

/// Today's date in UTC as `yyyy-mm-dd`, the form restrictions and packages are dated in.
pub fn today() -> String {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0) as i64;
    civil_date(days)
}

/// The calendar date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`): written out
/// rather than adding a date crate for one conversion.
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
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
    fn civil_dates_are_right_across_leap_years() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_782), "2026-11-25");
        assert_eq!(today().len(), 10);
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
