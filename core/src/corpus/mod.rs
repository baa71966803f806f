//! Articles: where they come from, their front matter, and the furniture around their text.

mod article;
mod frontmatter;
pub mod furniture;
mod lang;
mod load;

pub use article::{
    parse_bytes, Article, ArticleSummary, LoadError, Origin, ParseMemo, Parsed,
    MAX_DEFAULT_TITLE_CHARS,
};
pub use frontmatter::{split_front_matter, FrontMatter, FrontMatterError};
pub use lang::detect_lang;
pub use load::{
    article_files, bundled, is_article_file, load_file, load_file_with, read_article_bytes,
    read_regular_file, read_source_file, Corpus, CorpusDirError, CorpusSource, ReadError,
    MAX_ARTICLE_BYTES,
};
