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
        Err(e) => Err(Error::invalid(field, unreadable(value, &e))),
    }
}

/// How to write a date, after saying that one could not be read.
const HOW_TO_WRITE: &str = "write a year (1927), a month (1927-05) or a day (1927-05-14); \
    add ~ for about (1927~) or ? for uncertain (1927?), and X for digits not known (192X, the 1920s)";

/// What a historian is told about a date the EDTF parser refused: what they typed, what is
/// wrong with it where that can be said plainly, and how to write one. The parser's own words
/// ("invalid EDTF at offset 6: whitespace is not allowed") are for developers, not the window.
fn unreadable(value: &str, e: &edtf_core::ParseError) -> String {
    let without_spaces: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    // Letters EDTF itself uses: X (a digit not known), T and Z (times), E and S (exponents and
    // significant digits), Y (long years).
    let words = value
        .chars()
        .any(|c| c.is_alphabetic() && !"XTZESY".contains(c));
    let why = if words {
        Some("write it in digits, not words")
    } else if without_spaces != value && edtf_core::Edtf::parse(&without_spaces).is_ok() {
        Some("leave out the spaces")
    } else if e.message.starts_with("month must be") {
        Some("months run from 01 to 12")
    } else if e.message == "day is out of range for the month" {
        Some("that month has no such day")
    } else {
        None
    };
    match why {
        Some(why) => {
            format!("\"{value}\" is not a date Recollect can read ({why}): {HOW_TO_WRITE}")
        }
        None => format!("\"{value}\" is not a date Recollect can read: {HOW_TO_WRITE}"),
    }
}

/// Validates an optional calendar day from user input, `YYYY-MM-DD`, as embargoes and release
/// terms use: they lift on a day, so "1992" or "spring 2030" will not do. Blank means none.
pub fn day(field: &'static str, value: Option<&str>) -> Result<Option<String>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let shaped = value.len() == 10
        && value.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if shaped && edtf_core::Edtf::parse(value).is_ok() {
        return Ok(Some(value.to_owned()));
    }
    Err(Error::invalid(
        field,
        format!("\"{value}\" is not a day; write it as YYYY-MM-DD, e.g. 2030-01-01"),
    ))
}

/// The last calendar day an EDTF date can mean, as `YYYY-MM-DD`: 1937-12-31 for "1937",
/// 1939-12-31 for "193X". `None` when it has no known end. Lets "after her death" be decided
/// only once every day the recorded date could mean has passed.
pub fn latest_day(value: &str) -> Option<String> {
    let parsed = edtf_core::Edtf::parse(value.trim()).ok()?;
    match parsed.bounds().latest {
        edtf_core::Bound::Date(d) if d.year >= 0 => Some(d.to_string()),
        _ => None,
    }
}

/// Today's date in UTC, as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_from_days((secs / 86_400) as i64)
}

/// Howard Hinnant's days-to-civil algorithm: the date `days` after 1970-01-01.
fn civil_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests;
