//! Flags, variables and parameters that nothing reads: a warning each. One whose id is a slip
//! of one that is read (`tensoin` beside `tension`) is most often a variant's change written
//! under a misspelt name: it declared a new entry, and the base's keeps its value, so the help
//! names the entry meant.

use super::spans::Spans;
use crate::format::Diagnostic;
use crate::format::suggest::closest;
use crate::model::{Model, ParamValue};

/// Warns of every flag, variable and parameter that no condition, parameter or number reads.
pub(super) fn unread(m: &Model, s: &Spans, out: &mut Vec<Diagnostic>) {
    let mut flags = vec![false; m.flags.len()];
    let mut vars = vec![false; m.variables.len()];
    let mut params = vec![false; m.params.len()];
    let param_exprs = m.params.iter().filter_map(|p| match &p.value {
        ParamValue::Expr(e) => Some(e),
        ParamValue::Dist(_) => None,
    });
    let programs = m
        .events
        .iter()
        .flat_map(|e| std::iter::once(&e.when).chain(e.modifiers.iter().map(|md| &md.when)))
        .chain(m.outcomes.iter().filter_map(|o| o.when.as_ref()))
        .chain(s.given.iter())
        .chain(param_exprs)
        .chain(m.number_programs());
    for p in programs {
        for (reads, seen) in [
            (&p.reads.params, &mut params),
            (&p.reads.flags, &mut flags),
            (&p.reads.vars, &mut vars),
        ] {
            for &i in reads {
                if let Some(x) = seen.get_mut(i as usize) {
                    *x = true;
                }
            }
        }
    }
    let flag_ids: Vec<&str> = m.flags.iter().map(|f| f.id.as_str()).collect();
    let param_ids: Vec<&str> = m.params.iter().map(|p| p.id.as_str()).collect();
    let var_ids: Vec<&str> = m.variables.iter().map(|v| v.id.as_str()).collect();
    let kinds = [
        (
            "flag",
            &flag_ids,
            &flags,
            &s.flags,
            "condition",
            "use it in a `when`",
        ),
        (
            "parameter",
            &param_ids,
            &params,
            &s.params,
            "condition or parameter",
            "use it in a `when` or in another parameter",
        ),
        (
            "variable",
            &var_ids,
            &vars,
            &s.variables,
            "condition",
            "use it in a `when`",
        ),
    ];
    for (kind, ids, read, spans, readers, use_it) in kinds {
        for (i, id) in ids.iter().enumerate() {
            if read[i] {
                continue;
            }
            let read_ids = (ids.iter().enumerate()).filter(|(j, _)| read[*j]);
            let meant = closest(id, read_ids.clone().map(|(_, id)| *id));
            let meant = meant.and_then(|c| read_ids.clone().find(|(_, id)| **id == c));
            let help = match meant {
                // Declared in the variant, read in the base: the change meant for the base's.
                Some((j, meant)) if spans[j].file != spans[i].file => format!(
                    "did you mean `{meant}`? As written this is a new {kind}, and the base's \
                     `{meant}` keeps its value: a variant changes an entry of its base only \
                     under its exact name"
                ),
                Some((_, meant)) => format!(
                    "did you mean `{meant}`? As written this is a {kind} of its own, which \
                     changes nothing; or remove it"
                ),
                None => format!("{use_it}, or remove it"),
            };
            out.push(
                Diagnostic::warning(spans[i].clone(), format!("{kind} `{id}` is never read"))
                    .label(format!("no {readers} reads this {kind}"))
                    .help(help),
            );
        }
    }
}
