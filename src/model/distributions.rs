//! Every distribution of the scenario language, described once: its key in a file, its
//! parameters, which checks they must pass, where it may stand (an event probability or only an
//! `add` amount), the values it can take and its density. The reader, the warnings of `check`,
//! `exact`, the reports and the graph all ask this file; only drawing lives in the engine
//! (`engine::sample`), next to the random streams. A new distribution is a variant, a row of
//! [`KINDS`] and its arms in the `match`es below, plus its draw.

use super::read::fmt_num;

/// A probability distribution, or a constant.
///
/// Event probabilities use `Const` and the kinds whose [`Kind::probability`] is set, drawn once
/// per trial. `add` amounts may use any variant, drawn at each firing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dist {
    Const(f64),
    Uniform {
        lo: f64,
        hi: f64,
    },
    Triangular {
        lo: f64,
        mode: f64,
        hi: f64,
    },
    /// Beta-PERT with shape 4.
    Pert {
        lo: f64,
        mode: f64,
        hi: f64,
    },
    Beta {
        alpha: f64,
        beta: f64,
    },
    Normal {
        mean: f64,
        sd: f64,
    },
    Poisson {
        lambda: f64,
    },
    /// Its logarithm is uniform on `[ln lo, ln hi]`, with `0 < lo <= hi`.
    LogUniform {
        lo: f64,
        hi: f64,
    },
}

/// One kind of distribution as a scenario writes it: `{ name = shape }`.
pub struct Kind {
    /// The key in the file.
    pub name: &'static str,
    /// How reports that spell out the kind name it (`exact`'s list of integrated events).
    pub label: &'static str,
    /// The parameters as the author writes them: `[lo, hi]`, or one bare name for one number.
    pub shape: &'static str,
    /// A valid value, for help lines.
    pub example: &'static str,
    /// Whether it may be an event probability (when all its values lie in [0, 1]); the others
    /// are `add` amounts only.
    pub probability: bool,
    /// Added by format 2: a file that says `format = 1` may not use it.
    pub format2: bool,
    /// Builds the distribution from its parameters (as many as `shape` names), or says what is
    /// wrong with them.
    pub build: fn(&[f64]) -> Result<Dist, Invalid>,
}

impl std::fmt::Debug for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Kind({})", self.name)
    }
}

/// Why the parameters of a distribution are refused, in plain words.
pub struct Invalid {
    /// Follows "`<what>`: ".
    pub message: String,
    /// The label under the parameters; None for "`name` = shape".
    pub label: Option<&'static str>,
    pub help: String,
}

fn invalid(message: String, help: impl Into<String>) -> Invalid {
    Invalid {
        message,
        label: None,
        help: help.into(),
    }
}

/// "[1, 2, 3]" as the author wrote the numbers.
fn listed(v: &[f64]) -> String {
    let items: Vec<String> = v.iter().map(|&x| fmt_num(x)).collect();
    format!("[{}]", items.join(", "))
}

/// Every distribution, in the order messages list them.
pub static KINDS: &[Kind] = &[
    Kind {
        name: "uniform",
        label: "uniform",
        shape: "[lo, hi]",
        example: "[0.1, 0.3]",
        probability: true,
        format2: false,
        build: |v| {
            if v[0] > v[1] {
                return Err(invalid(
                    format!("`uniform` needs lo <= hi, found {}", listed(v)),
                    format!("swap them: `{}`", listed(&[v[1], v[0]])),
                ));
            }
            Ok(Dist::Uniform { lo: v[0], hi: v[1] })
        },
    },
    Kind {
        name: "triangular",
        label: "triangular",
        shape: "[lo, mode, hi]",
        example: "[0.1, 0.2, 0.4]",
        probability: true,
        format2: false,
        build: |v| {
            ordered("triangular", v)?;
            Ok(Dist::Triangular {
                lo: v[0],
                mode: v[1],
                hi: v[2],
            })
        },
    },
    Kind {
        name: "pert",
        label: "PERT",
        shape: "[lo, mode, hi]",
        example: "[0.1, 0.2, 0.4]",
        probability: true,
        format2: false,
        build: |v| {
            ordered("pert", v)?;
            Ok(Dist::Pert {
                lo: v[0],
                mode: v[1],
                hi: v[2],
            })
        },
    },
    Kind {
        name: "beta",
        label: "beta",
        shape: "[alpha, beta]",
        example: "[2, 8]",
        probability: true,
        format2: false,
        build: |v| {
            if !(v[0] > 0.0 && v[1] > 0.0) {
                return Err(invalid(
                    format!("`beta` needs alpha > 0 and beta > 0, found {}", listed(v)),
                    "both shape parameters must be positive, e.g. `[2, 8]` for a mean of 0.2",
                ));
            }
            Ok(Dist::Beta {
                alpha: v[0],
                beta: v[1],
            })
        },
    },
    Kind {
        name: "normal",
        label: "normal",
        shape: "[mean, sd]",
        example: "[100, 20]",
        probability: false,
        format2: false,
        build: |v| {
            if v[1] < 0.0 {
                return Err(invalid(
                    format!("`normal` needs sd >= 0, found {}", fmt_num(v[1])),
                    "the standard deviation cannot be negative",
                ));
            }
            Ok(Dist::Normal {
                mean: v[0],
                sd: v[1],
            })
        },
    },
    Kind {
        name: "poisson",
        label: "Poisson",
        shape: "lambda",
        example: "3",
        probability: false,
        format2: false,
        build: |v| {
            if v[0] < 0.0 {
                return Err(Invalid {
                    label: Some("negative rate"),
                    ..invalid(
                        format!("`poisson` needs lambda >= 0, found {}", fmt_num(v[0])),
                        "lambda is the mean number drawn; use a value >= 0",
                    )
                });
            }
            Ok(Dist::Poisson { lambda: v[0] })
        },
    },
    Kind {
        name: "loguniform",
        label: "log-uniform",
        shape: "[lo, hi]",
        example: "[0.01, 0.1]",
        probability: true,
        format2: true,
        build: |v| {
            if !(0.0 < v[0] && v[0] <= v[1]) {
                let help = if v[0] > 0.0 {
                    format!("swap them: `{}`", listed(&[v[1], v[0]]))
                } else {
                    "its logarithm is uniform, so both bounds must be above 0, e.g. `[0.01, 0.1]`"
                        .into()
                };
                return Err(invalid(
                    format!("`loguniform` needs 0 < lo <= hi, found {}", listed(v)),
                    help,
                ));
            }
            Ok(Dist::LogUniform { lo: v[0], hi: v[1] })
        },
    },
];

