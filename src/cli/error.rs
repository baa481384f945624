//! The one error type commands return: an already-rendered message and an exit code.

#[derive(Debug)]
pub struct CliError {
    /// The complete message for stderr (diagnostics already rendered).
    pub message: String,
    pub code: i32,
}

impl CliError {
    /// A failure with exit code 1.
    pub fn new(message: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            code: 1,
        }
    }

    /// A command line that cannot work as given: exit code 2, as for a flag clap refuses.
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            code: 2,
        }
    }
}
