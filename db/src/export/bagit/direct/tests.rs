use sha2::{Digest, Sha256, Sha512};

use super::{super::hex, *};

#[test]
fn a_copy_with_a_partial_last_block_is_whole_and_hashed_once() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in.wav");
    let mut bytes = vec![0u8; 3 * CHUNK + 1234];
    fastrand::Rng::with_seed(3).fill(&mut bytes);
    std::fs::write(&src, &bytes).unwrap();
    let dest = dir.path().join("out.wav");
    let digests = copy_and_hash(&src, &dest, &JobContext::silent()).unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), bytes);
    assert_eq!(digests.size, bytes.len() as u64);
    assert_eq!(digests.sha256, hex(&Sha256::digest(&bytes)));
    assert_eq!(digests.sha512, hex(&Sha512::digest(&bytes)));
}
