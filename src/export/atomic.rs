//! Files written whole or not at all: a temporary file in the destination's folder, then a
//! rename over the destination, so an interrupted export never leaves half a file over an
//! old one.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("folder {} does not exist", .0.display())]
    MissingFolder(PathBuf),
    #[error("{} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("cannot write in folder {}: {source}", dir.display())]
    Folder { dir: PathBuf, source: io::Error },
    #[error("cannot write {}: {source}", path.display())]
    File { path: PathBuf, source: io::Error },
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
}

/// Writes `bytes` to `path`, replacing any file there.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let file = write_temp(path, bytes)?;
    file.persist(path).map_err(|e| WriteError::File {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// Writes `bytes` to `path` only if no file is there yet.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let file = write_temp(path, bytes)?;
    file.persist_noclobber(path)
        .map_err(|e| match e.error.kind() {
            io::ErrorKind::AlreadyExists => WriteError::Exists(path.to_path_buf()),
            _ => WriteError::File {
                path: path.to_path_buf(),
                source: e.error,
            },
        })?;
    Ok(())
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
        Err(source) => Err(WriteError::Folder {
            dir: dir.to_path_buf(),
            source,
        }),
        Ok(meta) if !meta.is_dir() => Err(WriteError::NotAFolder(dir.to_path_buf())),
        Ok(_) if path.is_dir() => Err(WriteError::File {
            path: path.to_path_buf(),
            source: io::Error::new(io::ErrorKind::IsADirectory, "it is a folder"),
        }),
        Ok(_) => Ok(()),
    }
}

fn write_temp(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    check_folder(path)?;
    let dir = folder_of(path);
    let folder_error = |source| WriteError::Folder {
        dir: dir.to_path_buf(),
        source,
    };
    let mut file = tempfile::Builder::new()
        .prefix(".qwen-story-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(folder_error)?;
    let file_error = |source| WriteError::File {
        path: path.to_path_buf(),
        source,
    };
    file.write_all(bytes).map_err(file_error)?;
    // Durable before it replaces anything: a crash after the rename must not leave an empty file.
    file.as_file().sync_all().map_err(file_error)?;
    set_permissions(&file, path).map_err(file_error)?;
    Ok(file)
}

/// Temporary files are private (0600); an export gets the mode of the file it replaces,
/// or the usual 0644.
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
}
