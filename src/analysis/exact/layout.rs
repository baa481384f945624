//! Which parts of a trial's state the exact solver keeps, and how they pack into one key.
//!
//! A state is a fixed-width run of `u64` words, so equal states can be merged by hashing the
//! words. Only what can change a future probability is kept: flags and variables that some
//! condition reads (or a computed probability, factor or weight, or a computed amount of a
//! variable that is kept), whether each once-only event has fired (its eligibility) and whether each
//! event read by name has fired, `times(e)` for repeatable events that a condition counts, and
//! the last firing step of events that `since` reads. Everything else would only split states
//! that behave identically; whether an unread repeatable event ever fired is found by a
//! separate propagation instead (see `propagate`).

use crate::expr::{EvalCtx, Op, Program};
use crate::model::{Effects, Event, Model, Num};

/// Where each tracked quantity lives in a state key.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Words in one key.
    pub width: usize,
    /// Flag index -> bit position among the tracked flags.
    flag_bit: Vec<Option<usize>>,
    flags_off: usize,
    /// Event index -> bit (from `fired_off`) saying it has fired at least once.
    fired_bit: Vec<Option<usize>>,
    fired_off: usize,
    /// Variable index -> word.
    var_word: Vec<Option<usize>>,
    /// Event index -> word holding `times(e)` (repeatable events that `times` reads).
    times_word: Vec<Option<usize>>,
    /// Event index -> word holding the last step it fired (events that `since` reads, and
    /// once-only events that `first` reads).
    last_word: Vec<Option<usize>>,
    /// Event index -> word holding the first step it fired (repeatable events that `first`
    /// reads).
    first_word: Vec<Option<usize>>,
    initial_flags: Vec<bool>,
    initial_vars: Vec<f64>,
}

/// Names read by any condition of the model, by kind.
#[derive(Default)]
struct ReadSet {
    flags: Vec<bool>,
    vars: Vec<bool>,
    /// Read by name (`e`: has it fired).
    fired: Vec<bool>,
    times: Vec<bool>,
    since: Vec<bool>,
    first: Vec<bool>,
}

impl ReadSet {
    fn of(model: &Model) -> ReadSet {
        let mut r = ReadSet {
            flags: vec![false; model.flags.len()],
            vars: vec![false; model.variables.len()],
            fired: vec![false; model.events.len()],
            times: vec![false; model.events.len()],
            since: vec![false; model.events.len()],
            first: vec![false; model.events.len()],
        };
        let programs = model
            .events
            .iter()
            .flat_map(|e| std::iter::once(&e.when).chain(e.modifiers.iter().map(|m| &m.when)))
            .chain(model.outcomes.iter().filter_map(|o| o.when.as_ref()));
        for program in programs {
            r.add(program);
        }
        // Computed chances and branch weights change probabilities: what they read counts.
        for e in &model.events {
            let factors = e.modifiers.iter().filter_map(|m| m.factor_num.as_ref());
            let weights = e.branches.iter().filter_map(|b| b.weight_num.as_ref());
            for num in factors.chain(weights) {
                if let Num::Expr(p) = num {
                    r.add(p);
                }
            }
            if let Some(p) = &e.probability_expr {
                r.add(p);
            }
        }
        // A computed amount or value matters when its variable does, and makes what it reads
        // matter in turn: repeat until nothing new is read.
        let parts: Vec<&Effects> = (model.events.iter()).flat_map(Event::all_effects).collect();
        loop {
            let before = r.vars.clone();
            for fx in &parts {
                let adds = fx.add_expr.iter().map(|(v, a)| (*v, a.programs()));
                let assigns = (fx.assign_expr.iter()).map(|(v, p)| (*v, std::slice::from_ref(p)));
                for (v, programs) in adds.chain(assigns) {
                    if r.vars[v] {
                        programs.iter().for_each(|p| r.add(p));
                    }
                }
            }
            if r.vars == before {
                return r;
            }
        }
    }

    fn add(&mut self, program: &Program) {
        // The ops, not `Reads`: `Reads::events` does not tell `times(e)` from a bare `e`.
        for op in &program.ops {
            match *op {
                Op::Flag(i) => self.flags[i as usize] = true,
                Op::Var(i) => self.vars[i as usize] = true,
                Op::Fired(e) => self.fired[e as usize] = true,
                Op::Times(e) => self.times[e as usize] = true,
                Op::Since(e) => self.since[e as usize] = true,
                // `first(e)` is infinite until `e` has fired: that must be known too.
                Op::First(e) => {
                    self.first[e as usize] = true;
                    self.fired[e as usize] = true;
                }
                _ => {}
            }
        }
    }
}

