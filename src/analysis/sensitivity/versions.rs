//! The versions of the scenario a sensitivity analysis runs, each simulated once however many
//! rows it serves.
//!
//! Rows ask for versions in two ways: an event's four variants (halved, doubled, forced,
//! removed, against the baseline) and an input's low and high value (against each other). Many
//! of these are the same scenario: a constant probability set to its half is the halved variant,
//! set to its double the doubled one; forcing an event whose probability is already 1 changes
//! nothing; a factor of 0 halved is still 0. Each distinct version gets one slot, slot 0 is the
//! baseline, and rows refer to slots.
//!
//! Versions come in units: one per event (its variants and its probability's low and high), one
//! per other input. A unit's slots are contiguous and refer to no other unit's, so shards can
//! split the analysis by units.
//!
//! A version that only changes one event's probability, factors or branch weights runs exactly
//! like the baseline in every trial where that event was never eligible (its draws come from
//! its own streams), and one that can only lower its chance (halved, removed, a factor halved)
//! or only changes its branches runs like the baseline in every trial where the event never
//! fired: an event fires when its accumulated hazard reaches a threshold drawn from its own
//! stream, and a lower hazard at every step reaches it no sooner. A modifier's factor enters the
//! event's chance only at the steps where the modifier holds while the event is eligible, so a
//! version that changes it runs like the baseline in every trial where that never happened
//! (most trials, for a modifier that holds rarely). Such a version's `gate` says so, and the
//! runner copies the baseline's end instead of simulating those trials.
//!
//! This holds whether the event's numbers are written as numbers, drawn or computed: nothing
//! but the event reads them, and a computed chance reads a state that is the baseline's until
//! the event fires. One exception: a factor's low value lowers the chance only where the file
//! gives the factor as a number (see [`lowers`]).

use std::collections::HashMap;
use std::ops::Range;

use super::inputs::Input;
use super::readers::{Reader, param_readers};
use super::tornado::Variant;
use crate::analysis::sweep::patch::Field;
use crate::analysis::sweep::value_at;
use crate::engine::ProbAdjust;
use crate::model::Model;

/// How a version differs from the baseline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    /// An event's probability adjusted as the engine does it.
    Adjust(usize, ProbAdjust),
    /// Input `input` at its low (`high == false`) or high value.
    Set { input: usize, high: bool },
}

/// When a version's trial is the baseline's: a change to one event's numbers only makes a
/// difference in the trials where that event was eligible (`Eligible`), or, when it can only
/// lower the event's chance or only changes its branches, where it fired (`Fired`). A change to
/// one modifier's factor only makes a difference where that modifier held while its event was
/// eligible (`Held(event, modifier)`), and, when it can only lower the chance, where the event
/// also fired (`FiredHeld`). A change to a parameter read only by events' probabilities,
/// factors and weights makes a difference where a change to any of those would (`Each(i)`:
/// every gate of [`Plan::each`]`[i]` holds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    Eligible(usize),
    Fired(usize),
    Held(usize, usize),
    FiredHeld(usize, usize),
    Each(usize),
}

impl Gate {
    /// The event whose numbers the version changes (`None`: a parameter's).
    pub fn event(self) -> Option<usize> {
        match self {
            Gate::Eligible(e) | Gate::Fired(e) | Gate::Held(e, _) | Gate::FiredHeld(e, _) => {
                Some(e)
            }
            Gate::Each(_) => None,
        }
    }

    /// The one event whose numbers the version changes: the gate's own, or for a parameter's
    /// versions ([`Plan::each`]) the event when only its numbers read the parameter.
    pub fn one_event(self, each: &[Vec<Gate>]) -> Option<usize> {
        match self {
            Gate::Each(i) => {
                let (first, rest) = each[i].split_first()?;
                let e = first.event()?;
                rest.iter().all(|g| g.event() == Some(e)).then_some(e)
            }
            g => g.event(),
        }
    }
}

/// One version beside the baseline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Version {
    pub change: Change,
    /// When the version's trial needs simulating; `None`: always.
    pub gate: Option<Gate>,
    /// What else tells, where the gate does not, that the version's trial is the baseline's.
    pub replay: Replay,
}

