//! The scenario format as a JSON Schema, for editors that check TOML as it is typed (Taplo, the
//! engine of VS Code's Even Better TOML).
//!
//! The tables and their keys come from [`crate::format::schema`], the same tables the loader
//! checks files against, so a key added there appears here; the distributions come from
//! [`KINDS`], the reserved words from the lexer, and the largest horizon and trial count from
//! the loader's limits. What `schema.rs` does not say, the type of
//! each value, is in [`LEAVES`]; a unit test fails when a key has no type here or a type names a
//! key the loader does not know. The schema checks shapes and simple ranges only: names,
//! expressions and everything that needs the whole file stay with `brink check`.

use serde_json::{Map, Value, json};

use super::distributions::{KINDS, Kind};
use super::limits::{MAX_HORIZON, MAX_TRIALS};
use crate::expr::reserved_words;
use crate::format::schema::{
    ACTOR, BRANCH, EVENT, EXPECT, FieldKind, MODIFIER, OUTCOME, PARAM, RUN, SCENARIO, TOP,
    TableSchema, VARIABLE,
};

/// A value's schema, built on demand (JSON values cannot be statics).
type Leaf = fn() -> Value;

/// The type of every key that is not itself a table or an array of tables.
static LEAVES: &[(&TableSchema, &str, Leaf)] = &[
    (&TOP, "extends", string),
    (&TOP, "flags", flags),
    (&TOP, "variables", variables),
    (&TOP, "params", params),
    (&TOP, "remove", strings),
    (&TOP, "set", overrides),
    (&SCENARIO, "name", string),
    (&SCENARIO, "description", string),
    (&SCENARIO, "source", string),
    (&SCENARIO, "format", format),
    (&SCENARIO, "time_unit", string),
    (&SCENARIO, "start", string),
    (&SCENARIO, "horizon", horizon),
    (&SCENARIO, "given", expression),
    (&SCENARIO, "observed", observed),
    (&RUN, "trials", trials),
    (&RUN, "seed", seed),
    (&ACTOR, "id", identifier),
    (&ACTOR, "name", string),
    (&ACTOR, "side", string),
    (&ACTOR, "description", string),
    (&VARIABLE, "initial", initial),
    (&VARIABLE, "min", number),
    (&VARIABLE, "max", number),
    (&VARIABLE, "unit", string),
    (&PARAM, "value", number),
    (&PARAM, "expr", number_expression),
    (&PARAM, "unit", string),
    (&PARAM, "source", string),
    (&PARAM, "rationale", string),
    (&EVENT, "id", identifier),
    (&EVENT, "actor", identifier),
    (&EVENT, "label", string),
    (&EVENT, "when", expression),
    (&EVENT, "probability", probability),
    (&EVENT, "over", over),
    (&EVENT, "repeat", boolean),
    (&EVENT, "milestone", boolean),
    (&EVENT, "set", identifiers),
    (&EVENT, "clear", identifiers),
    (&EVENT, "add", adds),
    (&EVENT, "assign", assigns),
    (&EVENT, "source", string),
    (&EVENT, "rationale", string),
    (&EVENT, "tags", strings),
    (&MODIFIER, "when", expression),
    (&MODIFIER, "factor", factor),
    (&BRANCH, "weight", weight),
    (&BRANCH, "label", string),
    (&BRANCH, "set", identifiers),
    (&BRANCH, "clear", identifiers),
    (&BRANCH, "add", adds),
    (&BRANCH, "assign", assigns),
    (&OUTCOME, "id", identifier),
    (&OUTCOME, "label", string),
    (&OUTCOME, "description", string),
    (&OUTCOME, "when", expression),
    (&OUTCOME, "terminal", boolean),
    (&OUTCOME, "severity", integer),
    (&EXPECT, "outcome", identifier),
    (&EXPECT, "event", identifier),
    (&EXPECT, "holds", expression),
    (&EXPECT, "variable", identifier),
    (&EXPECT, "probability", range),
    (&EXPECT, "mean", mean_range),
    (&EXPECT, "trials", trials),
    (&EXPECT, "seed", seed),
    (&EXPECT, "set", overrides),
    (&EXPECT, "given", expression),
];

/// Keys a table must always have. Few, because a file that `extends` another may leave most
/// keys to its base.
static REQUIRED: &[(&TableSchema, &[&str])] =
    &[(&ACTOR, &["id"]), (&EVENT, &["id"]), (&OUTCOME, &["id"])];

/// The JSON Schema (draft 7, the draft editors' TOML servers read) of a scenario file.
pub fn scenario() -> Value {
    let mut root = table(&TOP);
    let obj = root.as_object_mut().expect("a table is an object");
    obj.insert(
        "$schema".into(),
        "http://json-schema.org/draft-07/schema#".into(),
    );
    obj.insert("title".into(), "brink scenario".into());
    obj.insert(
        "description".into(),
        "A brink scenario file (format 2, which reads every format-1 file the same way). \
         `brink check` checks the rest: names, expressions, ranges that depend on other keys."
            .into(),
    );
    obj.insert("definitions".into(), definitions());
    root
}

