//! The one namespace of ids (actors, flags, variables, events, outcomes): identifier syntax,
//! reserved words, duplicates, and name lookup for expressions.

use std::collections::HashMap;

use super::read::Cx;
use crate::expr::{Scope, Symbol, reserved_words};
use crate::format::document::{Node, Table};
use crate::format::scenario_doc::{Decl, DeclKind};
use crate::format::suggest::did_you_mean;
use crate::format::{Diagnostic, Span};

/// `[a-z][a-z0-9_]*`.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A valid identifier close to `s`, for the help line: accented Latin letters without their
/// accents (`türkei` -> `turkei`, `straße` -> `strasse`), anything else one `_`. None when no
/// letter or digit is left (a name in another script), which needs a name, not a spelling.
pub(super) fn identifier_like(s: &str) -> Option<String> {
    let mut out = String::new();
    for c in s.trim().chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            _ => match plain_latin(c) {
                Some(plain) => out.push_str(plain),
                None if !out.ends_with('_') => out.push('_'),
                None => {}
            },
        }
    }
    let out = out.trim_matches('_');
    if out.is_empty() {
        return None;
    }
    Some(if out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.to_string()
    } else {
        format!("x_{out}")
    })
}

/// The `id` line for the help of an entry without one: an id made of its label, its first four
/// words after an article (`vatican_hosts_talks` for "The Vatican hosts talks"), else `fallback`;
/// numbered (`_2`, `_3`, ...) when another entry has that id, so the fix is not a second error.
pub(super) fn id_example(table: &Table, fallback: &str, names: &Names) -> String {
    let label = table
        .get("label")
        .and_then(Node::as_str)
        .unwrap_or_default();
    let mut words = label.split_whitespace().peekable();
    words.next_if(|w| ["the", "a", "an"].contains(&w.to_lowercase().as_str()));
    let id = identifier_like(&words.take(4).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| fallback.to_string());
    let free = (1..)
        .map(|n| match n {
            1 => id.clone(),
            n => format!("{id}_{n}"),
        })
        .find(|made| names.get(made).is_none())
        .expect("finitely many ids are taken");
    format!("id = \"{free}\"")
}

/// The id `like` (`x_01`, for `01`, which starts with a digit) as the file writes it elsewhere
/// with letters before the digits (`e01`, a use of the id before its first letter was deleted),
/// else `like` as it is.
fn written_with_letters(cx: &Cx, span: &Span, like: String) -> String {
    let Some(digits) = like.strip_prefix("x_") else {
        return like;
    };
    let text = cx.sources.text(span.file);
    let word = |c: char| c.is_alphanumeric() || c == '_';
    // Not the id of another entry: that one keeps it.
    let written = text.split(|c: char| !word(c)).find(|w| {
        w.strip_suffix(digits).is_some_and(|head| {
            !head.is_empty() && head.len() <= 3 && head.chars().all(|c| c.is_ascii_lowercase())
        }) && !text.contains(&format!("id = \"{w}\""))
    });
    written.map_or(like, str::to_string)
}

/// The plain letters of an accented Latin letter, as people write it without the accent.
fn plain_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ß' => "ss",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
}

/// Checks one id's syntax; reports and returns false if it cannot be an id.
pub fn check_identifier(cx: &mut Cx, id: &str, span: &Span, kind: DeclKind) -> bool {
    if reserved_words().any(|w| w == id) {
        cx.error(
            Diagnostic::error(
                span.clone(),
                format!("`{id}` is a reserved word and cannot be an id"),
            )
            .label("reserved")
            .help(format!(
                "`{}` have a meaning in conditions; name {} something else, such as `{id}_{}`",
                reserved_words().collect::<Vec<_>>().join(" "),
                kind.noun(),
                singular(kind)
            )),
        );
        return false;
    }
    if !is_identifier(id) {
        let why = if id.is_empty() {
            "an id cannot be empty".to_string()
        } else {
            format!("`{id}` is not a valid id")
        };
        // The uses of the id as its help writes it are unknown because of this error.
        // (Never the id itself: it breaks the rule, `like` keeps it.)
        let digit_first = id.starts_with(|c: char| c.is_ascii_digit());
        let like = identifier_like(id).map(|like| {
            if digit_first {
                written_with_letters(cx, span, like)
            } else {
                like
            }
        });
        cx.error(
            Diagnostic::error(span.clone(), why)
                .cause_of_unknown(like.clone())
                .label("ids use lowercase letters, digits and `_`, starting with a letter")
                .help(match like {
                    Some(like) => format!("try `{like}`"),
                    None => {
                        let shown = match kind {
                            DeclKind::Actor => {
                                format!("; the name as written goes in `name = \"{id}\"`")
                            }
                            DeclKind::Event | DeclKind::Outcome => {
                                format!("; the name as written goes in `label = \"{id}\"`")
                            }
                            _ => String::new(),
                        };
                        format!("write the id in Latin letters, such as `north_korea`{shown}")
                    }
                }),
        );
        return false;
    }
    true
}

