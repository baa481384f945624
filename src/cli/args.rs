//! The command line as clap sees it. Raw arguments only: each command turns them into a
//! validated configuration before it does any work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::values;
use crate::analysis::precision::Precision;
use crate::report::{ReportFormat, VerdictFormat};

#[derive(Parser, Debug)]
#[command(
    name = "brink",
    version,
    about = "Monte Carlo escalation scenarios: encode a chain of events, get outcome distributions",
    after_help = "Example:\n  brink run scenarios/baseline.toml --trials 100000 --seed 7"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Load and validate scenario files; print errors and warnings.
    #[command(
        after_help = "Examples:\n  brink check scenarios/*.toml\n  brink check scenarios/baseline.toml --set events.ceasefire.probability=0.2"
    )]
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format for the diagnostics summary.
        #[arg(long, value_enum, ignore_case = true, default_value_t = CheckFormat::Table)]
        format: CheckFormat,
        /// Check the files with these overrides, as `run` would apply them (repeatable).
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
    },
    /// Run the Monte Carlo simulation and print the summary report.
    #[command(
        after_help = "Example:\n  brink run scenarios/baseline.toml --trials 100000 --seed 7 --format markdown"
    )]
    Run {
        file: PathBuf,
        /// Run whole chunks of trials until every 95% half-width is at most H (a fraction, e.g.
        /// 0.005); --trials is then the cap (default 100000000), the file's trials are ignored.
        #[arg(long, value_name = "H", value_parser = values::precision, allow_negative_numbers = true)]
        precision: Option<f64>,
        /// The outcome or event whose probability --precision applies to (repeatable; default:
        /// every outcome).
        #[arg(long = "precision-of", value_name = "ID", requires = "precision")]
        precision_of: Vec<String>,
        /// Run only shard I of N of the trials and write a partial result to --output (for
        /// `brink merge`); `slurm` takes I and N from a Slurm job array.
        #[arg(long, value_name = "I/N|slurm", allow_hyphen_values = true)]
        shard: Option<String>,
        #[command(flatten)]
        sim: SimArgs,
        /// Report format (default: the one --output's extension names, else table).
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<Format>,
    },
    /// Merge the partial results of `run`, `sweep` or `sensitivity --shard` into the report of
    /// the whole command.
    #[command(
        after_help = "Example:\n  brink merge part-0.json part-1.json part-2.json --format markdown"
    )]
    Merge {
        #[arg(required = true)]
        parts: Vec<PathBuf>,
        /// Report format (default: the one --output's extension names, else table).
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<Format>,
        /// Write the report to FILE (atomically) instead of stdout.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Tell the story of one trial, step by step.
    #[command(
        after_help = "Examples:\n  brink trace scenarios/baseline.toml --trial 42 --seed 7\n  \
                      brink trace scenarios/baseline.toml --outcome world_war_iii"
    )]
    Trace {
        file: PathBuf,
        /// The trial to replay, numbered from 0 (trial K of `run` with the same seed); with
        /// --given or --outcome, where the search starts.
        #[arg(long, default_value_t = 0, value_parser = values::trial, allow_negative_numbers = true)]
        trial: u64,
        /// Tell the first trial from --trial on that ended in outcome ID.
        #[arg(long, value_name = "ID")]
        outcome: Option<String>,
        #[command(flatten)]
        sim: SimArgs,
        /// Story format (default: the one --output's extension names, else table).
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<TraceFormat>,
    },
    /// One run per value of a parameter (several --vary make a grid).
    #[command(
        after_help = "Example:\n  brink sweep scenarios/baseline.toml --vary events.ceasefire.probability=0.05:0.5:10"
    )]
    Sweep {
        file: PathBuf,
        /// PATH=FROM:TO:N (N points including both ends) or PATH=V1,V2,... (the values
        /// listed, in that order).
        #[arg(long, required = true)]
        vary: Vec<String>,
        /// Run only shard I of N of the points and write a partial result to --output (for
        /// `brink merge`); `slurm` takes I and N from a Slurm job array.
        #[arg(long, value_name = "I/N|slurm", allow_hyphen_values = true)]
        shard: Option<String>,
        #[command(flatten)]
        precision: PrecisionArgs,
        #[command(flatten)]
        sim: SimArgs,
        /// Report format (default: the one --output's extension names, else table).
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<Format>,
    },
    /// Two runs on the same seed and random streams, outcomes side by side.
    #[command(
        after_help = "Examples:\n  brink compare scenarios/baseline.toml scenarios/china_stays_out.toml\n  \
                      brink compare scenarios/baseline.toml --set-b events.ceasefire.probability=0.3"
    )]
    Compare {
        a: PathBuf,
        /// Leave it out with --set-b to compare A with itself under the change.
        b: Option<PathBuf>,
        /// An override applied to B only (repeatable).
        #[arg(long = "set-b", value_name = "PATH=VALUE")]
        set_b: Vec<String>,
        /// Run whole chunks of trials until every paired difference's 95% half-width is at
        /// most H; --trials is then the cap (default 100000000).
        #[arg(long, value_name = "H", value_parser = values::precision, allow_negative_numbers = true)]
        precision: Option<f64>,
        /// The outcome or event whose difference --precision applies to (repeatable; default:
        /// every outcome).
        #[arg(long = "precision-of", value_name = "ID", requires = "precision")]
        precision_of: Vec<String>,
        #[command(flatten)]
        sim: SimArgs,
        /// Report format (default: the one --output's extension names, else table).
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<Format>,
    },
    /// How each event's probability moves an outcome: a tornado table.
    #[command(
        after_help = "Example:\n  brink sensitivity scenarios/baseline.toml --outcome world_war_iii"
    )]
    Sensitivity {
        file: PathBuf,
        /// The outcome to study; default: every outcome but the catch-all.
        #[arg(long)]
        outcome: Option<String>,
        /// Show only the N inputs with the largest swing per outcome.
        #[arg(long, value_name = "N", value_parser = values::top, allow_negative_numbers = true)]
        top: Option<usize>,
        /// Run only shard I of N of the variants and write a partial result to --output (for
        /// `brink merge`); `slurm` takes I and N from a Slurm job array.
        #[arg(long, value_name = "I/N|slurm", allow_hyphen_values = true)]
        shard: Option<String>,
        #[command(flatten)]
        precision: PrecisionArgs,
        #[command(flatten)]
        sim: SimArgs,
        /// Report format (default: the one --output's extension names, else table).
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<Format>,
    },
    /// The escalation chain as a graph (Graphviz dot, Mermaid or SVG).
    #[command(
        after_help = "Examples:\n  brink graph scenarios/baseline.toml --format dot | dot -Tsvg > chain.svg\n  brink graph scenarios/baseline.toml --milestones --probabilities --format svg --output chain.svg"
    )]
    Graph {
        file: PathBuf,
        /// Graph format (default: the one --output's extension names, else dot).
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<GraphFormat>,
        /// Overrides, as for `run`.
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
        #[arg(long)]
        output: Option<PathBuf>,
        /// Draw only milestone events and outcomes, with an arrow wherever one leads to
        /// another through the events left out.
        #[arg(long)]
        milestones: bool,
        /// Run the scenario and write each event's chance of firing and each outcome's
        /// probability on its node.
        #[arg(long)]
        probabilities: bool,
        /// Trials of the run for --probabilities (default: the scenario's, else 10000).
        #[arg(long, requires = "probabilities", value_parser = values::trials, allow_negative_numbers = true)]
        trials: Option<u64>,
        /// Seed of the run for --probabilities.
        #[arg(long, requires = "probabilities", allow_negative_numbers = true)]
        seed: Option<String>,
        /// Worker threads of the run for --probabilities. Results do not depend on it.
        #[arg(long, requires = "probabilities", value_parser = values::threads, allow_negative_numbers = true)]
        threads: Option<usize>,
    },
    /// Exact outcome probabilities for scenarios with a small state space.
    #[command(after_help = "Example:\n  brink exact tests/scenarios/gamblers_ruin.toml")]
    Exact {
        file: PathBuf,
        /// Give up (with an error) past this many distinct states in one step.
        #[arg(long, default_value_t = 1_000_000, value_parser = values::max_states, allow_negative_numbers = true)]
        max_states: usize,
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
        /// Report format (default: the one --output's extension names, else table).
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<Format>,
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Run every [[expect]] in the files (folders are searched for *.toml).
    #[command(after_help = "Example:\n  brink test scenarios/")]
    Test {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Trials for every expectation (overrides the files).
        #[arg(long, value_parser = values::trials, allow_negative_numbers = true)]
        trials: Option<u64>,
        #[arg(long, value_parser = values::threads, allow_negative_numbers = true)]
        threads: Option<usize>,
        /// `junit` writes JUnit XML for CI test reports (default: the one --output's extension
        /// names, `.xml` for junit, else table).
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<TestFormat>,
        /// Write the results to FILE (atomically) instead of stdout.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[arg(long)]
        quiet: bool,
    },
    /// Print the JSON Schema of the scenario format, for editors that check TOML as you type.
    #[command(after_help = "Example:\n  brink schema --output schema/scenario.schema.json")]
    Schema {
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell).
    #[command(after_help = "Example:\n  source <(brink completions bash)")]
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff).
    #[command(after_help = "Example:\n  brink man > brink.1 && man -l brink.1")]
    Man,
}