fn table(t: &'static TableSchema) -> Value {
    let properties: Map<String, Value> = t
        .fields
        .iter()
        .map(|f| {
            let value = match f.kind {
                FieldKind::Table(inner) => table(inner),
                FieldKind::Tables(inner) => json!({ "type": "array", "items": table(inner) }),
                FieldKind::Text | FieldKind::Toml | FieldKind::TomlOrText | FieldKind::Map => {
                    leaf(t, f.key).unwrap_or_else(|| json!({}))
                }
            };
            (f.key.to_string(), value)
        })
        .collect();
    let mut out = json!({
        "title": t.name,
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
    });
    if let Some((_, keys)) = REQUIRED.iter().find(|(r, _)| std::ptr::eq(*r, t)) {
        out["required"] = json!(keys);
    }
    out
}

/// The schema of a plain key: from [`LEAVES`], or for a parameter's distribution key (`uniform`,
/// `pert`, ...) the shape of that distribution's values.
fn leaf(t: &TableSchema, key: &str) -> Option<Value> {
    let typed = LEAVES
        .iter()
        .find(|(owner, k, _)| std::ptr::eq(*owner, t) && *k == key)
        .map(|l| (l.2)());
    typed.or_else(|| {
        let kind = KINDS.iter().find(|k| k.name == key)?;
        std::ptr::eq(t, &PARAM).then(|| dist_values(kind))
    })
}

/// The values of one distribution: a number, or an array of as many numbers as it takes.
fn dist_values(kind: &Kind) -> Value {
    if kind.scalar() {
        json!({ "type": "number" })
    } else {
        json!({
            "type": "array",
            "items": { "type": "number" },
            "minItems": kind.arity(),
            "maxItems": kind.arity(),
        })
    }
}

fn definitions() -> Value {
    let dist = |dists: &mut dyn Iterator<Item = &Kind>| {
        let properties: Map<String, Value> = dists
            .map(|kind| (kind.name.to_string(), dist_values(kind)))
            .collect();
        json!({
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "additionalProperties": false,
            "properties": properties,
        })
    };
    json!({
        "identifier": {
            "type": "string",
            "pattern": "^[a-z][a-z0-9_]*$",
            "not": { "enum": reserved_words().collect::<Vec<_>>() },
        },
        "probability": {
            "description": "a number in [0, 1], a distribution drawn once per trial, or an \
                            expression evaluated at every eligible step",
            "anyOf": [
                { "type": "number", "minimum": 0, "maximum": 1 },
                dist(&mut KINDS.iter().filter(|k| k.probability)),
                number_expression(),
            ],
        },
        "drawn": {
            "description": "a distribution drawn once per trial",
            "allOf": [dist(&mut KINDS.iter().filter(|k| k.name != "poisson"))],
        },
        "parameter": {
            "description": "a number, a distribution drawn once per trial, an expression over \
                            earlier parameters, or a table with one of these and its unit, \
                            source and rationale",
            "anyOf": [
                { "type": "number" },
                { "type": "string" },
                dist(&mut KINDS.iter().filter(|k| k.name != "poisson")),
                table(&PARAM),
            ],
        },
        "amount": {
            "description": "a number, an expression, or a distribution drawn at each firing \
                            whose parameters may be expressions",
            "anyOf": [
                { "type": "number" },
                number_expression(),
                dist_with_expressions(),
            ],
        },
    })
}

fn string() -> Value {
    json!({ "type": "string" })
}

fn strings() -> Value {
    json!({ "type": "array", "items": { "type": "string" } })
}

fn expression() -> Value {
    json!({ "type": "string", "description": "a condition, e.g. \"a and not b\"" })
}

fn number_expression() -> Value {
    json!({ "type": "string", "description": "a number, e.g. \"2 * appetite\"" })
}

fn identifier() -> Value {
    json!({ "$ref": "#/definitions/identifier" })
}

fn identifiers() -> Value {
    json!({ "type": "array", "items": { "$ref": "#/definitions/identifier" } })
}

fn boolean() -> Value {
    json!({ "type": "boolean" })
}

fn number() -> Value {
    json!({ "type": "number" })
}

fn integer() -> Value {
    json!({ "type": "integer" })
}

fn format() -> Value {
    json!({ "type": "integer", "enum": [1, 2] })
}

fn horizon() -> Value {
    json!({ "type": "integer", "minimum": 1, "maximum": MAX_HORIZON })
}

fn observed() -> Value {
    json!({ "type": "integer", "minimum": 0, "maximum": MAX_HORIZON,
            "description": "the step at which `given` is judged (at most the horizon)" })
}

fn trials() -> Value {
    json!({ "type": "integer", "minimum": 1, "maximum": MAX_TRIALS })
}

