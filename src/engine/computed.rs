//! Format-2 numbers in a trial: probabilities and factors computed from the state, factors and
//! weights drawn once per trial, branch weights, `add` amounts and `assign` values computed at a
//! firing, and initial values drawn or computed per trial; with the repairs of values out of
//! range, counted per event. Part of the inner loop of [`Trial`].
//!
//! Everything is evaluated against the state at the start of the step: a probability or factor
//! when the event is re-evaluated (which the dependency lists trigger exactly when something the
//! expression reads has changed, as for conditions), the values of a firing before any effect of
//! the step applies ([`Trial::eval_firings`]).
//!
//! A probability out of [0, 1] or a negative factor stays so until the event is re-evaluated:
//! the steps in between are counted when that happens, when the event dies or when the trial
//! ends ([`Trial::close_repairs`]), so the counts are those of a step-by-step evaluation.

use std::ops::Range;

use super::chance::Chance;
use super::hazard::{Hazard, NEVER};
use super::numbers::{Act, HAZARD_MEMO_LEN, Init, NO_MEMO, Src, When};
use super::observer::{Look, Observer};
use super::poisson_memo;
use super::rng::{self, Purpose, Stream};
use super::sample::{Sampler, Tables, sample_once};
use super::simulator::EventTable;
use super::trial::Trial;
use crate::expr::EvalCtx;
use crate::model::Kind;

/// The per-step chance of a computed probability `p` (as adjusted) spread `over` steps: the
/// probability itself unless it is spread, which saves a logarithm.
fn step_chance(p: f64, over: u32) -> f64 {
    if over <= 1 && !p.is_nan() {
        p
    } else {
        Chance::of(p, over).q()
    }
}

/// A factor or weight as used: below 0 or NaN counts as 0 (`true`: repaired).
#[inline]
pub(super) fn non_negative(x: f64) -> (f64, bool) {
    if x >= 0.0 { (x, false) } else { (0.0, true) }
}

/// The draw of `sampler` for the trial of key `trial_key` from the stream keyed `stream_key`:
/// a factor's, weight's or initial value's, once per trial.
#[inline]
pub(super) fn trial_draw(
    tables: Tables,
    trial_key: u64,
    stream_key: u64,
    sampler: &Sampler,
) -> f64 {
    let seed = rng::substream_seed(trial_key, stream_key, Purpose::Param);
    sampler.sample(tables, &mut Stream::new(seed))
}

/// Event `table`'s chance for a trial from its probability `x` over parameters: clamped to
/// [0, 1] (NaN: 0), adjusted, spread `over`; `true`: `x` was out of range.
#[inline(always)]
pub(super) fn trial_chance(table: &EventTable, x: f64) -> (Chance, bool) {
    let y = if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) };
    (table.chance_of(y), y != x)
}

impl<O: Observer> Trial<'_, '_, O> {
    /// Draws this trial's factors, weights and initial values (after the parameters).
    pub(super) fn start_numbers(&mut self) {
        let sim = self.sim;
        let nb = &sim.numbers;
        let v = &mut self.v;
        for (i, (key, sampler)) in nb.slots.iter().enumerate() {
            v.slot_vals[i] = trial_draw(sim.tables, self.key, *key, sampler);
        }
        for (var, init) in &nb.inits {
            let x = match init {
                Init::Draw(key, sampler) => trial_draw(sim.tables, self.key, *key, sampler),
                Init::Expr(p) => p.eval(&ctx!(v, 0), v.stack),
            };
            let (lo, hi) = (sim.var_min[*var], sim.var_max[*var]);
            let y = if x.is_nan() {
                lo.max(hi.min(0.0))
            } else {
                x.clamp(lo, hi)
            };
            v.init_clamped[*var] = u32::from(y != x);
            v.vars[*var] = y;
            v.brackets[*var] = sim.deps.var_cuts.bracket(*var, y);
        }
        for &(at, key) in &nb.draw_seeds {
            let seed = rng::substream_seed(self.key, key, Purpose::Effects);
            v.fire_vals[at as usize] = f64::from_bits(seed);
        }
        let ctx = ctx!(v, 0);
        for (at, p) in &nb.fixed_fire {
            v.fire_vals[*at as usize] = p.eval(&ctx, v.stack);
        }
        // A probability over parameters only is the same at every step of the trial: its
        // chance is worked out here once, as for a drawn probability, rather than at every
        // re-evaluation; whether it was out of range is kept for the repair counts.
        for &(e, bad, ref p) in &nb.trial_chances {
            let e = e as usize;
            let (chance, repaired) = trial_chance(&sim.events[e], p.eval(&ctx, v.stack));
            v.fire_vals[bad as usize] = f64::from(u8::from(repaired));
            v.chance[e] = chance;
        }
    }

