//! Running a sweep: one model per point, one run each, all on the same seed and trials.
//!
//! The scenario is loaded and checked once, at the grid's first point. When every varied path
//! is a field [`Field`] can set, each point is that model with the fields patched (values
//! checked as the loader would); otherwise each point is loaded afresh with its overrides, so
//! every path `--set` accepts can be swept. Either way a point's model is the one
//! `brink run --set PATH=VALUE ...` would build, down to its overrides and digest.
//!
//! The baseline is the scenario with the common `--set` only. Each point runs beside it on the
//! same trials (as `compare` does), so every point's difference from the baseline gets a
//! paired interval; the baseline's own run is the one of the first point's pair.
//!
//! Points run in parallel when there are at least as many as threads (each run on one thread),
//! else one after the other on all threads: a run's result does not depend on its threads, so
//! both give the same numbers.

use std::ops::Range;

use rayon::prelude::*;

use super::error::{BASELINE, SweepError};
use super::grid::Grid;
use super::patch::Field;
use super::role::Role;
use super::source::{Source, file_bytes};
use super::unread;
use super::value::value_at;
use crate::analysis::compare::{Difference, compare_given};
use crate::engine::{self, RunResult, Sampling, Settings, resolve_threads};
use crate::expr::Program;
use crate::format::Diagnostics;
use crate::model::{self, Model, fmt_num};

/// How to run a sweep.
#[derive(Clone, Debug)]
pub struct SweepConfig {
    /// Overrides applied at every point, before the point's own (`--set`).
    pub set: Vec<String>,
    /// A `--given` condition, compiled against each point's model.
    pub given: Option<String>,
    /// Trials and seed of every point (resolved against the first point's scenario), threads,
    /// progress.
    pub settings: Settings,
}

/// One point's values (in axis order), its model and its run.
#[derive(Debug)]
pub struct Point<R> {
    pub values: Vec<f64>,
    /// The overrides that make this point, as `PATH=VALUE`, after the common `--set`.
    pub overrides: Vec<String>,
    pub output: R,
    /// Per outcome: this point minus the baseline, paired on the same trials (unpaired under
    /// `--given`).
    pub differences: Vec<Difference>,
}

/// The scenario's own values at the swept paths (`None` where a path names no single number)
/// and its run.
#[derive(Debug)]
pub struct Baseline<R> {
    pub values: Vec<Option<f64>>,
    pub output: R,
}

/// A sweep's runs: the baseline, then every point.
#[derive(Debug)]
pub struct Swept<R> {
    pub baseline: Baseline<R>,
    pub points: Vec<Point<R>>,
}

/// How each point's model comes about.
enum Build {
    Patch(Vec<Field>),
    Reload,
}

/// The overrides of point `values`: the common ones, then one per axis.
fn point_overrides(set: &[String], grid: &Grid, values: &[f64]) -> Vec<String> {
    let mut o = set.to_vec();
    for (axis, v) in grid.axes.iter().zip(values) {
        o.push(format!("{}={}", axis.path, fmt_num(*v)));
    }
    o
}

/// A sweep ready to run: the scenario loaded and checked at the first point, every point's
/// values checked, and the way each point's model is built decided.
pub struct SweepPlan<'a> {
    source: Source<'a>,
    grid: &'a Grid,
    pub(super) cfg: &'a SweepConfig,
    pub(super) points: Vec<Vec<f64>>,
    pub(super) overrides: Vec<Vec<String>>,
    base: Model,
    /// Every point's trials and seed: the first point's scenario decides what the command line
    /// leaves open, so that every point runs on the same trials.
    pub(super) sampling: Sampling,
    /// The warnings of the baseline's load (they do not stop a sweep): those of the scenario as
    /// written, with the common `--set`. The first point's would blame the file for what the
    /// sweep's own values do, such as a parameter no longer read once `--vary` replaces the
    /// probability that read it.
    pub warnings: Diagnostics,
    build: Build,
    /// The files' bytes, for the digest of patched points.
    files: Option<Vec<Vec<u8>>>,
    given: Option<Program>,
    /// The scenario with the common overrides only, and `--given` compiled against it.
    pub(super) baseline: (Model, Option<Program>),
}

