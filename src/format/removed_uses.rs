//! Errors about names that a variant's `remove` took out while its base still reads them
//! ("unknown name `talks_factor`" in the base's condition): they point at the `remove` entry
//! and say what must go or change with it, since otherwise they look like typos in the base,
//! which is not the cause. An event that reads several such names (its own line deleted from
//! `remove`, say) gets one error for all of them: they have one fix.

use super::diagnostic::{Diagnostic, Label};
use super::document::{Node, Value};
use super::entry_id::id_of;
use super::scenario_doc::ScenarioDoc;
use super::source::{FileId, Span};
use super::suggest::join_and;

/// An event or outcome, and where its entry stands (from its header to its last value).
struct Owner<'a> {
    kind: &'static str,
    section: &'static str,
    id: &'a str,
    at: Span,
}

/// An error about a removed name: its index, the name's (in `removed`) and its owner's.
struct Use {
    error: usize,
    name: usize,
    owner: Option<usize>,
}

/// Uses and `remove` entries marked on the kept error, names listed in its help: the rest
/// are counted.
const USES_MARKED: usize = 8;

/// Past this many events and outcomes using a removed name, keeping the name is the likely fix
/// and the help leads with it (removing them all rarely is).
const FEW_OWNERS: usize = 3;

/// Explains the errors of `items` about the names of `removed` (with the spans of their
/// `remove` entries), and folds them into one error for each group of names and the events
/// and outcomes of `doc` that read them: one fix for them all. Before the errors about one
/// name are folded (`unknown_names`), so that every use is seen.
pub fn explain_removed(items: &mut Vec<Diagnostic>, removed: &[(String, Span)], doc: &ScenarioDoc) {
    let owners = owners(doc);
    let by_id: std::collections::HashMap<&str, usize> = (removed.iter().enumerate())
        .map(|(n, (id, _))| (id.as_str(), n))
        .collect();
    let uses: Vec<Use> = (items.iter().enumerate())
        .filter(|(_, d)| d.is_error() && !d.causes_unknown)
        .filter_map(|(i, d)| {
            let name = match d.unknown.as_deref() {
                Some(id) => by_id.get(id).copied(),
                None => removed.iter().position(|(id, _)| names(&d.message, id)),
            }?;
            let owner = owner_of(d, &owners);
            Some(Use {
                error: i,
                name,
                owner,
            })
        })
        .collect();
    // Names and owners joined when an owner reads a name: nodes 0..names, then the owners.
    let mut groups = Groups::new(removed.len() + owners.len());
    for u in &uses {
        if let Some(o) = u.owner {
            groups.join(u.name, removed.len() + o);
        }
    }
    // The uses of each group, the groups in the order of their first use.
    let mut order: Vec<usize> = Vec::new();
    let mut of_group: std::collections::HashMap<usize, Vec<&Use>> = Default::default();
    for u in &uses {
        let group = groups.find(u.name);
        let members = of_group.entry(group).or_default();
        if members.is_empty() {
            order.push(group);
        }
        members.push(u);
    }
    let mut folded = vec![false; items.len()];
    let mut seen = vec![false; removed.len() + owners.len()];
    for group in order {
        let members = &of_group[&group];
        let at = |i: usize| items[i].span.as_ref().map(|s| (s.file.0, s.range.start));
        let Some(kept) = members.iter().map(|u| u.error).min_by_key(|&i| at(i)) else {
            continue;
        };
        let mut names: Vec<usize> = Vec::new();
        let mut users: Vec<usize> = Vec::new();
        let mut labels = Vec::new();
        let mut unmarked = 0;
        for &&Use {
            error: i,
            name,
            owner,
        } in members
        {
            if !std::mem::replace(&mut seen[name], true) {
                names.push(name);
            }
            if let Some(o) =
                owner.filter(|&o| !std::mem::replace(&mut seen[removed.len() + o], true))
            {
                users.push(o);
            }
            if i == kept {
                continue;
            }
            folded[i] = true;
            match items[i].span.clone() {
                Some(span) if labels.len() < USES_MARKED => labels.push(Label {
                    span,
                    message: format!("`{}` too", removed[name].0),
                }),
                _ => unmarked += 1,
            }
        }
        names.sort_unstable();
        let d = &mut items[kept];
        d.labels.extend(labels);
        d.labels
            .extend(names.iter().take(USES_MARKED).map(|&n| Label {
                span: removed[n].1.clone(),
                message: format!("`{}` removed here", removed[n].0),
            }));
        if unmarked > 0 {
            let uses = if unmarked == 1 { "use" } else { "uses" };
            d.notes
                .push(format!("and {unmarked} more {uses}, not marked here"));
        }
        let ids: Vec<&str> = names.iter().map(|&n| removed[n].0.as_str()).collect();
        let users: Vec<&Owner> = users.iter().map(|&o| &owners[o]).collect();
        d.help = Some(help(&ids, &users));
    }
    let mut i = 0;
    items.retain(|_| {
        i += 1;
        !folded[i - 1]
    });
}