/// What a change to one event can move, and so what shows that a trial did not move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replay {
    /// Nothing else: simulate.
    No,
    /// Its probability or a factor: only the step at which it fires. Where the event is
    /// once-only, the trial is the baseline's when the event fires at the same step in both,
    /// which the looks at it in the baseline's trial tell
    /// ([`crate::engine::Simulator::fires_alike`]).
    Firing,
    /// A branch weight: only which branch it takes. The trial is the baseline's when every
    /// firing takes the same branch ([`crate::engine::Simulator::branches_alike`]).
    Branches,
}

/// What makes two versions the same scenario.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    /// A constant probability's value.
    Const(usize, u64),
    /// A drawn probability's variant.
    Drawn(usize, Variant),
    /// An input's value.
    Set(usize, u64),
}

/// Every version, and which slot each row reads.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// Slot `i + 1` is `versions[i]`; slot 0 is the baseline.
    pub versions: Vec<Version>,
    /// Per event: the slots of its variants, in [`Variant::ALL`] order.
    pub events: Vec<[usize; 4]>,
    /// Per input: the slots of its low and high value.
    pub inputs: Vec<[usize; 2]>,
    /// Per unit: its slots.
    pub units: Vec<Range<usize>>,
    /// Per unit: the events whose variants it holds, and the inputs it holds.
    pub unit_rows: Vec<(Vec<usize>, Vec<usize>)>,
    /// The gates of the parameters' versions ([`Gate::Each`]).
    pub each: Vec<Vec<Gate>>,
}

impl Plan {
    pub fn new(model: &Model, inputs: &[Input]) -> Plan {
        let mut plan = Plan {
            events: vec![[0; 4]; model.events.len()],
            inputs: vec![[0; 2]; inputs.len()],
            ..Plan::default()
        };
        let of_event = |e: usize| inputs.iter().position(|i| i.event == Some(e));
        for e in 0..model.events.len() {
            let mut unit = Unit::new(&mut plan);
            let ev = &model.events[e];
            // A computed probability is adjusted at every step, like a drawn one at every draw.
            let constant = ev
                .probability
                .as_const()
                .filter(|_| ev.probability_expr.is_none());
            for (v, variant) in Variant::ALL.into_iter().enumerate() {
                let adjust = variant.adjust();
                let key = match constant {
                    Some(p) if adjust.apply(p) == p => None,
                    Some(p) => Some(Key::Const(e, adjust.apply(p).to_bits())),
                    None => Some(Key::Drawn(e, variant)),
                };
                let change = Change::Adjust(e, adjust);
                let gate = match variant {
                    Variant::Halved | Variant::Removed => Gate::Fired(e),
                    Variant::Doubled | Variant::Forced => Gate::Eligible(e),
                };
                unit.plan.events[e][v] = unit.slot(key, change, Some(gate), Replay::Firing);
            }
            if let Some(i) = of_event(e) {
                unit.add_input(model, inputs, i, constant.map(|_| e));
            }
            unit.finish(vec![e], of_event(e).into_iter().collect());
        }
        for i in 0..inputs.len() {
            if inputs[i].event.is_none() {
                let mut unit = Unit::new(&mut plan);
                unit.add_input(model, inputs, i, None);
                unit.finish(Vec::new(), vec![i]);
            }
        }
        plan
    }

    /// Slot `s`'s own model: a changed copy where its version sets an input's value, `None`
    /// where it runs on the baseline's model (slot 0, and the adjusted versions).
    pub fn model_of(&self, model: &Model, inputs: &[Input], s: usize) -> Option<Model> {
        let v = self.versions.get(s.checked_sub(1)?)?;
        match v.change {
            Change::Adjust(..) => None,
            Change::Set { input, high } => {
                let i = &inputs[input];
                Some(i.model_at(model, if high { i.high } else { i.low }))
            }
        }
    }
}

/// The slots of one unit being built.
struct Unit<'p> {
    plan: &'p mut Plan,
    start: usize,
    seen: HashMap<Key, usize>,
}

