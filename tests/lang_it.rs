//! Italian extraction: numbers, money, percentages, dates and kinds, on sentences written
//! the way Italian financial and tech news writes them.

mod common;

use common::{extract, extract_undated};
use qwen_story::extract::{Kind, Qualifier};

/// A Friday.
const PUB: &str = "2026-01-16";
/// A headline naming the subject, as an article about it opens.
const HEAD: &str = "Alibaba, con Qwen la sfida cinese all'intelligenza artificiale aperta";

#[test]
fn counts_with_thousands_points_and_magnitude_words() {
    let s1 = "I modelli Qwen di Alibaba hanno superato i 700 milioni di download su Hugging Face.";
    let s2 = "Gli sviluppatori hanno creato oltre 180.000 modelli derivati da Qwen.";
    let s3 = "Su ModelScope si contano 90 mila modelli derivati di Qwen.";
    let x = extract("it", PUB, &[HEAD, s1, s2, s3]);
    x.one(Kind::Downloads)
        .value(700e6, "downloads")
        .figure("700 milioni di download")
        .quote(s1);
    x.one_in(Kind::Derivatives, s2)
        .value(180_000.0, "models")
        .qualifier(Some(Qualifier::MoreThan))
        .figure("180.000 modelli derivati");
    x.one_in(Kind::Derivatives, s3)
        .value(90_000.0, "models")
        .figure("90 mila modelli derivati");
}

#[test]
fn spaces_group_thousands_whatever_the_space() {
    for space in [" ", "\u{a0}", "\u{202f}"] {
        let s = format!("La comunità ha già pubblicato 180{space}000 modelli derivati da Qwen.");
        let x = extract("it", PUB, &[HEAD, &s]);
        x.one(Kind::Derivatives)
            .value(180_000.0, "models")
            .figure(&format!("180{space}000 modelli derivati"));
    }
}

#[test]
fn decimals_billions_and_spelled_numbers() {
    let s1 = "I modelli Qwen hanno raggiunto 1,2 miliardi di download, secondo Alibaba.";
    let s2 = "L'app Qwen ha conquistato due milioni di utenti in una settimana.";
    let s3 = "Qwen Chat ha superato un milione di utenti nei primi giorni.";
    let x = extract("it", PUB, &[HEAD, s1, s2, s3]);
    x.one_in(Kind::Downloads, s1)
        .value(1.2e9, "downloads")
        .figure("1,2 miliardi di download");
    x.one_in(Kind::Users, s2)
        .value(2e6, "users")
        .figure("due milioni di utenti")
        .topic(Some("app"));
    x.one_in(Kind::Users, s3)
        .value(1e6, "users")
        .figure("un milione di utenti");
}

#[test]
fn investment_keeps_its_stated_conversion() {
    let s = "Alibaba investirà 380 miliardi di yuan (circa 53 miliardi di dollari) in intelligenza artificiale e cloud nei prossimi tre anni.";
    let x = extract("it", PUB, &[HEAD, s]);
    x.one(Kind::Investment)
        .value(380e9, "CNY")
        .converted(53e9, "USD")
        .figure("380 miliardi di yuan")
        .quote(s);
}

#[test]
fn investments_in_euro_and_with_approximations() {
    let s1 = "A febbraio Alibaba ha stanziato 1,2 miliardi di euro per i data center europei.";
    let s2 = "Il gruppo investirà circa 20 miliardi di yuan in nuovi centri dati.";
    let s3 = "Alibaba ha investito 500 milioni di EUR nella sede di Milano.";
    let x = extract("it", "2025-03-10", &[HEAD, s1, s2, s3]);
    x.one_in(Kind::Investment, s1)
        .value(1.2e9, "EUR")
        .figure("1,2 miliardi di euro")
        .date("2025-02");
    x.one_in(Kind::Investment, s2)
        .value(20e9, "CNY")
        .qualifier(Some(Qualifier::About));
    x.one_in(Kind::Investment, s3)
        .value(500e6, "EUR")
        .figure("500 milioni di EUR");
}

#[test]
fn share_prices_in_each_listing_currency() {
    let s1 = "Le azioni Alibaba sono scambiate a 166,10 dollari al Nyse.";
    let s2 = "A Hong Kong il titolo Alibaba ha chiuso a 131,5 dollari di Hong Kong.";
    let s3 = "A Francoforte il titolo Alibaba passava di mano a 123,6 €.";
    let x = extract("it", PUB, &[HEAD, s1, s2, s3]);
    x.one_in(Kind::SharePrice, s1)
        .value(166.1, "USD")
        .figure("166,10 dollari")
        .series(Some("USD"));
    x.one_in(Kind::SharePrice, s2)
        .value(131.5, "HKD")
        .figure("131,5 dollari di Hong Kong")
        .series(Some("HKD"));
    x.one_in(Kind::SharePrice, s3)
        .value(123.6, "EUR")
        .figure("123,6 €")
        .series(Some("EUR"));
}

