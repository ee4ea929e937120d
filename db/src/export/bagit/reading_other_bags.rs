use sha2::Digest;

use super::*;

fn digest_of(algorithm: &str, bytes: &[u8]) -> String {
    match algorithm {
        "md5" => hex(&md5::Md5::digest(bytes)),
        "sha1" => hex(&sha1::Sha1::digest(bytes)),
        "sha224" => hex(&sha2::Sha224::digest(bytes)),
        "sha256" => hex(&sha2::Sha256::digest(bytes)),
        "sha384" => hex(&sha2::Sha384::digest(bytes)),
        "sha512" => hex(&sha2::Sha512::digest(bytes)),
        other => panic!("{other}"),
    }
}

/// A bag as another tool writes one.
struct HandBag {
    version: &'static str,
    encoding: &'static str,
    algorithms: Vec<&'static str>,
    files: Vec<(&'static str, Vec<u8>)>,
    /// How a manifest line writes a path ("data/x" → "./data/x" for some old tools).
    path_prefix: &'static str,
    utf16_tags: bool,
    oxum: bool,
    tag_manifest: bool,
}

impl Default for HandBag {
    fn default() -> Self {
        HandBag {
            version: "0.97",
            encoding: "UTF-8",
            algorithms: vec!["md5"],
            files: vec![
                ("data/interview.txt", "Smilga, 1989".into()),
                ("data/tapes/side a.wav", vec![1, 2, 3, 4]),
            ],
            path_prefix: "",
            utf16_tags: false,
            oxum: true,
            tag_manifest: true,
        }
    }
}

impl HandBag {
    fn tag_bytes(&self, text: &str) -> Vec<u8> {
        if self.utf16_tags {
            let mut bytes = vec![0xff, 0xfe];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        } else {
            text.as_bytes().to_vec()
        }
    }

    fn write(&self, root: &Path) {
        fs::create_dir_all(root.join("data")).unwrap();
        for (path, bytes) in &self.files {
            let full = root.join(path);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(full, bytes).unwrap();
        }
        fs::write(
            root.join("bagit.txt"),
            format!(
                "BagIt-Version: {}\r\nTag-File-Character-Encoding: {}\r\n",
                self.version, self.encoding
            ),
        )
        .unwrap();
        let mut tags = vec!["bagit.txt".to_owned()];
        let bytes: usize = self.files.iter().map(|(_, b)| b.len()).sum();
        let mut info = "Source-Organization: Spengler University\nExternal-Description: Uncompressed TIFF images\n  of the Yoshimuri papers.\n".to_owned();
        if self.oxum {
            info.push_str(&format!("Payload-Oxum: {bytes}.{}\n", self.files.len()));
        }
        fs::write(root.join("bag-info.txt"), self.tag_bytes(&info)).unwrap();
        tags.push("bag-info.txt".into());
        for algorithm in &self.algorithms {
            let mut manifest = String::new();
            for (path, bytes) in &self.files {
                manifest.push_str(&format!(
                    "{}  {}{path}\n",
                    digest_of(algorithm, bytes),
                    self.path_prefix
                ));
            }
            let name = format!("manifest-{algorithm}.txt");
            fs::write(root.join(&name), self.tag_bytes(&manifest)).unwrap();
            tags.push(name);
        }
        if self.tag_manifest {
            for algorithm in &self.algorithms {
                let mut manifest = String::new();
                for tag in &tags {
                    let bytes = fs::read(root.join(tag)).unwrap();
                    manifest.push_str(&format!("{} {tag}\n", digest_of(algorithm, &bytes)));
                }
                fs::write(
                    root.join(format!("tagmanifest-{algorithm}.txt")),
                    self.tag_bytes(&manifest),
                )
                .unwrap();
            }
        }
    }
}

fn made(bag: HandBag) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("bag");
    bag.write(&root);
    (dir, root)
}

fn refusal(root: &Path) -> String {
    verify(root, &JobContext::silent())
        .expect_err("the bag must be refused")
        .to_string()
}

/// Rewrites the tag manifests after a test changed a tag file, so the change itself is
/// what is tested.
fn retag(root: &Path, algorithm: &str) {
    let name = format!("tagmanifest-{algorithm}.txt");
    let text = fs::read_to_string(root.join(&name)).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        let (_, tag) = line.split_once(' ').unwrap();
        let bytes = fs::read(root.join(tag)).unwrap();
        out.push_str(&format!("{} {tag}\n", digest_of(algorithm, &bytes)));
    }
    fs::write(root.join(name), out).unwrap();
}

