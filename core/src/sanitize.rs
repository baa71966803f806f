//! Article text is untrusted: remove what could drive a terminal before anything is drawn.

/// Removes escape sequences (CSI, OSC, DCS...) and control characters, keeping `\n` and
/// turning tabs into spaces, so text cannot move the cursor, clear the screen or set the
/// clipboard.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = match c {
            '\n' => {
                out.push('\n');
                1
            }
            '\t' => {
                out.push(' ');
                1
            }
            c if c.is_control() => sequence_len(rest),
            // Bidirectional overrides can disguise text; zero-width ones are invisible.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => c.len_utf8(),
            c => {
                out.push(c);
                c.len_utf8()
            }
        };
        rest = &rest[len..];
    }
    out
}

/// Byte ranges of escape sequences and control characters (other than tab, CR and LF) in
/// `text`: extraction treats them as furniture, so "␛[31m" never reads as "31m".
pub fn control_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let len = if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            let len = sequence_len(&text[at..]);
            out.push((at, at + len));
            len
        } else {
            c.len_utf8()
        };
        at += len;
    }
    out
}

/// Invisible format characters: zero-width space, non-joiner and joiner, direction marks,
/// embeddings, overrides and isolates, the word joiner, the byte-order mark, the soft hyphen.
/// Text reads as if they were absent ("700\u{200f} millones" is 700 million).
pub fn is_format_char(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// [`sanitize`], with newlines also turned into spaces: for one-line labels.
pub fn sanitize_line(text: &str) -> String {
    sanitize(text).replace('\n', " ")
}

/// The length in bytes of the control character or whole escape sequence that opens `rest`
/// (which starts with a control character): what the sanitiser drops. Measured from what
/// the scanner leaves, so each byte is looked at once.
fn sequence_len(rest: &str) -> usize {
    let mut chars = rest.chars();
    match chars.next() {
        Some('\u{1b}') => skip_escape(&mut chars),
        // C1 CSI / OSC / DCS / APC / PM / SOS introducers carry a sequence too.
        Some('\u{9b}') => skip_until_final(&mut chars),
        Some('\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' | '\u{98}') => skip_string(&mut chars),
        _ => {}
    }
    rest.len() - chars.as_str().len()
}

type Chars<'a> = std::str::Chars<'a>;

fn peek(chars: &Chars<'_>) -> Option<char> {
    chars.clone().next()
}

fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_until_final(chars),
        Some(']' | 'P' | '_' | '^' | 'X') => skip_string(chars),
        // Two-character sequences (ESC c, ESC 7...) end here; intermediates first.
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while let Some(n) = peek(chars) {
                chars.next();
                if !('\u{20}'..='\u{2f}').contains(&n) {
                    break;
                }
            }
        }
        _ => {}
    }
}

/// CSI: parameters and intermediates up to a final byte in `@`..=`~`.
fn skip_until_final(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// OSC/DCS/APC/PM: up to BEL or ST (`ESC \` or U+009C).
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if peek(chars) == Some('\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// Text escaped for HTML and XML character data and attribute values. Characters XML 1.0 does not
/// allow become U+FFFD, so the document always parses.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_control_ranges() {
        let t = "a \u{1b}[2J b \u{1b}]52;c;aGk=\u{7} c\u{7}";
        let r = control_ranges(t);
        let parts: Vec<&str> = r.iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(parts, vec!["\u{1b}[2J", "\u{1b}]52;c;aGk=\u{7}", "\u{7}"]);
    }

    #[test]
    fn strips_sequences_and_controls() {
        assert_eq!(sanitize("a\u{1b}[2J\u{1b}[1;1Hb"), "ab");
        assert_eq!(sanitize("x\u{1b}]52;c;aGVsbG8=\u{7}y"), "xy");
        assert_eq!(sanitize("x\u{1b}]0;title\u{1b}\\y"), "xy");
        assert_eq!(sanitize("bell\u{7} cr\r tab\t"), "bell cr tab ");
        assert_eq!(sanitize("c1\u{9b}31mred"), "c1red");
        assert_eq!(sanitize("line\nnext"), "line\nnext");
        assert_eq!(sanitize("ünïcödé €"), "ünïcödé €");
        assert_eq!(sanitize("trailing\u{1b}"), "trailing");
    }
}
