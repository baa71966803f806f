//! Article text is untrusted: remove what could drive a terminal before anything is drawn.

/// Removes escape sequences (CSI, OSC, DCS...) and control characters, keeping `\n` and
/// turning tabs into spaces, so text cannot move the cursor, clear the screen or set the
/// clipboard.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI / OSC / DCS / APC / PM / SOS introducers carry a sequence too.
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' | '\u{98}' => skip_string(&mut chars),
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            // Bidirectional overrides can disguise text; zero-width ones are invisible.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Byte ranges of escape sequences and control characters (other than tab, CR and LF) in
/// `text`: extraction treats them as furniture, so "␛[31m" never reads as "31m".
pub fn control_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let is_control = c.is_control() && !matches!(c, '\t' | '\n' | '\r');
        if !is_control {
            continue;
        }
        // Measure what `sanitize` would drop from here: the whole sequence.
        let rest = &text[start..];
        let mut inner = rest.chars().peekable();
        let first = inner.next();
        match first {
            Some('\u{1b}') => skip_escape(&mut inner),
            Some('\u{9b}') => skip_until_final(&mut inner),
            Some('\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' | '\u{98}') => skip_string(&mut inner),
            _ => {}
        }
        let consumed = rest.len() - inner.collect::<String>().len();
        let end = start + consumed.max(c.len_utf8());
        out.push((start, end));
        while chars.peek().is_some_and(|&(i, _)| i < end) {
            chars.next();
        }
    }
    out
}

/// [`sanitize`], with newlines also turned into spaces: for one-line labels.
pub fn sanitize_line(text: &str) -> String {
    sanitize(text).replace('\n', " ")
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_until_final(chars),
        Some(']' | 'P' | '_' | '^' | 'X') => skip_string(chars),
        // Two-character sequences (ESC c, ESC 7...) end here; intermediates first.
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while let Some(&n) = chars.peek() {
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
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
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