#[test]
fn a_bag_with_md5_sha1_or_any_sha2_manifest_verifies() {
    for algorithm in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"] {
        let (_dir, root) = made(HandBag {
            algorithms: vec![algorithm],
            ..Default::default()
        });
        let bag = verify(&root, &JobContext::silent()).unwrap();
        assert_eq!(bag.algorithms, [algorithm]);
        assert_eq!(
            bag.payload["interview.txt"],
            digest_of("sha256", b"Smilga, 1989"),
            "the SHA-256 of every file is known whatever the manifests"
        );
    }
    let (_dir, root) = made(HandBag {
        algorithms: vec!["md5", "sha1"],
        ..Default::default()
    });
    assert_eq!(
        verify(&root, &JobContext::silent()).unwrap().algorithms,
        ["md5", "sha1"]
    );
}

#[test]
fn a_file_that_does_not_match_its_md5_is_refused() {
    let (_dir, root) = made(HandBag::default());
    fs::write(root.join("data/interview.txt"), "Radek, 19890").unwrap();
    let err = refusal(&root);
    assert!(
        err.contains("manifest-md5.txt, line 1: data/interview.txt does not match its md5 digest"),
        "{err}"
    );
}

#[test]
fn every_manifest_must_list_every_payload_file() {
    let (_dir, root) = made(HandBag {
        algorithms: vec!["md5", "sha256"],
        ..Default::default()
    });
    let manifest = root.join("manifest-sha256.txt");
    let first_line_only: String = fs::read_to_string(&manifest)
        .unwrap()
        .lines()
        .take(1)
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&manifest, first_line_only).unwrap();
    retag(&root, "md5");
    retag(&root, "sha256");
    let err = refusal(&root);
    assert!(
        err.contains(
            "manifest-sha256.txt: data/tapes/side a.wav is in the bag but not in the manifest"
        ),
        "{err}"
    );
}

#[test]
fn a_path_listed_twice_is_refused_even_with_the_same_digest() {
    let (_dir, root) = made(HandBag::default());
    let manifest = root.join("manifest-md5.txt");
    let mut text = fs::read_to_string(&manifest).unwrap();
    let first = text.lines().next().unwrap().to_owned();
    text.push_str(&format!("{first}\n"));
    fs::write(&manifest, text).unwrap();
    let err = refusal(&root);
    assert!(
        err.contains("line 3: data/interview.txt is listed twice"),
        "{err}"
    );
}

#[test]
fn a_manifest_path_with_a_leading_dot_slash_is_the_same_path() {
    let (_dir, root) = made(HandBag {
        version: "0.96",
        path_prefix: "./",
        ..Default::default()
    });
    let bag = verify(&root, &JobContext::silent()).unwrap();
    assert!(
        bag.payload.contains_key("tapes/side a.wav"),
        "{:?}",
        bag.payload
    );
}

#[test]
fn utf16_tag_files_with_a_byte_order_mark_are_read() {
    let (_dir, root) = made(HandBag {
        encoding: "UTF-16",
        utf16_tags: true,
        ..Default::default()
    });
    let bag = verify(&root, &JobContext::silent()).unwrap();
    assert_eq!(bag.payload.len(), 2);
    assert!(bag
        .info
        .iter()
        .any(|(k, v)| k == "External-Description" && v.ends_with("of the Yoshimuri papers.")));
}

#[test]
fn latin1_tag_files_are_read_in_their_declared_encoding() {
    let (_dir, root) = made(HandBag {
        encoding: "ISO-8859-1",
        ..Default::default()
    });
    fs::write(
        root.join("bag-info.txt"),
        b"Contact-Name: Jos\xe9 N\xfa\xf1ez\nPayload-Oxum: 16.2\n",
    )
    .unwrap();
    retag(&root, "md5");
    let bag = verify(&root, &JobContext::silent()).unwrap();
    assert!(bag
        .info
        .iter()
        .any(|(k, v)| k == "Contact-Name" && v == "José Núñez"));
}

#[test]
fn every_bagit_version_from_0_93_to_1_0_is_read_and_others_are_refused() {
    for version in ["0.93", "0.94", "0.95", "0.96", "0.97", "1.0"] {
        let (_dir, root) = made(HandBag {
            version,
            ..Default::default()
        });
        let bag = verify(&root, &JobContext::silent()).unwrap();
        assert_eq!(bag.version, version);
    }
    for version in [".97", "0.92", "2.0", "1.x"] {
        let (_dir, root) = made(HandBag {
            version,
            ..Default::default()
        });
        let err = refusal(&root);
        assert!(err.contains("bagit.txt, line 1"), "{version}: {err}");
    }
}

#[test]
fn a_malformed_declaration_is_refused() {
    let cases: [(&[u8], &str); 3] = [
        (
            b"\xef\xbb\xbfBagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n",
            "byte-order mark",
        ),
        (
            b"BagIt-Version : 1.0\nTag-File-Character-Encoding : UTF-8\n",
            "expected \"BagIt-Version: 1.0\"",
        ),
        (
            b"BagIt-Version: 0.97\n",
            "line 2: expected \"Tag-File-Character-Encoding",
        ),
    ];
    for (declaration, expected) in cases {
        let (_dir, root) = made(HandBag {
            tag_manifest: false,
            ..Default::default()
        });
        fs::write(root.join("bagit.txt"), declaration).unwrap();
        let err = refusal(&root);
        assert!(err.contains(expected), "{err}");
    }
    let (_dir, root) = made(HandBag::default());
    fs::remove_file(root.join("bagit.txt")).unwrap();
    assert!(refusal(&root).contains("not a BagIt bag"));
}

