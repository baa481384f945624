//! `brink completions SHELL` and `brink man`: both generated from the clap definitions in
//! `args.rs`, so a new command or option appears in the shell and the manual without more work.

use clap::CommandFactory;

use super::output::emit;
use super::{Cli, CliError};

/// Prints the completion script for `shell` on stdout.
pub fn completions(shell: clap_complete::Shell) -> Result<i32, CliError> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "brink", &mut script);
    emit(&String::from_utf8_lossy(&script), None)?;
    Ok(0)
}

/// Prints the manual page (roff) on stdout.
pub fn man() -> Result<i32, CliError> {
    let page =
        man_page().map_err(|e| CliError::new(format!("error: cannot render the man page: {e}")))?;
    emit(&page, None)?;
    Ok(0)
}

/// One page for the whole tool, `man brink`: clap_mangen's top-level sections, then a COMMANDS
/// section where each command has its synopsis, description, options and example. (clap_mangen
/// alone would refer to a separate brink-run(1) page per command.)
fn man_page() -> std::io::Result<String> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let man = clap_mangen::Man::new(sub.clone());
        out.extend_from_slice(format!(".SS \"brink {}\"\n", sub.get_name()).as_bytes());
        // Each part is rendered as a page section: drop its `.SH` heading and the string
        // definitions roff repeats before each, so that under a command the parts go untitled.
        for render in [
            clap_mangen::Man::render_description_section,
            clap_mangen::Man::render_synopsis_section,
            clap_mangen::Man::render_options_section,
            clap_mangen::Man::render_extra_section,
        ] {
            let mut part = Vec::new();
            render(&man, &mut part)?;
            out.extend_from_slice(b".PP\n");
            for line in String::from_utf8_lossy(&part).lines() {
                let heading = [".SH ", ".ie \\n(.g .ds Aq", ".el .ds Aq"];
                if !heading.iter().any(|h| line.starts_with(h)) {
                    out.extend_from_slice(line.as_bytes());
                    out.push(b'\n');
                }
            }
        }
    }
    man.render_extra_section(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}
