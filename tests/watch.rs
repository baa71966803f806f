//! The live-reload path: a watched folder where articles are added, changed and removed, and
//! the timelines the watcher delivers for each state.
#![allow(clippy::unwrap_used)] // helpers outside #[test] unwrap too: a panic fails the test

use qwen_story::cache::FactCache;
use qwen_story::corpus::CorpusSource;
use qwen_story::timeline::{render_json, Timeline};
use qwen_story::ui::App;
use qwen_story::watch::{self, LiveCorpus};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::sync::Once;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Far beyond the one second a reload should take: only a hang fails on time.
const PATIENCE: Duration = Duration::from_secs(15);

/// The watcher reads the cache folder from the environment: point it at a private one once,
/// before any test starts a thread that reads it.
fn private_cache() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let dir =
            std::env::temp_dir().join(format!("qwen-story-watch-test-{}", std::process::id()));
        std::env::set_var("XDG_CACHE_HOME", dir);
    });
}

fn article(id: &str, figure: &str) -> String {
    format!(
        "+++\nid = \"{id}\"\nlang = \"en\"\npublished = \"2026-02-03\"\n+++\n\
         Qwen news\n\nAlibaba said its Qwen models have passed {figure} downloads on Hugging Face.\n"
    )
}

/// Writes a file the way an editor's "save" or `ingest` does: whole, then renamed into place.
fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, text).unwrap();
    let path = dir.join(name);
    std::fs::rename(&tmp, &path).unwrap();
    path
}

fn has_downloads(t: &Timeline, value: f64) -> bool {
    t.milestones
        .iter()
        .any(|m| m.kind.as_str() == "downloads" && m.value == Some(value))
}

fn ids(t: &Timeline) -> Vec<&str> {
    t.articles.iter().map(|a| a.id.as_str()).collect()
}

/// Takes delivered timelines until one satisfies `done` (a change may arrive in several batches).
fn wait_for(
    rx: &Receiver<anyhow::Result<Timeline>>,
    what: &str,
    done: impl Fn(&Timeline) -> bool,
) -> Timeline {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(Ok(t)) if done(&t) => return t,
            Ok(Ok(_)) => continue,
            Ok(Err(e)) => panic!("reload failed while waiting for {what}: {e:#}"),
            Err(_) => panic!("no timeline with {what} within {PATIENCE:?}"),
        }
    }
}

/// The same timeline as a fresh load of the folder gives.
fn assert_same_as_fresh_load(t: &Timeline, source: &CorpusSource) {
    let fresh = qwen_story::load_timeline(source).unwrap();
    let json = |t: &Timeline| render_json(t, &t.milestones.iter().collect::<Vec<_>>());
    assert_eq!(json(t), json(&fresh));
}

#[test]
fn added_changed_and_removed_articles_reach_the_callback() {
    private_cache();
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", &article("a", "700 million"));
    let source = CorpusSource::Dir(dir.path().to_path_buf());
    let (tx, rx) = mpsc::channel();
    let watch = watch::spawn(&source, move |t| {
        let _ = tx.send(t);
    })
    .unwrap();

    write(dir.path(), "b.md", &article("b", "900 million"));
    let t = wait_for(&rx, "article b", |t| {
        ids(t) == ["a", "b"] && has_downloads(t, 9e8)
    });
    assert!(has_downloads(&t, 7e8));
    assert_same_as_fresh_load(&t, &source);

    write(dir.path(), "b.md", &article("b", "950 million"));
    let t = wait_for(&rx, "b's new figure", |t| has_downloads(t, 9.5e8));
    assert!(!has_downloads(&t, 9e8), "the old figure is gone");
    assert_same_as_fresh_load(&t, &source);

    std::fs::remove_file(dir.path().join("b.md")).unwrap();
    // A reload can catch b between its listing and its read (a "cannot be read" warning);
    // the removal's own event then clears it: wait for that settled state.
    let t = wait_for(&rx, "b removed", |t| {
        ids(t) == ["a"] && t.warnings.is_empty()
    });
    assert!(!has_downloads(&t, 9.5e8));
    assert_same_as_fresh_load(&t, &source);

    // A file that cannot be read is a warning; the rest of the corpus stays.
    std::fs::write(dir.path().join("bad.md"), b"Qwen\0binary").unwrap();
    let t = wait_for(&rx, "a warning for bad.md", |t| {
        t.warnings.iter().any(|w| w.contains("bad.md"))
    });
    assert_eq!(ids(&t), ["a"]);

    drop(watch);
    // Anything already under way may still arrive; after that, nothing more does.
    while rx.recv_timeout(Duration::from_millis(500)).is_ok() {}
    write(dir.path(), "c.md", &article("c", "1 billion"));
    assert!(
        rx.recv_timeout(Duration::from_secs(1)).is_err(),
        "a dropped watch still reports"
    );
}

