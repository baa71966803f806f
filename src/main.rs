use clap::Parser;
use qwen_story::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let source = qwen_story::corpus_source(cli.corpus.clone());
    let result = match &cli.command {
        None => qwen_story::ui::run(&source, cli.no_mouse),
        Some(Command::Timeline(args)) => qwen_story::timeline::run(args, &source),
        Some(Command::Check) => qwen_story::check::run(&source),
        Some(Command::Export(args)) => qwen_story::export::run(args, &source),
        Some(Command::Chart(args)) => qwen_story::export::run_chart(args, &source),
        Some(Command::Ingest(args)) => qwen_story::ingest::run(args, &source),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // One sentence for the user; the chain of causes joined on one line.
            eprintln!("qwen-story: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
