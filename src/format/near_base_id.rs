//! A variant's new actor, event or outcome whose id is one slip from one of its base's
//! (`south_korea_sends_arm` for `south_korea_sends_arms`). An entry replaces the base's only
//! under its exact id, so this one is added beside the base's and both take part in every
//! trial: most often a replacement with a typing slip, told as a warning naming the base's.
//! (A flag, variable or parameter written so is never read: its warning names the one meant.)

use super::diagnostic::Diagnostic;
use super::scenario_doc::{DeclKind, ScenarioDoc};

/// Warns of each actor, event and outcome of `child` new to `base` whose id is one edit from a
/// base entry's of its kind that `child` does not itself replace.
pub(super) fn near_base_ids(diags: &mut Vec<Diagnostic>, base: &ScenarioDoc, child: &ScenarioDoc) {
    let listed = |k: DeclKind| matches!(k, DeclKind::Actor | DeclKind::Event | DeclKind::Outcome);
    let (base_decls, child_decls) = (base.decls(), child.decls());
    let in_child = |id: &str| child_decls.iter().any(|d| d.id == id);
    for d in child_decls.iter().filter(|d| listed(d.kind)) {
        if base_decls.iter().any(|b| b.id == d.id) {
            continue;
        }
        let Some(b) = (base_decls.iter())
            .filter(|b| b.kind == d.kind && !in_child(&b.id))
            .find(|b| one_slip(&d.id, &b.id))
        else {
            continue;
        };
        let noun = d.kind.noun();
        let kind = noun.split_once(' ').map_or(noun, |(_, k)| k);
        diags.push(
            Diagnostic::warning(
                d.span.clone(),
                format!(
                    "{kind} `{}` is new here, beside the base's `{}`",
                    d.id, b.id
                ),
            )
            .label(format!("{noun} added, not replaced"))
            .secondary(b.span.clone(), format!("the base's {kind}"))
            .help(format!(
                "an entry replaces the base's only under its exact id: to replace it, write \
                 `id = \"{}\"`; to add {noun} beside it, give it an id that is no slip of the \
                 base's",
                b.id
            )),
        );
    }
}

/// Whether `a` and `b` differ by one letter added, dropped, changed or two swapped, and not by a
/// number at the end (`wave_2` beside `wave_1` is meant).
fn one_slip(a: &str, b: &str) -> bool {
    let numbered = |s: &str| s.ends_with(|c: char| c.is_ascii_digit());
    !numbered(a) && !numbered(b) && strsim::damerau_levenshtein(a, b) == 1
}

#[cfg(test)]
mod tests {
    use super::one_slip;

    #[test]
    fn one_letter_apart_is_a_slip_but_a_number_is_not() {
        assert!(one_slip("south_korea_sends_arm", "south_korea_sends_arms"));
        assert!(one_slip("caesefire", "ceasefire"));
        assert!(!one_slip("ceasfir", "ceasefire"));
        assert!(!one_slip("wave_2", "wave_1"));
        assert!(!one_slip("talks", "talks"));
    }
}
