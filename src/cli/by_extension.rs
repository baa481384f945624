//! The format an `--output` file's extension names, for a command given no `--format`:
//! `--output handout.html` writes the page, not a terminal table under an `.html` name.

use std::path::Path;

use clap::ValueEnum;

use super::args::{Command, Format, SimArgs};

/// The format: the one given, else the one `output`'s extension names, else the command's
/// default (a table; dot for `graph`).
pub fn chosen<F: ValueEnum + Default>(given: Option<F>, output: Option<&Path>) -> F {
    given.or_else(|| named_by(output)).unwrap_or_default()
}

/// Each extension and the `--format` it names; the first of a format is the one suggested.
const EXTENSIONS: [(&str, &str); 13] = [
    ("html", "html"),
    ("htm", "html"),
    ("md", "markdown"),
    ("markdown", "markdown"),
    ("json", "json"),
    ("csv", "csv"),
    ("txt", "table"),
    ("svg", "svg"),
    ("dot", "dot"),
    ("gv", "dot"),
    ("mmd", "mermaid"),
    ("mermaid", "mermaid"),
    ("xml", "junit"),
];

/// The `--format` name `output`'s extension stands for, among all of brink's formats.
fn extension_names(output: &Path) -> Option<&'static str> {
    let extension = output.extension()?.to_str()?.to_ascii_lowercase();
    EXTENSIONS
        .iter()
        .find(|(e, _)| *e == extension)
        .map(|(_, name)| *name)
}

/// The format of `F` that `output`'s extension names, if the command offers one by that name.
pub fn named_by<F: ValueEnum>(output: Option<&Path>) -> Option<F> {
    F::from_str(extension_names(output?)?, true).ok()
}

/// The warning for a file whose name says one format and that gets another: `--format csv`
/// into `r.json`, or `trace --output t.html` (a story has no page). A `.txt` takes any text.
pub fn warning(command: &Command) -> Option<String> {
    // The simulating commands hold `--format` beside their `SimArgs` (see `SimArgs::format`).
    let sim = |format: &Option<Format>, sim: &SimArgs, shard: &Option<String>, name| {
        // A shard's part is brink's JSON whatever the name; `--format` is refused there.
        let output = sim.output.as_deref().filter(|_| shard.is_none());
        mismatch(*format, output, name)
    };
    match command {
        Command::Run {
            format,
            sim: s,
            shard,
            ..
        } => sim(format, s, shard, "run"),
        Command::Sweep {
            format,
            sim: s,
            shard,
            ..
        } => sim(format, s, shard, "sweep"),
        Command::Sensitivity {
            format,
            sim: s,
            shard,
            ..
        } => sim(format, s, shard, "sensitivity"),
        Command::Compare { format, sim: s, .. } => sim(format, s, &None, "compare"),
        Command::Trace { sim, format, .. } => mismatch(*format, sim.output.as_deref(), "trace"),
        Command::Merge { format, output, .. } => mismatch(*format, output.as_deref(), "merge"),
        Command::Exact { format, output, .. } => mismatch(*format, output.as_deref(), "exact"),
        Command::Graph { format, output, .. } => mismatch(*format, output.as_deref(), "graph"),
        Command::Test { format, output, .. } => mismatch(*format, output.as_deref(), "test"),
        Command::Check { .. }
        | Command::Schema { .. }
        | Command::Completions { .. }
        | Command::Man => None,
    }
}

fn mismatch<F: ValueEnum + Default>(
    given: Option<F>,
    output: Option<&Path>,
    command: &str,
) -> Option<String> {
    let output = output?;
    // A `.txt` (the table's) takes any text.
    let named = extension_names(output).filter(|n| *n != "table")?;
    let written = name(&chosen(given, Some(output)));
    if written == named {
        return None;
    }
    let file = output.display();
    if F::from_str(named, true).is_ok() {
        let suggested = EXTENSIONS.iter().find(|(_, n)| *n == written);
        let rename = suggested.map_or_else(String::new, |(e, _)| {
            format!(
                "name the file `{}`, or ",
                output.with_extension(e).display()
            )
        });
        return Some(format!(
            "warning: `{file}` will hold `--format {written}`, but its extension names \
             `{named}`\nhelp: {rename}leave out `--format` to write `{named}`\n"
        ));
    }
    let formats: Vec<String> = F::value_variants()
        .iter()
        .map(|f| format!("`{}`", name(f)))
        .collect();
    Some(format!(
        "warning: `{command}` has no `{named}` format: `{file}` will hold `{written}`\nhelp: \
         the formats of `{command}` are {}; `--format` chooses one\n",
        formats.join(", ")
    ))
}

fn name<F: ValueEnum>(format: &F) -> String {
    format
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{mismatch, named_by};
    use crate::cli::args::{Format, GraphFormat, TestFormat, TraceFormat};

    fn report(file: &str) -> Option<Format> {
        named_by(Some(Path::new(file)))
    }

    #[test]
    fn each_report_format_has_its_extensions() {
        assert_eq!(report("out/handout.html"), Some(Format::Html));
        assert_eq!(report("HANDOUT.HTM"), Some(Format::Html));
        assert_eq!(report("notes.md"), Some(Format::Markdown));
        assert_eq!(report("r.json"), Some(Format::Json));
        assert_eq!(report("r.csv"), Some(Format::Csv));
        assert_eq!(report("r.txt"), Some(Format::Table));
    }

    #[test]
    fn an_extension_the_command_does_not_render_or_none_names_nothing() {
        assert_eq!(report("r.svg"), None);
        assert_eq!(report("report"), None);
        assert_eq!(report("archive.tar.gz"), None);
        assert_eq!(named_by::<Format>(None), None);
        assert_eq!(named_by::<TraceFormat>(Some(Path::new("t.html"))), None);
    }

    #[test]
    fn a_name_for_one_format_given_another_is_told_which() {
        let warned =
            |format, file: &str| mismatch(format, Some(Path::new(file)), "run").unwrap_or_default();
        assert!(warned(Some(Format::Csv), "r.JSON").contains("name the file `r.csv`"));
        assert!(warned(Some(Format::Table), "r.md").contains("name the file `r.txt`"));
        assert!(warned(None, "r.svg").starts_with("warning: `run` has no `svg` format"));
        assert_eq!(warned(Some(Format::Markdown), "notes.TXT"), "");
        assert_eq!(warned(Some(Format::Html), "r.htm"), "");
        assert_eq!(warned(None, "r.md"), "");
        assert_eq!(mismatch::<Format>(None, None, "run"), None);
    }

    #[test]
    fn graphs_and_test_results_have_theirs() {
        let graph = |f: &str| named_by::<GraphFormat>(Some(Path::new(f)));
        assert_eq!(graph("chain.svg"), Some(GraphFormat::Svg));
        assert_eq!(graph("chain.gv"), Some(GraphFormat::Dot));
        assert_eq!(graph("chain.mmd"), Some(GraphFormat::Mermaid));
        assert_eq!(graph("chain.html"), None);
        let test = |f: &str| named_by::<TestFormat>(Some(Path::new(f)));
        assert_eq!(test("results.xml"), Some(TestFormat::Junit));
        assert_eq!(test("results.json"), Some(TestFormat::Json));
    }
}