impl<'a> SweepPlan<'a> {
    /// Loads the scenario at the grid's first point and checks every point, so that a bad path
    /// or value costs no simulation.
    pub fn new(
        source: Source<'a>,
        grid: &'a Grid,
        cfg: &'a SweepConfig,
    ) -> Result<SweepPlan<'a>, SweepError> {
        let points: Vec<Vec<f64>> = grid.points().collect();
        let overrides: Vec<Vec<String>> = points
            .iter()
            .map(|v| point_overrides(&cfg.set, grid, v))
            .collect();
        if let Some(a) = grid
            .axes
            .iter()
            .find(|a| a.path.starts_with("scenario.run."))
        {
            return Err(SweepError::Path {
                path: a.path.clone(),
                message: "every point of a sweep runs on the same seed and number of trials; \
                          set them with --seed and --trials"
                    .into(),
            });
        }
        let load_err = |point: usize| load_error(point, &overrides[point]);
        let loaded = source.load(&overrides[0]).map_err(load_err(0))?;
        let base = loaded.model;
        if let Some(e) = (grid.axes.iter()).find_map(|a| unread::refusal(&base, &a.path)) {
            return Err(e);
        }
        let fields: Option<Vec<Field>> = grid
            .axes
            .iter()
            .map(|a| Field::find(&base, &a.path))
            .collect();
        let files = file_bytes(&base, &source);
        let build = match (fields, &files) {
            (Some(f), Some(_)) => Build::Patch(f),
            _ => Build::Reload,
        };
        match &build {
            Build::Patch(fields) => {
                for (axis, field) in grid.axes.iter().zip(fields) {
                    for (i, &v) in axis.points().iter().enumerate() {
                        if let Err(message) = field.set(&mut base.clone(), v) {
                            return Err(SweepError::Value {
                                axis: axis.to_string(),
                                value: v,
                                index: i + 1,
                                n: axis.count(),
                                message,
                            });
                        }
                    }
                }
            }
            Build::Reload => {
                let first_bad = (1..points.len())
                    .into_par_iter()
                    .find_first(|&p| source.load_model(&overrides[p]).is_err());
                if let Some(p) = first_bad
                    && let Err(d) = source.load_model(&overrides[p])
                {
                    return Err(load_err(p)(d));
                }
            }
        }
        let given = match &cfg.given {
            Some(g) => Some(model::compile_given(&base, g).map_err(load_err(0))?),
            None => None,
        };
        let baseline_err = load_error(BASELINE, &cfg.set);
        let baseline = source.load(&cfg.set).map_err(&baseline_err)?;
        let (baseline, warnings) = (baseline.model, baseline.warnings);
        let baseline_given = match &cfg.given {
            Some(g) => Some(model::compile_given(&baseline, g).map_err(&baseline_err)?),
            None => None,
        };
        Ok(SweepPlan {
            baseline: (baseline, baseline_given),
            source,
            grid,
            cfg,
            points,
            overrides,
            sampling: cfg.settings.resolve(&base),
            base,
            warnings,
            build,
            files,
            given,
        })
    }

    /// True when points are the first point's model with fields patched; false when each is
    /// loaded afresh.
    pub fn patched(&self) -> bool {
        matches!(self.build, Build::Patch(_))
    }

    pub fn grid(&self) -> &Grid {
        self.grid
    }

    /// The model of the first point.
    pub fn base(&self) -> &Model {
        &self.base
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Trials per point: the command line's, else the scenario's.
    pub fn trials(&self) -> u64 {
        self.sampling.trials
    }

    /// The seed of every point: the command line's, else the scenario's.
    pub fn seed(&self) -> u64 {
        self.sampling.seed
    }

    /// The model and `--given` condition of point `p`.
    pub(super) fn point_model(&self, p: usize) -> Result<(Model, Option<Program>), SweepError> {
        match &self.build {
            Build::Patch(fields) => {
                let mut m = self.base.clone();
                for (field, &v) in fields.iter().zip(&self.points[p]) {
                    // Every value was checked by `SweepPlan::new`.
                    let _ = field.set(&mut m, v);
                }
                m.overrides = self.overrides[p].clone();
                if let Some(files) = &self.files {
                    m.digest = model::digest(files.iter().map(Vec::as_slice), &m.overrides);
                }
                Ok((m, self.given.clone()))
            }
            Build::Reload => {
                let err = load_error(p, &self.overrides[p]);
                let m = self.source.load_model(&self.overrides[p]).map_err(&err)?;
                let g = match &self.cfg.given {
                    Some(g) => Some(model::compile_given(&m, g).map_err(&err)?),
                    None => None,
                };
                Ok((m, g))
            }
        }
    }

    /// Runs every point and turns each point's model and result into an output with `make`
    /// (a report, say), so that models and tallies need not all be held at once.
    pub fn run<R: Send>(
        &self,
        make: impl Fn(&Model, RunResult) -> R + Sync,
    ) -> Result<Vec<Point<R>>, SweepError> {
        Ok(self.run_with_baseline(|_, m, r| make(m, r))?.points)
    }

    /// The values of point `p`, in axis order.
    pub(super) fn point_values(&self, p: usize) -> &[f64] {
        &self.points[p]
    }

    /// The overrides of point `p`: the common ones, then one per axis.
    pub(super) fn overrides_at(&self, p: usize) -> &[String] {
        &self.overrides[p]
    }

    /// The scenario with the common overrides only.
    pub fn baseline_model(&self) -> &Model {
        &self.baseline.0
    }

    /// The values at the swept paths in the baseline scenario.
    pub fn baseline_values(&self) -> Vec<Option<f64>> {
        (self.grid.axes.iter())
            .map(|a| value_at(&self.baseline.0, &a.path))
            .collect()
    }

    /// Runs the baseline and every point, each point beside the baseline on the same trials.
    pub fn run_with_baseline<R: Send>(
        &self,
        make: impl Fn(Role, &Model, RunResult) -> R + Sync,
    ) -> Result<Swept<R>, SweepError> {
        self.run_points(0..self.points.len(), make)
    }

    /// [`Self::run_with_baseline`] for the points `range` only (a shard's). The baseline's run
    /// is the one of the range's first pair, or a run of its own when the range is empty.
    pub fn run_points<R: Send>(
        &self,
        range: Range<usize>,
        make: impl Fn(Role, &Model, RunResult) -> R + Sync,
    ) -> Result<Swept<R>, SweepError> {
        let trials = self.trials();
        let threads = resolve_threads(self.sampling.threads);
        let parallel_points = range.len() >= threads && threads > 1;
        let bar = self
            .sampling
            .progress
            .then(|| engine::progress_bar(trials * range.len() as u64));
        let (baseline, baseline_given) = (&self.baseline.0, self.baseline.1.as_ref());
        let one = |p: usize| -> Result<(Point<R>, Option<RunResult>), SweepError> {
            let (model, given) = self.point_model(p)?;
            // Points in parallel run one thread each; the sweep's bar counts for all of them.
            let sampling = Sampling {
                threads: if parallel_points {
                    Some(1)
                } else {
                    self.sampling.threads
                },
                progress: false,
                ..self.sampling
            };
            let c = compare_given(
                baseline,
                &model,
                &sampling,
                [baseline_given, given.as_ref()],
            );
            if let Some(bar) = &bar {
                bar.inc(trials);
            }
            if (self.cfg.given.is_some() || model.given.is_some()) && c.b.kept == 0 {
                return Err(SweepError::NoneKept {
                    point: p,
                    overrides: self.overrides[p].clone(),
                    precision: false,
                    never: model::keeps_none(&model, given.as_ref()),
                });
            }
            let point = Point {
                values: self.points[p].clone(),
                overrides: self.overrides[p].clone(),
                output: make(Role::Point(p), &model, c.b),
                differences: c.differences,
            };
            Ok((point, (p == range.start).then_some(c.a)))
        };
        let n = range.len();
        let results: Vec<Result<_, SweepError>> = if parallel_points {
            match engine::pool(threads.min(engine::MAX_THREADS)) {
                Some(pool) => pool.install(|| range.clone().into_par_iter().map(one).collect()),
                None => range.clone().map(one).collect(),
            }
        } else {
            range.clone().map(one).collect()
        };
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        let mut points = Vec::with_capacity(n);
        let mut base_run = None;
        for r in results {
            let (point, a) = r?;
            base_run = base_run.or(a);
            points.push(point);
        }
        let base_run = base_run.unwrap_or_else(|| {
            let sampling = Sampling {
                progress: false,
                ..self.sampling
            };
            compare_given(baseline, baseline, &sampling, [baseline_given; 2]).a
        });
        if (self.cfg.given.is_some() || baseline.given.is_some()) && base_run.kept == 0 {
            return Err(SweepError::NoneKept {
                point: BASELINE,
                overrides: self.cfg.set.clone(),
                precision: false,
                never: model::keeps_none(baseline, baseline_given),
            });
        }
        Ok(Swept {
            baseline: Baseline {
                values: self.baseline_values(),
                output: make(Role::Baseline, baseline, base_run),
            },
            points,
        })
    }
}

fn load_error(point: usize, overrides: &[String]) -> impl Fn(Diagnostics) -> SweepError + use<> {
    let overrides = overrides.to_vec();
    move |diagnostics| SweepError::Load {
        point,
        overrides: overrides.clone(),
        diagnostics,
    }
}

/// Plans and runs a sweep in one call.
pub fn sweep<R: Send>(
    source: Source<'_>,
    grid: &Grid,
    cfg: &SweepConfig,
    make: impl Fn(&Model, RunResult) -> R + Sync,
) -> Result<Vec<Point<R>>, SweepError> {
    SweepPlan::new(source, grid, cfg)?.run(make)
}