#[test]
fn a_vanished_corpus_folder_is_reported_as_an_error() {
    private_cache();
    let parent = TempDir::new().unwrap();
    let dir = parent.path().join("corpus");
    std::fs::create_dir(&dir).unwrap();
    write(&dir, "a.md", &article("a", "700 million"));
    let (tx, rx) = mpsc::channel();
    let _watch = watch::spawn(&CorpusSource::Dir(dir.clone()), move |t| {
        let _ = tx.send(t);
    })
    .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let deadline = Instant::now() + PATIENCE;
    loop {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(Err(e)) => {
                assert!(format!("{e:#}").contains("corpus"), "{e:#}");
                break;
            }
            Ok(Ok(_)) => continue,
            Err(_) => panic!("no error within {PATIENCE:?}"),
        }
    }
}

#[test]
fn the_default_source_watches_a_data_folder_it_creates() {
    private_cache();
    let home = TempDir::new().unwrap();
    let data = home.path().join("data/qwen-story/articles");
    let source = CorpusSource::Default {
        user_dir: Some(data.clone()),
    };
    let (tx, rx) = mpsc::channel();
    let _watch = watch::spawn(&source, move |t| {
        let _ = tx.send(t);
    })
    .unwrap();
    assert!(
        data.is_dir(),
        "the data folder is created so it can be watched"
    );
    write(&data, "new.md", &article("new", "900 million"));
    let t = wait_for(&rx, "the new article beside the bundled ones", |t| {
        ids(t).contains(&"new")
    });
    assert_eq!(t.articles.len(), 6);
    assert_same_as_fresh_load(&t, &source);
}

#[test]
fn live_corpus_follows_edits_with_or_without_event_paths() {
    private_cache();
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", &article("a", "700 million"));
    let source = CorpusSource::Dir(dir.path().to_path_buf());
    let mut live = LiveCorpus::load(&source, FactCache::disabled()).unwrap();
    assert_eq!(ids(&live.timeline()), ["a"]);

    // Told which file changed.
    let b = write(dir.path(), "b.md", &article("b", "900 million"));
    live.update(std::slice::from_ref(&b)).unwrap();
    assert_eq!(ids(&live.timeline()), ["a", "b"]);
    // Not told (a watcher error): the folder is listed again.
    std::fs::remove_file(&b).unwrap();
    write(dir.path(), "c.md", &article("c", "1 billion"));
    live.update(&[]).unwrap();
    let t = live.timeline();
    assert_eq!(ids(&t), ["a", "c"]);
    assert_same_as_fresh_load(&t, &source);
}

#[test]
fn the_app_keeps_its_selection_and_marks_new_milestones_on_reload() {
    private_cache();
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", &article("a", "700 million"));
    let source = CorpusSource::Dir(dir.path().to_path_buf());
    let mut app = App::new(qwen_story::load_timeline(&source).unwrap());
    let selected_id = |app: &App| {
        app.selected()
            .map(|i| app.timeline().milestones[i].id.clone())
    };
    let before = selected_id(&app).expect("a milestone is selected");
    assert!((0..app.timeline().milestones.len()).all(|i| !app.is_new(i)));

    let (tx, rx) = mpsc::channel();
    let _watch = watch::spawn(&source, move |t| {
        let _ = tx.send(t);
    })
    .unwrap();
    write(dir.path(), "b.md", &article("b", "900 million"));
    app.apply_reload(wait_for(&rx, "article b", |t| has_downloads(t, 9e8)));

    assert_eq!(
        selected_id(&app).as_ref(),
        Some(&before),
        "the selection stays on its milestone"
    );
    let new: Vec<_> = (0..app.timeline().milestones.len())
        .filter(|&i| app.is_new(i))
        .collect();
    assert_eq!(new.len(), 1, "only the 900M milestone is new");
    assert_eq!(app.timeline().milestones[new[0]].value, Some(9e8));
}