impl Command {
    /// Whether one of the files the command reads is `-`, standard input.
    pub fn reads_stdin(&self) -> bool {
        let files: Vec<&PathBuf> = match self {
            Command::Check { files, .. } => files.iter().collect(),
            Command::Merge { parts, .. } => parts.iter().collect(),
            Command::Test { paths, .. } => paths.iter().collect(),
            Command::Compare { a, b, .. } => std::iter::once(a).chain(b).collect(),
            Command::Run { file, .. }
            | Command::Trace { file, .. }
            | Command::Sweep { file, .. }
            | Command::Sensitivity { file, .. }
            | Command::Graph { file, .. }
            | Command::Exact { file, .. } => vec![file],
            Command::Schema { .. } | Command::Completions { .. } | Command::Man => Vec::new(),
        };
        files.iter().any(|f| f.as_os_str() == "-")
    }
}

/// Options shared by the commands that simulate.
#[derive(Args, Debug, Clone)]
pub struct SimArgs {
    /// Number of trials (default: the scenario's [scenario.run] trials, else 10000); 1e6 and
    /// 1_000_000 work too.
    #[arg(long, value_parser = values::trials, allow_negative_numbers = true)]
    pub trials: Option<u64>,
    /// Seed: a number, or `random` to draw one (printed on stderr).
    #[arg(long, allow_negative_numbers = true)]
    pub seed: Option<String>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_parser = values::threads, allow_negative_numbers = true)]
    pub threads: Option<usize>,
    /// Override a scenario value, e.g. events.ceasefire.probability=0.2 (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Keep only the trials whose final state satisfies EXPR (outcome ids may appear).
    #[arg(long, value_name = "EXPR")]
    pub given: Option<String>,
    /// `--format`, which each command declares with the formats it renders (`None`: not given).
    #[arg(skip)]
    pub format: Option<Format>,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

