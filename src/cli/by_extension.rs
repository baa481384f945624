//! The format an `--output` file's extension names, for a command given no `--format`:
//! `--output handout.html` writes the page, not a terminal table under an `.html` name.

use std::path::Path;

use clap::ValueEnum;

/// The format: the one given, else the one `output`'s extension names, else `default`.
pub fn chosen<F: ValueEnum>(given: Option<F>, output: Option<&Path>, default: F) -> F {
    given.or_else(|| named_by(output)).unwrap_or(default)
}

/// The format of `F` that `output`'s extension names, if the command offers one by that name.
pub fn named_by<F: ValueEnum>(output: Option<&Path>) -> Option<F> {
    let extension = output?.extension()?.to_str()?.to_ascii_lowercase();
    let name = match extension.as_str() {
        "html" | "htm" => "html",
        "md" | "markdown" => "markdown",
        "json" => "json",
        "csv" => "csv",
        "txt" => "table",
        "svg" => "svg",
        "dot" | "gv" => "dot",
        "mmd" | "mermaid" => "mermaid",
        "xml" => "junit",
        _ => return None,
    };
    F::from_str(name, true).ok()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::named_by;
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
