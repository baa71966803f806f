//! Guessing an article's language when its front matter does not say.

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

/// whatlang reads a paragraph well and fast, but a lone sentence poorly ("Qwen has passed 700
/// million downloads." reads as French); lingua reads short texts well at ten times the cost.
/// So whatlang decides when it is sure, lingua when it is not (see examples/lang_compare.rs).
struct Detector {
    whatlang: whatlang::Detector,
    lingua: lingua::LanguageDetector,
    /// whatlang's languages as ISO 639-1 codes, in the same order as its allow-list.
    codes: Vec<(whatlang::Lang, &'static str)>,
}

impl Detector {
    /// The detector for the languages with a lexicon, by the detector code each lexicon
    /// gives (`detector = "nld"`): a new lexicon file is a new language here too.
    fn new(languages: &[(String, &'static str)]) -> Detector {
        let pairs: Vec<(whatlang::Lang, &'static str)> = languages
            .iter()
            .filter_map(|(detector, code)| Some((whatlang::Lang::from_code(detector)?, *code)))
            .collect();
        let lingua_langs: Vec<lingua::Language> = pairs
            .iter()
            .filter_map(|(_, c)| c.parse::<lingua::IsoCode639_1>().ok())
            .map(|iso| lingua::Language::from_iso_code_639_1(&iso))
            .collect();
        Detector {
            whatlang: whatlang::Detector::with_allowlist(pairs.iter().map(|p| p.0).collect()),
            lingua: lingua::LanguageDetectorBuilder::from_languages(&lingua_langs).build(),
            codes: pairs,
        }
    }

    fn detect(&self, text: &str) -> Option<&'static str> {
        if let Some(info) = self
            .whatlang
            .detect(text)
            .filter(whatlang::Info::is_reliable)
        {
            return self.code_of(info.lang());
        }
        let lang = self.lingua.detect_language_of(text)?;
        let iso = lang.iso_code_639_1().to_string();
        self.codes.iter().map(|p| p.1).find(|c| *c == iso)
    }

    fn code_of(&self, lang: whatlang::Lang) -> Option<&'static str> {
        self.codes.iter().find(|p| p.0 == lang).map(|p| p.1)
    }
}

pub(super) fn detect_sample(sample: String) -> &'static str {
    // Only the languages the lexicons know: scoring six instead of seventy is cheaper and
    // never answers a language the extractor cannot read.
    static DETECTOR: std::sync::LazyLock<Detector> =
        std::sync::LazyLock::new(|| Detector::new(&crate::assets::detector_codes()));
    DETECTOR.detect(&sample).unwrap_or("en")
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

    #[test]
    fn single_sentences_are_read_in_their_language() {
        // whatlang alone reads the first as French, the second as Italian, the German ones as
        // English and Spanish and the French one as Italian.
        let cases = [
            ("en", "Qwen has passed 700 million downloads."),
            ("en", "Alibaba released a new model on Monday."),
            ("de", "Die Aktie stieg in Hongkong um 4 Prozent."),
            ("de", "Qwen knackt 700 Millionen Downloads."),
            ("fr", "Alibaba a présenté un nouveau modèle lundi."),
            ("es", "Las acciones subieron un 4 % en Hong Kong."),
            ("pt", "As ações subiram 4% em Hong Kong."),
            ("it", "Le azioni sono salite del 4% a Hong Kong."),
        ];
        for (code, text) in cases {
            assert_eq!(detect_lang(text), code, "{text}");
        }
    }

    #[test]
    fn english_names_in_a_sentence_keep_its_language() {
        let cases = [
            (
                "pt",
                "O Qwen3-Max supera o GPT-5 em vários benchmarks, diz a Alibaba.",
            ),
            (
                "es",
                "Qwen3-Max supera a GPT-5 en varios benchmarks, según Alibaba.",
            ),
            (
                "de",
                "Das Start-up DeepSeek und Alibaba Cloud konkurrieren bei Open Source.",
            ),
        ];
        for (code, text) in cases {
            assert_eq!(detect_lang(text), code, "{text}");
        }
    }

    #[test]
    fn the_languages_are_those_with_a_lexicon() {
        let languages = crate::assets::detector_codes();
        let mut codes: Vec<&str> = languages.iter().map(|(_, c)| *c).collect();
        codes.sort_unstable();
        assert_eq!(codes, ["de", "en", "es", "fr", "it", "pt"]);
        assert_eq!(Detector::new(&languages).codes.len(), codes.len());
    }
}