impl<'p> Unit<'p> {
    fn new(plan: &'p mut Plan) -> Unit<'p> {
        let start = plan.versions.len() + 1;
        Unit {
            plan,
            start,
            seen: HashMap::new(),
        }
    }

    /// The slot of the version `key` names (`None`: the baseline), added if new.
    fn slot(
        &mut self,
        key: Option<Key>,
        change: Change,
        gate: Option<Gate>,
        replay: Replay,
    ) -> usize {
        let Some(key) = key else { return 0 };
        if let Some(&s) = self.seen.get(&key) {
            return s;
        }
        self.plan.versions.push(Version {
            change,
            gate,
            replay,
        });
        let s = self.plan.versions.len();
        self.seen.insert(key, s);
        s
    }

    /// Input `i`'s two slots; `constant` is the event whose constant probability it is (its
    /// values then share the variants' slots).
    fn add_input(&mut self, model: &Model, inputs: &[Input], i: usize, constant: Option<usize>) {
        let input = &inputs[i];
        let current = value_at(model, &input.path);
        // A parameter that only one event's probability and factors read moves only the step
        // at which that event fires, like a change to them.
        let mut param_replay = Replay::No;
        let each = match input.field {
            Field::Param(p) => param_readers(model, p).map(|readers| {
                if readers.iter().all(|r| !matches!(r, Reader::Weight(_))) {
                    param_replay = Replay::Firing;
                }
                let gates = readers.into_iter().map(|r| match r {
                    Reader::Probability(e) => Gate::Eligible(e),
                    Reader::Factor(e, m) => Gate::Held(e, m),
                    Reader::Weight(e) => Gate::Fired(e),
                });
                self.plan.each.push(gates.collect());
                Gate::Each(self.plan.each.len() - 1)
            }),
            _ => None,
        };
        for (h, value) in [input.low, input.high].into_iter().enumerate() {
            // A lower factor never raises the chance; weights only matter when the event fires.
            let gate = match input.field {
                Field::Probability(e) => Some(Gate::Eligible(e)),
                Field::Factor { event, modifier } if h == 0 && lowers(model, event, modifier) => {
                    Some(Gate::FiredHeld(event, modifier))
                }
                Field::Factor { event, modifier } => Some(Gate::Held(event, modifier)),
                Field::Weight { event, .. } => Some(Gate::Fired(event)),
                _ => each,
            };
            let key = match constant {
                _ if current == Some(value) => None,
                Some(e) => Some(Key::Const(e, value.to_bits())),
                None => Some(Key::Set(i, value.to_bits())),
            };
            let change = Change::Set {
                input: i,
                high: h == 1,
            };
            let replay = match input.field {
                Field::Probability(_) | Field::Factor { .. } => Replay::Firing,
                Field::Weight { .. } => Replay::Branches,
                _ => param_replay,
            };
            self.plan.inputs[i][h] = self.slot(key, change, gate, replay);
        }
    }

    fn finish(self, events: Vec<usize>, inputs: Vec<usize>) {
        let end = self.plan.versions.len() + 1;
        self.plan.units.push(self.start..end);
        self.plan.unit_rows.push((events, inputs));
    }
}

/// Whether a factor input's low value is below the factor in every trial: only when the file
/// gives it as a number (halved). A drawn factor's 10th percentile is above this trial's draw in
/// a tenth of the trials, where it raises the chance.
fn lowers(model: &Model, e: usize, m: usize) -> bool {
    model.events[e].modifiers[m].factor_num.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sensitivity::inputs::inputs;
    use crate::model::load_str;

    const TEXT: &str = r#"
[scenario]
name = "t"
horizon = 5
[[actors]]
id = "a"
name = "A"
[[events]]
id = "half"
actor = "a"
probability = 0.5
[[events.modifiers]]
when = "not half"
factor = 0
[[events]]
id = "sure"
actor = "a"
probability = 1
[[events]]
id = "drawn"
actor = "a"
probability = { uniform = [0.1, 0.3] }
[[outcomes]]
id = "o"
when = "half"
[[outcomes]]
id = "other"
"#;

    #[test]
    fn versions_that_are_the_same_scenario_share_a_slot() {
        let model = load_str("t.toml", TEXT, &[]).unwrap().model;
        let inputs = inputs(&model);
        let plan = Plan::new(&model, &inputs);
        // `half` (p = 0.5): doubled and forced are both p = 1; its input's low and high are the
        // halved and doubled slots.
        let [halved, doubled, forced, removed] = plan.events[0];
        assert_eq!(doubled, forced);
        assert_ne!(halved, removed);
        let p = inputs
            .iter()
            .position(|i| i.path == "events.half.probability");
        assert_eq!(plan.inputs[p.unwrap()], [halved, doubled]);
        // A factor of 0, halved or doubled, is the baseline.
        let f = inputs.iter().position(|i| i.path.ends_with("factor"));
        assert_eq!(plan.inputs[f.unwrap()], [0, 0]);
        // `sure` (p = 1): doubled and forced are the baseline.
        assert_eq!(plan.events[1][1], 0);
        assert_eq!(plan.events[1][2], 0);
        // A drawn probability: four distinct variants, and p10 / p90 two more.
        let d = inputs
            .iter()
            .position(|i| i.path == "events.drawn.probability");
        let [lo, hi] = plan.inputs[d.unwrap()];
        assert!(lo != hi && !plan.events[2].contains(&lo) && !plan.events[2].contains(&hi));
        // Units are contiguous and cover every slot once.
        let mut next = 1;
        for u in &plan.units {
            assert_eq!(u.start, next);
            next = u.end;
        }
        assert_eq!(next, plan.versions.len() + 1);
    }

    /// Computed and drawn numbers have gates too, but a drawn factor's low value only the
    /// gate of its modifier holding, not of the event firing; so has a parameter read only by
    /// probabilities, factors and weights.
    #[test]
    fn computed_numbers_have_gates() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let file = root.join("tests/scenarios/sensitivity_gates.toml");
        let model = crate::model::load(&file, &[]).unwrap().model;
        let inputs = inputs(&model);
        let plan = Plan::new(&model, &inputs);
        let spark = model.events.iter().position(|e| e.id == "spark").unwrap();
        let [halved, doubled, ..] = plan.events[spark];
        assert_eq!(plan.versions[halved - 1].gate, Some(Gate::Fired(spark)));
        assert_eq!(plan.versions[doubled - 1].gate, Some(Gate::Eligible(spark)));
        let slots = |path: &str| plan.inputs[inputs.iter().position(|i| i.path == path).unwrap()];
        let gate = |s: usize| plan.versions[s - 1].gate;
        let [low, high] = slots("events.spark.modifiers.0.factor");
        assert_eq!(gate(low), Some(Gate::FiredHeld(spark, 0)));
        assert_eq!(gate(high), Some(Gate::Held(spark, 0)));
        let [low, high] = slots("events.spark.modifiers.1.factor");
        assert_eq!(gate(low), Some(Gate::Held(spark, 1)));
        assert_eq!(gate(high), Some(Gate::Held(spark, 1)));
        // A parameter read by a weight of `fizzle` and a factor of `late`.
        let [low, high] = slots("params.resolve");
        assert_eq!(gate(low), gate(high));
        let Some(Gate::Each(i)) = gate(low) else {
            panic!("{:?}", gate(low))
        };
        assert_eq!(
            plan.each[i],
            [Gate::Fired(spark + 1), Gate::Held(spark + 2, 0)]
        );
        // Read by a weight, it moves branches too: no replay of a firing. Read by one event's
        // factor only, `boost` moves only when that event fires (and `rate`, read by two
        // events' probabilities, has no one event).
        assert_eq!(plan.versions[low - 1].replay, Replay::No);
        let one = |s: usize| gate(s).and_then(|g| g.one_event(&plan.each));
        let [low, high] = slots("params.boost");
        assert_eq!(plan.versions[low - 1].replay, Replay::Firing);
        assert_eq!((one(low), one(high)), (Some(spark), Some(spark)));
        let [low, _] = slots("params.rate");
        assert_eq!(one(low), None);
    }
}
