use clap::Parser;
use qwen_story::cli::{Cli, Command};
use qwen_story::console;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
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
        None => qwen_story::ui::run(&source, cli.no_mouse),
        Some(Command::Timeline(args)) => qwen_story::cmd::timeline::run(args, &source),
        Some(Command::Check) => qwen_story::check::run(&source),
        Some(Command::Export(args)) => qwen_story::export::run(args, &source, colour),
        Some(Command::Chart(args)) => qwen_story::export::run_chart(args, &source),
        Some(Command::Ingest(args)) => qwen_story::ingest::run(args, &source),
        Some(Command::Facts(args)) => qwen_story::cmd::facts::run(args, &source),
        Some(Command::Completions(args)) => qwen_story::cmd::docs::completions(args.shell),
        Some(Command::Man) => qwen_story::cmd::docs::man(),
        Some(Command::Follow(args)) => qwen_story::sources::follow::run_follow(args),
        Some(Command::Unfollow(args)) => qwen_story::sources::follow::run_unfollow(&args.feed),
        Some(Command::Update(args)) => {
            qwen_story::sources::update::run(args.dry_run, false, &source)
        }
        Some(Command::Articles(args)) => qwen_story::sources::catalog::run_articles(
            args.format == qwen_story::cli::ArticlesFormat::Json,
            &source,
        ),
        Some(Command::Remove(args)) => qwen_story::sources::catalog::run_remove(&args.ids, &source),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // One sentence for the user; the chain of causes joined on one line.
            console::warn(format_args!("qwen-story: error: {e:#}"));
            ExitCode::from(2)
        }
    }
}

/// `--help` and `--version` (on stdout, exit 0) and usage errors (on stderr, exit 2), written
/// under the same output rules as every command: help that cannot be written is an error.
fn clap_exit(e: &clap::Error) -> ExitCode {
    let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    let written = e.print().and_then(|()| {
        use std::io::Write;
        std::io::stdout().flush()
    });
    if e.use_stderr() {
        return code;
    }
    match console::finish(written, code) {
        Ok(code) => code,
        Err(err) => {
            console::warn(format_args!("qwen-story: error: {err:#}"));
            ExitCode::from(2)
        }
    }
}
