//! Several `--vary` axes make a grid: every combination of their points, the first axis
//! varying slowest (the order a person reads a nested table in).

use super::vary::{Vary, VaryError};

/// More points than this is almost surely a typo (each point is a full run).
pub const MAX_POINTS: usize = 10_000;

/// The axes of a sweep and the values of each.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    pub axes: Vec<Vary>,
    values: Vec<Vec<f64>>,
    len: usize,
}

impl Grid {
    /// Parses every `--vary` argument and checks the grid as a whole: no path twice, at most
    /// [`MAX_POINTS`] points.
    pub fn parse(args: &[String]) -> Result<Grid, VaryError> {
        let mut axes: Vec<Vary> = Vec::with_capacity(args.len());
        for arg in args {
            let v = Vary::parse(arg)?;
            if axes.iter().any(|a| a.path == v.path) {
                return Err(VaryError {
                    arg: arg.clone(),
                    message: format!("`{}` is varied twice", v.path),
                    help: Some("give each path one --vary; several paths make a grid".into()),
                });
            }
            axes.push(v);
        }
        let mut len: usize = 1;
        for a in &axes {
            len = len.saturating_mul(a.count());
        }
        if len > MAX_POINTS {
            let sizes: Vec<String> = axes.iter().map(|a| a.count().to_string()).collect();
            return Err(VaryError {
                arg: args.join(" "),
                message: format!(
                    "the grid has {} points ({}), more than the limit of {MAX_POINTS}",
                    if len == usize::MAX {
                        "too many".to_string()
                    } else {
                        len.to_string()
                    },
                    sizes.join(" x ")
                ),
                help: Some("use fewer points per --vary; each point is a full run".into()),
            });
        }
        let values = axes.iter().map(Vary::points).collect();
        Ok(Grid { axes, values, len })
    }

    /// The number of points.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The values of point `i` (0-based), one per axis in axis order.
    pub fn point(&self, mut i: usize) -> Vec<f64> {
        let mut out = vec![0.0; self.axes.len()];
        for (slot, values) in out.iter_mut().zip(&self.values).rev() {
            *slot = values[i % values.len()];
            i /= values.len();
        }
        out
    }

    /// Every point, in order.
    pub fn points(&self) -> impl Iterator<Item = Vec<f64>> + '_ {
        (0..self.len).map(|i| self.point(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn one_axis_is_its_points() {
        let g = Grid::parse(&args(&["a=0:1:3"])).unwrap();
        assert_eq!(g.len(), 3);
        assert_eq!(
            g.points().collect::<Vec<_>>(),
            vec![vec![0.0], vec![0.5], vec![1.0]]
        );
    }

    #[test]
    fn the_first_axis_varies_slowest() {
        let g = Grid::parse(&args(&["a=0:1:2", "b=10:30:3"])).unwrap();
        assert_eq!(
            g.points().collect::<Vec<_>>(),
            vec![
                vec![0.0, 10.0],
                vec![0.0, 20.0],
                vec![0.0, 30.0],
                vec![1.0, 10.0],
                vec![1.0, 20.0],
                vec![1.0, 30.0],
            ]
        );
    }

    #[test]
    fn a_path_twice_is_refused() {
        let e = Grid::parse(&args(&["a=0:1:2", "a=0:2:2"])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "error: --vary `a=0:2:2`: `a` is varied twice\n\
             help: give each path one --vary; several paths make a grid"
        );
    }

    #[test]
    fn huge_grids_are_refused() {
        let e = Grid::parse(&args(&["a=0:1:200", "b=0:1:100"])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "error: --vary `a=0:1:200 b=0:1:100`: the grid has 20000 points (200 x 100), \
             more than the limit of 10000\n\
             help: use fewer points per --vary; each point is a full run"
        );
        let e = Grid::parse(&args(&["a=0:1:18446744073709551615", "b=0:1:3"])).unwrap_err();
        assert!(e.message.contains("too many points"), "{e}");
    }
}