#[test]
fn percentages_take_their_sign_from_the_verb_or_a_minus() {
    let cases = [
        (
            "Il titolo Alibaba ha chiuso in flessione del 2,1% a Hong Kong.",
            -2.1,
            "2,1%",
        ),
        (
            "Le azioni di Alibaba hanno chiuso in rialzo del 4,3 per cento a Wall Street.",
            4.3,
            "4,3 per cento",
        ),
        (
            "Il titolo Alibaba cede il 3% alla Borsa di Hong Kong.",
            -3.0,
            "3%",
        ),
        (
            "Le azioni Alibaba perdono l'1,8% dopo l'annuncio.",
            -1.8,
            "1,8%",
        ),
        ("Il titolo Alibaba vola dell'8% nel pre-mercato.", 8.0, "8%"),
        (
            "Le azioni Alibaba scivolano del 2,5% in Borsa.",
            -2.5,
            "2,5%",
        ),
        (
            "Il titolo Alibaba lascia sul terreno il 4,2% a Hong Kong.",
            -4.2,
            "4,2%",
        ),
        (
            "Gli ADR di Alibaba hanno ceduto il 2,3% a New York.",
            -2.3,
            "2,3%",
        ),
        (
            "Titolo Alibaba in calo del 2% dopo i conti trimestrali.",
            -2.0,
            "2%",
        ),
    ];
    for (s, amount, figure) in cases {
        let x = extract("it", PUB, &[HEAD, s]);
        x.one(Kind::SharePrice)
            .value(amount, "%")
            .figure(figure)
            .quote(s);
    }
    let x = extract(
        "it",
        PUB,
        &[HEAD, "Il titolo Alibaba segna -3,1% in chiusura."],
    );
    x.one(Kind::SharePrice).value(-3.1, "%");
}

#[test]
fn cloud_growth_is_growth_not_a_share_move() {
    let s = "I ricavi di Alibaba Cloud sono cresciuti del 34% su base annua.";
    let x = extract("it", PUB, &[HEAD, s]);
    x.one(Kind::Growth)
        .value(34.0, "%")
        .topic(Some("cloud"))
        .quote(s);
    x.assert_no(Kind::SharePrice);
}

#[test]
fn absolute_dates() {
    let s1 = "Il 21 ottobre 2025 Alibaba ha rilasciato Qwen3-VL-2B.";
    let s2 = "A ottobre 2025 l'app Qwen ha superato i 10 milioni di utenti.";
    let s3 = "Alibaba ha presentato Qwen3-Coder il 2025-07-22.";
    let s4 = "Nel 2023 Alibaba ha lanciato Qwen come progetto open source.";
    let s5 = "Il 16 gen 2026 Alibaba ha presentato il modello Qwen3-Omni.";
    let x = extract("it", PUB, &[HEAD, s1, s2, s3, s4, s5]);
    x.one_in(Kind::Release, s1)
        .date("2025-10-21")
        .entities(&["Qwen3-VL-2B"]);
    x.one_in(Kind::Users, s2)
        .date("2025-10")
        .value(10e6, "users");
    x.one_in(Kind::Release, s3)
        .date("2025-07-22")
        .entities(&["Qwen3-Coder"]);
    x.one_in(Kind::Release, s4).date("2023");
    x.one_in(Kind::Release, s5)
        .date("2026-01-16")
        .entities(&["Qwen3-Omni"]);
}

#[test]
fn last_week_last_month_and_weekdays_count_back_from_publication() {
    let s1 = "Il mese scorso Alibaba ha annunciato una partnership con Apple per portare l'intelligenza artificiale sugli iPhone venduti in Cina.";
    let s2 = "Le azioni di Alibaba sono salite del 4% giovedì a Wall Street.";
    let x = extract("it", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Partnership)
        .date("2025-12")
        .entities(&["Apple"])
        .figure("partnership con Apple");
    x.one(Kind::SharePrice).date("2026-01-15").value(4.0, "%");
    // Published on a Saturday: last week ran through the previous year's last days.
    let s3 = "La settimana scorsa Alibaba ha presentato il modello Qwen3-Coder.";
    extract("it", "2026-01-03", &[HEAD, s3])
        .one(Kind::Release)
        .date("2025-12");
}

#[test]
fn a_month_without_a_year_is_the_latest_one_not_after_publication() {
    let s1 = "A novembre Alibaba ha lanciato l'app Qwen.";
    let s2 = "A marzo Alibaba ha presentato il modello QwQ-32B.";
    let x = extract("it", "2025-03-13", &[HEAD, s1, s2]);
    x.one_in(Kind::Release, s1).date("2024-11");
    x.one_in(Kind::Release, s2).date("2025-03");
    let s3 = "Lo scorso marzo Alibaba ha presentato il modello QwQ-32B.";
    extract("it", "2025-03-13", &[HEAD, s3])
        .one(Kind::Release)
        .date("2024-03");
}

#[test]
fn months_later_counts_from_the_date_just_mentioned() {
    let s1 = "L'app Qwen ha raggiunto 10 milioni di utenti a novembre 2025.";
    let s2 = "Due mesi dopo gli utenti erano 100 milioni.";
    let x = extract("it", PUB, &[HEAD, s1, s2]);
    x.one_in(Kind::Users, s1)
        .date("2025-11")
        .value(10e6, "users");
    x.one_in(Kind::Users, s2)
        .date("2026-01")
        .value(100e6, "users");
}

