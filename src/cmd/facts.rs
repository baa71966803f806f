//! `qwen-story facts`: the articles' facts as JSON Lines, and `timeline --facts`, which
//! reconciles such records into the timeline `timeline` prints for those articles.
//!
//! Extraction is per article and reconciliation needs only what the records carry, so a
//! news archive can be extracted by any engine that pipes lines through a program (Spark
//! `RDD.pipe`, GNU parallel) and reconciled on one machine. `docs/facts.schema.json` holds
//! the records' schema.

use crate::corpus::{self, Article, Corpus, CorpusSource, Origin};
use crate::date::PartialDate;
use crate::extract::{Extractor, Fact, FactDate, Kind, Qualifier, Quantity};
use crate::timeline::Timeline;
use anyhow::Context;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The version of the records' shape.
pub const SCHEMA_VERSION: u32 = 1;

/// One line of `facts` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    Article(ArticleRecord),
    Fact(FactRecord),
    Warning(WarningRecord),
}

/// Everything `timeline` needs of an article; its facts follow it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub schema_version: u32,
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub lang: String,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The body's length in bytes: the facts' offsets point into it.
    pub body_bytes: usize,
    /// Where the article was read from.
    pub file: String,
}

/// One extracted fact of the article named by `article`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactRecord {
    pub schema_version: u32,
    pub article: String,
    pub kind: Kind,
    /// In base units (700 million is 700000000).
    pub value: Option<f64>,
    pub unit: Option<String>,
    /// A conversion the article itself states ("about US$53 billion").
    pub converted_value: Option<f64>,
    pub converted_unit: Option<String>,
    pub qualifier: Option<Qualifier>,
    pub series: Option<String>,
    pub entities: Vec<String>,
    pub topic: Option<String>,
    /// The date the sentence states; `null`: it holds as of the article's publication.
    pub date: Option<PartialDate>,
    /// Byte offsets of the quoted sentence in the body.
    pub start: usize,
    pub end: usize,
    /// Byte offsets of the figure (or key words) in the body.
    pub figure_start: usize,
    pub figure_end: usize,
    /// The body's bytes `start..end`.
    pub quote: String,
}

/// A problem met while loading, naming the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WarningRecord {
    pub schema_version: u32,
    pub message: String,
}

impl FactRecord {
    fn new(article: &Article, f: &Fact) -> FactRecord {
        let (start, end) = f.quote;
        FactRecord {
            schema_version: SCHEMA_VERSION,
            article: article.id.clone(),
            kind: f.kind,
            value: f.value.as_ref().map(|q| q.amount),
            unit: f.value.as_ref().map(|q| q.unit.clone()),
            converted_value: f.converted.as_ref().map(|q| q.amount),
            converted_unit: f.converted.as_ref().map(|q| q.unit.clone()),
            qualifier: f.qualifier,
            series: f.series.clone(),
            entities: f.entities.clone(),
            topic: f.topic.clone(),
            date: match f.date {
                FactDate::Stated(d) => Some(d),
                FactDate::AsOfPublication => None,
            },
            start,
            end,
            figure_start: f.figure.0,
            figure_end: f.figure.1,
            quote: article.body.get(start..end).unwrap_or_default().to_string(),
        }
    }

    fn fact(&self) -> Fact {
        let quantity = |amount: Option<f64>, unit: &Option<String>| {
            Some(Quantity {
                amount: amount?,
                unit: unit.clone()?,
            })
        };
        Fact {
            kind: self.kind,
            value: quantity(self.value, &self.unit),
            converted: quantity(self.converted_value, &self.converted_unit),
            qualifier: self.qualifier,
            series: self.series.clone(),
            entities: self.entities.clone(),
            topic: self.topic.clone(),
            date: self
                .date
                .map_or(FactDate::AsOfPublication, FactDate::Stated),
            quote: (self.start, self.end),
            figure: (self.figure_start, self.figure_end),
        }
    }
}

/// How many articles are extracted at once before their records are written: output starts
/// at once and memory stays bounded by the corpus, not by its facts.
const BATCH: usize = 256;