#[allow(dead_code)] // the generator's `main` and argument parsing are not used here
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

/// A reload rebuilds only what a change reaches: after every kind of change, the live
/// timeline must equal a fresh load, milestone for milestone and source for source.
#[test]
fn reloads_rebuild_only_what_changed_and_equal_a_fresh_load() {
    private_cache();
    let dir = TempDir::new().unwrap();
    let mut generated = gen_corpus::articles(90, 11);
    let mut paths = Vec::new();
    for (name, text) in generated.by_ref().take(60) {
        paths.push(write(dir.path(), &name, &text));
    }
    let source = CorpusSource::Dir(dir.path().to_path_buf());
    let mut live = LiveCorpus::load(&source, FactCache::disabled()).unwrap();
    assert_same_as_fresh_load(&live.timeline(), &source);

    let mut extra = generated.map(|(_, text)| text);
    let step = |live: &mut LiveCorpus, touched: Vec<PathBuf>, what: &str| {
        live.update(&touched).unwrap();
        let t = live.timeline();
        let fresh = qwen_story::load_timeline(&source).unwrap();
        assert_eq!(t.milestones, fresh.milestones, "{what}");
        assert_eq!(t.warnings, fresh.warnings, "{what}");
        assert_same_as_fresh_load(&t, &source);
    };
    // One new article, sorting last, then one sorting first (every later article moves).
    let last = write(dir.path(), "zz-new.md", &extra.next().unwrap());
    step(&mut live, vec![last], "added last");
    let first = write(dir.path(), "000-new.md", &extra.next().unwrap());
    step(&mut live, vec![first.clone()], "added first");
    // Changed in place: another article's text under the same name.
    let changed = write(dir.path(), "gen-000007.md", &extra.next().unwrap());
    step(&mut live, vec![changed], "changed");
    // Removed, then several at once.
    std::fs::remove_file(&paths[12]).unwrap();
    step(&mut live, vec![paths[12].clone()], "removed");
    let mut batch = vec![first.clone()];
    std::fs::remove_file(&first).unwrap();
    for i in 0..3 {
        batch.push(write(
            dir.path(),
            &format!("batch-{i}.md"),
            &extra.next().unwrap(),
        ));
    }
    step(&mut live, batch, "a batch");
    // An id already used: the later file is renamed, and the reload still agrees.
    let text = std::fs::read_to_string(&paths[3]).unwrap();
    let twin = write(dir.path(), "aaa-twin.md", &text.clone());
    step(&mut live, vec![twin], "an id used twice");
    // Not told what changed: the folder is listed again.
    write(dir.path(), "unannounced.md", &extra.next().unwrap());
    step(&mut live, Vec::new(), "a rescan");
}

/// Many small changes in a row, chosen by a fixed seed: after each, the live timeline equals a
/// fresh load (the parts a reload keeps must be exactly those no change could reach).
#[test]
fn a_long_run_of_random_changes_keeps_the_live_timeline_exact() {
    private_cache();
    let dir = TempDir::new().unwrap();
    let texts: Vec<String> = gen_corpus::articles(80, 23).map(|(_, t)| t).collect();
    for (i, text) in texts.iter().take(40).enumerate() {
        write(dir.path(), &format!("a-{i:03}.md"), text);
    }
    let source = CorpusSource::Dir(dir.path().to_path_buf());
    let mut live = LiveCorpus::load(&source, FactCache::disabled()).unwrap();
    live.timeline();
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    for step in 0..30 {
        let name = format!("a-{:03}.md", next(60));
        let path = dir.path().join(&name);
        let what = match next(3) {
            0 if path.exists() => {
                std::fs::remove_file(&path).unwrap();
                "removed"
            }
            _ => {
                // Its own id, as a new article would have (shared ids rename others).
                let text =
                    texts[next(texts.len())].replacen("id = \"", &format!("id = \"{step}-"), 1);
                write(dir.path(), &name, &text);
                "written"
            }
        };
        live.update(&[path]).unwrap();
        let t = live.timeline();
        let fresh = qwen_story::load_timeline(&source).unwrap();
        assert_eq!(t.milestones, fresh.milestones, "step {step}: {name} {what}");
        assert_eq!(t.warnings, fresh.warnings, "step {step}: {name} {what}");
    }
}

