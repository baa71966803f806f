//! Pages, feeds and URLs through the binary. Every server is on 127.0.0.1 inside the test.
#![allow(clippy::unwrap_used)] // helpers outside #[test] unwrap too: a panic fails the test

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/html")
            .join(name),
    )
    .unwrap()
}

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Wire</title><language>en</language>
<item><title>Qwen derivatives pass 180,000</title><link>http://HOST/items/derivatives</link>
<pubDate>Tue, 20 Jan 2026 10:00:00 +0000</pubDate>
<description><![CDATA[<p>Developers have now built more than 180,000 derivative models on top of Alibaba's Qwen family, the company said on Tuesday in a statement about its open model programme.</p><p>The figure was about 90,000 a year earlier, which means the number of derivatives has doubled in twelve months as more companies fine-tune the open weights for their own products and services.</p><p>Alibaba said the growth came mostly from small firms and universities, which favour the smaller models of the family because they run on a single graphics card.</p><p>The company expects the count to keep rising through the year.</p>]]></description></item>
<item><title>Qwen passes 700 million downloads</title><link>http://HOST/page.html</link>
<pubDate>Wed, 21 Jan 2026 01:30:00 +0000</pubDate><description>Short summary.</description></item>
<item><title>Chip rules tighten</title><link>http://HOST/items/chips</link>
<pubDate>Wed, 21 Jan 2026 02:00:00 +0000</pubDate>
<description><![CDATA[<p>New export rules for advanced chips take effect next month, officials said, and several manufacturers warned that supply of accelerators to some regions would slow down considerably during the first half of the year while licences are reviewed one by one by the authorities in charge of the programme.</p><p>Analysts expect the changes to raise prices for cloud computing customers in the affected markets, at least until new production lines come online late next year.</p><p>Several large buyers have already started to stockpile hardware ahead of the deadline, according to people familiar with their plans, and distributors report longer waiting times for new orders.</p>]]></description></item>
</channel></rss>"#;

/// A small HTTP/1.1 server: one thread per connection, one request per connection.
struct Server {
    addr: String,
    conditional: Arc<AtomicUsize>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let conditional = Arc::new(AtomicUsize::new(0));
        let (host, seen) = (addr.clone(), conditional.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (host, seen) = (host.clone(), seen.clone());
                std::thread::spawn(move || serve(stream, &host, &seen));
            }
        });
        Server { addr, conditional }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

fn serve(mut stream: TcpStream, host: &str, conditional: &AtomicUsize) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("if-none-match") {
                if_none_match = Some(v.trim().to_string());
            }
        }
    }
    let reply = |stream: &mut TcpStream, status: &str, headers: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    match path.as_str() {
        "/page.html" => reply(
            &mut stream,
            "200 OK",
            "Content-Type: text/html; charset=utf-8\r\n",
            &fixture("news.html"),
        ),
        // ISO-8859-1 bytes, mislabelled as plain text without a charset.
        "/latin1" => reply(
            &mut stream,
            "200 OK",
            "Content-Type: text/plain\r\n",
            &fixture("latin1.html"),
        ),
        "/feed.xml" => {
            if if_none_match.as_deref() == Some("\"v1\"") {
                conditional.fetch_add(1, Ordering::SeqCst);
                reply(&mut stream, "304 Not Modified", "ETag: \"v1\"\r\n", b"");
            } else {
                let body = FEED.replace("HOST", host);
                // A feed served as HTML is still a feed.
                reply(
                    &mut stream,
                    "200 OK",
                    "Content-Type: text/html\r\nETag: \"v1\"\r\n",
                    body.as_bytes(),
                );
            }
        }
        "/404" => reply(&mut stream, "404 Not Found", "", b"gone"),
        "/410" => reply(&mut stream, "410 Gone", "", b"gone"),
        "/500" => reply(&mut stream, "500 Internal Server Error", "", b"oops"),
        "/429" => reply(
            &mut stream,
            "429 Too Many Requests",
            "Retry-After: 60\r\n",
            b"slow down",
        ),
        "/loop" => reply(&mut stream, "302 Found", "Location: /loop\r\n", b""),
        "/empty" => reply(&mut stream, "200 OK", "Content-Type: text/html\r\n", b""),
        "/huge" => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n<html><body><p>",
                20 * 1024 * 1024 + 15
            );
            let _ = stream.write_all(head.as_bytes());
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..320 {
                if stream.write_all(&chunk).is_err() {
                    return;
                }
            }
        }
        "/cut" => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<html><body><p>Qwen");
        }
        _ => reply(&mut stream, "404 Not Found", "", b""),
    }
    let _ = stream.flush();
}

