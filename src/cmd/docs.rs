//! `qwen-story completions SHELL` and `qwen-story man`: the command line describing itself,
//! from the same definition clap parses with (so they never drift from `--help`).

use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

/// Writes to standard output; a closed pipe ends quietly.
fn emit(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("cannot write to standard output"))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    let mut cmd = crate::cli::Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "qwen-story", &mut script);
    emit(&script)
}

/// The roff man page, qwen-story(1), with a section per subcommand.
pub fn man() -> anyhow::Result<ExitCode> {
    let cmd = crate::cli::Cli::command();
    let mut page = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    // One section per subcommand, with its own options: `man qwen-story` covers them all.
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("qwen-story {}", sub.get_name());
        let sub = sub.clone().name(name.clone()).bin_name(name);
        writeln!(page, ".SH \"{}\"", sub.get_name().to_uppercase())?;
        let sub_man = clap_mangen::Man::new(sub);
        let mut body = Vec::new();
        sub_man.render_description_section(&mut body)?;
        sub_man.render_synopsis_section(&mut body)?;
        sub_man.render_options_section(&mut body)?;
        // Nested .SH headings become subsections of this one.
        let body = String::from_utf8_lossy(&body).replace(".SH ", ".SS ");
        page.extend_from_slice(body.as_bytes());
    }
    man.render_version_section(&mut page)?;
    emit(&page)
}
