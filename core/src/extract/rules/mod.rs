//! The rules that turn a sentence's figures and event words into facts, one file per family.

mod figures;
mod partnerships;
mod rankings;
mod releases;
