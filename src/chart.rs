//! Chart drawing shared by the dashboard's Charts view and `qwen-story chart`. (Issue 4.)
