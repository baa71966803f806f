use clap::Parser;
use qwen_story::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    qwen_story::cmd::set_quiet(cli.quiet);
    let colour = cli.color.enabled(|name| std::env::var(name).ok());
    if cli.command.is_none() {
        // The dashboard's theme follows NO_COLOR; `--color` decides it here, before any
        // thread starts.
        if colour {
            std::env::remove_var("NO_COLOR");
        } else {
            std::env::set_var("NO_COLOR", "1");
        }
    }
    let source = qwen_story::corpus_source(&cli.corpus);
    let result = match &cli.command {
        None => qwen_story::ui::run(&source),
        Some(Command::Timeline(args)) => qwen_story::timeline::run(args, &source),
        Some(Command::Check) => qwen_story::check::run(&source),
        Some(Command::Export(args)) => qwen_story::export::run(args, &source, colour),
        Some(Command::Chart(args)) => qwen_story::export::run_chart(args, &source),
        Some(Command::Ingest(args)) => qwen_story::ingest::run(args, &source),
        Some(Command::Facts(args)) => qwen_story::cmd::facts::run(args, &source),
        Some(Command::Completions(args)) => qwen_story::cmd::docs::completions(args.shell),
        Some(Command::Man) => qwen_story::cmd::docs::man(),
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
