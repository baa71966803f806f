//! Standard output and standard error as the contract wants them: a closed stdout (`| head`)
//! ends a command quietly with the exit code it would have had, a full disk is one error
//! line and exit 2, and nothing written to stderr can panic (`eprintln!` does when stderr is
//! full or broken).

use std::fmt::Display;
use std::io::{self, Write};
use std::process::ExitCode;

/// Writes one line to standard error, ignoring failure: there is nowhere left to report it.
pub fn warn(line: impl Display) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{line}").and_then(|()| err.flush());
}

/// Writes one line to standard output for commands that print as they go: a closed stdout
/// ends the process quietly (exit 0, what the command would have had), any other failure
/// is one error line and exit 2.
pub fn say(line: impl Display) {
    let mut out = io::stdout().lock();
    if let Err(e) = writeln!(out, "{line}").and_then(|()| out.flush()) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        warn(format_args!("qwen-story: error: {}", StdoutError(e)));
        std::process::exit(2);
    }
}

/// Writes `bytes` to standard output and flushes it.
pub fn print(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes).and_then(|()| out.flush())
}

/// The exit of a command whose output went through `written`: `code` when it was written or
/// the reader went away, an error naming standard output otherwise.
pub fn finish(written: io::Result<()>, code: ExitCode) -> anyhow::Result<ExitCode> {
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(StdoutError(e).into()),
        _ => Ok(code),
    }
}

/// Standard output could not be written (not a closed pipe: that is no error).
#[derive(Debug, thiserror::Error)]
#[error("cannot write to standard output: {0}")]
pub struct StdoutError(io::Error);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_keeps_the_code_and_a_full_disk_is_an_error() {
        let pipe = io::Error::from(io::ErrorKind::BrokenPipe);
        assert_eq!(
            finish(Err(pipe), ExitCode::from(1)).expect("quiet"),
            ExitCode::from(1)
        );
        let full = io::Error::from_raw_os_error(28);
        let err = finish(Err(full), ExitCode::SUCCESS).expect_err("full disk");
        assert!(err
            .to_string()
            .starts_with("cannot write to standard output: "));
    }
}
