//! The one way the program writes a file whole: exports, charts, snapshots, cache packs and
//! ingested articles all come here.
//!
//! What the destination is decides how it is written:
//! - a regular file or a new name: a temporary file in the destination's folder, then a
//!   rename over it, so an interrupted write never leaves half a file over an old one;
//! - a symbolic link: written through, the rename landing on the file the link resolves to
//!   (in that file's folder), so the link stays a link;
//! - a device or a FIFO (`-o /dev/stdout`, `-o /dev/full`, a named pipe): written straight
//!   into, never replaced by a regular file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("folder {} does not exist", .0.display())]
    MissingFolder(PathBuf),
    #[error("{} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    // The OS reason is part of the sentence, not a `source`: a chain printed with `{:#}`
    // would say it twice.
    #[error("cannot write in folder {}: {}", dir.display(), reason(.error))]
    Folder { dir: PathBuf, error: io::Error },
    #[error("cannot write {}: {}", path.display(), reason(.error))]
    File { path: PathBuf, error: io::Error },
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    #[error("cannot write {}: no program is reading that FIFO", .0.display())]
    NoReader(PathBuf),
}

impl From<WriteError> for io::Error {
    /// For callers that branch on the kind (`AlreadyExists`: try another name).
    fn from(e: WriteError) -> io::Error {
        let kind = match &e {
            WriteError::Exists(_) => io::ErrorKind::AlreadyExists,
            WriteError::MissingFolder(_) => io::ErrorKind::NotFound,
            WriteError::Folder { error, .. } | WriteError::File { error, .. } => error.kind(),
            _ => io::ErrorKind::Other,
        };
        io::Error::new(kind, e.to_string())
    }
}

/// An OS error as one short phrase. `tempfile` appends the temporary file's path to its
/// errors; the user never asked for that file, and the message already names the real one.
fn reason(e: &io::Error) -> String {
    if let Some(code) = e.raw_os_error() {
        return io::Error::from_raw_os_error(code).to_string();
    }
    // tempfile's wrapper is private and hides the OS error from `source()`; its text is
    // "<OS error> at path \"<temporary path>\"".
    let text = e.to_string();
    match text.find(" at path ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// Where the bytes for a destination go.
#[derive(Debug, PartialEq)]
enum Target {
    /// A regular file or a free name: temporary file + rename onto this path.
    Replace(PathBuf),
    /// A device or FIFO: opened and written into.
    Stream(PathBuf),
}

/// More links than this in a chain is a loop (the kernel's own limit is 40).
const MAX_LINKS: usize = 40;

/// Follows symbolic links to what `path` finally names and says how to write there.
fn resolve(path: &Path) -> Result<Target, WriteError> {
    let file_error = |p: &Path, error| WriteError::File {
        path: p.to_path_buf(),
        error,
    };
    // What the links finally lead to, as the kernel follows them (it knows the magic links
    // of /proc: `/dev/stdout` on a pipe is that pipe).
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(file_error(
                path,
                io::Error::new(io::ErrorKind::IsADirectory, "it is a folder"),
            ))
        }
        Ok(meta) if !meta.is_file() => return Ok(Target::Stream(path.to_path_buf())),
        _ => {}
    }
    // A regular file or a free name: the rename must land where the links end.
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match std::fs::symlink_metadata(&at) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::Replace(at)),
            Err(e) => return Err(file_error(&at, e)),
            Ok(meta) => meta,
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let link = std::fs::read_link(&at).map_err(|e| file_error(&at, e))?;
            // A relative link is relative to the folder holding it.
            at = folder_of(&at).join(link);
        } else if kind.is_file() {
            return Ok(Target::Replace(at));
        } else if kind.is_dir() {
            return Err(file_error(
                path,
                io::Error::new(io::ErrorKind::IsADirectory, "it is a folder"),
            ));
        } else {
            return Ok(Target::Stream(at));
        }
    }
    Err(file_error(
        path,
        io::Error::other("too many levels of symbolic links"),
    ))
}

/// Writes `bytes` to `path`, replacing any file there (see the module's rules).
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    match resolve(path)? {
        Target::Stream(device) => write_into(&device, bytes),
        Target::Replace(real) => {
            let file = write_temp(&real, bytes)?;
            file.persist(&real).map_err(|e| WriteError::File {
                path: path.to_path_buf(),
                error: e.error,
            })?;
            Ok(())
        }
    }
}

/// Writes `bytes` to `path` only if nothing (file, link or device) is there yet.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let file = write_temp(path, bytes)?;
    file.persist_noclobber(path)
        .map_err(|e| match e.error.kind() {
            io::ErrorKind::AlreadyExists => WriteError::Exists(path.to_path_buf()),
            _ => WriteError::File {
                path: path.to_path_buf(),
                error: e.error,
            },
        })?;
    Ok(())
}

/// Writes into a device or FIFO as it is. A FIFO nobody reads would block forever: that is
/// refused instead.
fn write_into(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let file_error = |error| WriteError::File {
        path: path.to_path_buf(),
        error,
    };
    let mut file = open_for_writing(path).map_err(|e| match e.raw_os_error() {
        #[cfg(unix)]
        Some(libc::ENXIO) => WriteError::NoReader(path.to_path_buf()),
        _ => file_error(e),
    })?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(file_error)
}

