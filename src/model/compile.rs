//! Checking a merged scenario document and building the [`Model`] (docs/language.md).
//!
//! Every section is checked even after an error, so one `brink check` lists every mistake of a
//! file. The model is built only when there is no error at all.

use std::path::PathBuf;

use super::expects;
use super::names::Names;
use super::read::Cx;
use super::spans::{Spans, id_span};
use super::{decls, events, header, outcomes, params, scenario_given};
use crate::format::scenario_doc::ScenarioDoc;
use crate::format::{Diagnostic, SourceMap, Span};
use crate::model::Model;

pub struct Compiled {
    pub model: Model,
    pub spans: Spans,
}

/// What the model records about how it was loaded.
#[derive(Default)]
pub struct Meta {
    pub files: Vec<PathBuf>,
    pub digest: String,
    pub overrides: Vec<String>,
    /// The files that say `format = 1`.
    pub format1: Vec<crate::format::FileId>,
}

pub fn compile(
    doc: &ScenarioDoc,
    sources: &SourceMap,
    meta: Meta,
) -> (Option<Compiled>, Vec<Diagnostic>) {
    let mut cx = Cx::new(sources);
    cx.format1 = meta.format1.clone();
    let names = Names::declare(&mut cx, &doc.decls());
    let root_span = Span::new(doc.root, 0..0);
    let header = header::scenario(&mut cx, doc, &root_span);
    let actors = decls::actors(&mut cx, doc);
    let flags = decls::flags(&mut cx, doc);
    let variables = decls::variables(&mut cx, doc, &names);
    let params = params::read(&mut cx, doc, &names);
    let mut spans = Spans {
        actors: doc.actors.iter().map(id_span).collect(),
        flags: doc
            .flags
            .entries
            .iter()
            .map(|e| e.key_span.clone())
            .collect(),
        variables: doc
            .variables
            .entries
            .iter()
            .map(|e| e.key_span.clone())
            .collect(),
        params: doc
            .params
            .entries
            .iter()
            .map(|e| e.key_span.clone())
            .collect(),
        ..Spans::default()
    };
    let events = events::events(&mut cx, doc, &names, &variables, &mut spans);
    let outcomes = outcomes::outcomes(&mut cx, doc, &names, &root_span, &mut spans);
    let expects = expects::read(&mut cx, doc, &names, &mut spans);
    let given = scenario_given::read(
        &mut cx,
        doc,
        &names,
        header.as_ref().map(|h| h.horizon),
        &mut spans,
    );
    if cx.has_errors() {
        return (None, cx.diags);
    }
    let (
        Some(header),
        Some(actors),
        Some(flags),
        Some(variables),
        Some(params),
        Some(events),
        Some(outcomes),
        Some(expects),
        Some(given),
    ) = (
        header,
        actors.into_iter().collect::<Option<Vec<_>>>(),
        flags.into_iter().collect::<Option<Vec<_>>>(),
        variables.into_iter().collect::<Option<Vec<_>>>(),
        params.into_iter().collect::<Option<Vec<_>>>(),
        events.into_iter().collect::<Option<Vec<_>>>(),
        outcomes.into_iter().collect::<Option<Vec<_>>>(),
        expects,
        given,
    )
    else {
        // Every `None` above was reported, here or while parsing (`nan`, overflowing integers).
        return (None, cx.diags);
    };
    let model = Model {
        name: header.name,
        description: header.description,
        source: header.source,
        calendar: header::calendar(&header.time_unit, header.start.as_deref()),
        time_unit: header.time_unit,
        start: header.start,
        horizon: header.horizon,
        trials: header.trials,
        seed: header.seed,
        actors,
        flags,
        variables,
        params,
        events,
        outcomes,
        expects,
        given,
        files: meta.files,
        digest: meta.digest,
        overrides: meta.overrides,
    };
    (Some(Compiled { model, spans }), cx.diags)
}
