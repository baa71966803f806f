//! Numbers written with digits, read with each locale's separators.

/// A number found in the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// Written as 4 plain digits from 1900 to 2100: maybe a year.
    pub year_like: bool,
    /// An explicit minus sign stands right before it (`-1,59 %`).
    pub negative: bool,
}

/// Separators that may group thousands in any locale; which ones a text uses comes from its lexicon.
fn separator_at(text: &str, i: usize) -> Option<(char, usize)> {
    let c = text[i..].chars().next()?;
    matches!(
        c,
        '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''
    )
    .then(|| (c, c.len_utf8()))
}

fn digits_at(bytes: &[u8], i: usize) -> usize {
    bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count()
}

/// The digits from `i`, where invisible format characters between two digits are ignored
/// ("7\u{200b}00" is 700): the offset after them and how many digits there are.
fn digit_run(text: &str, i: usize, limit: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut n = digits_at(bytes, i);
    let mut end = i + n;
    while n > 0 && end < limit && !bytes[end].is_ascii() {
        let gap = format_run(text, end);
        let more = digits_at(bytes, end + gap);
        if gap == 0 || more == 0 || end + gap + more > limit {
            break;
        }
        n += more;
        end += gap + more;
    }
    (end, n)
}

/// The length in bytes of the format characters starting at `i`.
fn format_run(text: &str, i: usize) -> usize {
    text[i..]
        .chars()
        .take_while(|&c| crate::sanitize::is_format_char(c))
        .map(char::len_utf8)
        .sum()
}

/// A pictograph or symbol glued right after the digits ("700😀 millones"): whatever the
/// number was, it is broken there, not a figure. Invisible format characters are looked past.
fn broken_by_symbol(text: &str, end: usize) -> bool {
    let after = end + format_run(text, end);
    text[after..].chars().next().is_some_and(|c| {
        matches!(c,
            '\u{2190}'..='\u{21ff}' // arrows
            | '\u{2300}'..='\u{23ff}' // technical
            | '\u{2460}'..='\u{27bf}' // enclosed, shapes, symbols, dingbats
            | '\u{2900}'..='\u{2bff}' // arrows, symbols
            | '\u{e000}'..='\u{f8ff}' // private use
            | '\u{fe00}'..='\u{fe0f}' // variation selectors
            | '\u{fffc}' | '\u{fffd}'
            | '\u{1f000}'..='\u{1faff}' // emoji and pictographs
        )
    })
}

/// Every number in `text[range]` that stands on its own: not inside a name such as
/// `Qwen3-VL-2B`, `GPT-5` or `COP30`, not a time such as `13:13` or `15h34`.
///
/// `decimal` is the locale's decimal mark; `group` its thousands separators.
///
/// One number at a time: the caller keeps its own list of what it finds and needs no second
/// list of every number (a file of five million numbers is that many of each).
pub fn scan<'t>(
    text: &'t str,
    range: (usize, usize),
    decimal: char,
    group: &'t [char],
) -> impl Iterator<Item = Number> + 't {
    let bytes = text.as_bytes();
    let mut i = range.0;
    std::iter::from_fn(move || {
        while let Some(skip) = next_digit(&bytes[i..range.1]) {
            i += skip;
            let start = i;
            let parsed = read_number(text, i, range.1, decimal, group);
            i = parsed.end.max(i + 1);
            if part_of_name(text, start)
                || glued_to_letters_or_time(text, parsed.end)
                || broken_by_symbol(text, parsed.end)
            {
                continue;
            }
            let Some(value) = parsed.value else { continue };
            return Some(Number {
                start,
                end: parsed.end,
                value,
                year_like: parsed.plain_digits == 4 && (1900.0..=2100.0).contains(&value),
                negative: minus_before(text, start),
            });
        }
        None
    })
}

