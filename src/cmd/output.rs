//! The contract's output rules for every command that writes a file: `-o -` is standard
//! output; without `--format` the format comes from `-o`'s extension (`-o -` or no `-o`:
//! the command's text format); an unknown extension without `--format`, or a `--format`
//! that contradicts the extension, is refused naming both.

use crate::cli::{ChartFormat, ExportFormat};
use clap::ValueEnum;
use std::path::{Path, PathBuf};

/// Where a command's output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    File(PathBuf),
}

impl Destination {
    /// `-o FILE`, `-o -` or no `-o`.
    pub fn of(output: Option<&Path>) -> Destination {
        match output {
            Some(p) if p.as_os_str() != "-" => Destination::File(p.to_path_buf()),
            _ => Destination::Stdout,
        }
    }
}

/// A format a file can be written in.
pub trait FileFormat: Copy + PartialEq + ValueEnum + 'static {
    /// The formats a file with this extension (lower case, no dot) may hold; the first is
    /// the one the extension implies. Empty: an extension the command does not know.
    fn for_extension(ext: &str) -> &'static [Self];

    /// The name `--format` takes.
    fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

impl FileFormat for ExportFormat {
    fn for_extension(ext: &str) -> &'static [Self] {
        use ExportFormat::*;
        match ext {
            // A text file may hold the frame with or without its colour codes.
            "txt" | "text" => &[Txt, Ansi],
            "ans" | "ansi" => &[Ansi],
            "svg" => &[Svg],
            "html" | "htm" => &[Html],
            "png" => &[Png],
            "json" => &[Json],
            _ => &[],
        }
    }
}

impl FileFormat for ChartFormat {
    fn for_extension(ext: &str) -> &'static [Self] {
        match ext {
            "svg" => &[ChartFormat::Svg],
            "png" => &[ChartFormat::Png],
            _ => &[],
        }
    }
}

/// Bad usage of `--format` and `-o`: exit 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error(
        "--format {format} contradicts the extension of -o {path} (a .{ext} file holds {holds})"
    )]
    Contradicts {
        format: String,
        path: String,
        ext: String,
        holds: String,
    },
    #[error(
        "cannot tell the format of -o {path} from its extension{ext}: give --format ({known})"
    )]
    Unknown {
        path: String,
        ext: String,
        known: String,
    },
}

/// The format and destination that `--format` and `-o` ask for; `text` is the command's
/// format for standard output.
pub fn resolve<F: FileFormat>(
    format: Option<F>,
    output: Option<&Path>,
    text: F,
) -> Result<(F, Destination), FormatError> {
    let destination = Destination::of(output);
    let Destination::File(path) = &destination else {
        return Ok((format.unwrap_or(text), destination));
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let holds = F::for_extension(&ext);
    let shown = crate::sanitize::sanitize_line(&path.display().to_string());
    let chosen = match (format, holds.first()) {
        (Some(f), None) => f,
        (Some(f), Some(_)) if holds.contains(&f) => f,
        (Some(f), Some(_)) => {
            return Err(FormatError::Contradicts {
                format: f.name(),
                path: shown,
                ext,
                holds: names(holds).join(" or "),
            })
        }
        (None, Some(&implied)) => implied,
        (None, None) => {
            return Err(FormatError::Unknown {
                path: shown,
                ext: if ext.is_empty() {
                    " (it has none)".into()
                } else {
                    format!(" .{ext}")
                },
                known: names(F::value_variants()).join(", "),
            })
        }
    };
    Ok((chosen, destination))
}

fn names<F: FileFormat>(formats: &[F]) -> Vec<String> {
    formats.iter().map(|f| f.name()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ExportFormat::*;

    fn export(
        format: Option<ExportFormat>,
        output: Option<&str>,
    ) -> Result<(ExportFormat, Destination), FormatError> {
        resolve(format, output.map(Path::new), Txt)
    }

    #[test]
    fn the_extension_decides_without_format() {
        assert_eq!(export(None, None), Ok((Txt, Destination::Stdout)));
        assert_eq!(export(None, Some("-")), Ok((Txt, Destination::Stdout)));
        assert_eq!(export(Some(Png), Some("-")), Ok((Png, Destination::Stdout)));
        assert_eq!(export(None, Some("a/b.PNG")).unwrap().0, Png);
        assert_eq!(export(None, Some("b.htm")).unwrap().0, Html);
        assert_eq!(export(Some(Ansi), Some("b.txt")).unwrap().0, Ansi);
        // --format with an extension no format claims: the user said what they want.
        assert_eq!(export(Some(Json), Some("b.data")).unwrap().0, Json);
    }

    #[test]
    fn contradictions_and_unknown_extensions_are_refused_naming_both() {
        let e = export(Some(Svg), Some("guess.png"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("--format svg") && e.contains("guess.png") && e.contains(".png"),
            "{e}"
        );
        let e = export(None, Some("guess.xyz")).unwrap_err().to_string();
        assert!(e.contains(".xyz") && e.contains("--format"), "{e}");
        let e = export(None, Some("noext")).unwrap_err().to_string();
        assert!(e.contains("has none"), "{e}");
    }
}
