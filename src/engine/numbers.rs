//! Format-2 numbers prepared for a run: where each factor and weight comes from (a constant, a
//! per-trial draw, an expression), the streams of the new draws, and the layout of the values
//! computed at a firing; and the repair counts. What a trial does with them is in `computed.rs`.
//!
//! Each draw has its own stream, keyed by the id path of what is drawn
//! (`events.e.modifiers.0.factor`, `variables.x.initial`, `events.e.add.x` with the firing's
//! number), so adding one reshuffles no other draw, and a format-1 scenario draws nothing new.

use serde::{Deserialize, Serialize};

use super::cond::Cond;
use super::sample::Sampler;
use crate::expr::{Fast, Op, Program};
use crate::model::{Amount, Dist, Event, Kind, Model, Num, eval_over_params, stream_key};

/// Repairs of values out of range, per event (see docs/language.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repairs {
    /// Eligible steps with a probability outside [0, 1] or NaN.
    pub clamped: u64,
    /// Eligible steps with a holding modifier's factor below 0 or NaN, and firings that used
    /// such a weight.
    pub zeroed: u64,
    /// Firings in which every branch weight was 0.
    pub no_branch: u64,
    /// Amounts drawn from a distribution with an invalid parameter: 0 was added.
    pub add_zero: u64,
    /// Infinite or NaN amounts or assigned values: the variable was left unchanged.
    pub unchanged: u64,
}

impl Repairs {
    pub fn add(&mut self, o: &Repairs) {
        self.clamped += o.clamped;
        self.zeroed += o.zeroed;
        self.no_branch += o.no_branch;
        self.add_zero += o.add_zero;
        self.unchanged += o.unchanged;
    }

    pub fn is_zero(&self) -> bool {
        *self == Repairs::default()
    }

