//! What the two XML readers of client files (`substvar`, `sharedjmscon`) share: offsets on
//! character boundaries, entity references, and the one syntax error where quick-xml stops.

use quick_xml::events::BytesRef;
use quick_xml::Reader;

use crate::ems::lines::SyntaxError;

/// The reader's offset in `text`, on a character boundary.
pub fn position(reader: &Reader<&[u8]>, text: &str) -> usize {
    floor_boundary(text, (reader.buffer_position() as usize).min(text.len()))
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The error quick-xml stopped at: from where it stopped to the end of that line.
pub fn not_well_formed(
    reader: &Reader<&[u8]>,
    text: &str,
    error: &quick_xml::Error,
) -> SyntaxError {
    let at = floor_boundary(text, (reader.error_position() as usize).min(text.len()));
    let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    SyntaxError {
        span: at..end,
        message: format!("not well-formed XML: {error}"),
    }
}

/// `&amp;` and the other predefined entities, `&#…;` character references; any other entity
/// as written.
pub fn reference(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = r.decode().unwrap_or_default();
    match name.as_ref() {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "apos" => "'".into(),
        "quot" => "\"".into(),
        other => format!("&{other};"),
    }
}