#[test]
fn a_tag_file_listed_but_missing_is_refused() {
    let (_dir, root) = made(HandBag::default());
    fs::remove_file(root.join("bag-info.txt")).unwrap();
    let err = refusal(&root);
    assert!(
        err.contains("tagmanifest-md5.txt, line 2: bag-info.txt is listed but missing"),
        "{err}"
    );
}

#[test]
fn a_fetch_entry_that_escapes_the_bag_is_refused() {
    for (path, expected) in [
        ("../../../README.md", "escapes the bag"),
        ("data/../../secret", "escapes the bag"),
        ("/etc/passwd", "escapes the bag"),
        ("~/notes.txt", "is not under data/"),
    ] {
        let (_dir, root) = made(HandBag::default());
        fs::write(
            root.join("fetch.txt"),
            format!("http://localhost:8989/bags/holey/x.txt - {path}\r\n"),
        )
        .unwrap();
        let err = refusal(&root);
        assert!(
            err.contains("fetch.txt, line 1") && err.contains(expected),
            "{path}: {err}"
        );
    }
}

#[test]
fn a_fetch_entry_inside_the_bag_is_accepted_and_an_unfetched_file_is_named() {
    let (_dir, root) = made(HandBag::default());
    fs::write(
        root.join("fetch.txt"),
        "http://example.org/side%20a.wav 4 data/tapes/side a.wav\n",
    )
    .unwrap();
    verify(&root, &JobContext::silent()).unwrap();
    fs::remove_file(root.join("data/tapes/side a.wav")).unwrap();
    fs::write(root.join("bag-info.txt"), "Payload-Oxum: 12.1\n").unwrap();
    retag(&root, "md5");
    let err = refusal(&root);
    assert!(
        err.contains("data/tapes/side a.wav is listed in fetch.txt but not in the bag"),
        "{err}"
    );
}

#[test]
fn a_manifest_of_an_algorithm_recollect_cannot_check_is_refused() {
    let (_dir, root) = made(HandBag::default());
    fs::write(root.join("manifest-blake3.txt"), "").unwrap();
    let err = refusal(&root);
    assert!(err.contains("cannot check blake3 digests"), "{err}");
}

#[test]
fn a_payload_oxum_that_does_not_add_up_is_refused_before_any_file_is_read() {
    let (_dir, root) = made(HandBag::default());
    fs::write(root.join("bag-info.txt"), "Payload-Oxum: 15.2\n").unwrap();
    retag(&root, "md5");
    let err = refusal(&root);
    assert!(
        err.contains("Payload-Oxum says 15.2 but the payload is 16.2"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_the_payload_is_refused_without_being_opened() {
    let (_dir, root) = made(HandBag::default());
    let fifo = root.join("data/tapes/side a.wav");
    fs::remove_file(&fifo).unwrap();
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
    let err = refusal(&root);
    assert!(
        err.contains("data/tapes/side a.wav is a named pipe (FIFO), not a file"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_to_a_device_or_outside_the_bag_is_refused() {
    for target in ["/dev/zero", "/etc/hostname"] {
        let (_dir, root) = made(HandBag::default());
        let link = root.join("data/tapes/side a.wav");
        fs::remove_file(&link).unwrap();
        std::os::unix::fs::symlink(target, &link).unwrap();
        let err = refusal(&root);
        assert!(
            err.contains("data/tapes/side a.wav is a symbolic link, not a file"),
            "{target}: {err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_tag_file_that_is_a_link_to_a_device_is_refused() {
    let (_dir, root) = made(HandBag::default());
    fs::remove_file(root.join("bag-info.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("bag-info.txt")).unwrap();
    let err = refusal(&root);
    assert!(
        err.contains("bag-info.txt is a symbolic link, not a file"),
        "{err}"
    );
    let (_dir, root) = made(HandBag::default());
    fs::remove_dir_all(root.join("data/tapes")).unwrap();
    std::os::unix::fs::symlink("/dev", root.join("data/tapes")).unwrap();
    let err = refusal(&root);
    assert!(err.contains("data/tapes is a symbolic link"), "{err}");
}

#[test]
fn a_valid_bag_that_is_not_a_recollect_package_is_not_imported_and_says_so() {
    let (_dir, root) = made(HandBag::default());
    let mut archive = crate::Archive::open_in_memory().unwrap();
    let err = crate::export::package::import(&mut archive, &root, &JobContext::silent())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("is a valid BagIt bag, but not a Recollect package"),
        "{err}"
    );
}
