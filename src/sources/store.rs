//! Writing to the article folder: one writer at a time, through a lock file that lives beside
//! the folder (inside, it would be read as an article).

use std::fs::File;
use std::path::{Path, PathBuf};

/// Held while a process writes to an article folder; released on drop (or when the process
/// dies: the kernel drops `flock` locks with the descriptor, so a killed run leaves none).
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

/// `…/qwen-story/articles` → `…/qwen-story/.articles.lock`.
pub fn lock_path(dir: &Path) -> Option<PathBuf> {
    let name = dir.file_name()?.to_string_lossy().into_owned();
    Some(dir.parent()?.join(format!(".{name}.lock")))
}

/// Waits for and takes the lock of `dir`. Where no file can be made beside it (a read-only
/// parent), the folder itself is locked.
pub fn lock(dir: &Path) -> std::io::Result<WriteLock> {
    let beside = lock_path(dir).and_then(|p| {
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(p)
            .ok()
    });
    let file = match beside {
        Some(f) => f,
        None => File::open(dir)?,
    };
    file.lock()?;
    Ok(WriteLock { _file: file })
}