#[test]
fn since_and_year_to_date() {
    let s1 = "Da giugno scorso i download di Qwen sono saliti a 700 milioni.";
    extract("it", PUB, &[HEAD, s1])
        .one(Kind::Downloads)
        .value(700e6, "downloads")
        .date("as-of-publication");
    let s2 = "Da inizio anno il titolo Alibaba guadagna il 40%.";
    let x = extract("it", PUB, &[HEAD, s2]);
    x.one(Kind::SharePrice)
        .value(40.0, "%")
        .topic(Some("year to date"))
        .date("2026-01");
}

#[test]
fn events_ranking_and_impact() {
    let s1 = "A ottobre 2025 Qwen ha superato Llama di Meta per numero di download.";
    let s2 = "Oltre 90 mila aziende usano già i modelli Qwen di Alibaba.";
    let x = extract("it", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Ranking)
        .entities(&["Llama"])
        .date("2025-10")
        .topic(Some("downloads"))
        .figure("superato Llama");
    x.one(Kind::Impact)
        .value(90_000.0, "companies")
        .qualifier(Some(Qualifier::MoreThan));
}

#[test]
fn figures_of_rivals_and_forecasts_give_no_fact() {
    let x = extract(
        "it",
        PUB,
        &[
            HEAD,
            "Secondo Meta, Llama è stato scaricato oltre un miliardo di volte.",
            "OpenAI dichiara che ChatGPT ha 800 milioni di utenti settimanali.",
            "Gemini di Google ha raggiunto 650 milioni di utenti mensili.",
            "Alibaba prevede che i ricavi del cloud crescano del 30% il prossimo anno.",
        ],
    );
    x.assert_none();
}

#[test]
fn an_undated_article_still_resolves_written_dates() {
    let s = "Il 21 ottobre 2025 Alibaba ha rilasciato Qwen3-VL-2B.";
    extract_undated("it", &[HEAD, s])
        .one(Kind::Release)
        .date("2025-10-21");
}

#[test]
fn announced_future_launches_are_forecasts() {
    extract(
        "it",
        PUB,
        &[
            HEAD,
            "Alibaba lancerà Qwen4 a marzo, secondo fonti vicine all'azienda.",
        ],
    )
    .assert_none();
}

#[test]
fn partnerships_releases_and_users_in_varied_wording() {
    let s1 = "Alibaba ha siglato un accordo con BMW per integrare Qwen nelle auto.";
    let s2 = "Alibaba lancia Qwen3.5, il suo modello più potente.";
    let s3 = "Più di 100 mila sviluppatori usano Qwen ogni giorno.";
    let s4 = "L'app Qwen conta già 40 milioni di utenti attivi mensili.";
    let x = extract("it", PUB, &[HEAD, s1, s2, s3, s4]);
    x.one(Kind::Partnership)
        .entities(&["BMW"])
        .figure("accordo con BMW")
        .quote(s1);
    x.one(Kind::Release).entities(&["Qwen3.5"]).quote(s2);
    x.one(Kind::Impact)
        .value(100_000.0, "developers")
        .qualifier(Some(Qualifier::MoreThan));
    x.one(Kind::Users)
        .value(40e6, "users")
        .topic(Some("app"))
        .figure("40 milioni di utenti");
}

#[test]
fn unrelated_headlines_on_the_page_give_no_fact() {
    let s = "I modelli Qwen di Alibaba hanno superato 700 milioni di download.";
    let x = extract(
        "it",
        PUB,
        &[
            HEAD,
            s,
            "Meteo, in arrivo 20 centimetri di neve sulle Alpi",
            "Calcio, la Juventus batte il Milan 2-1 e sale a 40 punti",
        ],
    );
    x.one(Kind::Downloads).value(700e6, "downloads").quote(s);
    assert_eq!(
        x.facts.len(),
        1,
        "only the Qwen figure is a fact:\n{}",
        x.dump()
    );
}

#[test]
fn yesterday_and_last_year_count_back_from_publication() {
    let x = extract(
        "it",
        PUB,
        &[
            HEAD,
            "Ieri le azioni di Alibaba sono salite del 3%.",
            "L'anno scorso Alibaba ha lanciato Qwen3.",
        ],
    );
    x.one(Kind::SharePrice).value(3.0, "%").date("2026-01-15");
    x.one(Kind::Release).entities(&["Qwen3"]).date("2025");
}

#[test]
fn spelled_tens_and_half_a_million() {
    let s1 = "L'app Qwen ha superato i trenta milioni di utenti.";
    let s2 = "L'app Qwen ha guadagnato mezzo milione di utenti in un giorno.";
    let x = extract("it", PUB, &[HEAD, s1, s2]);
    x.one_in(Kind::Users, s1)
        .value(30e6, "users")
        .figure("trenta milioni di utenti");
    x.one_in(Kind::Users, s2)
        .value(5e5, "users")
        .figure("mezzo milione di utenti");
}