    /// `(name, count)` of each kind, in the order reports list them.
    pub fn named(&self) -> [(&'static str, u64); 5] {
        [
            ("clamped", self.clamped),
            ("zeroed", self.zeroed),
            ("no_branch", self.no_branch),
            ("add_zero", self.add_zero),
            ("unchanged", self.unchanged),
        ]
    }
}

/// Where a factor or weight comes from in a trial.
#[derive(Clone, Copy, Debug)]
pub(super) enum Src {
    Const(f64),
    /// A per-trial draw: index into the trial's drawn values.
    Slot(u32),
    /// An expression: a factor's is this one of the event's `factor_exprs`, evaluated at its
    /// modifier; a weight's value is at this index among the event's firing values.
    Expr(u32),
}

/// A variable whose initial value is drawn or computed per trial.
#[derive(Clone, Debug)]
pub(super) enum Init {
    Draw(u64, Sampler),
    Expr(Fast),
}

/// A modifier's condition: of a shape the loop tests inline, or an expression.
#[derive(Clone, Debug)]
pub(super) enum When {
    Inline(Cond),
    Expr(Fast),
}

/// A modifier of an event whose chance is computed.
#[derive(Clone, Debug)]
pub(super) struct Factor {
    pub(super) when: When,
    pub(super) src: Src,
}

/// Per-event facts about its format-2 numbers.
#[derive(Clone, Debug, Default)]
pub(super) struct EventNumbers {
    /// The chance of a step is computed on re-evaluation (a computed probability, or a drawn or
    /// computed factor).
    pub(super) chance: bool,
    /// The computed probability, when it reads the state (one that reads only parameters and
    /// numbers is worked out once per trial: [`Numbers::trial_chances`]).
    pub(super) probability: Option<Fast>,
    /// With a probability worked out once per trial: where the trial keeps whether it was out
    /// of [0, 1] (1.0) or not (0.0), in the firing buffer; else `NO_MEMO`.
    pub(super) trial_bad: u32,
    /// Per modifier: its condition and its factor.
    pub(super) factors: Vec<Factor>,
    pub(super) factor_exprs: Vec<Fast>,
    /// Every factor is fixed for a trial (a number, a draw, or an expression over parameters
    /// and numbers): only which modifiers hold changes between looks.
    pub(super) factors_fixed: bool,
    /// Per branch; empty when every weight is a number.
    pub(super) weights: Vec<Src>,
    /// This event's values in the firing buffer: `fire_off .. fire_off + fire_len`.
    pub(super) fire_off: u32,
    pub(super) fire_len: u32,
    /// The firing values that read the state, evaluated at each firing: (index in the firing
    /// buffer, expression). Those that read only parameters and numbers are worked out once
    /// per trial ([`Numbers::fixed_fire`]).
    pub(super) fire: Vec<(u32, Fast)>,
    /// The computed effects of a firing, in the order they apply: the event's own, then each
    /// branch's; part `i` (0: the event's own effects, `b + 1`: branch `b`) is
    /// `acts[part_acts[i]..part_acts[i + 1]]`. Laid out once so that a firing finds each value,
    /// stream key and memo without counting through the effects (the simulator copies them
    /// into each firing's list of steps: `actions::Steps`).
    pub(super) acts: Vec<Act>,
    pub(super) part_acts: Vec<u32>,
    /// The prepared samplers of the `add` distributions whose parameters are numbers (other
    /// than Poisson draws, which have their memo): see [`Act::Draw`].
    pub(super) samplers: Vec<Sampler>,
    /// With a computed chance: where the last hazard and what it was worked out from are kept
    /// in the firing buffer ([`HAZARD_MEMO_LEN`] values; see `computed_hazard`); else `NO_MEMO`.
    pub(super) hazard_memo: u32,
}

/// A computed effect of a firing; `at` is an index in the firing buffer.
#[derive(Clone, Copy, Debug)]
pub(super) enum Act {
    /// Adds the value at `at` to variable `var`.
    Add { var: u32, at: u32 },
    /// Adds a draw of `kind`, whose parameters are at `at .. at + len`, from the stream keyed
    /// `key` (with the firing's number); `memo`: where its Poisson memo is in the firing buffer
    /// (see `poisson_memo.rs`), or `NO_MEMO` for another distribution; `sampler`: the
    /// event's prepared sampler for it when its parameters are numbers (the same for every
    /// firing: what the draw would prepare each time), else `NO_MEMO`.
    Draw {
        var: u32,
        at: u32,
        len: u32,
        memo: u32,
        sampler: u32,
        /// Where the trial keeps the seed of its stream (see [`Numbers::draw_seeds`]).
        seed: u32,
        key: u64,
        kind: &'static Kind,
    },
    /// Sets variable `var` to the value at `at`.
    Assign { var: u32, at: u32 },
}

/// The values of a hazard memo: its key (the probability, or the trial key's bits) and mark (the
/// event's `over` plus 1, or the simulator's id plus 1 as bits; never the 0 of a fresh buffer);
/// the per-step chance for that key (NaN until needed); the last factor (NaN for none), and
/// the hazard it gave and its inverse.
pub(super) const HAZARD_MEMO_LEN: usize = 6;

/// An `add` distribution without a Poisson memo.
pub(super) const NO_MEMO: u32 = u32::MAX;

/// What the simulator prepares for format-2 numbers.
#[derive(Clone, Debug, Default)]
pub(super) struct Numbers {
    pub(super) events: Vec<EventNumbers>,
    /// Per-trial draws of factors and weights: (stream key, sampler).
    pub(super) slots: Vec<(u64, Sampler)>,
    pub(super) inits: Vec<(usize, Init)>,
    /// Events whose chance is computed (their repairs are tracked over steps).
    pub(super) chance_events: Vec<u32>,
    /// The firing buffer's length: the values computed at firings, over all events, then the
    /// Poisson and hazard memos.
    pub(super) fire_total: usize,
    /// The firing values fixed for a trial (they read no state, but a drawn parameter): (index
    /// in the firing buffer, expression), evaluated when the trial starts.
    pub(super) fixed_fire: Vec<(u32, Fast)>,
    /// The firing values that read nothing (numbers, and parameters that are numbers): (index
    /// in the firing buffer, value), set once in a fresh buffer ([`Numbers::fresh_fire_vals`]).
    pub(super) const_fire: Vec<(u32, f64)>,
    /// The computed probabilities that read only parameters and numbers, fixed for a trial:
    /// (event, its `trial_bad`, expression), worked out when the trial starts into the event's
    /// chance.
    pub(super) trial_chances: Vec<(u32, u32, Fast)>,
    /// Per computed `add` distribution: (where its stream's seed for the trial is kept in the
    /// firing buffer, its stream key); the seeds are worked out when the trial starts, once,
    /// rather than at every firing.
    pub(super) draw_seeds: Vec<(u32, u64)>,
    /// Some firing computes values that read the state (those fixed for the trial are worked
    /// out when it starts): the values of a step's firings need a look before they apply.
    pub(super) any_firing: bool,
    /// Every event's condition, and each of its modifiers', and every outcome's, in the fast
    /// form: the loop evaluates those of no simpler shape ([`Cond::General`]) with these, which
    /// give the program's values without its interpreter (read by format 1 too).
    pub(super) when: Vec<Fast>,
    pub(super) modifier_when: Vec<Vec<Fast>>,
    pub(super) outcome_when: Vec<Option<Fast>>,
    /// Anything at all: a format-1 scenario has none.
    pub(super) any: bool,
}

impl Numbers {
    pub(super) fn new(model: &Model) -> Numbers {
        let mut n = Numbers::default();
        for (i, v) in model.variables.iter().enumerate() {
            let key = stream_key(&format!("variables.{}.initial", v.id));
            match &v.initial_num {
                Some(Num::Draw(d)) => n.inits.push((i, Init::Draw(key, Sampler::new(d)))),
                Some(Num::Expr(p)) => n.inits.push((i, Init::Expr(Fast::new(p)))),
                None => {}
            }
        }
        let mut any_values = false;
        for (i, e) in model.events.iter().enumerate() {
            let en = n.event(model, e);
            if en.chance {
                n.chance_events.push(i as u32);
            }
            any_values |= en.fire_len > 0;
            n.any_firing |= !en.fire.is_empty();
            n.events.push(en);
        }
        for en in &mut n.events {
            for act in &mut en.acts {
                if let Act::Draw {
                    memo, seed, key, ..
                } = act
                {
                    if *memo != NO_MEMO {
                        *memo = n.fire_total as u32;
                        n.fire_total += super::poisson_memo::LEN;
                    }
                    *seed = n.fire_total as u32;
                    n.fire_total += 1;
                    n.draw_seeds.push((*seed, *key));
                }
            }
            if en.chance {
                en.hazard_memo = n.fire_total as u32;
                n.fire_total += HAZARD_MEMO_LEN;
            }
        }
        for (i, e) in model.events.iter().enumerate() {
            if let Some(p) = &e.probability_expr
                && !reads_state(p)
            {
                let en = &mut n.events[i];
                en.probability = None;
                en.trial_bad = n.fire_total as u32;
                n.fire_total += 1;
                n.trial_chances.push((i as u32, en.trial_bad, Fast::new(p)));
            }
        }
        n.when = model.events.iter().map(|e| Fast::new(&e.when)).collect();
        n.modifier_when = (model.events.iter())
            .map(|e| e.modifiers.iter().map(|m| Fast::new(&m.when)).collect())
            .collect();
        n.outcome_when = (model.outcomes.iter())
            .map(|o| o.when.as_ref().map(Fast::new))
            .collect();
        n.any =
            !n.inits.is_empty() || !n.chance_events.is_empty() || any_values || !n.slots.is_empty();
        n
    }

