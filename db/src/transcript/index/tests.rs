use super::*;

#[test]
fn only_http_https_and_mailto_links_pass() {
    for good in [
        "https://example.org/letters/1927",
        "http://archive.example/a?b=c#d",
        "HTTPS://Example.org/",
        "mailto:curator@example.org",
    ] {
        assert!(check_hyperlink(good).is_ok(), "{good}");
    }
    for bad in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "//evil.example/x",
        "/relative/path",
        "&#106;avascript:alert(1)",
        "http:example.org",
        "",
    ] {
        assert!(check_hyperlink(bad).is_err(), "{bad:?}");
        assert!(!is_safe_hyperlink(bad), "{bad:?}");
    }
}
