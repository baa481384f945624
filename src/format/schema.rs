//! The keys each table of a scenario may hold (docs/language.md), and which of them are
//! text (read raw from `--set`) rather than TOML values.

/// How a `--set` value for a field is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A label, name or expression: the raw text after `=`.
    Text,
    /// Any other value: parsed as TOML (a number, a bool, an array, an inline table).
    Toml,
    /// A number, a distribution or an expression: parsed as TOML when it is TOML, else the raw
    /// text of an expression.
    TomlOrText,
    /// A table with fixed keys.
    Table(&'static TableSchema),
    /// An array of tables addressed by 0-based index.
    Tables(&'static TableSchema),
    /// A table of free keys (a variable name to an amount).
    Map,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub kind: FieldKind,
}

/// A table kind: its name in messages (`[[events]]`) and its fields.
#[derive(Debug, PartialEq, Eq)]
pub struct TableSchema {
    pub name: &'static str,
    pub fields: &'static [Field],
}

impl TableSchema {
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().map(|f| f.key)
    }

    /// "`id`, `actor`, ..." for a help line.
    pub fn key_list(&self) -> String {
        self.keys()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

const fn text(key: &'static str) -> Field {
    Field {
        key,
        kind: FieldKind::Text,
    }
}

const fn toml(key: &'static str) -> Field {
    Field {
        key,
        kind: FieldKind::Toml,
    }
}

/// A number, a distribution or an expression (format 2).
const fn number(key: &'static str) -> Field {
    Field {
        key,
        kind: FieldKind::TomlOrText,
    }
}

const fn map(key: &'static str) -> Field {
    Field {
        key,
        kind: FieldKind::Map,
    }
}

/// A key holding one table of the given shape (`[scenario]`).
const fn table(key: &'static str, schema: &'static TableSchema) -> Field {
    Field {
        key,
        kind: FieldKind::Table(schema),
    }
}

/// A key holding an array of tables of the given shape (`[[events]]`).
const fn tables(key: &'static str, schema: &'static TableSchema) -> Field {
    Field {
        key,
        kind: FieldKind::Tables(schema),
    }
}

/// The table that a `[path]` or `[[path]]` line opens (`scenario.run`, `events.branches`,
/// `variables.troops`), walked down from the top level; `None` for a table of the author's own
/// names (`[variables]`, `[flags]`, `[params]`) or a path the format does not have.
pub fn table_at(path: &str) -> Option<&'static TableSchema> {
    let mut table = &TOP;
    let mut parts = path.split('.').map(str::trim);
    while let Some(part) = parts.next() {
        table = match table.field(part)?.kind {
            FieldKind::Table(t) | FieldKind::Tables(t) => t,
            // A name under `[variables]` or `[params]` is one variable or parameter.
            FieldKind::Map => match (part, parts.next()) {
                ("variables", Some(_)) => &VARIABLE,
                ("params", Some(_)) => &PARAM,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(table)
}

pub static TOP: TableSchema = TableSchema {
    name: "the top level",
    fields: &[
        text("extends"),
        table("scenario", &SCENARIO),
        tables("actors", &ACTOR),
        map("flags"),
        map("variables"),
        map("params"),
        tables("events", &EVENT),
        tables("outcomes", &OUTCOME),
        toml("remove"),
        map("set"),
        tables("expect", &EXPECT),
    ],
};

pub static SCENARIO: TableSchema = TableSchema {
    name: "[scenario]",
    fields: &[
        text("name"),
        text("description"),
        text("source"),
        toml("format"),
        text("time_unit"),
        text("start"),
        toml("horizon"),
        text("given"),
        toml("observed"),
        table("run", &RUN),
    ],
};

pub static RUN: TableSchema = TableSchema {
    name: "[scenario.run]",
    fields: &[toml("trials"), toml("seed")],
};

/// A parameter in table form: its value under `value`, `expr` or one distribution key.
pub static PARAM: TableSchema = TableSchema {
    name: "a parameter",
    fields: &[
        toml("value"),
        text("expr"),
        toml("uniform"),
        toml("triangular"),
        toml("pert"),
        toml("beta"),
        toml("normal"),
        toml("loguniform"),
        text("unit"),
        text("source"),
        text("rationale"),
    ],
};

/// The keys of a parameter's table that give its value: `value`, `expr`, then the
/// distributions it may be drawn from.
pub const PARAM_VALUE_KEYS: [&str; 8] = [
    "value",
    "expr",
    "uniform",
    "triangular",
    "pert",
    "beta",
    "normal",
    "loguniform",
];

pub static ACTOR: TableSchema = TableSchema {
    name: "[[actors]]",
    fields: &[text("id"), text("name"), text("side"), text("description")],
};

/// The schemas of the lists' entries (events, outcomes, actors), whose keys a header line gone
/// may leave in the table above.
pub const ENTRY_KEYS: [&TableSchema; 3] = [&EVENT, &OUTCOME, &ACTOR];

pub static VARIABLE: TableSchema = TableSchema {
    name: "a variable",
    fields: &[number("initial"), toml("min"), toml("max"), text("unit")],
};

pub static EVENT: TableSchema = TableSchema {
    name: "[[events]]",
    fields: &[
        text("id"),
        text("actor"),
        text("label"),
        text("when"),
        number("probability"),
        toml("over"),
        toml("repeat"),
        toml("milestone"),
        tables("modifiers", &MODIFIER),
        toml("set"),
        toml("clear"),
        map("add"),
        map("assign"),
        tables("branches", &BRANCH),
        text("source"),
        text("rationale"),
        toml("tags"),
    ],
};

pub static MODIFIER: TableSchema = TableSchema {
    name: "a modifier",
    fields: &[text("when"), number("factor")],
};

pub static BRANCH: TableSchema = TableSchema {
    name: "a branch",
    fields: &[
        number("weight"),
        text("label"),
        toml("set"),
        toml("clear"),
        map("add"),
        map("assign"),
    ],
};

pub static OUTCOME: TableSchema = TableSchema {
    name: "[[outcomes]]",
    fields: &[
        text("id"),
        text("label"),
        text("description"),
        text("when"),
        toml("terminal"),
        toml("severity"),
    ],
};

/// The keys an `[[expect]]` starts with, one of which says what it pins.
pub const EXPECT_TARGETS: [&str; 4] = ["outcome", "event", "holds", "variable"];

pub static EXPECT: TableSchema = TableSchema {
    name: "[[expect]]",
    fields: &[
        text("outcome"),
        text("event"),
        text("holds"),
        text("variable"),
        toml("probability"),
        toml("mean"),
        toml("trials"),
        toml("seed"),
        map("set"),
        text("given"),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_names_its_table() {
        for (path, table) in [
            ("scenario", &SCENARIO),
            ("scenario.run", &RUN),
            ("actors", &ACTOR),
            ("events", &EVENT),
            ("events.modifiers", &MODIFIER),
            ("events.branches", &BRANCH),
            ("outcomes", &OUTCOME),
            ("expect", &EXPECT),
            ("variables.troops", &VARIABLE),
            ("params.rate", &PARAM),
        ] {
            assert!(std::ptr::eq(table_at(path).expect(path), table), "{path}");
        }
        // Tables of the author's own names, and paths the format does not have.
        for path in [
            "variables",
            "flags",
            "params",
            "event",
            "events.id",
            "scenario.x",
        ] {
            assert!(table_at(path).is_none(), "{path}");
        }
    }
}
