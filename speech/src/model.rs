//! The curator's model folder: a Whisper model converted to CTranslate2's format, as
//! `ct2-transformers-converter` writes it and faster-whisper loads it.

use std::{
    fs::File,
    io::Read,
    path::{Path, PathBuf},
};

use sha2::{Digest, Sha256};

use crate::{Result, SpeechError};

/// What a model folder must hold, besides its vocabulary ([`VOCABULARIES`]).
pub const MODEL_FILES: [&str; 3] = ["model.bin", "config.json", "tokenizer.json"];
/// The vocabulary, in either of the forms converters write.
const VOCABULARIES: [&str; 2] = ["vocabulary.json", "vocabulary.txt"];

/// How the engine turns audio into features. Converted folders often lack this file; these are
/// the values of every Whisper model with 80 mel bands (tiny to large-v2). A folder that holds
/// its own file (large-v3 has 128 bands) is read as it is.
const PREPROCESSOR_FILE: &str = "preprocessor_config.json";
const PREPROCESSOR_CONFIG: &str = r#"{
  "chunk_length": 30,
  "feature_extractor_type": "WhisperFeatureExtractor",
  "feature_size": 80,
  "hop_length": 160,
  "n_fft": 400,
  "n_samples": 480000,
  "nb_max_frames": 3000,
  "padding_side": "right",
  "padding_value": 0.0,
  "processor_class": "WhisperProcessor",
  "return_attention_mask": false,
  "sampling_rate": 16000
}"#;

/// A model folder, checked, with what provenance records of it.
pub struct Model {
    /// The curator's folder.
    pub folder: PathBuf,
    /// The folder's name ("whisper-base").
    pub name: String,
    /// SHA-256 of `model.bin`, hex: which weights made a transcript.
    pub sha256: String,
    /// Where the engine reads the model: the folder itself, or, when it lacks the
    /// preprocessor file, a scratch folder of links to its files beside that file (the
    /// curator's folder is never written to).
    load_from: LoadFrom,
}

enum LoadFrom {
    Folder,
    Scratch(tempfile::TempDir),
}

impl Model {
    /// Checks that a folder holds a model's files, reading none of them; its name.
    pub fn check(folder: &Path) -> Result<String> {
        let missing = |file: &str| SpeechError::ModelIncomplete {
            folder: folder.to_owned(),
            missing: file.to_owned(),
        };
        if !folder.is_dir() {
            return Err(SpeechError::ModelUnreadable {
                folder: folder.to_owned(),
                reason: "there is no such folder".into(),
            });
        }
        if let Some(file) = MODEL_FILES.iter().find(|f| !folder.join(f).is_file()) {
            return Err(missing(file));
        }
        if !VOCABULARIES.iter().any(|f| folder.join(f).is_file()) {
            return Err(missing(&VOCABULARIES.join(" or ")));
        }
        Ok(folder
            .canonicalize()
            .unwrap_or_else(|_| folder.to_owned())
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default())
    }

    /// Checks a model folder and hashes its weights.
    pub fn open(folder: &Path) -> Result<Model> {
        let name = Model::check(folder)?;
        let unreadable = |e: std::io::Error| SpeechError::ModelUnreadable {
            folder: folder.to_owned(),
            reason: e.to_string(),
        };
        let sha256 = sha256_of(&folder.join("model.bin")).map_err(unreadable)?;
        let load_from = if folder.join(PREPROCESSOR_FILE).is_file() {
            LoadFrom::Folder
        } else {
            LoadFrom::Scratch(scratch_folder(folder).map_err(unreadable)?)
        };
        Ok(Model {
            folder: folder.to_owned(),
            name,
            sha256,
            load_from,
        })
    }

    /// The folder the engine loads.
    pub(crate) fn load_path(&self) -> &Path {
        match &self.load_from {
            LoadFrom::Folder => &self.folder,
            LoadFrom::Scratch(dir) => dir.path(),
        }
    }
}

fn scratch_folder(folder: &Path) -> std::io::Result<tempfile::TempDir> {
    let scratch = tempfile::Builder::new()
        .prefix("recollect-model-")
        .tempdir()?;
    let folder = folder.canonicalize()?;
    for file in MODEL_FILES.iter().chain(&VOCABULARIES) {
        if folder.join(file).is_file() {
            link(&folder.join(file), &scratch.path().join(file))?;
        }
    }
    std::fs::write(scratch.path().join(PREPROCESSOR_FILE), PREPROCESSOR_CONFIG)?;
    Ok(scratch)
}

#[cfg(unix)]
fn link(from: &Path, to: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(from, to)
}

#[cfg(not(unix))]
fn link(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ()))
}

fn sha256_of(path: &Path) -> std::io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 20];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_without_weights_is_refused_naming_what_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        for file in ["config.json", "tokenizer.json", "vocabulary.json"] {
            std::fs::write(dir.path().join(file), "{}").unwrap();
        }
        let err = Model::open(dir.path()).err().expect("refused");
        let message = err.to_string();
        assert!(message.contains("model.bin is missing"), "{message}");
        assert!(
            message.contains(&dir.path().display().to_string()),
            "{message}"
        );
    }
}