/// The binary with private data, cache and config folders, no proxy.
fn binary(home: &Path) -> assert_cmd::Command {
    let mut cmd = common::binary(home);
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    for var in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn stored(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn ingest_of_urls_stores_articles_and_names_each_bad_server() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let bad = [
        "/404", "/410", "/500", "/429", "/loop", "/empty", "/huge", "/cut",
    ];
    let mut args = vec![
        "ingest".to_string(),
        server.url("/page.html"),
        server.url("/latin1"),
    ];
    args.extend(bad.iter().map(|p| server.url(p)));
    let out = binary(home.path())
        .args(&args)
        .arg("--corpus")
        .arg(&corpus)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert_eq!(stdout.matches("added ").count(), 2, "{stdout}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), bad.len(), "{stderr}");
    for (path, why) in
        bad.iter()
            .zip(["404", "410", "500", "429", "redirects", "empty", "over", ""])
    {
        let line = lines
            .iter()
            .find(|l| l.contains(&server.url(path)))
            .unwrap_or_else(|| panic!("{path}: {stderr}"));
        assert!(line.contains(why), "{line}");
    }
    let files = stored(&corpus);
    assert_eq!(files.len(), 2, "{files:?}");
    let all: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(!all.contains('<') && !all.contains("&#39;"), "{all}");
    assert!(
        all.contains("url = \"https://harbour.example/tech/qwen-700m\""),
        "{all}"
    );
    assert!(
        all.contains("published = \"2026-01-21T09:30:00+08:00\""),
        "{all}"
    );
    assert!(
        all.contains("Les modèles Qwen d'Alibaba ont été téléchargés"),
        "{all}"
    );
    // Only article files in the folder: no temporaries, no lock.
    assert_eq!(std::fs::read_dir(&corpus).unwrap().count(), 2);

    // The same page again is already there (by URL and text).
    let again = binary(home.path())
        .arg("ingest")
        .arg(server.url("/page.html"))
        .arg("--corpus")
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("already there"),
        "{again:?}"
    );
    assert_eq!(stored(&corpus).len(), 2);
}

#[test]
fn follow_then_update_twice_asks_conditionally_and_adds_nothing_the_second_time() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/qwen-story/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "# mine\n[theme]\nname = \"light\" # keep\n").unwrap();
    let feed = server.url("/feed.xml");
    binary(home.path())
        .args(["follow", &feed, "--name", "Wire"])
        .assert()
        .success();
    binary(home.path())
        .args(["follow", "--list"])
        .assert()
        .success()
        .stdout(predicates::str::contains("(Wire)"));
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        text.starts_with("# mine\n[theme]\nname = \"light\" # keep\n"),
        "{text}"
    );

    let first = binary(home.path()).arg("update").output().unwrap();
    let stdout = String::from_utf8_lossy(&first.stdout);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("Wire: 2 new, 0 already there, 1 off-topic, 0 failed"),
        "{stdout}\n{stderr}"
    );
    let articles = home.path().join("data/qwen-story/articles");
    let files = stored(&articles);
    assert_eq!(files.len(), 2, "{files:?}");
    // The summary-only item was stored with its page's text.
    let all: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(all.contains("most downloaded open model family"), "{all}");
    // State lives beside the articles, never among them.
    assert_eq!(
        std::fs::read_dir(home.path().join("data/qwen-story/feeds"))
            .unwrap()
            .count(),
        1
    );

    let second = binary(home.path()).arg("update").output().unwrap();
    let stdout = String::from_utf8_lossy(&second.stdout);
    assert!(second.status.success(), "{stdout}");
    assert!(stdout.contains("Wire: not modified"), "{stdout}");
    assert!(stdout.contains("total: 0 new"), "{stdout}");
    assert_eq!(server.conditional.load(Ordering::SeqCst), 1);
    assert_eq!(stored(&articles).len(), 2);

    binary(home.path())
        .args(["unfollow", "Wire"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "# mine\n[theme]\nname = \"light\" # keep\n"
    );
    binary(home.path())
        .args(["unfollow", "Wire"])
        .assert()
        .code(1);
}

#[test]
fn a_failing_feed_fails_the_update_and_the_others_still_ingest() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    binary(home.path())
        .args(["follow", &server.url("/500")])
        .assert()
        .success();
    binary(home.path())
        .args(["follow", &server.url("/feed.xml")])
        .assert()
        .success();
    let out = binary(home.path()).args(["update"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("failed: ") && stdout.contains("500"),
        "{stdout}"
    );
    assert!(stdout.contains(": 2 new"), "{stdout}");
    let dry = binary(home.path())
        .args(["update", "--dry-run"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&dry.stdout).contains("not modified"),
        "{dry:?}"
    );
}

