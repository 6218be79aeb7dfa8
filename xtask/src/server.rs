//! A small static file server for the page: loopback only, GET/HEAD only, correct MIME types, the CSP header
//! on every response, no directory listings and no path escapes.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

/// URL prefix → folder on disk, tried in order.
#[derive(Clone)]
pub struct Site {
    pub mounts: Vec<(String, PathBuf)>,
}

impl Site {
    /// The development layout: `/pkg/` from `pkg/`, everything else from `web/`.
    pub fn dev(root: &Path) -> Site {
        Site {
            mounts: vec![
                ("/pkg/".into(), root.join("pkg")),
                // Real-export fixtures, for the embedding test; dist/ holds only the page and the wasm.
                ("/test-data/".into(), root.join("tests/cases")),
                ("/chart-goldens/".into(), root.join("tests/charts")),
                ("/".into(), root.join("web")),
            ],
        }
    }

    fn resolve(&self, url_path: &str) -> Option<PathBuf> {
        let path = url_path.split(['?', '#']).next().unwrap_or("/");
        let path = percent_decode(path)?;
        for (prefix, dir) in &self.mounts {
            if let Some(rest) = path.strip_prefix(prefix.as_str()) {
                let rel = Path::new(rest);
                if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
                    return None;
                }
                let mut file = dir.join(rel);
                if rest.is_empty() || rest.ends_with('/') {
                    file = file.join("index.html");
                }
                return Some(file);
            }
        }
        None
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ttf" => "font/ttf",
        "woff2" => "font/woff2",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

pub fn serve_forever(listener: TcpListener, site: Site) {
    for stream in listener.incoming().flatten() {
        let site = site.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &site);
        });
    }
}

fn handle(mut stream: TcpStream, site: &Site) -> std::io::Result<()> {
    stream.set_read_timeout(Some(std::time::Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed\n",
            method == "HEAD",
        );
    }
    let Some(file) = site.resolve(target) else {
        return respond(
            &mut stream,
            404,
            "text/plain; charset=utf-8",
            b"not found\n",
            method == "HEAD",
        );
    };
    match std::fs::read(&file) {
        Ok(body) => respond(&mut stream, 200, mime_type(&file), &body, method == "HEAD"),
        Err(_) => respond(
            &mut stream,
            404,
            "text/plain; charset=utf-8",
            b"not found\n",
            method == "HEAD",
        ),
    }
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    mime: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nContent-Security-Policy: {}\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len(),
        crate::CSP
    );
    stream.write_all(header.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}
