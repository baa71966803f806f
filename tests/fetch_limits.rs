#![allow(clippy::unwrap_used)] // helpers outside #[test] unwrap too: a panic fails the test
//! Hostile servers against the fetcher's caps, on 127.0.0.1 inside the test: a server that
//! trickles its body a byte at a time is cut off by the total time limit, and a gzip bomb (a
//! small compressed body that inflates far past the size cap) is cut off after decoding.

use flate2::write::GzEncoder;
use qwen_story::sources::fetch::{get, FetchError, Limits, Validators};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

/// Serves one connection with `answer`, in a thread; returns the URL to ask.
fn serve_once(answer: impl FnOnce(TcpStream) + Send + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            // The request: read up to its blank line.
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                line.clear();
            }
            answer(stream);
        }
    });
    format!("http://{addr}/")
}

fn short_limits() -> Limits {
    Limits {
        connect: Duration::from_secs(2),
        read: Duration::from_secs(2),
        total: Duration::from_secs(1),
        max_bytes: 1024 * 1024,
        max_redirects: 2,
    }
}

#[test]
fn a_trickling_server_is_cut_off_by_the_total_time() {
    let url = serve_once(|mut stream| {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n";
        let _ = stream.write_all(head.as_bytes());
        // One byte every 100 ms: each read is quick, the whole would take hours.
        for _ in 0..100_000 {
            if stream.write_all(b"a").is_err() || stream.flush().is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    let started = Instant::now();
    let result = get(&url, &Validators::default(), &short_limits());
    let took = started.elapsed();
    assert!(
        matches!(result, Err(FetchError::Timeout(_))),
        "{:?}",
        result.map(|_| "a body")
    );
    assert!(took < Duration::from_secs(5), "cut off after {took:?}");
}

#[test]
fn a_gzip_bomb_is_cut_off_after_decoding() {
    // 64 MB of spaces and letters compress to a few tens of kilobytes.
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::best());
    let line = [b'q'; 1024];
    for _ in 0..64 * 1024 {
        gz.write_all(&line).unwrap();
    }
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 1024 * 1024, "the bomb itself is small");
    let url = serve_once(move |mut stream| {
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
            bomb.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(&bomb);
    });
    let result = get(&url, &Validators::default(), &short_limits());
    assert!(
        matches!(result, Err(FetchError::TooLarge(_))),
        "{:?}",
        result.map(|_| "a body")
    );
}