#[test]
fn corpus_reads_pages_and_feeds_and_names_other_files() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("c");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("news.html"), fixture("news.html")).unwrap();
    std::fs::write(dir.join("wire.xml"), FEED.replace("HOST", "wire.example")).unwrap();
    std::fs::write(dir.join("notes.pdf"), b"%PDF-1.4").unwrap();
    let out = binary(home.path())
        .args(["timeline", "--format", "json", "--corpus"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 4, "{articles:?}");
    let news = articles.iter().find(|a| a["id"] == "news").unwrap();
    assert_eq!(news["outlet"], "Harbour Tech Daily");
    assert_eq!(news["url"], "https://harbour.example/tech/qwen-700m");
    assert_eq!(news["published"], "2026-01-21");
    let warnings = json["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0]
        .as_str()
        .unwrap()
        .contains("notes.pdf: not an article file"));
    // The page's figure is a milestone quoted from the extracted body.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("700000000"), "{text}");
    binary(home.path())
        .args(["articles", "--corpus"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "https://harbour.example/tech/qwen-700m",
        ));
}

#[test]
fn a_page_or_feed_named_by_corpus_reads_as_in_a_folder() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("c");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("news.html"), fixture("news.html")).unwrap();
    std::fs::write(dir.join("wire.xml"), FEED.replace("HOST", "wire.example")).unwrap();
    let articles = |paths: &[PathBuf]| {
        let mut cmd = binary(home.path());
        cmd.args(["articles", "--format", "json"]);
        for p in paths {
            cmd.arg("--corpus").arg(p);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{out:?}");
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let in_folder = articles(std::slice::from_ref(&dir));
    let named = articles(&[dir.join("news.html"), dir.join("wire.xml")]);
    assert_eq!(named, in_folder);
    let news = &named.as_array().unwrap()[0];
    assert_eq!(news["published"], "2026-01-21", "{named}");
}

#[test]
fn ingest_of_a_folder_of_pages_and_remove() {
    let home = tempfile::tempdir().unwrap();
    let src = home.path().join("saved");
    std::fs::create_dir(&src).unwrap();
    for f in ["news.html", "amp.html"] {
        std::fs::write(src.join(f), fixture(f)).unwrap();
    }
    let out_dir = home.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    binary(home.path())
        .arg("ingest")
        .arg(&src)
        .arg("--corpus")
        .arg(&out_dir)
        .assert()
        .success();
    let files = stored(&out_dir);
    assert_eq!(files.len(), 2, "{files:?}");
    let news = std::fs::read_to_string(out_dir.join("news.md")).unwrap();
    assert!(
        news.starts_with("+++\n") && news.contains("outlet = \"Harbour Tech Daily\""),
        "{news}"
    );
    assert!(
        news.ends_with("Alibaba shares rose 2.5% in Hong Kong after the figures appeared.\n"),
        "{news}"
    );
    binary(home.path())
        .args(["remove", "news", "--corpus"])
        .arg(&out_dir)
        .assert()
        .success()
        .stdout(predicates::str::contains("removed news"));
    assert_eq!(stored(&out_dir).len(), 1);
    binary(home.path())
        .args(["remove", "news", "--corpus"])
        .arg(&out_dir)
        .assert()
        .code(1);
}

#[test]
fn ten_concurrent_ingests_of_one_file_store_one_copy() {
    let home = tempfile::tempdir().unwrap();
    let input = home.path().join("qwen.md");
    std::fs::write(
        &input,
        "+++\nlang = \"en\"\n+++\nQwen passed 700 million downloads in January 2026.\n",
    )
    .unwrap();
    let corpus = home.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let children: Vec<_> = (0..10)
        .map(|_| {
            let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("qwen-story"));
            cmd.env("XDG_DATA_HOME", home.path().join("data"))
                .env("XDG_CACHE_HOME", home.path().join("cache"))
                .env("HOME", home.path())
                .arg("ingest")
                .arg(&input)
                .arg("--corpus")
                .arg(&corpus)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut already = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let mut s = String::new();
        out.stdout.as_slice().read_to_string(&mut s).unwrap();
        already += s.matches("already there").count();
    }
    assert_eq!(stored(&corpus).len(), 1);
    assert_eq!(already, 9);
    // The lock is beside the folder, not in it.
    assert!(home.path().join(".corpus.lock").exists());
}
