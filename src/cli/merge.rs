//! `brink merge PARTS...`: the library reads, checks and merges the parts; this prints the
//! report of the whole command.

use std::path::{Path, PathBuf};

use super::args::Format;
use super::output::check_writable;
use super::page::emit_document;
use super::sim::{MORE_TRIALS, some_kept};
use super::{CliError, color::stderr_color};
use crate::analysis::graph;
use crate::analysis::merge::{MergeError, Merged, merge};
use crate::analysis::sensitivity::render::SensitivityDocument;
use crate::analysis::sweep::SweepError;
use crate::report::{Report, ReportFormat, RunDocument, assumptions};

pub fn run(parts: &[PathBuf], format: Format, output: Option<&Path>) -> Result<i32, CliError> {
    check_writable(output)?;
    let merged = merge(parts, format.text().unwrap_or(ReportFormat::Table)).map_err(message)?;
    match merged {
        Merged::Run {
            model,
            result,
            meta,
        } => {
            some_kept(&model, meta.given.as_deref(), &result, MORE_TRIALS)?;
            // No timing line: the shards' time was spent elsewhere.
            let report = Report::build(&model, &result, &meta);
            let doc = RunDocument {
                assumptions: assumptions(&model),
                chain: (format == Format::Html).then(|| graph::chain(&model, Some(&report))),
                ..RunDocument::new(report)
            };
            emit_document(&doc, format, output)?;
        }
        Merged::Sweep { mut doc, baseline } => {
            if format == Format::Html {
                doc.chain = Some(graph::chain(&baseline, doc.baseline.report.as_ref()));
            }
            emit_document(&*doc, format, output)?
        }
        Merged::Sensitivity {
            model,
            result,
            file,
            seed,
            top,
        } => {
            let doc = SensitivityDocument {
                model: &model,
                file,
                seed,
                result: &result,
                top,
                precision: None,
                baseline: None,
            };
            emit_document(&doc, format, output)?;
        }
    }
    Ok(0)
}

fn message(e: MergeError) -> CliError {
    CliError::new(match e {
        MergeError::Refused(m) => m,
        MergeError::Scenario(d) | MergeError::Sweep(SweepError::Load { diagnostics: d, .. }) => {
            d.render(stderr_color())
        }
        MergeError::Sweep(e) => format!("error: the sweep of the parts cannot be planned: {e:?}"),
    })
}
