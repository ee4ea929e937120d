use super::ErrorCode::{self, *};

#[test]
fn each_code_is_named_as_serde_writes_it() {
    let all: [ErrorCode; 9] = [
        NotFound,
        Invalid,
        InUse,
        Busy,
        NotAnArchive,
        NoArchive,
        Cancelled,
        Io,
        Internal,
    ];
    for code in all {
        assert_eq!(
            serde_json::to_string(&code).unwrap(),
            format!("\"{}\"", code.as_str())
        );
    }
}
