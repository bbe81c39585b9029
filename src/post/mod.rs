//! After the rules: what is done to the findings of all rules.

pub mod merge;
