//! Rules about the other tibemsd.conf parameters of the pair.

pub mod setting_mismatch;

/// A setting's values as a message shows them: comma-joined, or `not set`.
pub fn listed(values: &[String]) -> String {
    if values.is_empty() {
        "not set".to_string()
    } else {
        values.join(", ")
    }
}