/// Declared ids and what they name. Indices follow declaration order within each kind.
#[derive(Default)]
pub struct Names {
    map: HashMap<String, (Symbol, Span)>,
    /// Ids refused for their syntax: already reported, so using them reports nothing more.
    rejected: Vec<String>,
    /// Ids of each kind, in index order.
    pub actors: Vec<String>,
    pub flags: Vec<String>,
    pub variables: Vec<String>,
    pub params: Vec<String>,
    pub events: Vec<String>,
    pub outcomes: Vec<String>,
}

impl Names {
    /// Every accepted id, whatever its kind.
    pub fn declared(&self) -> impl Iterator<Item = &str> + Clone {
        self.map.keys().map(String::as_str)
    }

    /// Registers declarations, reporting bad and duplicate ids. Returns, for each declaration,
    /// whether it was accepted (a duplicate is not).
    pub fn declare(cx: &mut Cx, decls: &[Decl]) -> Names {
        let mut names = Names::default();
        for d in decls {
            if !check_identifier(cx, &d.id, &d.span, d.kind) {
                names.rejected.push(d.id.clone());
                names.rejected.extend(identifier_like(&d.id));
                continue;
            }
            if let Some((sym, first)) = names.map.get(&d.id) {
                let first_kind = kind_of(*sym);
                let message = if first_kind == d.kind {
                    format!("{} `{}` is declared twice", singular(d.kind), d.id)
                } else {
                    format!(
                        "`{}` is already {}; ids are shared by actors, flags, variables, events and outcomes",
                        d.id,
                        first_kind.noun()
                    )
                };
                cx.error(
                    Diagnostic::error(d.span.clone(), message)
                        .label("declared again here")
                        .secondary(first.clone(), "first declared here")
                        .help("give each one its own id"),
                );
                continue;
            }
            let list = names.list_mut(d.kind);
            let sym = symbol(d.kind, list.len() as u32);
            list.push(d.id.clone());
            names.map.insert(d.id.clone(), (sym, d.span.clone()));
        }
        names
    }

    fn list_mut(&mut self, kind: DeclKind) -> &mut Vec<String> {
        match kind {
            DeclKind::Actor => &mut self.actors,
            DeclKind::Flag => &mut self.flags,
            DeclKind::Variable => &mut self.variables,
            DeclKind::Param => &mut self.params,
            DeclKind::Event => &mut self.events,
            DeclKind::Outcome => &mut self.outcomes,
        }
    }

    pub fn list(&self, kind: DeclKind) -> &[String] {
        match kind {
            DeclKind::Actor => &self.actors,
            DeclKind::Flag => &self.flags,
            DeclKind::Variable => &self.variables,
            DeclKind::Param => &self.params,
            DeclKind::Event => &self.events,
            DeclKind::Outcome => &self.outcomes,
        }
    }

    pub fn get(&self, id: &str) -> Option<Symbol> {
        self.map.get(id).map(|(s, _)| *s)
    }

    /// The index of `id` as a `kind`; reports a located error otherwise.
    pub fn resolve(
        &self,
        cx: &mut Cx,
        id: &str,
        span: &Span,
        kind: DeclKind,
        role: &str,
    ) -> Option<usize> {
        self.resolve_as(cx, id, span, kind, role, false)
    }

    /// [`Names::resolve`] for an id that an entry writes or acts as (`set`, `add`, `actor`):
    /// unknown and close to none, a new one is the likely intent, and the help says how to
    /// declare it.
    pub fn resolve_written(
        &self,
        cx: &mut Cx,
        id: &str,
        span: &Span,
        kind: DeclKind,
        role: &str,
    ) -> Option<usize> {
        self.resolve_as(cx, id, span, kind, role, true)
    }

    fn resolve_as(
        &self,
        cx: &mut Cx,
        id: &str,
        span: &Span,
        kind: DeclKind,
        role: &str,
        written: bool,
    ) -> Option<usize> {
        match self.get(id) {
            Some(sym) if kind_of(sym) == kind => Some(index_of(sym)),
            Some(sym) => {
                cx.error(
                    Diagnostic::error(
                        span.clone(),
                        format!(
                            "`{id}` is {}, but {role} must be {}",
                            kind_of(sym).noun(),
                            kind.noun()
                        ),
                    )
                    .label(format!("not {}", kind.noun()))
                    .help(self.hint(id, kind)),
                );
                None
            }
            None if self.rejected.iter().any(|r| r == id) => None,
            None if cx.saturated() => {
                cx.error(
                    Diagnostic::error(span.clone(), format!("unknown {} `{id}`", singular(kind)))
                        .about_unknown(Some(id)),
                );
                None
            }
            None => {
                let mut help = self.hint(id, kind);
                if let Some(how) = declare(id, kind).filter(|_| written) {
                    if self.list(kind).is_empty() {
                        help = format!("there is no {} yet: {how}", singular(kind));
                    } else if !help.starts_with("did you mean") {
                        help = format!("{help}; to add one, {how}");
                    }
                }
                cx.error(
                    Diagnostic::error(span.clone(), format!("unknown {} `{id}`", singular(kind)))
                        .label(format!("no {} has this id", singular(kind)))
                        .help(help)
                        .about_unknown(Some(id)),
                );
                None
            }
        }
    }
}

