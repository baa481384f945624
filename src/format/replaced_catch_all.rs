//! A variant's outcome without `when` is its catch-all, and replaces the base's (docs/
//! language.md). With another id, that is most often an outcome whose `when` was forgotten: the
//! base's catch-all is gone without a word, and its trials counted under the new one. A warning
//! says so; and an error about the old id (a pin of it) says where it went.

use super::diagnostic::Diagnostic;
use super::document::Node;
use super::entry_id::{id_of, id_span};
use super::source::Span;

/// The base's catch-all replaced by one of another id: the ids, and where the new one stands.
#[derive(Clone, Debug)]
pub struct Replaced {
    pub old: String,
    pub new: String,
    pub at: Span,
}

/// Tells the base's catch-all `old` replaced by the variant's `new`, when their ids differ: a
/// warning in `diags`, and the pair in `replaced` for the errors about the old id.
pub(super) fn replaced(
    diags: &mut Vec<Diagnostic>,
    replaced: &mut Vec<Replaced>,
    old: &Node,
    new: &Node,
) {
    let (Some(old_id), Some(new_id)) = (id_of(old), id_of(new)) else {
        return;
    };
    if old_id == new_id {
        return;
    }
    diags.push(
        Diagnostic::warning(
            id_span(new),
            format!(
                "outcome `{new_id}` has no `when`, so it replaces the base's catch-all `{old_id}`"
            ),
        )
        .label("the catch-all from here on")
        .secondary(id_span(old), "the base's catch-all")
        .help(format!(
            "a scenario has one catch-all, the outcome without `when`: give `{new_id}` a `when` \
             to add it before `{old_id}`; to replace `{old_id}`, say so with `remove = \
             [\"outcomes.{old_id}\"]`"
        )),
    );
    replaced.push(Replaced {
        old: old_id.to_string(),
        new: new_id.to_string(),
        at: id_span(new),
    });
}

/// Helps each error of `items` about the id of a replaced catch-all (a pin of it, refused as an
/// unknown outcome) with where it went; the warning, which says the same, then goes.
pub fn explain_replaced(items: &mut Vec<Diagnostic>, replaced: &[Replaced]) {
    for r in replaced {
        let mut told = false;
        for d in items.iter_mut() {
            if d.is_error() && d.unknown.as_deref() == Some(r.old.as_str()) {
                told = true;
                d.labels.push(super::diagnostic::Label {
                    span: r.at.clone(),
                    message: format!("replaces the base's catch-all `{}`", r.old),
                });
                d.help = Some(format!(
                    "`{old}` was the base's catch-all; this file's `{new}` has no `when`, so it \
                     replaced it: name `{new}` here, or give `{new}` a `when` to keep `{old}`",
                    old = r.old,
                    new = r.new
                ));
            }
        }
        if told {
            items.retain(|d| d.is_error() || d.span.as_ref() != Some(&r.at));
        }
    }
}
