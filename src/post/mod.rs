//! After the rules: findings moved back to JSON text, suppressed by comments, given the
//! severities the settings say, held back by a baseline.

pub mod baseline;
pub mod levels;
pub mod relocate;
pub mod suppress;
