//! Wiring only: parse arguments, call the library, print, choose the exit code.
//!
//! Exit codes: 0 success, 1 anything that fails (scenario error, failed test, bad
//! override, an option's value that is not a number or out of range), 2 the command line itself
//! cannot be parsed (clap's own code), which includes a `--format` the command does not render.

mod args;
mod by_extension;
mod check;
mod color;
mod compare;
mod error;
mod exact;
mod graph;
mod hints;
mod load;
mod merge;
mod output;
mod page;
mod partial;
mod run;
mod schema;
mod sensitivity;
mod settings;
mod shell;
mod sim;
mod sweep;
mod test;
mod trace;
mod values;

use std::io::IsTerminal;

use clap::Parser;

use by_extension::chosen;

use crate::analysis::precision::Precision;

pub use args::{CheckFormat, Cli, Command, Format, GraphFormat, SimArgs, TestFormat, TraceFormat};
pub use error::CliError;

/// Said when `-` is read from a terminal.
const STDIN_PROMPT: &str = "brink: reading `-` from the terminal: paste or type the text, then \
    press Ctrl-D at the start of a line (Ctrl-C stops)\n";

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // A value brink reads itself and refuses: its message, exit 1 (see `values`).
            if let Some(message) = values::refused(&e) {
                output::note(&format!("error: {message}\n"));
                return 1;
            }
            let code = e.exit_code();
            let _ = e.print();
            // Not under `--help` or `--version`, which clap also returns as an `Err`.
            let hint = e
                .use_stderr()
                .then(|| hints::first(std::env::args().skip(1)));
            if let Some(hint) = hint.flatten() {
                output::note(&format!("{hint}\n"));
            }
            return code;
        }
    };
    if cli.command.reads_stdin() && std::io::stdin().is_terminal() {
        // Else `brink run -` typed at a prompt waits without a word.
        output::note(STDIN_PROMPT);
    }
    if let Some(warning) = by_extension::warning(&cli.command) {
        output::note(&warning);
    }
    let result = match cli.command {
        Command::Check { files, format, set } => check::run(&files, &set, format),
        Command::Run {
            file,
            precision,
            precision_of,
            shard,
            sim,
            format,
        } => {
            let precision = precision.map(|target| Precision {
                target,
                of: precision_of,
            });
            let sim = SimArgs { format, ..sim };
            run::run(&file, precision.as_ref(), shard.as_deref(), &sim)
        }
        Command::Merge {
            parts,
            format,
            output,
        } => {
            let format = chosen(format, output.as_deref());
            merge::run(&parts, format, output.as_deref())
        }
        Command::Trace {
            file,
            trial,
            outcome,
            sim,
            format,
        } => {
            let format = chosen(format, sim.output.as_deref()).into();
            trace::run(&file, (trial, outcome.as_deref()), format, &sim)
        }
        Command::Sweep {
            file,
            vary,
            shard,
            precision,
            sim,
            format,
        } => sweep::run(
            &file,
            &vary,
            precision.get().as_ref(),
            shard.as_deref(),
            &SimArgs { format, ..sim },
        ),
        Command::Compare {
            a,
            b,
            set_b,
            precision,
            precision_of,
            sim,
            format,
        } => {
            let precision = precision.map(|target| Precision {
                target,
                of: precision_of,
            });
            let sim = SimArgs { format, ..sim };
            compare::run(&a, b.as_deref(), &set_b, precision.as_ref(), &sim)
        }
        Command::Sensitivity {
            file,
            outcome,
            top,
            shard,
            precision,
            sim,
            format,
        } => sensitivity::run(
            &file,
            (outcome.as_deref(), top),
            precision.get().as_ref(),
            shard.as_deref(),
            &SimArgs { format, ..sim },
        ),
        Command::Graph {
            file,
            format,
            set,
            output,
            milestones,
            probabilities,
            trials,
            seed,
            threads,
        } => {
            let run = probabilities.then_some(graph::RunFlags {
                trials,
                seed,
                threads,
            });
            let format = chosen(format, output.as_deref());
            graph::run(&file, format, &set, output.as_deref(), milestones, run)
        }
        Command::Exact {
            file,
            max_states,
            set,
            format,
            output,
        } => {
            let format = chosen(format, output.as_deref());
            exact::run(&file, max_states, &set, format, output.as_deref())
        }
        Command::Test {
            paths,
            trials,
            threads,
            format,
            output,
            quiet,
        } => {
            let format = chosen(format, output.as_deref());
            test::run(&paths, trials, threads, format, output.as_deref(), quiet)
        }
        Command::Schema { output } => schema::run(output.as_deref()),
        Command::Completions { shell } => shell::completions(shell),
        Command::Man => shell::man(),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            output::note(&format!("{}\n", e.message.trim_end()));
            e.code
        }
    }
}
