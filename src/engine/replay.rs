//! Whether a version of a scenario runs a trial exactly as the baseline did, worked out from
//! what the baseline's trial showed of one event, without running the trial again.
//!
//! Sensitivity runs many versions that differ from the baseline only in one event's numbers.
//! Nothing but that event reads them, so a version's trial is the baseline's, step for step,
//! as long as the event does the same in both.
//!
//! - Its probability or a modifier's factor only moves when it fires. Until a once-only event
//!   fires, it is looked at in the same steps and finds the same conditions in both trials
//!   ([`super::Observer::looked`] reports them); replaying those looks through the version's
//!   own hazards, with the arithmetic of `Trial::rearm` and the event's own threshold stream,
//!   gives the step at which it fires in the version, bit for bit
//!   ([`Simulator::fires_alike`]). The same holds for a parameter that only that event's
//!   numbers read, and for numbers computed from parameters, which are fixed for a trial.
//! - A branch weight only moves which branch a firing takes: the first draw of the firing's own
//!   stream against the version's weights ([`Simulator::branches_alike`]).

use super::chance::Chance;
use super::computed::{non_negative, trial_chance, trial_draw};
use super::drawn::draw_chance;
use super::firing::{effects_seed, pick_branch};
use super::hazard::{Hazard, NEVER, schedule};
use super::numbers::Src;
use super::observer::Look;
use super::params;
use super::rng::{self, Purpose, Stream};
use super::scratch::{EV_INITIAL, EvState};
use super::simulator::{Simulator, held_hazard};
use super::trial::{remaining, threshold};
use crate::expr::EvalCtx;