    /// A fresh firing buffer: the values that read nothing in place, the rest 0.
    pub(super) fn fresh_fire_vals(&self) -> Vec<f64> {
        let mut vals = vec![0.0; self.fire_total];
        for &(at, x) in &self.const_fire {
            vals[at as usize] = x;
        }
        vals
    }

    fn src(&mut self, num: &Option<Num>, fixed: f64, path: String, expr_at: &mut u32) -> Src {
        match num {
            None => Src::Const(fixed),
            Some(Num::Draw(d)) => {
                self.slots.push((stream_key(&path), Sampler::new(d)));
                Src::Slot(self.slots.len() as u32 - 1)
            }
            Some(Num::Expr(_)) => {
                *expr_at += 1;
                Src::Expr(*expr_at - 1)
            }
        }
    }

    fn event(&mut self, model: &Model, e: &Event) -> EventNumbers {
        let base = format!("events.{}", e.id);
        let mut factor_at = 0;
        let factors: Vec<Factor> = (e.modifiers.iter().enumerate())
            .map(|(i, m)| {
                let path = format!("{base}.modifiers.{i}.factor");
                Factor {
                    when: match Cond::of(&m.when) {
                        Cond::General => When::Expr(Fast::new(&m.when)),
                        c => When::Inline(c),
                    },
                    // A factor that is a number (a fixed parameter) is that number.
                    src: match &m.factor_num {
                        Some(Num::Expr(p)) if let [Op::Const(c)] = p.ops.as_slice() => {
                            Src::Const(*c)
                        }
                        n => self.src(n, m.factor, path, &mut factor_at),
                    },
                }
            })
            .collect();
        let factor_exprs = (e.modifiers.iter())
            .filter_map(|m| match &m.factor_num {
                Some(Num::Expr(p)) if !matches!(p.ops.as_slice(), [Op::Const(_)]) => {
                    Some(Fast::new(p))
                }
                _ => None,
            })
            .collect();
        let mut weight_exprs = 0;
        let weights: Vec<Src> = if e.branches.iter().any(|b| b.weight_num.is_some()) {
            (e.branches.iter().enumerate())
                .map(|(i, b)| {
                    let path = format!("{base}.branches.{i}.weight");
                    self.src(&b.weight_num, b.weight, path, &mut weight_exprs)
                })
                .collect()
        } else {
            Vec::new()
        };
        let fire_off = self.fire_total as u32;
        let mut at = fire_off + weight_exprs;
        let mut acts = Vec::new();
        let mut part_acts = Vec::new();
        let fx = std::iter::once((base.clone(), &e.effects)).chain(
            (e.branches.iter().enumerate())
                .map(|(i, b)| (format!("{base}.branches.{i}"), &b.effects)),
        );
        let mut samplers = Vec::new();
        for (path, f) in fx {
            part_acts.push(acts.len() as u32);
            for (v, a) in &f.add_expr {
                let var = *v as u32;
                acts.push(match a {
                    Amount::Expr(_) => Act::Add { var, at },
                    Amount::Dist { kind, args } => {
                        let id = &model.variables[*v].id;
                        let poisson = kind.name == "poisson";
                        let fixed = (!poisson).then(|| numbers_of(args)).flatten();
                        // (A Poisson draw at a firing is not the prepared sampler's.)
                        let built = fixed.and_then(|vals| (kind.build)(&vals).ok());
                        let sampler = match built.filter(|d| !matches!(d, Dist::Poisson { .. })) {
                            Some(d) => {
                                samplers.push(Sampler::new(&d));
                                samplers.len() as u32 - 1
                            }
                            None => NO_MEMO,
                        };
                        Act::Draw {
                            var,
                            at,
                            len: args.len() as u32,
                            // Placed after every event's values (in `Numbers::new`).
                            memo: if poisson { 0 } else { NO_MEMO },
                            sampler,
                            seed: 0,
                            key: stream_key(&format!("{path}.add.{id}")),
                            kind,
                        }
                    }
                });
                at += a.programs().len() as u32;
            }
            for (v, _) in &f.assign_expr {
                acts.push(Act::Assign { var: *v as u32, at });
                at += 1;
            }
        }
        part_acts.push(acts.len() as u32);
        let at = at - fire_off;
        let mut fire = Vec::new();
        for (k, p) in e.firing_programs().enumerate() {
            let at = fire_off + k as u32;
            if reads_state(p) {
                fire.push((at, Fast::new(p)));
            } else if p.reads.params.is_empty() {
                // The same in every trial: no evaluation per trial.
                let x = eval_over_params(p, &[], &mut Vec::new());
                self.const_fire.push((at, x));
            } else {
                self.fixed_fire.push((at, Fast::new(p)));
            }
        }
        let factors_fixed = (e.modifiers.iter()).all(|m| match &m.factor_num {
            Some(Num::Expr(p)) => !reads_state(p),
            _ => true,
        });
        let en = EventNumbers {
            chance: e.has_numbers(),
            probability: e.probability_expr.as_ref().map(Fast::new),
            factors,
            factor_exprs,
            factors_fixed,
            weights,
            fire_off,
            fire_len: at,
            fire,
            acts,
            part_acts,
            samplers,
            hazard_memo: NO_MEMO,
            trial_bad: NO_MEMO,
        };
        self.fire_total += at as usize;
        en
    }
}

/// The values of `args` when each is a finite number: one that reads nothing (`-k` of a
/// parameter `k` that is a number) has the same value at every firing of every trial.
fn numbers_of(args: &[Program]) -> Option<Vec<f64>> {
    let mut stack = Vec::new();
    (args.iter())
        .map(|p| match p.ops.as_slice() {
            [Op::Const(c)] => Some(*c),
            _ if !reads_state(p) && p.reads.params.is_empty() => {
                Some(eval_over_params(p, &[], &mut stack))
            }
            _ => None,
        })
        .map(|x| x.filter(|x| x.is_finite()))
        .collect()
}

/// Whether `p`'s value can change within a trial: it reads more than parameters and numbers.
fn reads_state(p: &Program) -> bool {
    let r = &p.reads;
    !(r.flags.is_empty()
        && r.vars.is_empty()
        && r.events.is_empty()
        && r.since.is_empty()
        && r.outcomes.is_empty()
        && !r.step)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_str;

    /// Each computed effect reads its own values in the firing buffer (laid out as the event's
    /// firing programs: computed weights, own effects, then each branch's), in the order the
    /// effects apply, and each part's effects are its own.
    #[test]
    fn acts_follow_the_firing_values() {
        let text = r#"
[scenario]
name = "acts"
horizon = 4
[[actors]]
id = "a"
name = "A"
[params]
k = 2
[variables]
x = 0
y = 0
z = 0
[[events]]
id = "before"
actor = "a"
probability = 0.5
add = { x = "k" }
[[events]]
id = "e"
actor = "a"
probability = 0.5
add = { x = "y + 1", y = { poisson = "x + 1" } }
assign = { z = "y * 2" }
branches = [
  { weight = "x", add = { y = { normal = ["x", "k"] } } },
  { weight = 1 },
  { weight = "y + 1", assign = { y = "x" }, add = { x = { uniform = [0, "y + 1"] } } },
]
[[outcomes]]
id = "end"
"#;
        let model = load_str("acts.toml", text, &[]).unwrap().model;
        let n = Numbers::new(&model);
        let (x, y, z) = (0, 1, 2);
        let en = &n.events[1];
        let off = en.fire_off;
        assert_eq!(off, n.events[0].fire_len);
        // Two weights, then own: x, y (1), assign z; branch 0: y (2); branch 2: x (2), assign y.
        let got: Vec<(char, u32, u32, u32)> = (en.acts.iter())
            .map(|a| match *a {
                Act::Add { var, at } => ('+', var, at - off, 1),
                Act::Draw { var, at, len, .. } => ('~', var, at - off, len),
                Act::Assign { var, at } => ('=', var, at - off, 1),
            })
            .collect();
        let want = vec![
            ('+', x, 2, 1),
            ('~', y, 3, 1),
            ('=', z, 4, 1),
            ('~', y, 5, 2),
            ('~', x, 7, 2),
            ('=', y, 9, 1),
        ];
        assert_eq!(got, want);
        assert_eq!(en.part_acts, vec![0, 3, 4, 4, 6]);
        assert_eq!(en.fire_len, 10);
        assert_eq!(model.events[1].firing_programs().count(), 10);
        // Only the Poisson draw has a memo, placed after every event's values.
        let memos: Vec<bool> = (en.acts.iter())
            .filter_map(|a| match a {
                Act::Draw { memo, .. } => Some(*memo != NO_MEMO),
                _ => None,
            })
            .collect();
        assert_eq!(memos, vec![true, false, false]);
        match en.acts[1] {
            Act::Draw {
                memo, kind, key, ..
            } => {
                assert!(memo as usize >= (off + en.fire_len) as usize);
                assert_eq!(kind.name, "poisson");
                assert_eq!(key, stream_key("events.e.add.y"));
            }
            _ => unreachable!(),
        }
        match en.acts[4] {
            Act::Draw { key, .. } => assert_eq!(key, stream_key("events.e.branches.2.add.x")),
            _ => unreachable!(),
        }
    }
}
