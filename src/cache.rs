//! Per-article extraction cache. (Issue 5.)