/// `lo <= mode <= hi` for the three-point distributions.
fn ordered(name: &str, v: &[f64]) -> Result<(), Invalid> {
    if v[0] <= v[1] && v[1] <= v[2] {
        return Ok(());
    }
    Err(invalid(
        format!("`{name}` needs lo <= mode <= hi, found {}", listed(v)),
        "order the three numbers: lowest, most likely, highest",
    ))
}

impl Kind {
    pub fn find(name: &str) -> Option<&'static Kind> {
        KINDS.iter().find(|k| k.name == name)
    }

    /// How many numbers it takes.
    pub fn arity(&self) -> usize {
        self.shape.matches(',').count() + 1
    }

    /// Whether the file writes one bare number (`{ poisson = 3 }`) rather than an array.
    pub fn scalar(&self) -> bool {
        !self.shape.starts_with('[')
    }
}

/// A piece of a density: `exp(ln_c) (x - a)^ea (b - x)^eb x^ex` on `[a, b]` (with `a > 0` when
/// `ex` is not 0). A distribution's density is a sum of these; `exact` integrates over them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Piece {
    pub a: f64,
    pub b: f64,
    pub ea: f64,
    pub eb: f64,
    pub ex: f64,
    pub ln_c: f64,
}

impl Dist {
    /// Its kind; None for a constant.
    pub fn kind(&self) -> Option<&'static Kind> {
        let name = match self {
            Dist::Const(_) => return None,
            Dist::Uniform { .. } => "uniform",
            Dist::Triangular { .. } => "triangular",
            Dist::Pert { .. } => "pert",
            Dist::Beta { .. } => "beta",
            Dist::Normal { .. } => "normal",
            Dist::Poisson { .. } => "poisson",
            Dist::LogUniform { .. } => "loguniform",
        };
        Kind::find(name)
    }

    /// The parameters in the order the file writes them (the value of a constant).
    pub fn params(&self) -> Vec<f64> {
        match *self {
            Dist::Const(v) => vec![v],
            Dist::Uniform { lo, hi } | Dist::LogUniform { lo, hi } => vec![lo, hi],
            Dist::Triangular { lo, mode, hi } | Dist::Pert { lo, mode, hi } => vec![lo, mode, hi],
            Dist::Beta { alpha, beta } => vec![alpha, beta],
            Dist::Normal { mean, sd } => vec![mean, sd],
            Dist::Poisson { lambda } => vec![lambda],
        }
    }

    /// Smallest and largest value it can take.
    pub fn range(&self) -> (f64, f64) {
        match *self {
            Dist::Const(v) => (v, v),
            Dist::Uniform { lo, hi }
            | Dist::LogUniform { lo, hi }
            | Dist::Triangular { lo, hi, .. }
            | Dist::Pert { lo, hi, .. } => (lo, hi),
            Dist::Beta { .. } => (0.0, 1.0),
            Dist::Normal { mean, sd: 0.0 } => (mean, mean),
            Dist::Normal { .. } => (f64::NEG_INFINITY, f64::INFINITY),
            Dist::Poisson { lambda: 0.0 } => (0.0, 0.0),
            Dist::Poisson { .. } => (0.0, f64::INFINITY),
        }
    }

    /// The constant value, if this is not random at all (`Const`, or a degenerate range).
    pub fn as_const(&self) -> Option<f64> {
        match *self {
            Dist::Const(v) => Some(v),
            _ => {
                let (lo, hi) = self.range();
                (lo == hi).then_some(lo)
            }
        }
    }

    /// The largest value a probability can take (at most 1).
    pub fn highest_probability(&self) -> f64 {
        match *self {
            Dist::Const(v) => v,
            _ => self.range().1.min(1.0),
        }
    }

    /// Its density as pieces; empty for a constant and for the kinds that are not
    /// probabilities (they are never integrated).
    pub fn density(&self) -> Vec<Piece> {
        let piece = |a: f64, b: f64, ea: f64, eb: f64, ln_c: f64| Piece {
            a,
            b,
            ea,
            eb,
            ex: 0.0,
            ln_c,
        };
        match *self {
            Dist::Uniform { lo, hi } => vec![piece(lo, hi, 0.0, 0.0, -(hi - lo).ln())],
            Dist::Triangular { lo, mode, hi } => {
                let mut s = Vec::new();
                if mode > lo {
                    s.push(piece(
                        lo,
                        mode,
                        1.0,
                        0.0,
                        (2.0 / ((hi - lo) * (mode - lo))).ln(),
                    ));
                }
                if hi > mode {
                    s.push(piece(
                        mode,
                        hi,
                        0.0,
                        1.0,
                        (2.0 / ((hi - lo) * (hi - mode))).ln(),
                    ));
                }
                s
            }
            Dist::Pert { lo, mode, hi } => {
                let alpha = 1.0 + 4.0 * (mode - lo) / (hi - lo);
                let beta = 1.0 + 4.0 * (hi - mode) / (hi - lo);
                vec![beta_piece(lo, hi, alpha, beta)]
            }
            Dist::Beta { alpha, beta } => vec![beta_piece(0.0, 1.0, alpha, beta)],
            // 1 / (x ln(hi / lo)).
            Dist::LogUniform { lo, hi } => vec![Piece {
                ex: -1.0,
                ..piece(lo, hi, 0.0, 0.0, -(hi / lo).ln().ln())
            }],
            Dist::Const(_) | Dist::Normal { .. } | Dist::Poisson { .. } => Vec::new(),
        }
    }
}

