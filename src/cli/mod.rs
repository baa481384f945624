//! Wiring only: parse arguments, call the library, print, choose the exit code.
//!
//! Exit codes (cli.md): 0 success, 1 anything that fails (scenario error, failed test, bad
//! override), 2 the command line itself cannot be parsed (clap's own code).

mod args;

use clap::Parser;

pub use args::{Cli, Command, Format, GraphFormat, SimArgs};

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = e.exit_code();
            let _ = e.print();
            return code;
        }
    };
    let command = cli.command;
    eprintln!("error: `{command:?}` is not implemented yet");
    1
}
