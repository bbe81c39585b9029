//! Strings: escapes, `\u` code points and surrogate pairs.

use super::*;

impl DocumentParser<'_> {
    /// A string from its opening quote. An unclosed string ends at the end of its line.
    pub(super) fn string(&mut self) -> JsonStr {
        let open = self.pos;
        self.pos += 1;
        let inner_start = self.pos;
        let mut text = String::new();
        let mut exact = true;
        loop {
            let rest = self.rest();
            // Plain text up to the next quote, backslash or control character, at once.
            let plain = rest
                .find(|c: char| c == '"' || c == '\\' || (c as u32) < 0x20)
                .unwrap_or(rest.len());
            text.push_str(&rest[..plain]);
            self.pos += plain;
            let Some(c) = self.peek() else {
                self.error(
                    open..self.pos,
                    "the string is not closed: the file ends inside it".into(),
                );
                return JsonStr {
                    text,
                    inner: inner_start..self.pos,
                    exact,
                };
            };
            match c {
                '"' => {
                    let inner = inner_start..self.pos;
                    self.pos += 1;
                    return JsonStr { text, inner, exact };
                }
                '\n' | '\r' => {
                    self.error(
                        open..self.pos,
                        "the string is not closed before the end of the line".into(),
                    );
                    return JsonStr {
                        text,
                        inner: inner_start..self.pos,
                        exact,
                    };
                }
                '\\' => {
                    exact = false;
                    self.escape(&mut text);
                }
                c => {
                    // A raw control character: JSON wants it escaped.
                    self.error(
                        self.pos..self.pos + 1,
                        format!(
                            "control character U+{:04X} in a string: write it as an escape",
                            c as u32
                        ),
                    );
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    /// One escape sequence from its backslash.
    pub(super) fn escape(&mut self, text: &mut String) {
        let start = self.pos;
        self.pos += 1;
        let Some(c) = self.peek() else {
            self.error(start..self.pos, "the file ends inside an escape".into());
            return;
        };
        self.pos += c.len_utf8();
        let simple = match c {
            '"' => Some('"'),
            '\\' => Some('\\'),
            '/' => Some('/'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            _ => None,
        };
        if let Some(decoded) = simple {
            text.push(decoded);
            return;
        }
        if c != 'u' {
            self.error(
                start..self.pos,
                format!("`\\{c}` is not a JSON escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"),
            );
            text.push(c);
            return;
        }
        let Some(high) = self.hex4() else {
            self.error(
                start..self.pos,
                "`\\u` must be followed by four hexadecimal digits".into(),
            );
            return;
        };
        let code = if (0xD800..0xDC00).contains(&high) {
            // A high surrogate: a low one must follow to make one character.
            let save = self.pos;
            let low = if self.rest().starts_with("\\u") {
                self.pos += 2;
                self.hex4().filter(|l| (0xDC00..0xE000).contains(l))
            } else {
                None
            };
            match low {
                Some(low) => 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00),
                None => {
                    self.pos = save;
                    0xFFFD
                }
            }
        } else {
            high
        };
        text.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
    }

    pub(super) fn hex4(&mut self) -> Option<u32> {
        let digits = self.rest().get(..4)?;
        if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let n = u32::from_str_radix(digits, 16).ok()?;
        self.pos += 4;
        Some(n)
    }
}