impl Simulator<'_> {
    /// Whether [`Simulator::fires_alike`] can tell for event `e`: a once-only event whose
    /// chance and factors are fixed for a trial (numbers, draws, expressions over parameters:
    /// what changes between its looks is only which modifiers hold), with at most 32 modifiers
    /// (the width of [`Look::held`]), in a scenario without an `observed` step (which can end
    /// a trial before a firing that would have changed it).
    ///
    /// (A repeating event's firings could be replayed too, each from its next threshold, but
    /// all of them must then fall at the same steps: in `baseline_v1`'s sensitivity analysis
    /// that spared 1% of its trials and the replays cost more than that saved.)
    pub fn replays_firing(&self, e: usize) -> bool {
        let t = &self.events[e];
        let fixed = if t.computed {
            // A chance and factors fixed for the trial (see `trial_numbers`).
            let en = &self.numbers.events[e];
            en.probability.is_none() && en.factors_fixed && en.factors.len() <= 32
        } else {
            t.mod_conds.len() <= 32
        };
        !t.repeat
            && fixed
            && !t.fires_computed
            && (self.model.given.as_ref()).is_none_or(|g| g.observed.is_none())
    }

    /// Whether [`Simulator::branches_alike`] can tell for event `e`: it has branches, with
    /// weights fixed in the file.
    pub fn replays_branches(&self, e: usize) -> bool {
        let t = &self.events[e];
        !t.branch_cum.is_empty() && !t.fires_computed
    }

    /// Whether once-only event `e` fires at the same step in trial `key` of this simulator as
    /// in a trial that ended at step `end` and looked at it as in `looks` (in order, its firing
    /// included), or in neither. Only for events where [`Simulator::replays_firing`] holds.
    pub fn fires_alike(&self, key: u64, e: usize, looks: &[Look], end: u32) -> bool {
        let table = &self.events[e];
        let (chance, factors) = self.trial_numbers(key, e);
        let mut st = EV_INITIAL;
        st.thr = rng::substream_seed(key, table.stream_key, Purpose::Threshold);
        st.rem = threshold(self, &mut st);
        // The looks before the version's firing, each of which may move it; none may be the
        // trial's firing.
        let due = |st: &EvState| match st.fire_at {
            at if at > end => u32::MAX,
            at => 2 * at + 1,
        };
        for (i, look) in looks.iter().enumerate() {
            let due = due(&st);
            if look.phase >= due {
                // The version fires in this step: so must the trial, among the looks during it
                // (which no longer move the version's firing).
                return looks[i..]
                    .iter()
                    .take_while(|l| l.phase == due)
                    .any(|l| l.fired);
            }
            if look.fired {
                return false;
            }
            self.rearm(&mut st, &factors, chance, look);
        }
        // No look left: the version fires after the end, like the trial, or not.
        due(&st) == u32::MAX
    }

    /// Whether event `e`, firing in trial `key` of this simulator at the same steps as in a
    /// trial where it took `branches` (in order), takes the same branches: each firing's
    /// branch is the first draw of that firing's own stream. Only for events where
    /// [`Simulator::replays_branches`] holds.
    pub fn branches_alike(&self, key: u64, e: usize, branches: &[u32]) -> bool {
        let table = &self.events[e];
        let seed = effects_seed(key, table);
        (branches.iter().enumerate()).all(|(k, &b)| {
            let u = Stream::firing(seed, k as u64).uniform();
            pick_branch(&table.branch_cum, u) == b as usize
        })
    }

    /// Event `e`'s chance in trial `key` and its modifiers' factors, as the trial works them
    /// out: for a computed event (one whose numbers [`Simulator::replays_firing`] allows: fixed
    /// for the trial), from the trial's parameters and draws, a factor below 0 counting as 0
    /// (`Trial::computed_hazard`).
    fn trial_numbers(&self, key: u64, e: usize) -> (Chance, Factors) {
        let table = &self.events[e];
        let mut factors = Factors::default();
        if !table.computed {
            let chance = if table.drawn.is_some() {
                draw_chance(self, key, e).1
            } else {
                self.chance[e]
            };
            for &(_, f) in &table.mod_conds {
                factors.push(f);
            }
            return (chance, factors);
        }
        let en = &self.numbers.events[e];
        let mut stack = Vec::new();
        let mut params = vec![0.0; self.model.params.len()];
        if !params.is_empty() {
            params::draw(
                (self.model, &self.param_samplers),
                key,
                &mut params,
                &mut stack,
            );
        }
        let ctx = EvalCtx::over_params(&params);
        let over_params = (self.numbers.trial_chances.iter()).find(|c| c.0 as usize == e);
        let chance = if let Some((_, _, p)) = over_params {
            trial_chance(table, p.eval(&ctx, &mut stack)).0
        } else if table.drawn.is_some() {
            draw_chance(self, key, e).1
        } else {
            self.chance[e]
        };
        for m in &en.factors {
            let raw = match m.src {
                Src::Const(f) => f,
                Src::Slot(i) => {
                    let (k, sampler) = &self.numbers.slots[i as usize];
                    trial_draw(self.tables, key, *k, sampler)
                }
                Src::Expr(k) => en.factor_exprs[k as usize].eval(&ctx, &mut stack),
            };
            factors.push(non_negative(raw).0);
        }
        (chance, factors)
    }

    /// What `Trial::rearm` does with the hazard `look` finds (what `Trial::fixed_hazard` and
    /// `Trial::computed_hazard` work out, their caches aside), if it differs from the last.
    fn rearm(&self, st: &mut EvState, factors: &Factors, chance: Chance, look: &Look) {
        let h = if look.eligible {
            held_hazard(chance, factors.iter(), look.held as usize)
        } else {
            Hazard::ZERO
        };
        if h.h == st.h.h {
            return;
        }
        let t = look.from();
        st.rem = remaining(st.rem, st.h, st.base, t);
        st.base = t;
        st.h = h;
        st.fire_at = if h.h > 0.0 {
            schedule(st.rem, h, t)
        } else {
            NEVER
        };
    }
}

/// An event's factors in a trial, at most 32 ([`Simulator::replays_firing`]), without an
/// allocation.
#[derive(Default)]
struct Factors {
    len: usize,
    values: [f64; 32],
}

impl Factors {
    fn push(&mut self, f: f64) {
        self.values[self.len] = f;
        self.len += 1;
    }