/// The offset of the first ASCII digit, eight bytes at a time: most text has none.
fn next_digit(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in chunks.by_ref() {
        // A chunk of 8 bytes; the conversion cannot fail.
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // Bytes below '0' or above '9' (SWAR range test: x - '0' < 10, for ASCII bytes).
        let shifted = word ^ (0x30 * ONES);
        let below_ten = shifted.wrapping_sub(10 * ONES) & !shifted & HIGHS;
        // The test may flag a chunk without digits (borrows), never miss one.
        if below_ten != 0 {
            if let Some(p) = chunk.iter().position(u8::is_ascii_digit) {
                return Some(offset + p);
            }
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(u8::is_ascii_digit)
        .map(|p| offset + p)
}

struct Parsed {
    end: usize,
    value: Option<f64>,
    /// How many digits when written without any separator.
    plain_digits: usize,
}

fn read_number(text: &str, start: usize, limit: usize, decimal: char, group: &[char]) -> Parsed {
    let (mut end, first) = digit_run(text, start, limit);
    // (separator before, digit count, bytes of the digits)
    let mut groups: Vec<(char, usize, usize)> = Vec::new();
    while end < limit {
        let Some((sep, len)) = separator_at(text, end) else {
            break;
        };
        let (run_end, n) = digit_run(text, end + len, limit);
        if n == 0 || run_end > limit {
            break;
        }
        // Spaces only ever group thousands, and only in threes.
        if sep != '.' && sep != ',' && (n != 3 || !group.contains(&sep) || first > 3) {
            break;
        }
        groups.push((sep, n, run_end - (end + len)));
        end = run_end;
    }
    let digits_only = |s: &str| -> String { s.chars().filter(char::is_ascii_digit).collect() };
    let raw = &text[start..end];
    if groups.is_empty() {
        let value = if raw.len() == first {
            raw.parse().ok()
        } else {
            digits_only(raw).parse().ok()
        };
        return Parsed {
            end,
            value,
            plain_digits: first,
        };
    }
    // Mixed separators: the last one is the decimal mark ("1.234,5", "1,234.5"). One kind
    // of separator: the locale's decimal mark once is a decimal ("52,5"); the locale's group
    // mark in threes groups thousands ("140.000"); a lone "." or "," that the locale does not
    // group with is a decimal ("1.5" in a comma-decimal text).
    let (last_sep, _, last_len) = *groups.last().unwrap_or(&(' ', 0, 0));
    let all_same = groups.iter().all(|(s, ..)| *s == last_sep);
    let thousands_shape = first <= 3 && groups.iter().all(|(_, n, _)| *n == 3);
    let last_is_decimal = if !all_same {
        matches!(last_sep, '.' | ',')
    } else if last_sep == decimal {
        groups.len() == 1 || !thousands_shape
    } else if group.contains(&last_sep) && thousands_shape {
        false
    } else {
        matches!(last_sep, '.' | ',') && groups.len() == 1
    };
    if !last_is_decimal && !thousands_shape {
        // "1.23.4": not a number we can read.
        return Parsed {
            end,
            value: None,
            plain_digits: 0,
        };
    }
    let value = if last_is_decimal {
        let cut = end - last_len - last_sep.len_utf8();
        let int = digits_only(&text[start..cut]);
        let frac = digits_only(&text[cut + last_sep.len_utf8()..end]);
        format!("{int}.{frac}").parse().ok()
    } else {
        digits_only(raw).parse().ok()
    };
    Parsed {
        end,
        value,
        plain_digits: 0,
    }
}

/// `Qwen3`, `GPT-5`, `Qwen2.5`, `R1`: digits that continue a name. A currency code glued to
/// the digits (`RMB380`, `USD53`) still leaves a figure.
fn part_of_name(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    match before.next() {
        Some(c) if c.is_alphabetic() => !glued_currency_code(&text[..start]),
        Some('-' | '.' | '/' | '_' | ':') => before.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

fn glued_currency_code(before: &str) -> bool {
    let letters: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let code: String = letters
        .chars()
        .rev()
        .collect::<String>()
        .to_ascii_uppercase();
    matches!(
        code.as_str(),
        "RMB" | "USD" | "EUR" | "HKD" | "CNY" | "GBP" | "CHF" | "JPY"
    )
}

/// `32B` in a model name, `15h34`, `13:13`, `2025-03-13`: not a standalone figure.
/// Letters right after are allowed only when they are a currency or magnitude (checked later),
/// so here only times and dates are refused.
fn glued_to_letters_or_time(text: &str, end: usize) -> bool {
    let mut after = text[end..].chars();
    match after.next() {
        Some(':') | Some('h') => after.next().is_some_and(|c| c.is_ascii_digit()),
        Some('-' | '/') => after.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

fn minus_before(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    match before.next() {
        Some('-' | '−' | '–') => before.next().is_none_or(|c| c.is_whitespace() || c == '('),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EU_GROUP: [char; 5] = ['.', ' ', '\u{a0}', '\u{202f}', '\u{2009}'];
    const EN_GROUP: [char; 3] = [',', '\u{a0}', '\u{202f}'];

    fn values(text: &str, decimal: char, group: &[char]) -> Vec<f64> {
        scan(text, (0, text.len()), decimal, group)
            .map(|n| n.value)
            .collect()
    }

    #[test]
    fn european_separators() {
        assert_eq!(values("140.000 modelli", ',', &EU_GROUP), vec![140000.0]);
        assert_eq!(values("52,5 Milliarden", ',', &EU_GROUP), vec![52.5]);
        assert_eq!(values("180 000 modèles", ',', &EU_GROUP), vec![180000.0]);
        assert_eq!(
            values("180\u{a0}000 modèles", ',', &EU_GROUP),
            vec![180000.0]
        );
        assert_eq!(
            values("180\u{202f}000 modèles", ',', &EU_GROUP),
            vec![180000.0]
        );
        assert_eq!(values("1.234.567,89", ',', &EU_GROUP), vec![1234567.89]);
        assert_eq!(values("166,10 dollari", ',', &EU_GROUP), vec![166.10]);
        assert_eq!(values("123,6EUR", ',', &EU_GROUP), vec![123.6]);
    }

    #[test]
    fn english_separators() {
        assert_eq!(
            values("1,234.5 and 700,000", '.', &EN_GROUP),
            vec![1234.5, 700000.0]
        );
        assert_eq!(values("2.45%", '.', &EN_GROUP), vec![2.45]);
    }

    #[test]
    fn names_times_and_dates_are_not_figures() {
        assert!(values(
            "Qwen3-VL-2B GPT-5 COP30 Qwen2.5 DeepSeek-R1",
            ',',
            &EU_GROUP
        )
        .is_empty());
        assert_eq!(
            values("RMB380 billion and USD53bn", '.', &EN_GROUP),
            vec![380.0, 53.0]
        );
        assert!(values("15h34 13:13 2026-01-21", ',', &EU_GROUP).is_empty());
        // Two years in a row are two numbers, not one.
        assert_eq!(values("2025 2026", ',', &EU_GROUP), vec![2025.0, 2026.0]);
    }

    #[test]
    fn finds_digits_anywhere() {
        let text = "abcdefgh:/;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ0 ü é 9";
        for start in 0..text.len() {
            let expected = text.as_bytes()[start..].iter().position(u8::is_ascii_digit);
            assert_eq!(next_digit(&text.as_bytes()[start..]), expected, "{start}");
        }
    }

    #[test]
    fn format_characters_inside_a_figure_are_ignored() {
        for mark in ["\u{200b}", "\u{200d}", "\u{200f}", "\u{2060}", "\u{202e}"] {
            let text = format!("7{mark}00 y 1.2{mark}34,5{mark}0");
            let found: Vec<Number> = scan(&text, (0, text.len()), ',', &EU_GROUP).collect();
            let got: Vec<f64> = found.iter().map(|n| n.value).collect();
            assert_eq!(got, vec![700.0, 1234.5], "{text:?}");
            assert!(!found[0].year_like && found[0].end == 3 + mark.len());
        }
    }

    #[test]
    fn a_symbol_glued_to_the_digits_breaks_the_figure() {
        assert!(values("700\u{1f600} millones", ',', &EU_GROUP).is_empty());
        assert!(values("700\u{200d}\u{1f680} millones", ',', &EU_GROUP).is_empty());
        assert_eq!(values("700 \u{1f600}", ',', &EU_GROUP), vec![700.0]);
    }

    #[test]
    fn signs_and_years() {
        let n: Vec<Number> = scan("Minus von -1,59 % in 2023", (0, 25), ',', &EU_GROUP).collect();
        assert!(n[0].negative && (n[0].value - 1.59).abs() < 1e-9);
        assert!(n[1].year_like && !n[1].negative);
    }
}