/// `qwen-story facts [SOURCE...]`.
pub fn run(args: &crate::cli::FactsArgs, source: &CorpusSource) -> anyhow::Result<ExitCode> {
    let corpus = if args.sources.is_empty() {
        crate::load::corpus(source)?
    } else {
        load_sources(&args.sources)?
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write_records(&mut out, &corpus).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The records of a corpus: its load warnings, then each article followed by its facts.
pub fn write_records(out: &mut impl Write, corpus: &Corpus) -> std::io::Result<()> {
    let mut line = |record: &Record| -> std::io::Result<()> {
        serde_json::to_writer(&mut *out, record)?;
        out.write_all(b"\n")
    };
    for w in &corpus.warnings {
        line(&Record::Warning(WarningRecord {
            schema_version: SCHEMA_VERSION,
            message: w.clone(),
        }))?;
    }
    let extractor = Extractor::shared();
    for batch in corpus.articles.chunks(BATCH) {
        let facts: Vec<Vec<Fact>> = batch.par_iter().map(|a| extractor.extract(a)).collect();
        for (article, facts) in batch.iter().zip(facts) {
            line(&Record::Article(ArticleRecord {
                schema_version: SCHEMA_VERSION,
                id: article.id.clone(),
                title: article.title.clone(),
                outlet: article.outlet.clone(),
                url: article.url.clone(),
                lang: article.lang.clone(),
                published: article.summary().published,
                body_bytes: article.body.len(),
                file: article.origin.to_string(),
            }))?;
            for f in &facts {
                line(&Record::Fact(FactRecord::new(article, f)))?;
            }
        }
    }
    Ok(())
}

/// The articles of `facts SOURCE...`: files and folders as `--corpus` reads them, and `-`
/// for JSON Lines of articles on standard input.
fn load_sources(sources: &[PathBuf]) -> anyhow::Result<Corpus> {
    let mut corpus = Corpus::default();
    let mut paths = Vec::new();
    // Consecutive paths load together; `-` takes its place in the order.
    let flush = |paths: &mut Vec<PathBuf>, corpus: &mut Corpus| -> anyhow::Result<()> {
        if !paths.is_empty() {
            let part = crate::load::corpus(&CorpusSource::Paths(std::mem::take(paths)))?;
            corpus.articles.extend(part.articles);
            corpus.warnings.extend(part.warnings);
        }
        Ok(())
    };
    for s in sources {
        if s.as_os_str() == "-" {
            flush(&mut paths, &mut corpus)?;
            read_stdin_articles(&mut corpus)?;
        } else {
            paths.push(s.clone());
        }
    }
    flush(&mut paths, &mut corpus)?;
    corpus.make_ids_unique();
    Ok(corpus)
}

/// One article on standard input.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InputArticle {
    id: String,
    published: Option<String>,
    lang: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    title: Option<String>,
    body: String,
}

/// The largest line read from standard input: one article at the file size limit, escaped.
const MAX_LINE_BYTES: u64 = 2 * corpus::MAX_ARTICLE_BYTES;

fn read_stdin_articles(corpus: &mut Corpus) -> anyhow::Result<()> {
    let stdin = std::io::stdin().lock();
    let mut reader = std::io::BufReader::new(stdin);
    let mut line = String::new();
    for number in 1.. {
        line.clear();
        let read = (&mut reader)
            .take(MAX_LINE_BYTES + 1)
            .read_line(&mut line)
            .with_context(|| format!("cannot read standard input at line {number}"))?;
        if read == 0 {
            break;
        }
        let name = format!("<stdin>:{number}");
        if read as u64 > MAX_LINE_BYTES {
            anyhow::bail!("{name}: line longer than {MAX_LINE_BYTES} bytes");
        }
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<InputArticle>(&line) {
            Ok(input) => corpus.articles.push(article_of(input, name)),
            Err(e) => corpus
                .warnings
                .push(format!("{name}: not an article record: {e}")),
        }
    }
    Ok(())
}

fn article_of(input: InputArticle, name: String) -> Article {
    let body = input.body;
    let furniture = corpus::furniture::find(&body, "");
    let lang = input
        .lang
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| corpus::detect_lang(&body).to_string());
    let title = input
        .title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| {
            body.lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("")
                .to_string()
        });
    // An RFC 3339 date-time keeps its calendar day as written, as in front matter.
    let published = input.published.as_deref().and_then(|p| {
        p.trim()
            .parse::<crate::date::DateArg>()
            .ok()
            .filter(|d| d.date.precision() == crate::date::Precision::Day)
            .map(|d| d.date.first_day())
    });
    Article {
        id: input.id,
        title,
        outlet: input.outlet,
        url: input.url,
        lang,
        published,
        body,
        origin: Origin::Memory(name),
        furniture,
        body_line_offset: 0,
    }
}

/// A facts file that cannot be reconciled: exit 2, naming the file and line.
#[derive(Debug, thiserror::Error)]
pub enum FactsError {
    #[error("{file}:{line}: {message}")]
    Bad {
        file: String,
        line: usize,
        message: String,
    },
    #[error("cannot read {file}: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },
}

/// Articles rebuilt from records: their bodies are known only where their facts quote
/// them, which is all reconciliation reads.
#[derive(Default)]
struct Rebuilt {
    corpus: Corpus,
    facts: Vec<Vec<Fact>>,
    bodies: Vec<Vec<u8>>,
    /// Article id → index, for the facts that follow.
    index: HashMap<String, usize>,
}