impl Layout {
    pub fn new(model: &Model) -> Layout {
        let reads = ReadSet::of(model);
        let mut flag_bit = vec![None; model.flags.len()];
        let mut bits = 0usize;
        for (i, read) in reads.flags.iter().enumerate() {
            if *read {
                flag_bit[i] = Some(bits);
                bits += 1;
            }
        }
        let mut fired_bit = vec![None; model.events.len()];
        let mut fired_bits = 0usize;
        for (e, event) in model.events.iter().enumerate() {
            if !event.repeat || reads.fired[e] {
                fired_bit[e] = Some(fired_bits);
                fired_bits += 1;
            }
        }
        let flags_off = 0;
        let fired_off = flags_off + bits.div_ceil(64);
        let mut next = fired_off + fired_bits.div_ceil(64);
        let mut slot = |wanted: bool| {
            wanted.then(|| {
                next += 1;
                next - 1
            })
        };
        let var_word = reads.vars.iter().map(|&r| slot(r)).collect();
        let times_word = model
            .events
            .iter()
            .zip(&reads.times)
            .map(|(e, &r)| slot(r && e.repeat))
            .collect();
        let last_word = (0..model.events.len())
            .map(|e| slot(reads.since[e] || (reads.first[e] && !model.events[e].repeat)))
            .collect();
        let first_word = (0..model.events.len())
            .map(|e| slot(reads.first[e] && model.events[e].repeat))
            .collect();
        Layout {
            width: next,
            flag_bit,
            flags_off,
            fired_bit,
            fired_off,
            var_word,
            times_word,
            last_word,
            first_word,
            initial_flags: model.flags.iter().map(|f| f.initial).collect(),
            initial_vars: model.variables.iter().map(|v| v.initial).collect(),
        }
    }

    /// The key of the state before step 1, with the variables' initial values `vars` (drawn
    /// or computed ones vary from trial to trial).
    pub fn initial(&self, vars: &[f64]) -> Vec<u64> {
        let mut key = vec![0; self.width];
        for (i, &value) in self.initial_flags.iter().enumerate() {
            self.set_flag(&mut key, i, value);
        }
        for (i, &value) in vars.iter().enumerate() {
            if let Some(w) = self.var_word[i] {
                key[w] = value.to_bits();
            }
        }
        for w in self.last_word.iter().chain(&self.first_word).flatten() {
            key[*w] = u32::MAX as u64;
        }
        key
    }

    /// Whether variable `v` is part of the state.
    pub fn tracks_var(&self, v: usize) -> bool {
        self.var_word[v].is_some()
    }

    pub fn set_flag(&self, key: &mut [u64], flag: usize, value: bool) {
        if let Some(bit) = self.flag_bit[flag] {
            let (w, mask) = (self.flags_off + bit / 64, 1u64 << (bit % 64));
            if value {
                key[w] |= mask;
            } else {
                key[w] &= !mask;
            }
        }
    }

    /// Whether a state tells if `event` has fired (else `fired` says false).
    pub fn knows_fired(&self, event: usize) -> bool {
        self.fired_bit[event].is_some() || self.times_word[event].is_some()
    }

    pub fn fired(&self, key: &[u64], event: usize) -> bool {
        match (self.fired_bit[event], self.times_word[event]) {
            (Some(bit), _) => key[self.fired_off + bit / 64] & (1u64 << (bit % 64)) != 0,
            (None, Some(w)) => key[w] > 0,
            (None, None) => false,
        }
    }

    pub fn var(&self, key: &[u64], v: usize) -> Option<f64> {
        self.var_word[v].map(|w| f64::from_bits(key[w]))
    }

    /// Applies a variable's new value (already clamped) if the variable is tracked.
    pub fn set_var(&self, key: &mut [u64], v: usize, value: f64) {
        if let Some(w) = self.var_word[v] {
            key[w] = value.to_bits();
        }
    }

    /// Records one firing of `event` at `step`.
    pub fn record_firing(&self, key: &mut [u64], event: usize, step: u32) {
        if let Some(bit) = self.fired_bit[event] {
            key[self.fired_off + bit / 64] |= 1u64 << (bit % 64);
        }
        if let Some(w) = self.times_word[event] {
            key[w] += 1;
        }
        if let Some(w) = self.last_word[event] {
            key[w] = step as u64;
        }
        if let Some(w) = self.first_word[event]
            && key[w] == u32::MAX as u64
        {
            key[w] = step as u64;
        }
    }

    /// Unpacks a key into the slices an expression reads (the parameters are set once per
    /// propagation). Untracked values keep their initial values: nothing reads them.
    pub fn decode(&self, key: &[u64], out: &mut Decoded) {
        out.flags.clear();
        out.flags.extend_from_slice(&self.initial_flags);
        for (i, bit) in self.flag_bit.iter().enumerate() {
            if let Some(bit) = bit {
                out.flags[i] = key[self.flags_off + bit / 64] & (1u64 << (bit % 64)) != 0;
            }
        }
        out.vars.clear();
        out.vars.extend_from_slice(&self.initial_vars);
        for (i, w) in self.var_word.iter().enumerate() {
            if let Some(w) = w {
                out.vars[i] = f64::from_bits(key[*w]);
            }
        }
        out.times.clear();
        out.last.clear();
        out.first.clear();
        for e in 0..self.times_word.len() {
            out.times.push(match self.times_word[e] {
                Some(w) => key[w] as u32,
                None => self.fired(key, e) as u32,
            });
            out.last.push(match self.last_word[e] {
                Some(w) => key[w] as u32,
                None => u32::MAX,
            });
            out.first.push(match self.first_word[e] {
                Some(w) => key[w] as u32,
                None => u32::MAX,
            });
        }
    }
}

/// A state unpacked for evaluating expressions.
#[derive(Default)]
pub struct Decoded {
    pub flags: Vec<bool>,
    pub vars: Vec<f64>,
    pub times: Vec<u32>,
    pub last: Vec<u32>,
    pub first: Vec<u32>,
    pub params: Vec<f64>,
}

impl Decoded {
    pub fn ctx(&self, step: u32) -> EvalCtx<'_> {
        EvalCtx {
            flags: &self.flags,
            vars: &self.vars,
            times: &self.times,
            last_fired: &self.last,
            first_fired: &self.first,
            params: &self.params,
            step,
            outcome: u32::MAX,
        }
    }
}