    fn iter(&self) -> impl Iterator<Item = f64> + '_ {
        self.values[..self.len].iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Observer, ProbAdjust, Scratch, trial_key};
    use crate::model::Model;

    /// Every look at one event, and its firings, as sensitivity records them (but keeping the
    /// looks that find what the last found).
    struct Looks {
        event: usize,
        looks: Vec<Look>,
        /// The branch each firing took.
        branches: Vec<u32>,
    }

    impl Looks {
        fn of(event: usize) -> Looks {
            Looks {
                event,
                looks: Vec::new(),
                branches: Vec::new(),
            }
        }
    }

    impl Observer for Looks {
        fn looked(&mut self, event: usize, look: Look) {
            if event == self.event {
                self.looks.push(look);
            }
        }

        fn fired(&mut self, step: u32, event: usize, branch: Option<usize>) {
            if event == self.event {
                self.branches.extend(branch.map(|b| b as u32));
                self.looks.push(Look::firing(step));
            }
        }
    }

    /// A climbing and falling level turns the watched event's modifiers on and off; `after`
    /// and `before` are settled when events fire (`before` often in a step in which it fires
    /// itself); `slow` has an `over`; `split` (repeating) and `choice` have branches.
    const SCENARIO: &str = r#"
[scenario]
name = "t"
horizon = 40
[[actors]]
id = "x"
name = "X"
[variables]
level = { initial = 0, min = 0, max = 20 }
[[events]]
id = "climb"
actor = "x"
probability = 0.4
repeat = true
add = { level = 1 }
[[events]]
id = "fall"
actor = "x"
probability = 0.3
repeat = true
when = "level >= 2"
add = { level = -2 }
[[events]]
id = "watched"
actor = "x"
probability = { pert = [0.02, 0.06, 0.12] }
when = "level >= 1"
modifiers = [
  { when = "level >= 3", factor = 2 },
  { when = "level >= 5", factor = 0.5 },
  { when = "fall", factor = 3 },
]
[[events]]
id = "after"
actor = "x"
probability = 0.3
when = "watched"
[[events]]
id = "spark"
actor = "x"
probability = 0.3
[[events]]
id = "before"
actor = "x"
probability = 0.5
when = "not spark"
[[events]]
id = "split"
actor = "x"
probability = 0.2
repeat = true
when = "level >= 1"
[[events.branches]]
weight = 2
add = { level = 1 }
[[events.branches]]
weight = 1
add = { level = -1 }
[[events]]
id = "choice"
actor = "x"
probability = 0.1
[[events.branches]]
weight = 1
add = { level = 3 }
[[events.branches]]
weight = 3
[[events]]
id = "slow"
actor = "x"
probability = 0.3
over = 12
when = "level >= 4"
[[outcomes]]
id = "end"
when = "after and level >= 6"
[[outcomes]]
id = "rest"
"#;

    /// What a trial left that a version could change.
    fn state(s: &Scratch) -> (Vec<u32>, Vec<u32>, Vec<u64>) {
        let vars = s.vars().iter().map(|x| x.to_bits()).collect();
        (s.times().to_vec(), s.first_fired().to_vec(), vars)
    }

    /// Replays event `e` of every trial of `base` for `version`: "alike" exactly when the
    /// simulated version fires it at the same step, and then the whole trial is the same.
    /// Returns how many trials were alike and not, among those in which `e` was looked at.
    fn check(base: &Simulator, version: &Simulator, e: usize, trials: u64) -> [u32; 2] {
        let (mut sb, mut sv) = (base.scratch(), version.scratch());
        let mut counts = [0; 2];
        for k in 0..trials {
            let key = trial_key(5, k);
            let mut looks = [Looks::of(e), Looks::of(e)];
            let end = base.simulate(key, &mut sb, &mut looks[0]);
            let alike = version.fires_alike(key, e, &looks[0].looks, end.step);
            let vend = version.simulate(key, &mut sv, &mut looks[1]);
            let firing = |l: &Looks| l.looks.iter().find(|l| l.fired).map(|l| l.phase);
            let at = format!("event {e}, trial {k}");
            assert_eq!(alike, firing(&looks[0]) == firing(&looks[1]), "{at}");
            if alike {
                assert_eq!(end, vend, "{at}");
                assert_eq!(state(&sb), state(&sv), "{at}");
            }
            if !looks[0].looks.is_empty() {
                counts[usize::from(alike)] += 1;
            }
        }
        counts
    }

    /// Every once-only event of `model`, with its probability adjusted as sensitivity does and
    /// each factor halved and doubled, with the calendar and with the scan.
    fn check_model(load: impl Fn(&[String]) -> Model, trials: u64) -> [u32; 2] {
        let model = &load(&[]);
        let mut counts = [0; 2];
        let mut add = |c: [u32; 2]| counts = [counts[0] + c[0], counts[1] + c[1]];
        for calendar in [true, false] {
            let mut base = Simulator::new(model, &[]);
            base.calendar &= calendar;
            for e in (0..model.events.len()).filter(|&e| base.replays_firing(e)) {
                for adjust in [0.5, 2.0].map(ProbAdjust::Scale).into_iter().chain(
                    [1.0, 0.0].map(ProbAdjust::Fixed), //
                ) {
                    let mut version = Simulator::new(model, &[(e, adjust)]);
                    version.calendar = base.calendar;
                    add(check(&base, &version, e, trials));
                }
                let id = &model.events[e].id;
                for m in 0..model.events[e].modifiers.len() {
                    for scale in [0.5, 2.0] {
                        // (A computed factor, NaN in the model, set to a number.)
                        let f = model.events[e].modifiers[m].factor;
                        let factor = if f.is_finite() { f * scale } else { scale };
                        let set = [format!("events.{id}.modifiers.{m}.factor={factor}")];
                        let changed = load(&set);
                        let mut version = Simulator::new(&changed, &[]);
                        version.calendar = base.calendar;
                        add(check(&base, &version, e, trials));
                    }
                }
            }
        }
        counts
    }

    /// Every event with branches of `model`, with each weight halved and doubled: "alike"
    /// exactly when the version's firings take the same branches at the same steps, and then
    /// the whole trial is the same. Returns how many trials were alike and not, among those in
    /// which the event fired.
    fn check_branches(load: impl Fn(&[String]) -> Model, trials: u64) -> [u32; 2] {
        let model = &load(&[]);
        let base = Simulator::new(model, &[]);
        let (mut sb, mut counts) = (base.scratch(), [0; 2]);
        for e in (0..model.events.len()).filter(|&e| base.replays_branches(e)) {
            let id = &model.events[e].id;
            for (b, branch) in model.events[e].branches.iter().enumerate() {
                for scale in [0.5, 2.0] {
                    let weight = branch.weight * scale;
                    let changed = load(&[format!("events.{id}.branches.{b}.weight={weight}")]);
                    let version = Simulator::new(&changed, &[]);
                    let mut sv = version.scratch();
                    for k in 0..trials {
                        let key = trial_key(6, k);
                        let mut seen = [Looks::of(e), Looks::of(e)];
                        let end = base.simulate(key, &mut sb, &mut seen[0]);
                        let alike = version.branches_alike(key, e, &seen[0].branches);
                        let vend = version.simulate(key, &mut sv, &mut seen[1]);
                        let at = format!("event {e}, branch {b} x{scale}, trial {k}");
                        let taken = |l: &Looks| (l.looks.clone(), l.branches.clone());
                        assert_eq!(alike, taken(&seen[0]) == taken(&seen[1]), "{at}");
                        if alike {
                            assert_eq!(end, vend, "{at}");
                            assert_eq!(state(&sb), state(&sv), "{at}");
                        }
                        if !seen[0].branches.is_empty() {
                            counts[usize::from(alike)] += 1;
                        }
                    }
                }
            }
        }
        counts
    }

    /// Format-2 numbers fixed for a trial: `watched`'s probability is a parameter and its
    /// factors a parameter, a draw, a number and an expression over a parameter that can fall
    /// below 0 (counted as 0); `flare`'s probability is drawn and its factor a parameter that
    /// `watched` reads too; `spark`'s probability a parameter computed from another.
    const NUMBERS: &str = r#"
