//! Guessing an article's language when its front matter does not say.

use whatlang::Lang;

/// ISO 639-1 code of the body's language; `en` when it cannot be told.
pub fn detect_lang(body: &str) -> &'static str {
    detect_sample(sample(body, &super::furniture::find(body, "")))
}

/// Up to about 500 bytes of the body's reporting: enough for a sure guess, and
/// detection costs in proportion to what it reads.
pub(super) fn sample(body: &str, furniture: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let (start, end) = (offset, offset + line.len());
        offset = end;
        if furniture
            .iter()
            .any(|&(fs, fe)| fs <= start && end <= fe.max(start))
            || line.trim().is_empty()
        {
            continue;
        }
        out.push_str(line);
        if out.len() >= 500 {
            break;
        }
    }
    out
}

pub(super) fn detect_sample(sample: String) -> &'static str {
    // Only the languages the lexicons know: scoring six instead of seventy is far cheaper.
    static DETECTOR: std::sync::LazyLock<whatlang::Detector> = std::sync::LazyLock::new(|| {
        whatlang::Detector::with_allowlist(vec![
            Lang::Spa,
            Lang::Por,
            Lang::Ita,
            Lang::Deu,
            Lang::Fra,
            Lang::Eng,
        ])
    });
    match DETECTOR.detect_lang(&sample) {
        Some(Lang::Spa) => "es",
        Some(Lang::Por) => "pt",
        Some(Lang::Ita) => "it",
        Some(Lang::Deu) => "de",
        Some(Lang::Fra) => "fr",
        Some(Lang::Eng) => "en",
        _ => "en",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_six_languages() {
        let cases = [
            ("es", "Las acciones de Alibaba subieron con fuerza en los mercados internacionales tras conocerse el dato."),
            ("pt", "A família de modelos de código aberto está conquistando o mundo silenciosamente, não é?"),
            ("it", "Il titolo ha registrato un rialzo eccezionale grazie alla crescita del segmento cloud dell'azienda."),
            ("de", "Trotz der ehrgeizigen Pläne fiel die Aktie am Donnerstag, das bleibt abzuwarten."),
            ("fr", "Le géant chinois s'impose comme un acteur incontournable face aux mastodontes américains."),
            ("en", "The company said on Thursday that its models had been downloaded more than ever before."),
        ];
        for (code, text) in cases {
            assert_eq!(detect_lang(text), code, "{text}");
        }
    }
}
