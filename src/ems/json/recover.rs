//! Error recovery: trailing commas, unclosed brackets and skipping a bad member or element to the next `,` or closing bracket of its level.

use super::*;

impl DocumentParser<'_> {
    /// Past a `,`: true, with the comma reported and `close` read, when `close` follows it.
    pub(super) fn trailing_comma(&mut self, close: char) -> bool {
        self.pos += 1;
        self.skip_ws();
        if self.peek() != Some(close) {
            return false;
        }
        let at = self.pos;
        self.error(
            at..at + 1,
            format!("a `,` before `{close}`: JSON has no trailing comma"),
        );
        self.pos += 1;
        true
    }

    pub(super) fn unclosed(&mut self, open: usize, close: char) {
        let opener = if close == '}' { '{' } else { '[' };
        self.error(
            open..open + 1,
            format!("this `{opener}` is never closed with `{close}`"),
        );
    }

    /// Skips to the next `,` or closing bracket at this level (not consumed), past strings
    /// and nested brackets.
    pub(super) fn skip_to_stop(&mut self) -> Stop {
        let mut depth = 0usize;
        let mut chars = self.rest().char_indices();
        let base = self.pos;
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    // Skip the string; an unclosed one ends at its line.
                    let mut escaped = false;
                    for (_, s) in chars.by_ref() {
                        match s {
                            '\\' if !escaped => escaped = true,
                            '"' if !escaped => break,
                            '\n' => break,
                            _ => escaped = false,
                        }
                    }
                }
                '{' | '[' => depth += 1,
                '}' | ']' if depth > 0 => depth -= 1,
                '}' | ']' => {
                    self.pos = base + i;
                    return Stop::Close(c);
                }
                ',' if depth == 0 => {
                    self.pos = base + i;
                    return Stop::Comma;
                }
                _ => {}
            }
        }
        self.pos = self.text.len();
        Stop::End
    }

    /// Skips one bracketed value too deep to read.
    pub(super) fn skip_nested(&mut self) {
        let open = self.pos;
        self.pos += 1;
        let mut depth = 1usize;
        let mut in_string = false;
        let mut escaped = false;
        for (i, c) in self.text[self.pos..].char_indices() {
            if in_string {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => in_string = false,
                    _ => escaped = false,
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' | '[' => depth += 1,
                '}' | ']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos = open + 1 + i + 1;
                        return;
                    }
                }
                _ => {}
            }
        }
        self.pos = self.text.len();
    }
}