fn seed() -> Value {
    json!({ "type": "integer", "minimum": 0, "maximum": i64::MAX })
}

fn over() -> Value {
    json!({ "type": "integer", "minimum": 1 })
}

/// A distribution whose parameters are numbers or expressions (an `add` amount).
fn dist_with_expressions() -> Value {
    let item = json!({ "anyOf": [{ "type": "number" }, number_expression()] });
    let properties: Map<String, Value> = KINDS
        .iter()
        .map(|kind| {
            let v = if kind.scalar() {
                item.clone()
            } else {
                json!({
                    "type": "array",
                    "items": item,
                    "minItems": kind.arity(),
                    "maxItems": kind.arity(),
                })
            };
            (kind.name.to_string(), v)
        })
        .collect();
    json!({
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": false,
        "properties": properties,
    })
}

fn factor() -> Value {
    json!({ "anyOf": [
        { "type": "number", "minimum": 0 },
        { "$ref": "#/definitions/drawn" },
        number_expression(),
    ] })
}

fn weight() -> Value {
    json!({ "anyOf": [
        { "type": "number", "exclusiveMinimum": 0 },
        { "$ref": "#/definitions/drawn" },
        number_expression(),
    ] })
}

fn initial() -> Value {
    json!({ "anyOf": [
        { "type": "number" },
        { "$ref": "#/definitions/drawn" },
        { "type": "string", "description": "a number over parameters, e.g. \"2 * appetite\"" },
    ] })
}

fn probability() -> Value {
    json!({ "$ref": "#/definitions/probability" })
}

fn mean_range() -> Value {
    json!({
        "description": "[lo, hi]: the run's mean of the variable must fall in this range",
        "type": "array",
        "items": { "type": "number" },
        "minItems": 2,
        "maxItems": 2,
    })
}

fn range() -> Value {
    json!({
        "description": "[lo, hi]: the run's estimate must fall in this range",
        "type": "array",
        "items": { "type": "number", "minimum": 0, "maximum": 1 },
        "minItems": 2,
        "maxItems": 2,
    })
}

/// A table keyed by identifiers, each holding `value`.
fn by_identifier(value: Value) -> Value {
    json!({
        "type": "object",
        "propertyNames": { "$ref": "#/definitions/identifier" },
        "additionalProperties": value,
    })
}

fn flags() -> Value {
    by_identifier(json!({ "type": "boolean" }))
}

fn variables() -> Value {
    by_identifier(json!({ "anyOf": [initial(), table(&VARIABLE)] }))
}

fn params() -> Value {
    by_identifier(json!({ "$ref": "#/definitions/parameter" }))
}

fn adds() -> Value {
    by_identifier(json!({ "$ref": "#/definitions/amount" }))
}

fn assigns() -> Value {
    by_identifier(json!({ "anyOf": [{ "type": "number" }, number_expression()] }))
}

/// Overrides by dotted path (`"events.x.probability" = 0.2`): any value, checked by the loader.
fn overrides() -> Value {
    json!({ "type": "object", "description": "overrides by dotted path" })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables that are reached through a key's type rather than through `FieldKind`.
    static VALUE_TABLES: &[&TableSchema] = &[&VARIABLE, &PARAM];

    /// Every table the loader knows, reached from the top level and through value types.
    fn all_tables() -> Vec<&'static TableSchema> {
        let mut out: Vec<&'static TableSchema> = vec![&TOP];
        out.extend(VALUE_TABLES);
        let mut i = 0;
        while i < out.len() {
            for f in out[i].fields {
                if let FieldKind::Table(t) | FieldKind::Tables(t) = f.kind
                    && !out.iter().any(|o| std::ptr::eq(*o, t))
                {
                    out.push(t);
                }
            }
            i += 1;
        }
        out
    }

    #[test]
    fn every_key_of_the_loader_has_a_type() {
        let mut missing = Vec::new();
        for t in all_tables() {
            for f in t.fields {
                let nested = matches!(f.kind, FieldKind::Table(_) | FieldKind::Tables(_));
                if !nested && leaf(t, f.key).is_none() {
                    missing.push(format!("{} `{}`", t.name, f.key));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys with no JSON Schema type: {missing:?}"
        );
    }

    #[test]
    fn every_type_names_a_key_of_the_loader() {
        let tables = all_tables();
        for (owner, key, _) in LEAVES {
            assert!(
                tables.iter().any(|t| std::ptr::eq(*t, *owner)),
                "{} is not reached from the top level",
                owner.name
            );
            let field = owner.field(key);
            assert!(
                field
                    .is_some_and(|f| !matches!(f.kind, FieldKind::Table(_) | FieldKind::Tables(_))),
                "{} `{key}` is typed here but is not a plain key of the loader",
                owner.name
            );
        }
        for (owner, keys) in REQUIRED {
            for key in *keys {
                assert!(owner.field(key).is_some(), "{} `{key}`", owner.name);
            }
        }
    }
}