    /// The hazard of event `e` (eligible or not) at the start of step `t`, for an event whose
    /// chance is computed; notes the repairs.
    #[inline(always)]
    pub(super) fn computed_hazard(&mut self, e: usize, eligible: bool, t: u32) -> Hazard {
        let sim = self.sim;
        let table = &self.events[e];
        let en = &sim.numbers.events[e];
        let v = &mut self.v;
        if !eligible {
            self.obs.looked(e, Look::before(t, false, 0));
            self.mark_repairs(e, false, false, t);
            return Hazard::ZERO;
        }
        let bad_p;
        // The chance before modifiers: (the probability as adjusted, or the event's fixed chance).
        let p = match &en.probability {
            Some(p) => {
                let x = p.eval(&ctx!(v, t), v.stack);
                let y = if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) };
                bad_p = y != x;
                Ok(table.adjusted(y))
            }
            None => {
                // A chance fixed for the trial (the event's own, drawn, or worked out when the
                // trial started from a probability over parameters).
                bad_p = en.trial_bad != NO_MEMO && v.fire_vals[en.trial_bad as usize] != 0.0;
                Err(v.chance[e])
            }
        };
        let mut factor = 1.0;
        let mut bad_f = false;
        let mut held = 0u32;
        for (i, m) in en.factors.iter().enumerate() {
            let holds = match &m.when {
                When::Inline(c) => c.holds_fast(v.flags, v.vars, v.times),
                When::Expr(p) => p.eval(&ctx!(v, t), v.stack) != 0.0,
            };
            if !holds {
                continue;
            }
            self.obs.modifier_held(e, i);
            held |= 1u32.wrapping_shl(i as u32);
            let raw = match m.src {
                Src::Const(f) => f,
                Src::Slot(i) => v.slot_vals[i as usize],
                Src::Expr(k) => en.factor_exprs[k as usize].eval(&ctx!(v, t), v.stack),
            };
            let (f, bad) = non_negative(raw);
            bad_f |= bad;
            factor *= f;
        }
        self.obs.looked(e, Look::before(t, true, held));
        // A re-evaluated event often finds the probability it found before (its inputs fixed
        // for the trial, or changed without changing it), and often the factor too: the memo
        // keeps the per-step chance and the hazard, which saves their logarithms. It is keyed
        // by what they are functions of: the probability and `over`; or for a chance fixed for
        // the trial, the trial and the simulator (whose adjustments the chance has). A
        // probability not spread over steps has one logarithm to save: worked out directly.
        let (key, mark) = match p {
            Err(chance) if factor == 1.0 => {
                self.mark_repairs(e, bad_p, bad_f, t);
                return chance.h;
            }
            Ok(p) if table.over <= 1 => {
                let h = if factor == 1.0 {
                    Chance::of(p, table.over).h
                } else {
                    Hazard::of((step_chance(p, table.over) * factor).min(1.0))
                };
                self.mark_repairs(e, bad_p, bad_f, t);
                return h;
            }
            Err(_) => (f64::from_bits(self.key), f64::from_bits(sim.id + 1)),
            Ok(p) => (p, f64::from(table.over) + 1.0),
        };
        let memo = &mut v.fire_vals[en.hazard_memo as usize..][..HAZARD_MEMO_LEN];
        if memo[0].to_bits() != key.to_bits() || memo[1].to_bits() != mark.to_bits() {
            memo.copy_from_slice(&[key, mark, f64::NAN, f64::NAN, 0.0, 0.0]);
        }
        let h = if memo[3].to_bits() == factor.to_bits() {
            Hazard {
                h: memo[4],
                inv: memo[5],
            }
        } else {
            let h = match p {
                Ok(p) if factor == 1.0 => Chance::of(p, table.over).h,
                _ => {
                    if memo[2].is_nan() {
                        memo[2] = match p {
                            Err(chance) => chance.q(),
                            Ok(p) => step_chance(p, table.over),
                        };
                    }
                    Hazard::of((memo[2] * factor).min(1.0))
                }
            };
            memo[3..].copy_from_slice(&[factor, h.h, h.inv]);
            h
        };
        self.mark_repairs(e, bad_p, bad_f, t);
        h
    }

    /// From step `t` on, event `e`'s probability is (`clamped`) or is not out of range, and a
    /// holding factor is (`zeroed`) or is not: closes the spans that end here.
    #[inline(always)]
    fn mark_repairs(&mut self, e: usize, clamped: bool, zeroed: bool, t: u32) {
        let v = &mut self.v;
        // Mostly no span is open: no call.
        if v.clamp_from[e] != NEVER || v.zero_from[e] != NEVER {
            self.close_repairs(e, t);
        }
        let v = &mut self.v;
        if clamped {
            v.clamp_from[e] = t;
        }
        if zeroed {
            v.zero_from[e] = t;
        }
    }

    /// Counts the steps before `t` of event `e`'s open repair spans, and closes them.
    pub(super) fn close_repairs(&mut self, e: usize, t: u32) {
        let v = &mut self.v;
        if v.clamp_from[e] != NEVER {
            v.repairs[e].clamped += u64::from(t - v.clamp_from[e]);
            v.clamp_from[e] = NEVER;
        }
        if v.zero_from[e] != NEVER {
            v.repairs[e].zeroed += u64::from(t - v.zero_from[e]);
            v.zero_from[e] = NEVER;
        }
    }

    /// Evaluates the values of the firings of step `t` (`fired_now`) on the state at the start
    /// of the step, before any of them applies its effects.
    #[inline(always)]
    pub(super) fn eval_firings(&mut self, t: u32) {
        let sim = self.sim;
        // Most firings compute nothing: no call for them.
        for i in 0..self.v.fired_now.len() {
            let e = self.v.fired_now.as_slice()[i] as usize;
            if !sim.numbers.events[e].fire.is_empty() {
                self.eval_firing(e, t);
            }
        }
    }

    /// Evaluates the values of a firing of event `e` in step `t` (see [`Trial::eval_firings`]).
    fn eval_firing(&mut self, e: usize, t: u32) {
        let v = &mut self.v;
        let ctx = ctx!(v, t);
        for (at, p) in &self.sim.numbers.events[e].fire {
            v.fire_vals[*at as usize] = p.eval(&ctx, v.stack);
        }
    }

    /// The branch of a firing of event `e` whose weights are drawn or computed (`u` uniform in
    /// [0, 1)); `None` when every weight is 0.
    pub(super) fn computed_branch(&mut self, e: usize, u: f64) -> Option<usize> {
        let en = &self.sim.numbers.events[e];
        let v = &mut self.v;
        let weight = |src: &Src| match *src {
            Src::Const(w) => w,
            Src::Slot(i) => v.slot_vals[i as usize],
            Src::Expr(j) => v.fire_vals[(en.fire_off + j) as usize],
        };
        let mut total = 0.0;
        let mut bad = false;
        for src in &en.weights {
            let (w, b) = non_negative(weight(src));
            bad |= b;
            total += w;
        }
        let repairs = &mut v.repairs[e];
        repairs.zeroed += u64::from(bad);
        if total <= 0.0 || total.is_nan() {
            repairs.no_branch += 1;
            return None;
        }
        let x = u * total;
        let mut cum = 0.0;
        let mut last = None;
        for (b, src) in en.weights.iter().enumerate() {
            let w = non_negative(weight(src)).0;
            if w > 0.0 {
                cum += w;
                last = Some(b);
                if x < cum {
                    return Some(b);
                }
            }
        }
        last
    }

    /// The draw of an `add` distribution of event `e` (`kind`, its parameters at `vals` in the
    /// firing buffer; where its stream's seed is, and its prepared sampler) at the event's `n`-th
    /// firing, other than a Poisson draw from a valid rate (`apply_acts`); 0 (and a repair) when
    /// a parameter is invalid.
    fn draw_amount(
        &mut self,
        e: usize,
        kind: &Kind,
        vals: Range<usize>,
        (seed, sampler): (u32, u32),
        n: u64,
    ) -> f64 {
        // This trial's seed of the draw's stream (see `start_numbers`).
        let seed = self.v.fire_vals[seed as usize].to_bits();
        let mut stream = Stream::firing(seed, n);
        if sampler != NO_MEMO {
            // Parameters that are numbers: the sampler the draw would prepare, prepared once.
            let sampler = &self.sim.numbers.events[e].samplers[sampler as usize];
            return sampler.sample(Tables::get(), &mut stream);
        }
        let v = &mut self.v;
        let vals = &v.fire_vals[vals];
        let built = if vals.iter().all(|x| x.is_finite()) {
            (kind.build)(vals).ok()
        } else {
            None
        };
        match built {
            Some(d) => sample_once(&d, Tables::get(), &mut stream),
            None => {
                v.repairs[e].add_zero += 1;
                0.0
            }
        }
    }

    /// Applies the computed `add` or `assign` `act` of a firing of event `e`, the `n`-th (from
    /// 0), at step `t`.
    #[inline(always)]
    pub(super) fn apply_act(&mut self, e: usize, act: &Act, n: u64, t: u32) {
        // (variable, amount or value, whether it is added)
        let (var, x, add) = match *act {
            Act::Add { var, at } => (var, self.v.fire_vals[at as usize], true),
            Act::Draw {
                var,
                at,
                len,
                memo,
                sampler,
                seed,
                kind,
                ..
            } => {
                let fire_vals = &mut *self.v.fire_vals;
                // A valid Poisson rate (most draws at a firing): the memo's search, inline.
                let lambda = if memo != NO_MEMO {
                    fire_vals[at as usize]
                } else {
                    f64::NAN
                };
                let x = if lambda > 0.0 && lambda <= poisson_memo::MAX_RATE {
                    let seed = fire_vals[seed as usize].to_bits();
                    let bits = Stream::firing(seed, n).next_u64();
                    poisson_memo::draw(&mut fire_vals[memo as usize..], lambda, bits)
                } else {
                    let vals = at as usize..(at + len) as usize;
                    self.draw_amount(e, kind, vals, (seed, sampler), n)
                };
                (var, x, true)
            }
            Act::Assign { var, at } => (var, self.v.fire_vals[at as usize], false),
        };
        let var = var as usize;
        if !x.is_finite() {
            self.v.repairs[e].unchanged += 1;
        } else if add {
            self.set_var(var, self.v.vars[var] + x, t);
        } else {
            self.set_var(var, x, t);
        }
    }
}