fn beta_piece(lo: f64, hi: f64, alpha: f64, beta: f64) -> Piece {
    Piece {
        a: lo,
        b: hi,
        ea: alpha - 1.0,
        eb: beta - 1.0,
        ex: 0.0,
        ln_c: -ln_beta(alpha, beta) - (alpha + beta - 1.0) * (hi - lo).ln(),
    }
}

/// `ln B(a, b)`, with libm's `lgamma` so results match on every platform.
pub fn ln_beta(a: f64, b: f64) -> f64 {
    libm::lgamma(a) + libm::lgamma(b) - libm::lgamma(a + b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One valid value of each kind, built from its own example.
    fn examples() -> Vec<Dist> {
        KINDS
            .iter()
            .map(|k| {
                let v: Vec<f64> = k
                    .example
                    .trim_matches(['[', ']'])
                    .split(',')
                    .map(|x| x.trim().parse().unwrap())
                    .collect();
                assert_eq!(v.len(), k.arity(), "{}: example and shape disagree", k.name);
                (k.build)(&v).unwrap_or_else(|_| panic!("{}: its example is refused", k.name))
            })
            .collect()
    }

    #[test]
    fn every_kind_round_trips_through_its_parameters() {
        for (k, d) in KINDS.iter().zip(examples()) {
            assert_eq!(d.kind().map(|k| k.name), Some(k.name));
            assert_eq!((k.build)(&d.params()).ok(), Some(d));
            assert_eq!(k.scalar(), k.arity() == 1 && !k.shape.contains('['));
        }
        assert!(Dist::Const(0.2).kind().is_none());
    }

    #[test]
    fn names_are_unique_and_exactly_the_probability_kinds_have_a_density() {
        for (i, k) in KINDS.iter().enumerate() {
            assert!(KINDS[..i].iter().all(|o| o.name != k.name), "{}", k.name);
        }
        for (k, d) in KINDS.iter().zip(examples()) {
            let pieces = d.density();
            assert_eq!(!pieces.is_empty(), k.probability, "{}", k.name);
            let (lo, hi) = d.range();
            for p in &pieces {
                assert!(
                    lo <= p.a && p.b <= hi,
                    "{}: a piece outside the range",
                    k.name
                );
            }
        }
    }

    #[test]
    fn degenerate_ranges_are_constants() {
        assert_eq!(Dist::Uniform { lo: 0.3, hi: 0.3 }.as_const(), Some(0.3));
        assert_eq!(Dist::Normal { mean: 4.0, sd: 0.0 }.as_const(), Some(4.0));
        assert_eq!(Dist::Poisson { lambda: 0.0 }.as_const(), Some(0.0));
        assert_eq!(
            Dist::Beta {
                alpha: 1.0,
                beta: 1.0
            }
            .as_const(),
            None
        );
        assert_eq!(
            Dist::Uniform { lo: 0.1, hi: 0.3 }.highest_probability(),
            0.3
        );
        assert_eq!(
            Dist::Beta {
                alpha: 2.0,
                beta: 3.0
            }
            .highest_probability(),
            1.0
        );
    }
}
