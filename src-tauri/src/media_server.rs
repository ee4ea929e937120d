//! Serves the archive's recordings to the player over HTTP on the loopback interface.
//!
//! WebKitGTK hands `<audio>`/`<video>` sources to GStreamer, which cannot read Tauri's
//! `asset://` scheme (tauri-apps/tauri#3725), so recordings are offered on 127.0.0.1 instead:
//! a random port, a random token in every address, only the files the window was given
//! (registered by `list_media`), byte ranges for seeking. Nothing leaves the machine.

use std::{
    collections::HashMap,
    fs::File,
    io::{Read, Seek, SeekFrom},
    path::PathBuf,
    sync::{Arc, Mutex},
};

/// The running server.
#[derive(Clone)]
pub struct MediaServer {
    base: String,
    files: Arc<Mutex<HashMap<String, (PathBuf, String)>>>,
}

impl MediaServer {
    /// Starts serving on a free loopback port.
    pub fn start() -> std::io::Result<Self> {
        let server = tiny_http::Server::http("127.0.0.1:0").map_err(std::io::Error::other)?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .unwrap_or_default();
        let token = uuid_token();
        let files: Arc<Mutex<HashMap<String, (PathBuf, String)>>> = Arc::default();
        let served = files.clone();
        let expected = format!("/{token}/");
        std::thread::Builder::new()
            .name("media-server".into())
            .spawn(move || {
                for request in server.incoming_requests() {
                    let found = request.url().strip_prefix(&expected).and_then(|id| {
                        served
                            .lock()
                            .ok()?
                            .get(id.split('?').next().unwrap_or(""))
                            .cloned()
                    });
                    let response = match found {
                        Some((path, mime)) => respond(&request, &path, &mime),
                        None => Err(404),
                    };
                    let result = match response {
                        Ok(r) => request.respond(r),
                        Err(status) => request.respond(tiny_http::Response::empty(status)),
                    };
                    if let Err(e) = result {
                        tracing::debug!(error = %e, "the player closed a connection");
                    }
                }
            })?;
        Ok(MediaServer {
            base: format!("http://127.0.0.1:{port}/{token}"),
            files,
        })
    }

    /// The address the player loads a recording from; registers the file for serving.
    pub fn url_for(&self, id: &str, path: PathBuf, mime: &str) -> String {
        if let Ok(mut files) = self.files.lock() {
            files.insert(id.to_owned(), (path, mime.to_owned()));
        }
        format!("{}/{id}", self.base)
    }
}

fn uuid_token() -> String {
    recollect_db::ids::new_id().replace('-', "")
        + &recollect_db::ids::new_id().replace('-', "")[20..]
}

type Reply = tiny_http::Response<std::io::Take<File>>;

/// A whole file, or the byte range the player asked for.
fn respond(request: &tiny_http::Request, path: &PathBuf, mime: &str) -> Result<Reply, u16> {
    let mut file = File::open(path).map_err(|_| 404u16)?;
    let size = file.metadata().map_err(|_| 500u16)?.len();
    let range = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Range"))
        .and_then(|h| parse_range(h.value.as_str(), size));
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
    };
    let (status, start, length) = match range {
        Some((start, end)) => (206, start, end - start + 1),
        None => (200, 0, size),
    };
    file.seek(SeekFrom::Start(start)).map_err(|_| 500u16)?;
    let mut response = tiny_http::Response::new(
        tiny_http::StatusCode(status),
        vec![
            header("Content-Type", mime),
            header("Accept-Ranges", "bytes"),
        ],
        file.take(length),
        Some(length as usize),
        None,
    );
    if status == 206 {
        response.add_header(header(
            "Content-Range",
            &format!("bytes {start}-{}/{size}", start + length - 1),
        ));
    }
    Ok(response)
}

/// `bytes=START-END`, `bytes=START-` or `bytes=-SUFFIX`, clamped to the file.
fn parse_range(value: &str, size: u64) -> Option<(u64, u64)> {
    let spec = value
        .trim()
        .strip_prefix("bytes=")?
        .split(',')
        .next()?
        .trim();
    let (from, to) = spec.split_once('-')?;
    if size == 0 {
        return None;
    }
    let (start, end) = match (from.trim(), to.trim()) {
        ("", suffix) => {
            let n: u64 = suffix.parse().ok()?;
            (size.saturating_sub(n), size - 1)
        }
        (from, "") => (from.parse().ok()?, size - 1),
        (from, to) => (from.parse().ok()?, to.parse::<u64>().ok()?.min(size - 1)),
    };
    (start <= end && start < size).then_some((start, end))
}

#[cfg(test)]
mod tests;