impl Rebuilt {
    fn add(&mut self, record: Record, at: &dyn Fn(String) -> FactsError) -> Result<(), FactsError> {
        match record {
            Record::Warning(w) => self.corpus.warnings.push(w.message),
            Record::Article(a) => {
                if a.body_bytes > corpus::MAX_ARTICLE_BYTES as usize {
                    return Err(at(format!("article {} is over the size limit", a.id)));
                }
                let published = match a.published.as_deref() {
                    None => None,
                    Some(p) => Some(
                        chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d")
                            .map_err(|_| at(format!("published `{p}` is not YYYY-MM-DD")))?,
                    ),
                };
                self.index.insert(a.id.clone(), self.corpus.articles.len());
                self.bodies.push(vec![b' '; a.body_bytes]);
                self.facts.push(Vec::new());
                self.corpus.articles.push(Article {
                    id: a.id,
                    title: a.title,
                    outlet: a.outlet,
                    url: a.url,
                    lang: a.lang,
                    published,
                    body: String::new(),
                    origin: Origin::Memory(a.file),
                    furniture: Vec::new(),
                    body_line_offset: 0,
                });
            }
            Record::Fact(f) => {
                let &i = self.index.get(&f.article).ok_or_else(|| {
                    at(format!(
                        "fact of article `{}`, which no article record before it names",
                        f.article
                    ))
                })?;
                let body = &mut self.bodies[i];
                let fits = f.start <= f.end
                    && f.end <= body.len()
                    && f.quote.len() == f.end - f.start
                    && f.figure_start <= f.figure_end
                    && f.figure_end <= body.len();
                if !fits {
                    return Err(at(format!(
                        "fact offsets {}..{} do not fit article `{}`",
                        f.start, f.end, f.article
                    )));
                }
                body[f.start..f.end].copy_from_slice(f.quote.as_bytes());
                self.facts[i].push(f.fact());
            }
        }
        Ok(())
    }

    /// The corpus and its facts; each article's body holds its quotes at their offsets.
    fn finish(mut self) -> Result<(Corpus, Vec<Vec<Fact>>), String> {
        for ((article, body), facts) in self
            .corpus
            .articles
            .iter_mut()
            .zip(self.bodies)
            .zip(&self.facts)
        {
            article.body = String::from_utf8(body).map_err(|_| {
                format!(
                    "the facts of article `{}` quote overlapping text that disagrees",
                    article.id
                )
            })?;
            for f in facts {
                let (s, e) = f.quote;
                if article.body.get(s..e).is_none() {
                    return Err(format!(
                        "the facts of article `{}` quote overlapping text that disagrees",
                        article.id
                    ));
                }
            }
        }
        Ok((self.corpus, self.facts))
    }
}

/// `timeline --facts FILE...`: the timeline reconciled from `facts` records (`-` is
/// standard input), equal to the one built from the articles they came from.
pub fn timeline_from_files(files: &[PathBuf]) -> anyhow::Result<Timeline> {
    let mut rebuilt = Rebuilt::default();
    for file in files {
        if file.as_os_str() == "-" {
            read_records(std::io::stdin().lock(), "<stdin>", &mut rebuilt)?;
        } else {
            let opened = std::fs::File::open(file).map_err(|source| FactsError::Read {
                file: file.display().to_string(),
                source,
            })?;
            read_records(
                std::io::BufReader::new(opened),
                &display(file),
                &mut rebuilt,
            )?;
        }
    }
    let (mut corpus, facts) = rebuilt.finish().map_err(|m| anyhow::anyhow!(m))?;
    // Shards extracted apart may reuse an id: the same rule as loading articles.
    corpus.make_ids_unique();
    Ok(Timeline::from_facts(corpus, facts))
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn read_records(
    mut reader: impl BufRead,
    file: &str,
    rebuilt: &mut Rebuilt,
) -> Result<(), FactsError> {
    let mut line = String::new();
    for number in 1.. {
        line.clear();
        let read = (&mut reader)
            .take(MAX_LINE_BYTES + 1)
            .read_line(&mut line)
            .map_err(|source| FactsError::Read {
                file: file.to_string(),
                source,
            })?;
        if read == 0 {
            break;
        }
        let at = |message: String| FactsError::Bad {
            file: file.to_string(),
            line: number,
            message,
        };
        if read as u64 > MAX_LINE_BYTES {
            return Err(at("line too long".into()));
        }
        if line.trim().is_empty() {
            continue;
        }
        let record: Record =
            serde_json::from_str(&line).map_err(|e| at(format!("not a facts record: {e}")))?;
        let version = match &record {
            Record::Article(a) => a.schema_version,
            Record::Fact(f) => f.schema_version,
            Record::Warning(w) => w.schema_version,
        };
        if version != SCHEMA_VERSION {
            return Err(at(format!(
                "schema_version {version} is not {SCHEMA_VERSION}"
            )));
        }
        rebuilt.add(record, &at)?;
    }
    Ok(())
}
