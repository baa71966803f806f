//! Watching corpus folders for the live dashboard. (Issue 5.)