/// Opens a device or FIFO for writing without waiting for a reader: a FIFO nobody reads
/// fails with ENXIO. The one descriptor is then made blocking and written through, so no
/// second open can wait for a reader that has come and gone.
#[cfg(unix)]
fn open_for_writing(path: &Path) -> io::Result<std::fs::File> {
    use rustix::fs::{fcntl_getfl, fcntl_setfl, OFlags};
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let flags = fcntl_getfl(&file)?;
    fcntl_setfl(&file, flags - OFlags::NONBLOCK)?;
    Ok(file)
}

#[cfg(not(unix))]
fn open_for_writing(path: &Path) -> io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).open(path)
}

/// The folder a path is written into; a bare file name means the current folder.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Fails early, before any work, if `path`'s folder is missing or is not a folder, or
/// `path` is a folder. (Permissions are only known by trying: the write reports those.)
pub fn check_folder(path: &Path) -> Result<(), WriteError> {
    let dir = folder_of(path);
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            Err(WriteError::MissingFolder(dir.to_path_buf()))
        }
        Err(error) => Err(WriteError::Folder {
            dir: dir.to_path_buf(),
            error,
        }),
        Ok(meta) if !meta.is_dir() => Err(WriteError::NotAFolder(dir.to_path_buf())),
        Ok(_) if path.is_dir() => Err(WriteError::File {
            path: path.to_path_buf(),
            error: io::Error::new(io::ErrorKind::IsADirectory, "it is a folder"),
        }),
        Ok(_) => Ok(()),
    }
}

fn write_temp(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    check_folder(path)?;
    let dir = folder_of(path);
    let folder_error = |error| WriteError::Folder {
        dir: dir.to_path_buf(),
        error,
    };
    // Hidden and not an article file: a watcher of the folder ignores it.
    let mut file = tempfile::Builder::new()
        .prefix(".qwen-story-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(folder_error)?;
    let file_error = |error| WriteError::File {
        path: path.to_path_buf(),
        error,
    };
    file.write_all(bytes).map_err(file_error)?;
    // Durable before it replaces anything: a crash after the rename must not leave an empty file.
    file.as_file().sync_all().map_err(file_error)?;
    set_permissions(&file, path).map_err(file_error)?;
    Ok(file)
}

/// Temporary files are private (0600); the written file gets the mode of the file it
/// replaces, or the usual 0644.
#[cfg(unix)]
fn set_permissions(file: &tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o7777)
        .unwrap_or(0o644);
    file.as_file()
        .set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_permissions(_file: &tempfile::NamedTempFile, _path: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.txt");
        write(&path, b"first version, longer").expect("first write");
        write(&path, b"second").expect("second write");
        assert_eq!(std::fs::read(&path).expect("readable"), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("listable")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["out.txt"]);
    }

    #[test]
    fn names_the_missing_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("nope").join("out.txt");
        let err = write(&path, b"x").expect_err("no folder");
        assert!(matches!(err, WriteError::MissingFolder(_)));
        assert!(err.to_string().contains("nope"), "{err}");
    }

    #[test]
    fn refuses_to_clobber_when_asked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("snap.svg");
        write_new(&path, b"one").expect("first write");
        assert!(matches!(
            write_new(&path, b"two"),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(std::fs::read(&path).expect("readable"), b"one");
    }

    #[cfg(unix)]
    #[test]
    fn exports_are_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.svg");
        write(&path, b"x").expect("write");
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_written_through_and_stay_links() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real_dir = dir.path().join("real");
        std::fs::create_dir(&real_dir).expect("dir");
        let real = real_dir.join("chart.svg");
        std::fs::write(&real, b"old").expect("old file");
        let link = dir.path().join("link.svg");
        std::os::unix::fs::symlink("real/chart.svg", &link).expect("link");
        write(&link, b"new").expect("write through the link");
        assert!(std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&real).expect("real"), b"new");
        // A dangling link creates its target.
        let dangling = dir.path().join("dangling.svg");
        std::os::unix::fs::symlink("real/new.svg", &dangling).expect("link");
        write(&dangling, b"made").expect("write through");
        assert_eq!(
            std::fs::read(real_dir.join("new.svg")).expect("made"),
            b"made"
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_into_not_replaced() {
        write(Path::new("/dev/null"), b"into the void").expect("/dev/null takes anything");
        let meta = std::fs::metadata("/dev/null").expect("still there");
        assert!(!meta.is_file());
        let err = write(Path::new("/dev/full"), b"x").expect_err("full");
        let text = err.to_string();
        assert!(
            text.contains("/dev/full") && text.contains("No space left"),
            "{text}"
        );
        assert_eq!(text.matches("os error").count(), 1, "{text}");
    }

    #[test]
    fn errors_name_the_os_reason_once_and_no_temporary_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let gone = dir.path().join("gone");
        let error = tempfile::Builder::new()
            .prefix(".qwen-story-")
            .tempfile_in(&gone)
            .expect_err("no such folder");
        assert!(
            error.to_string().contains(".qwen-story-"),
            "tempfile names its file"
        );
        let err = WriteError::Folder { dir: gone, error };
        let text = err.to_string();
        assert!(!text.contains(".qwen-story-"), "{text}");
        assert_eq!(text.matches("os error").count(), 1, "{text}");
        assert!(std::error::Error::source(&err).is_none());
    }
}
