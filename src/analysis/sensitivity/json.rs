//! The JSON shape of a sensitivity analysis, and declared probabilities in words.

use serde::Serialize;

use crate::model::Dist;
use crate::report::tabular;

/// A declared probability in words: `0.2`, `uniform(0.05, 0.5)`.
pub fn describe(d: &Dist) -> String {
    let params: Vec<String> = d.params().into_iter().map(tabular::exact).collect();
    match d.kind() {
        None => params.join(""),
        Some(k) => format!("{}({})", k.name, params.join(", ")),
    }
}

/// A declared probability in JSON: a number, `{ "uniform": [lo, hi] }` or an expression, as in
/// the file.
#[derive(Serialize, Debug, PartialEq)]
#[serde(untagged)]
pub enum JsonProbability {
    Number(f64),
    Dist(std::collections::BTreeMap<&'static str, Vec<f64>>),
    /// Computed from the state: the expression as written.
    Expr(String),
}

impl JsonProbability {
    pub fn new(d: &Dist) -> JsonProbability {
        match d.kind() {
            None => JsonProbability::Number(d.params()[0]),
            Some(k) => JsonProbability::Dist([(k.name, d.params())].into()),
        }
    }
}

#[derive(Serialize, Debug)]
pub struct JsonVariant {
    pub probability: f64,
    pub difference: f64,
    pub ci95: [f64; 2],
    /// Only for `doubled`: the doubled value hit the cap of 1 (in some trials, for a drawn
    /// probability).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capped: Option<bool>,
}

#[derive(Serialize, Debug)]
pub struct JsonEvent {
    pub id: String,
    pub label: String,
    pub probability: JsonProbability,
    pub swing: f64,
    pub halved: JsonVariant,
    pub doubled: JsonVariant,
    pub forced: JsonVariant,
    pub removed: JsonVariant,
    /// Risk achievement worth `P(o | forced) / P(o)`; null when `P(o)` is 0.
    pub raw: Option<f64>,
    /// Risk reduction worth `P(o) / P(o | removed)`; null when infinite (the outcome needs the
    /// event) or undefined.
    pub rrw: Option<f64>,
    pub rank_correlation: Option<f64>,
}

#[derive(Serialize, Debug)]
pub struct JsonOutcome {
    pub id: String,
    pub label: String,
    pub probability: f64,
    pub ci95: [f64; 2],
    pub count: u64,
    pub events: Vec<JsonEvent>,
    /// Every input (or the `--top` ones), largest swing first.
    pub inputs: Vec<JsonInput>,
}

/// An input's value and the outcome's probability there.
#[derive(Serialize, Debug)]
pub struct JsonSetting {
    pub value: f64,
    pub probability: f64,
}

/// One input's effect on one outcome.
#[derive(Serialize, Debug)]
pub struct JsonInput {
    pub path: String,
    pub low: JsonSetting,
    pub high: JsonSetting,
    /// `|P(high) - P(low)|`.
    pub swing: f64,
    /// The paired 95% interval of the swing (of `P(high) - P(low)`, turned around when that is
    /// negative).
    pub ci95: [f64; 2],
    /// A bound replaced half or double: 1 for a probability, a variable's min or max.
    pub capped: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_read_as_written() {
        assert_eq!(describe(&Dist::Const(0.2)), "0.2");
        assert_eq!(
            describe(&Dist::Uniform { lo: 0.05, hi: 0.5 }),
            "uniform(0.05, 0.5)"
        );
        assert_eq!(
            serde_json::to_string(&JsonProbability::new(&Dist::Pert {
                lo: 0.1,
                mode: 0.2,
                hi: 0.4
            }))
            .unwrap(),
            r#"{"pert":[0.1,0.2,0.4]}"#
        );
        assert_eq!(
            serde_json::to_string(&JsonProbability::new(&Dist::Const(0.3))).unwrap(),
            "0.3"
        );
    }
}
