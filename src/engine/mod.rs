//! The Monte Carlo engine: trials, random streams and aggregation.