/// A feed of two items, written for this test.
fn feed(figure: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test wire</title>\
         <link>https://wire.test/</link>\
         <item><title>Qwen downloads</title><link>https://wire.test/1</link>\
         <pubDate>Tue, 03 Feb 2026 10:00:00 GMT</pubDate><description>Alibaba said its Qwen \
         models have passed {figure} downloads on Hugging Face.</description></item>\
         <item><title>Alibaba shares</title><link>https://wire.test/2</link>\
         <pubDate>Wed, 04 Feb 2026 10:00:00 GMT</pubDate><description>Alibaba shares rose 4 \
         percent in Hong Kong on Wednesday after the Qwen announcement.</description></item>\
         </channel></rss>"
    )
}

/// A saved web page, written for this test.
fn page(figure: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><title>Qwen passes {figure}</title>\
         <meta property=\"article:published_time\" content=\"2026-02-05T08:00:00Z\"></head>\
         <body><nav>Home | World | Tech</nav><article><h1>Qwen passes {figure}</h1>\
         <p>Alibaba said on Thursday that its Qwen models have passed {figure} downloads on \
         Hugging Face, more than any other family of open models.</p>\
         <p>The company did not say how many of them came from China.</p></article></body></html>"
    )
}

/// Pages, feeds and files the corpus does not read load live exactly as a fresh load reads
/// them, for a folder and for a list of `--corpus` paths: one loader serves both.
#[test]
fn pages_feeds_other_files_and_lists_of_paths_load_live_as_a_fresh_load() {
    private_cache();
    let dir = TempDir::new().unwrap();
    let other = TempDir::new().unwrap();
    write(dir.path(), "a.md", &article("a", "700 million"));
    let wire = write(dir.path(), "wire.xml", &feed("800 million"));
    let saved = write(dir.path(), "saved.html", &page("850 million"));
    write(dir.path(), "notes.pdf", "not an article");
    let named = write(other.path(), "named.md", &article("named", "1 billion"));
    let sources = [
        CorpusSource::Dir(dir.path().to_path_buf()),
        CorpusSource::Paths(vec![named.clone(), dir.path().to_path_buf(), saved.clone()]),
    ];
    for source in &sources {
        let mut live = LiveCorpus::load(source, FactCache::disabled()).unwrap();
        let t = live.timeline();
        assert!(
            has_downloads(&t, 8e8),
            "the feed's item is read as an article"
        );
        assert!(has_downloads(&t, 8.5e8), "the page is read as an article");
        assert!(
            t.warnings.iter().any(|w| w.contains("notes.pdf")),
            "{:?}",
            t.warnings
        );
        assert_same_as_fresh_load(&t, source);
    }
    let mut live = LiveCorpus::load(&sources[1], FactCache::disabled()).unwrap();
    live.timeline();
    // Each kind changed in place, and a file the corpus does not read removed.
    write(dir.path(), "wire.xml", &feed("810 million"));
    write(dir.path(), "saved.html", &page("860 million"));
    write(other.path(), "named.md", &article("named", "1.1 billion"));
    std::fs::remove_file(dir.path().join("notes.pdf")).unwrap();
    let touched = vec![wire, saved, named, dir.path().join("notes.pdf")];
    assert!(live.update(&touched).unwrap(), "the changes are seen");
    let t = live.timeline();
    assert!(has_downloads(&t, 8.1e8) && has_downloads(&t, 8.6e8) && has_downloads(&t, 1.1e9));
    assert!(!t.warnings.iter().any(|w| w.contains("notes.pdf")));
    assert_same_as_fresh_load(&t, &sources[1]);
}
