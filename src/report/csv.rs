//! CSV: one long tidy table, `section,id,metric,step,value`, easy to load into R or pandas.
//! `step` is empty except on the `by_step` rows, one per step written (as in the JSON).

use super::by_step::ByStep;
use super::run_document::RunDocument;
use super::shape::StepStats;

/// A document as CSV: tidy, with a header line.
pub trait ToCsv {
    /// The whole document, ending with a newline.
    fn to_csv(&self) -> String;
}

struct Rows(csv::Writer<Vec<u8>>);

impl Rows {
    fn row(&mut self, section: &str, id: &str, metric: &str, value: impl ToString) {
        self.0
            .write_record([section, id, metric, "", &value.to_string()])
            .expect("writing to memory");
    }

    fn by_step(&mut self, section: &str, id: &str, by_step: &ByStep) {
        for (step, value) in by_step.points() {
            self.0
                .write_record([
                    section,
                    id,
                    "by_step",
                    &step.to_string(),
                    &value.to_string(),
                ])
                .expect("writing to memory");
        }
    }

    fn opt<T: ToString>(&mut self, section: &str, id: &str, metric: &str, value: Option<T>) {
        self.row(
            section,
            id,
            metric,
            value.map_or(String::new(), |v| v.to_string()),
        );
    }

    /// A distribution over the kept trials: mean, p5, p50, p95, and whether it is sketched.
    fn summary(&mut self, section: &str, id: &str, values: [Option<f64>; 4], approximate: bool) {
        for (metric, v) in ["mean", "p5", "p50", "p95"].into_iter().zip(values) {
            self.opt(section, id, metric, v);
        }
        self.row(section, id, "approximate", approximate);
    }

    fn interval(&mut self, section: &str, id: &str, ci: Option<[f64; 2]>) {
        self.opt(section, id, "ci95_low", ci.map(|c| c[0]));
        self.opt(section, id, "ci95_high", ci.map(|c| c[1]));
    }

    fn steps(&mut self, id: &str, step: &Option<StepStats>) {
        self.opt(
            "outcome",
            id,
            "step_median",
            step.as_ref().map(|s| s.median),
        );
        self.opt("outcome", id, "step_p10", step.as_ref().map(|s| s.p10));
        self.opt("outcome", id, "step_p90", step.as_ref().map(|s| s.p90));
    }
}

impl ToCsv for RunDocument {
    fn to_csv(&self) -> String {
        let r = &self.report;
        let mut w = Rows(csv::Writer::from_writer(Vec::new()));
        w.0.write_record(["section", "id", "metric", "step", "value"])
            .expect("writing to memory");
        w.row("run", "", "scenario", &r.scenario.name);
        w.row("run", "", "file", &r.scenario.file);
        w.row("run", "", "digest", &r.scenario.digest);
        if r.exact {
            w.row("run", "", "exact", true);
        } else {
            w.row("run", "", "seed", r.seed);
            w.row("run", "", "trials", r.trials);
        }
        w.row("run", "", "horizon", r.horizon);
        for o in &r.overrides {
            w.row("run", "", "override", o);
        }
        if let Some(g) = &r.given {
            w.row("run", "", "given", &g.expr);
            if let Some(s) = g.observed {
                w.row("run", "", "given_observed", s);
            }
            w.row("run", "", "given_kept", g.kept);
        }
        for o in &r.outcomes {
            w.row("outcome", &o.id, "probability", o.probability);
            w.interval("outcome", &o.id, o.ci95);
            if !r.exact {
                w.row("outcome", &o.id, "count", o.count);
            }
            w.steps(&o.id, &o.step);
            w.by_step("outcome", &o.id, &o.by_step);
        }
        for e in &r.events {
            w.row("event", &e.id, "probability", e.probability);
            w.interval("event", &e.id, e.ci95);
            w.row("event", &e.id, "mean_times", e.mean_times);
            w.opt("event", &e.id, "median_first_step", e.median_first_step);
            for (label, f) in &e.branches.0 {
                w.row("event", &e.id, &format!("branch:{label}"), f);
            }
            w.by_step("event", &e.id, &e.by_step);
        }
        for a in &r.actors {
            w.row("actor", &a.id, "probability", a.probability);
        }
        for v in &r.variables {
            w.summary(
                "variable",
                &v.id,
                [v.mean, v.p5, v.p50, v.p95],
                v.approximate,
            );
        }
        for p in &r.params {
            w.row("param", &p.id, "declared", &p.declared);
            w.summary("param", &p.id, [p.mean, p.p5, p.p50, p.p95], p.approximate);
        }
        for (i, p) in r.paths.iter().enumerate() {
            let id = (i + 1).to_string();
            w.row("path", &id, "events", p.events.join(">"));
            w.row("path", &id, "probability", p.probability);
            if !r.exact {
                w.row("path", &id, "count", p.count);
            }
            for (o, f) in &p.outcomes.0 {
                w.row("path", &id, &format!("outcome:{o}"), f);
            }
        }
        if !r.exact {
            w.row("path", "", "approximate", r.paths_approximate);
        }
        let bytes = w.0.into_inner().expect("writing to memory");
        String::from_utf8(bytes).expect("CSV of UTF-8 strings")
    }
}
