//! What every subcommand shares: where its output goes, in which format, and the warnings
//! `--quiet` silences; and the commands that describe the command line itself.

pub mod docs;
pub mod facts;
pub mod output;
pub mod timeline;

use std::sync::atomic::{AtomicBool, Ordering};

static QUIET: AtomicBool = AtomicBool::new(false);

/// `--quiet`: no warnings on standard error from now on.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Prints one warning line on standard error (sanitised: warnings quote file contents),
/// unless `--quiet` is given.
pub fn warn(message: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        crate::console::warn(format_args!(
            "warning: {}",
            crate::sanitize::sanitize_line(message)
        ));
    }
}
