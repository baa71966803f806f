//! Splitting a body into paragraphs and sentences, skipping furniture.

/// A sentence: its byte range in the body and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

/// The sentences of `body` outside the `furniture` ranges, trimmed, in order.
///
/// A line is a paragraph (captures keep one per line), unless the text was wrapped: a line
/// that stops mid-sentence and a next line that goes on in lower case are one paragraph.
/// Inside it, a sentence ends at `.`, `!` or `?` followed by white space and a capital letter,
/// a digit or a quote, except after a number that opens a date ("13. März") or an
/// abbreviation.
pub fn split(body: &str, furniture: &[(usize, usize)]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    for (start, end) in logical_lines(body) {
        let line = &body[start..end];
        if furniture.iter().any(|&(fs, fe)| fs < end && fe > start) {
            for (s, e) in outside(start, end, furniture) {
                split_line(body, s, e, paragraph, &mut out);
            }
        } else {
            split_line(body, start, end, paragraph, &mut out);
        }
        if !line.trim().is_empty() {
            paragraph += 1;
        }
    }
    out
}

/// Lines, with wrapped ones joined: `(start, end)` byte ranges covering the body.
fn logical_lines(body: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut offset = 0;
    let mut open = false;
    for line in body.split_inclusive('\n') {
        let (start, end) = (offset, offset + line.len());
        offset = end;
        let text = line.trim();
        let continues = text
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        match out.last_mut() {
            Some(last) if open && continues => last.1 = end,
            _ => out.push((start, end)),
        }
        // A line stops mid-sentence when it has text and no closing punctuation.
        open = !text.is_empty() && !text.ends_with(['.', '!', '?', ':', '"', '”', '»', ')', ';']);
    }
    out
}

/// The parts of `start..end` not covered by furniture.
fn outside(start: usize, end: usize, furniture: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut parts = vec![(start, end)];
    for &(fs, fe) in furniture {
        if fe <= start || fs >= end {
            continue;
        }
        parts = parts
            .into_iter()
            .flat_map(|(s, e)| {
                let mut v = Vec::new();
                if fs > s {
                    v.push((s, fs.min(e)));
                }
                if fe < e {
                    v.push((fe.max(s), e));
                }
                v
            })
            .filter(|(s, e)| s < e)
            .collect();
    }
    parts
}

fn split_line(body: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let text = &body[start..end];
    let bytes = text.as_bytes();
    let mut sentence_start = 0;
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        let b = bytes[i];
        let rest = &text[i + 1..];
        let after_space = rest.trim_start_matches([' ', '\u{a0}', '\n', '\r']);
        if after_space.len() == rest.len() || !starts_sentence(after_space) {
            continue;
        }
        if b == b'.' && is_abbreviation_or_ordinal(&text[sentence_start..i], after_space) {
            continue;
        }
        push_trimmed(body, start + sentence_start, start + i + 1, paragraph, out);
        sentence_start = i + 1;
    }
    push_trimmed(body, start + sentence_start, end, paragraph, out);
}

fn starts_sentence(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"'«“¿¡(–-".contains(c))
}

/// "13. März", "z. B.", "U.S. Steel": a period that does not end a sentence.
fn is_abbreviation_or_ordinal(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if word.chars().count() == 1 {
        return true;
    }
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) && word.len() <= 2 {
        // German ordinals: "13. März 2025"; keep the date together.
        return after.chars().next().is_some_and(char::is_alphabetic);
    }
    // Titles, company suffixes, magnitudes and month abbreviations ("Sept. 24").
    matches!(
        word.to_ascii_lowercase().as_str(),
        "dr" | "mr"
            | "mrs"
            | "ms"
            | "sr"
            | "sra"
            | "st"
            | "nr"
            | "no"
            | "inc"
            | "co"
            | "corp"
            | "ltd"
            | "vs"
            | "ca"
            | "mio"
            | "mrd"
            | "bzw"
            | "etc"
            | "jan"
            | "feb"
            | "febr"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "okt"
            | "nov"
            | "dec"
            | "dez"
            | "janv"
            | "févr"
            | "avr"
            | "juil"
            | "déc"
            | "ene"
            | "abr"
            | "ago"
            | "dic"
            | "gen"
            | "giu"
            | "lug"
            | "ott"
            | "fev"
            | "out"
            | "set"
            | "dez."
    )
}

fn push_trimmed(body: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let s = &body[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.is_empty() || !trimmed.chars().any(char::is_alphanumeric) {
        return;
    }
    out.push(Sentence {
        start: start + lead,
        end: start + lead + trimmed.len(),
        paragraph,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(body: &'a str, furniture: &[(usize, usize)]) -> Vec<&'a str> {
        split(body, furniture)
            .into_iter()
            .map(|s| &body[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_on_sentence_ends_not_on_numbers() {
        let body =
            "Es fiel um 2,45 Prozent. Am 13. März 2025 war es so. Das ist z. B. gut!\nNeue Zeile";
        assert_eq!(
            texts("HONG KONG, Sept. 24 (Wire) - Shares rose. Next.", &[]).len(),
            2
        );
        let wrapped = "Alibaba said its Qwen models had passed\n700 million downloads. Shares rose\nsharply.\nHeadline\nNext line.";
        assert_eq!(
            texts(wrapped, &[]),
            vec![
                "Alibaba said its Qwen models had passed\n700 million downloads.",
                "Shares rose\nsharply.",
                "Headline",
                "Next line."
            ]
        );
        let p: Vec<usize> = split(wrapped, &[]).iter().map(|s| s.paragraph).collect();
        assert_eq!(p, vec![0, 0, 1, 2]);
        assert_eq!(
            texts(body, &[]),
            vec![
                "Es fiel um 2,45 Prozent.",
                "Am 13. März 2025 war es so.",
                "Das ist z. B. gut!",
                "Neue Zeile"
            ]
        );
    }

    #[test]
    fn skips_furniture() {
        let body = " date 2026-01-21 Alibaba a du succès. Suite.";
        assert_eq!(
            texts(body, &[(0, 17)]),
            vec!["Alibaba a du succès.", "Suite."]
        );
    }
}