/// `--precision` of the commands that run many versions on one shared trial count.
#[derive(Args, Debug, Clone)]
pub struct PrecisionArgs {
    /// Run whole chunks of trials, the same ones for every version, until every difference
    /// from the baseline (sweep) or every swing and difference (sensitivity) has a 95%
    /// half-width of at most H; --trials is then the cap (default 100000000).
    #[arg(long, value_name = "H", value_parser = values::precision, allow_negative_numbers = true)]
    pub precision: Option<f64>,
    /// The outcome whose differences --precision applies to (repeatable; default: every
    /// outcome studied).
    #[arg(long = "precision-of", value_name = "ID", requires = "precision")]
    pub precision_of: Vec<String>,
}

impl PrecisionArgs {
    pub fn get(&self) -> Option<Precision> {
        self.precision.map(|target| Precision {
            target,
            of: self.precision_of.clone(),
        })
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Table,
    /// Also written `md`
    #[value(alias = "md")]
    Markdown,
    Json,
    Csv,
    /// One self-contained page with charts (run, compare, sweep, sensitivity, exact, merge).
    Html,
}

impl Format {
    /// The name `--format` takes.
    pub fn name(self) -> String {
        self.to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_string())
    }

    /// The text format, or `None` for the HTML page.
    pub fn text(self) -> Option<ReportFormat> {
        match self {
            Format::Table => Some(ReportFormat::Table),
            Format::Markdown => Some(ReportFormat::Markdown),
            Format::Json => Some(ReportFormat::Json),
            Format::Csv => Some(ReportFormat::Csv),
            Format::Html => None,
        }
    }
}

/// The formats of `trace`: a story has no HTML page.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TraceFormat {
    #[default]
    Table,
    #[value(alias = "md")]
    Markdown,
    Json,
    Csv,
}

impl From<TraceFormat> for ReportFormat {
    fn from(f: TraceFormat) -> ReportFormat {
        match f {
            TraceFormat::Table => ReportFormat::Table,
            TraceFormat::Markdown => ReportFormat::Markdown,
            TraceFormat::Json => ReportFormat::Json,
            TraceFormat::Csv => ReportFormat::Csv,
        }
    }
}

/// The formats of `check`, which gives a verdict: no handout, no tidy table.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    Table,
    Json,
}

impl From<CheckFormat> for VerdictFormat {
    fn from(f: CheckFormat) -> VerdictFormat {
        match f {
            CheckFormat::Table => VerdictFormat::Table,
            CheckFormat::Json => VerdictFormat::Json,
        }
    }
}

/// The formats of `test`: a verdict's, plus JUnit XML for CI test reports.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TestFormat {
    #[default]
    Table,
    Json,
    Junit,
}

#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GraphFormat {
    #[default]
    Dot,
    Mermaid,
    /// A drawing, laid out by brink itself (no Graphviz needed).
    Svg,
}