impl Names {
    /// Did-you-mean among the ids of `kind`, else the list of them.
    fn hint(&self, id: &str, kind: DeclKind) -> String {
        let list = self.list(kind);
        did_you_mean(id, list.iter().map(String::as_str)).unwrap_or_else(|| {
            if list.is_empty() {
                format!("declare it first: there is no {} yet", singular(kind))
            } else {
                format!("the {} are {}", kind.section(), quote_list(list))
            }
        })
    }
}

/// How to declare `id` as a new flag, variable or actor: the likely intent of `set =
/// ["korea_troops"]` when no flag is close.
fn declare(id: &str, kind: DeclKind) -> Option<String> {
    if !is_identifier(id) {
        return None;
    }
    match kind {
        DeclKind::Flag => Some(format!("declare it under `[flags]`: `{id} = false`")),
        DeclKind::Variable => Some(format!(
            "declare it under `[variables]`: `{id} = {{ initial = 0 }}`"
        )),
        DeclKind::Actor => Some(format!(
            "write an `[[actors]]` entry with `id = \"{id}\"` and a `name`"
        )),
        _ => None,
    }
}

/// "`a`, `b`, `c`" (at most 8, then "...").
pub fn quote_list(ids: &[String]) -> String {
    let mut s: Vec<String> = ids.iter().take(8).map(|i| format!("`{i}`")).collect();
    if ids.len() > 8 {
        s.push("...".into());
    }
    s.join(", ")
}

/// "event", "flag": the section name without its plural `s`.
pub fn singular(kind: DeclKind) -> &'static str {
    let s = kind.section();
    &s[..s.len() - 1]
}

fn symbol(kind: DeclKind, i: u32) -> Symbol {
    match kind {
        DeclKind::Actor => Symbol::Actor(i),
        DeclKind::Flag => Symbol::Flag(i),
        DeclKind::Variable => Symbol::Var(i),
        DeclKind::Param => Symbol::Param(i),
        DeclKind::Event => Symbol::Event(i),
        DeclKind::Outcome => Symbol::Outcome(i),
    }
}

pub fn kind_of(sym: Symbol) -> DeclKind {
    match sym {
        Symbol::Actor(_) => DeclKind::Actor,
        Symbol::Flag(_) => DeclKind::Flag,
        Symbol::Var(_) => DeclKind::Variable,
        Symbol::Param(_) => DeclKind::Param,
        Symbol::Event(_) => DeclKind::Event,
        Symbol::Outcome(_) => DeclKind::Outcome,
    }
}

fn index_of(sym: Symbol) -> usize {
    match sym {
        Symbol::Actor(i)
        | Symbol::Flag(i)
        | Symbol::Var(i)
        | Symbol::Param(i)
        | Symbol::Event(i)
        | Symbol::Outcome(i) => i as usize,
    }
}

impl Scope for Names {
    fn lookup(&self, name: &str) -> Option<Symbol> {
        self.get(name)
    }

    fn names(&self) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        for l in [
            &self.actors,
            &self.flags,
            &self.variables,
            &self.params,
            &self.events,
            &self.outcomes,
        ] {
            all.extend(l.iter().cloned());
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_syntax() {
        assert!(is_identifier("russian_breakthrough2"));
        assert!(!is_identifier("Russia"));
        assert!(!is_identifier("2x"));
        assert!(!is_identifier("a-b"));
        assert!(!is_identifier(""));
        let like = |s: &str| identifier_like(s);
        assert_eq!(like("South Korea").as_deref(), Some("south_korea"));
        assert_eq!(like("2x").as_deref(), Some("x_2x"));
        assert_eq!(like("war!").as_deref(), Some("war"));
        assert_eq!(like("Øresund Æble").as_deref(), Some("oresund_aeble"));
        assert_eq!(like("北朝鮮"), None);
        assert_eq!(like("2025").as_deref(), Some("x_2025"));
    }

    #[test]
    fn the_reserved_words_are_the_keywords_of_conditions() {
        let words: Vec<&str> = reserved_words().collect();
        assert_eq!(
            words,
            [
                "and", "or", "not", "true", "false", "step", "times", "since"
            ]
        );
        // Each would be a valid id but for being reserved, and each means something in a
        // condition: it cannot be read as a name there.
        let scope = crate::expr::MapScope::default();
        for w in words {
            assert!(is_identifier(w), "{w}");
            let err = crate::expr::compile(w, &scope, crate::expr::Type::Bool, false);
            assert!(
                err.as_ref().err().is_none_or(|e| e[0].unknown.is_none()),
                "`{w}` read as a name"
            );
        }
    }
}
