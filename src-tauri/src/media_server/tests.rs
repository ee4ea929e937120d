use super::*;

#[test]
fn ranges_are_read_as_players_send_them() {
    assert_eq!(parse_range("bytes=0-", 1000), Some((0, 999)));
    assert_eq!(parse_range("bytes=100-199", 1000), Some((100, 199)));
    assert_eq!(parse_range("bytes=900-5000", 1000), Some((900, 999)));
    assert_eq!(parse_range("bytes=-100", 1000), Some((900, 999)));
    assert_eq!(parse_range("bytes=1000-", 1000), None);
    assert_eq!(parse_range("items=0-1", 1000), None);
}

#[test]
fn only_registered_files_are_served_with_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tape.wav");
    std::fs::write(&path, (0..=255u8).collect::<Vec<_>>()).unwrap();
    let server = MediaServer::start().unwrap();
    let url = server.url_for("abc", path, "audio/wav");
    let get = |url: &str, range: Option<&str>| -> (u16, Vec<u8>) {
        let rest = url.strip_prefix("http://").unwrap();
        let (host, path) = rest.split_once('/').unwrap();
        let mut stream = std::net::TcpStream::connect(host).unwrap();
        let range = range.map(|r| format!("Range: {r}\r\n")).unwrap_or_default();
        std::io::Write::write_all(
            &mut stream,
            format!("GET /{path} HTTP/1.1\r\nHost: {host}\r\n{range}Connection: close\r\n\r\n")
                .as_bytes(),
        )
        .unwrap();
        let mut reply = Vec::new();
        stream.read_to_end(&mut reply).unwrap();
        let split = reply.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&reply[..split]).to_string();
        let status: u16 = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, reply[split + 4..].to_vec())
    };
    let (status, body) = get(&url, None);
    assert_eq!((status, body.len()), (200, 256));
    let (status, body) = get(&url, Some("bytes=16-31"));
    assert_eq!((status, body), (206, (16..=31u8).collect::<Vec<_>>()));
    let (status, _) = get(&url.replace("/abc", "/other"), None);
    assert_eq!(status, 404, "unregistered files are not served");
    let wrong_token = url
        .rsplit_once('/')
        .map(|(base, id)| format!("{}x/{id}", base))
        .unwrap();
    assert_eq!(
        get(&wrong_token, None).0,
        404,
        "a wrong token finds nothing"
    );
}