/// What to do about the names `ids` that `remove` took out while `users` read them.
fn help(ids: &[&str], users: &[&Owner]) -> String {
    let (it, keep) = match ids {
        [one] => ("it", format!("`{one}`")),
        _ => ("them", "them".to_string()),
    };
    let took = format!("`remove` took {} out", quoted(ids));
    match users {
        [] => {
            format!("{took}, but this still uses {it}: change or remove this too, or keep {keep}")
        }
        [one] => format!(
            "{took}, but {} `{}` still uses {it}: remove the {} too (`\"{}.{}\"` in `remove`), \
             change it, or keep {keep}",
            one.kind, one.id, one.kind, one.section, one.id
        ),
        _ if users.len() > FEW_OWNERS => {
            let who: Vec<String> = (users.iter())
                .map(|o| format!("{} `{}`", o.kind, o.id))
                .collect();
            format!(
                "{took}, but {} still use {it} ({}): keep {keep} (take {it} out of `remove`), \
                 or change those that use {it}",
                counted(users),
                listed(&who)
            )
        }
        _ => {
            let who: Vec<String> = (users.iter())
                .map(|o| format!("{} `{}`", o.kind, o.id))
                .collect();
            let paths: Vec<String> = (users.iter())
                .map(|o| format!("`\"{}.{}\"`", o.section, o.id))
                .collect();
            format!(
                "{took}, but {} still use {it}: remove them too ({} in `remove`), change them, \
                 or keep {keep}",
                listed(&who),
                listed(&paths)
            )
        }
    }
}

/// "5 events", "3 events and 2 outcomes".
fn counted(users: &[&Owner]) -> String {
    let count = |kind: &str| users.iter().filter(|o| o.kind == kind).count();
    let parts: Vec<String> = [("event", count("event")), ("outcome", count("outcome"))]
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .map(|(kind, n)| format!("{n} {kind}{}", if n == 1 { "" } else { "s" }))
        .collect();
    join_and(&parts)
}

/// Groups of nodes joined in pairs (union-find).
struct Groups(Vec<usize>);

impl Groups {
    fn new(n: usize) -> Groups {
        Groups((0..n).collect())
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        self.0[a.max(b)] = a.min(b);
    }
}

/// The events and outcomes of `doc`, with their extents, in the order of their places.
fn owners(doc: &ScenarioDoc) -> Vec<Owner<'_>> {
    let events = doc.events.iter().map(|n| ("event", "events", n));
    let outcomes = doc.outcomes.iter().map(|n| ("outcome", "outcomes", n));
    let mut owners: Vec<Owner> = (events.chain(outcomes))
        .filter_map(|(kind, section, node)| {
            Some(Owner {
                kind,
                section,
                id: id_of(node)?,
                at: extent(node),
            })
        })
        .collect();
    owners.sort_by_key(|o| (o.at.file.0, o.at.range.start));
    owners
}

/// From an entry's header to the end of its last value in the same file, nested tables
/// (`[[events.branches]]` below the event's keys) included.
fn extent(node: &Node) -> Span {
    Span::new(
        node.span.file,
        node.span.range.start..end_of(node, node.span.file),
    )
}

/// Where the last value in `node` (itself included) that stands in `file` ends.
fn end_of(node: &Node, file: FileId) -> usize {
    let own = if node.span.file == file {
        node.span.range.end
    } else {
        0
    };
    let inner = match &node.value {
        Value::Table(t) => t.entries.iter().map(|e| end_of(&e.value, file)).max(),
        Value::Array(a) => a.iter().map(|n| end_of(n, file)).max(),
        _ => None,
    };
    own.max(inner.unwrap_or(0))
}

/// The event or outcome (its index in `owners`) whose entry holds the place of an error.
fn owner_of(d: &Diagnostic, owners: &[Owner<'_>]) -> Option<usize> {
    let span = d.span.as_ref()?;
    let place = (span.file.0, span.range.start);
    let o = owners
        .partition_point(|o| (o.at.file.0, o.at.range.start) <= place)
        .checked_sub(1)?;
    (owners[o].at.file == span.file && span.range.end <= owners[o].at.range.end).then_some(o)
}

/// Whether an error's message says `id` is unknown ("unknown name `id`", "unknown flag `id`").
fn names(message: &str, id: &str) -> bool {
    let quoted = format!("`{id}`");
    message.split("unknown ").skip(1).any(|rest| {
        rest.starts_with(&quoted)
            || rest
                .split_once(' ')
                .is_some_and(|(_, r)| r.starts_with(&quoted))
    })
}

/// The names in backquotes, [`listed`].
fn quoted(ids: &[&str]) -> String {
    listed(&ids.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>())
}

/// `a, b and c`; past [`USES_MARKED`] items, `a, b, ... h and 3 more`.
fn listed<S: AsRef<str>>(items: &[S]) -> String {
    if items.len() > USES_MARKED {
        let shown: Vec<&str> = items[..USES_MARKED].iter().map(AsRef::as_ref).collect();
        let more = items.len() - USES_MARKED;
        return format!("{} and {more} more", shown.join(", "));
    }
    join_and(items)
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn names_are_quoted_and_joined_with_and() {
        let all = ["x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9"];
        let ids = |n: usize| &all[..n];
        assert_eq!(quoted(ids(1)), "`x0`");
        assert_eq!(quoted(ids(2)), "`x0` and `x1`");
        assert_eq!(quoted(ids(3)), "`x0`, `x1` and `x2`");
        assert_eq!(
            quoted(ids(10)),
            "`x0`, `x1`, `x2`, `x3`, `x4`, `x5`, `x6`, `x7` and 2 more"
        );
    }
}