[scenario]
name = "t"
horizon = 40
[[actors]]
id = "x"
name = "X"
[params]
rate = { pert = [0.02, 0.06, 0.12] }
boost = { uniform = [1, 3] }
solo = { uniform = [0.5, 2] }
base = { uniform = [0.02, 0.1] }
spark_rate = "2 * base"
[variables]
level = { initial = 0, min = 0, max = 20 }
[[events]]
id = "climb"
actor = "x"
probability = 0.4
repeat = true
add = { level = 1 }
[[events]]
id = "fall"
actor = "x"
probability = 0.3
repeat = true
when = "level >= 2"
add = { level = -2 }
[[events]]
id = "watched"
actor = "x"
probability = "rate"
when = "level >= 1"
modifiers = [
  { when = "level >= 3", factor = "boost" },
  { when = "level >= 5", factor = { uniform = [0, 2] } },
  { when = "fall", factor = 3 },
  { when = "level >= 4", factor = "solo - 1" },
]
[[events]]
id = "flare"
actor = "x"
probability = { pert = [0.05, 0.1, 0.3] }
over = 6
when = "level >= 2"
modifiers = [{ when = "level >= 4", factor = "boost" }]
[[events]]
id = "spark"
actor = "x"
probability = "spark_rate"
over = 3
[[events]]
id = "after"
actor = "x"
probability = 0.3
when = "watched or spark"
[[outcomes]]
id = "end"
when = "after and level >= 6"
[[outcomes]]
id = "rest"
"#;

    fn numbers_scenario(set: &[String]) -> Model {
        crate::model::load_str("t.toml", NUMBERS, set)
            .unwrap()
            .model
    }

    fn test_scenario(set: &[String]) -> Model {
        crate::model::load_str("t.toml", SCENARIO, set)
            .unwrap()
            .model
    }

    fn baseline_v1(set: &[String]) -> Model {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let path = root.join("benches/scenarios/baseline_v1.toml");
        crate::model::load(&path, set).unwrap().model
    }

    #[test]
    fn a_replayed_firing_tells_exactly_which_trials_are_the_same() {
        let [differ, alike] = check_model(test_scenario, 400);
        assert!(alike > 2000 && differ > 2000, "{alike} alike, {differ} not");
        let [differ, alike] = check_model(baseline_v1, 100);
        assert!(alike > 2000 && differ > 2000, "{alike} alike, {differ} not");
    }

    /// Numbers fixed for a trial (parameters, draws, expressions over parameters) replay like
    /// numbers in the file; so does a parameter that only one event's numbers read, at another
    /// value.
    #[test]
    fn a_replayed_firing_of_numbers_over_parameters_is_exact() {
        let load = numbers_scenario;
        let [differ, alike] = check_model(load, 300);
        assert!(alike > 2000 && differ > 2000, "{alike} alike, {differ} not");
        let model = &load(&[]);
        let base = Simulator::new(model, &[]);
        let id = |name: &str| model.events.iter().position(|e| e.id == name).unwrap();
        let (watched, spark) = (id("watched"), id("spark"));
        assert!(base.replays_firing(watched) && base.replays_firing(id("flare")));
        let mut counts = [0; 2];
        for (param, e, values) in [
            ("rate", watched, [0.03, 0.1]),
            ("solo", watched, [0.7, 1.8]),
            ("base", spark, [0.01, 0.2]),
        ] {
            for value in values {
                let changed = load(&[format!("params.{param}={value}")]);
                let version = Simulator::new(&changed, &[]);
                assert!(version.replays_firing(e), "{param}");
                let [d, a] = check(&base, &version, e, 300);
                counts = [counts[0] + d, counts[1] + a];
            }
        }
        let [differ, alike] = counts;
        assert!(alike > 300 && differ > 300, "{alike} alike, {differ} not");
    }

    #[test]
    fn replayed_branches_tell_exactly_which_trials_are_the_same() {
        let [differ, alike] = check_branches(test_scenario, 1000);
        assert!(alike > 500 && differ > 500, "{alike} alike, {differ} not");
        let [differ, alike] = check_branches(baseline_v1, 300);
        assert!(alike > 500 && differ > 500, "{alike} alike, {differ} not");
    }
}
