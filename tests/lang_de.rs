//! German extraction: numbers, money, percentages, dates and kinds, on sentences written
//! the way German-language financial and tech news writes them.

mod common;

use common::{extract, extract_undated};
use qwen_story::extract::{Kind, Qualifier};

/// A Friday.
const PUB: &str = "2026-01-16";
/// A headline naming the subject, as an article about it opens.
const HEAD: &str = "Alibaba: Wie Qwen zum Motor der chinesischen KI wird";

#[test]
fn counts_with_thousands_points_and_magnitude_words() {
    let s1 = "Die Qwen-Modelle von Alibaba wurden inzwischen mehr als 700 Millionen Mal heruntergeladen.";
    let s2 =
        "Entwickler haben bereits über 180.000 abgeleitete Modelle auf Basis von Qwen erstellt.";
    let s3 = "Auf Hugging Face zählen die Qwen-Modelle 400 Mio. Downloads.";
    let x = extract("de", PUB, &[HEAD, s1, s2, s3]);
    x.one_in(Kind::Downloads, s1)
        .value(700e6, "downloads")
        .qualifier(Some(Qualifier::MoreThan))
        .figure("700 Millionen Mal heruntergeladen");
    x.one_in(Kind::Derivatives, s2)
        .value(180_000.0, "models")
        .qualifier(Some(Qualifier::MoreThan))
        .figure("180.000 abgeleitete Modelle");
    x.one_in(Kind::Downloads, s3)
        .value(400e6, "downloads")
        .figure("400 Mio. Downloads")
        .quote(s3);
}

#[test]
fn spaces_and_swiss_apostrophes_group_thousands() {
    for space in [" ", "\u{a0}", "\u{202f}", "'"] {
        let s = format!(
            "Die Community hat schon 180{space}000 abgeleitete Modelle von Qwen veröffentlicht."
        );
        let x = extract("de", PUB, &[HEAD, &s]);
        x.one(Kind::Derivatives)
            .value(180_000.0, "models")
            .figure(&format!("180{space}000 abgeleitete Modelle"));
    }
}

#[test]
fn decimals_billions_and_spelled_numbers() {
    let s1 = "Die Qwen-Modelle wurden 1,2 Milliarden Mal heruntergeladen.";
    let s2 = "Die Qwen-App hat zwei Millionen Nutzer in einer Woche gewonnen.";
    let s3 = "Qwen Chat gewann eine Million Nutzer in wenigen Tagen.";
    let x = extract("de", PUB, &[HEAD, s1, s2, s3]);
    x.one_in(Kind::Downloads, s1).value(1.2e9, "downloads");
    x.one_in(Kind::Users, s2)
        .value(2e6, "users")
        .figure("zwei Millionen Nutzer")
        .topic(Some("app"));
    x.one_in(Kind::Users, s3)
        .value(1e6, "users")
        .figure("eine Million Nutzer");
}

#[test]
fn investment_keeps_its_stated_conversion() {
    let s = "Für Cloud und KI will Alibaba in drei Jahren 380 Milliarden Yuan (rund 52,5 Milliarden US-Dollar) investieren.";
    let x = extract("de", PUB, &[HEAD, s]);
    x.one(Kind::Investment)
        .value(380e9, "CNY")
        .converted(52.5e9, "USD")
        .figure("380 Milliarden Yuan")
        .quote(s);
}

#[test]
fn investments_in_euro_and_with_approximations() {
    let s1 = "Im Februar kündigte Alibaba eine Investition von zwei Milliarden Euro in europäische Rechenzentren an.";
    let s2 = "Alibaba will etwa 20 Mrd. Yuan in neue Rechenzentren investieren.";
    let s3 = "Alibaba hat 500 Millionen EUR in Frankfurt investiert.";
    let s4 = "Alibaba will rund 20 Milliarden Yuan in Rechenzentren investieren.";
    let x = extract("de", "2025-03-10", &[HEAD, s1, s2, s3, s4]);
    x.one_in(Kind::Investment, s4)
        .value(20e9, "CNY")
        .qualifier(Some(Qualifier::About))
        .figure("20 Milliarden Yuan");
    x.one_in(Kind::Investment, s1)
        .value(2e9, "EUR")
        .figure("zwei Milliarden Euro")
        .date("2025-02");
    x.one_in(Kind::Investment, s2)
        .value(20e9, "CNY")
        .qualifier(Some(Qualifier::About))
        .figure("20 Mrd. Yuan");
    x.one_in(Kind::Investment, s3)
        .value(500e6, "EUR")
        .figure("500 Millionen EUR");
}

#[test]
fn share_prices_in_each_listing_currency() {
    let s1 = "Die Alibaba-Aktie kostete an der Wall Street zuletzt 150,30 US-Dollar.";
    let s2 = "In Hongkong schloss die Alibaba-Aktie bei 131,50 Hongkong-Dollar.";
    let s3 = "Auf Xetra notierte die Aktie von Alibaba bei 123,6EUR.";
    let s4 = "Der Kurs der Alibaba-Aktie lag bei 131,50 HK$.";
    let x = extract("de", PUB, &[HEAD, s1, s2, s3, s4]);
    x.one_in(Kind::SharePrice, s1)
        .value(150.3, "USD")
        .figure("150,30 US-Dollar")
        .series(Some("USD"));
    x.one_in(Kind::SharePrice, s2)
        .value(131.5, "HKD")
        .figure("131,50 Hongkong-Dollar")
        .series(Some("HKD"));
    x.one_in(Kind::SharePrice, s3)
        .value(123.6, "EUR")
        .figure("123,6EUR")
        .series(Some("EUR"));
    x.one_in(Kind::SharePrice, s4)
        .value(131.5, "HKD")
        .figure("131,50 HK$");
}

#[test]
fn percentages_take_their_sign_from_the_verb_or_a_minus() {
    let cases = [
        (
            "Die Alibaba-Aktie fiel in Hongkong um 2,45 Prozent.",
            -2.45,
            "2,45 Prozent",
        ),
        (
            "Die Aktie von Alibaba stieg an der Wall Street um 4,3 Prozent.",
            4.3,
            "4,3 Prozent",
        ),
        ("Die Alibaba-Aktie verlor 3 Prozent.", -3.0, "3 Prozent"),
        ("Die Alibaba-Aktie büßte 2 Prozent ein.", -2.0, "2 Prozent"),
        (
            "Die Alibaba-Aktie sackte um 5 Prozent ab.",
            -5.0,
            "5 Prozent",
        ),
        ("Die Alibaba-Aktie kletterte um 8 %.", 8.0, "8 %"),
        (
            "Die Alibaba-Aktie notierte mit einem Minus von 1,59 Prozent.",
            -1.59,
            "1,59 Prozent",
        ),
        (
            "Die Aktie von Alibaba brach um 9 Prozent ein.",
            -9.0,
            "9 Prozent",
        ),
        (
            "Die Alibaba-Aktie verbilligte sich vorbörslich um 4,2 Prozent.",
            -4.2,
            "4,2 Prozent",
        ),
        (
            "Alibaba-Papiere legten in Hongkong um 3,5 Prozent zu.",
            3.5,
            "3,5 Prozent",
        ),
        (
            "Die Alibaba-Aktie schloss mit einem Plus von 5 Prozent.",
            5.0,
            "5 Prozent",
        ),
    ];
    for (s, amount, figure) in cases {
        let x = extract("de", PUB, &[HEAD, s]);
        x.one(Kind::SharePrice)
            .value(amount, "%")
            .figure(figure)
            .quote(s);
    }
    let x = extract(
        "de",
        PUB,
        &[HEAD, "Die Alibaba-Aktie wird mit -1,59 % gehandelt."],
    );
    x.one(Kind::SharePrice).value(-1.59, "%");
}

#[test]
fn cloud_growth_is_growth_not_a_share_move() {
    let s = "Der Umsatz von Alibaba Cloud wuchs im Quartal um 34 Prozent.";
    let x = extract("de", PUB, &[HEAD, s]);
    x.one(Kind::Growth)
        .value(34.0, "%")
        .topic(Some("cloud"))
        .quote(s);
    x.assert_no(Kind::SharePrice);
}

#[test]
fn absolute_dates() {
    let s1 = "Am 13. März 2025 stellte Alibaba das Modell QwQ-32B vor.";
    let s2 = "Im Oktober 2025 zählte die Qwen-App 10 Millionen Nutzer.";
    let s3 = "Alibaba veröffentlichte Qwen3-Coder am 2025-07-22.";
    let s4 = "Im Jahr 2023 brachte Alibaba Qwen als Open-Source-Modell heraus.";
    let s5 = "Am 21. Oktober 2025 präsentierte Alibaba Qwen3-Max.";
    let x = extract("de", PUB, &[HEAD, s1, s2, s3, s4, s5]);
    x.one_in(Kind::Release, s1)
        .date("2025-03-13")
        .entities(&["QwQ-32B"]);
    x.one_in(Kind::Users, s2)
        .date("2025-10")
        .value(10e6, "users");
    x.one_in(Kind::Release, s3)
        .date("2025-07-22")
        .entities(&["Qwen3-Coder"]);
    x.one_in(Kind::Release, s4).date("2023");
    x.one_in(Kind::Release, s5)
        .date("2025-10-21")
        .entities(&["Qwen3-Max"]);
}

#[test]
fn last_week_last_month_and_weekdays_count_back_from_publication() {
    let s1 = "Letzten Monat kündigte Alibaba eine Partnerschaft mit Apple an.";
    let s2 = "Am Donnerstag stieg die Alibaba-Aktie an der Wall Street um 4 Prozent.";
    let x = extract("de", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Partnership)
        .date("2025-12")
        .entities(&["Apple"])
        .figure("Partnerschaft mit Apple");
    x.one(Kind::SharePrice).date("2026-01-15").value(4.0, "%");
    // Published on a Thursday: "am Donnerstag" is that very day.
    let s3 = "Am Donnerstag fiel die Alibaba-Aktie um 2,45 Prozent.";
    extract("de", "2025-03-13", &[HEAD, s3])
        .one(Kind::SharePrice)
        .date("2025-03-13")
        .value(-2.45, "%");
    // Published on a Saturday: last week ran through the previous year's last days.
    let s4 = "Letzte Woche präsentierte Alibaba das Modell Qwen3-Max.";
    extract("de", "2026-01-03", &[HEAD, s4])
        .one(Kind::Release)
        .date("2025-12");
}

#[test]
fn a_month_without_a_year_is_the_latest_one_not_after_publication() {
    let s1 = "Im November brachte Alibaba die Qwen-App heraus.";
    let s2 = "Im März stellte Alibaba das Modell QwQ-32B vor.";
    let x = extract("de", "2025-03-13", &[HEAD, s1, s2]);
    x.one_in(Kind::Release, s1).date("2024-11");
    x.one_in(Kind::Release, s2).date("2025-03");
    let s3 = "Im letzten März stellte Alibaba das Modell QwQ-32B vor.";
    extract("de", "2025-03-13", &[HEAD, s3])
        .one(Kind::Release)
        .date("2024-03");
}

#[test]
fn months_later_counts_from_the_date_just_mentioned() {
    let s1 = "Im November 2025 startete Alibaba die Qwen-App.";
    let s2 = "Zwei Monate später zählte die App 100 Millionen Nutzer.";
    let x = extract("de", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Release).date("2025-11");
    x.one(Kind::Users)
        .date("2026-01")
        .value(100e6, "users")
        .quote(s2);
}

#[test]
fn since_and_year_to_date() {
    let s1 =
        "Seit vergangenem Juni haben sich die Downloads von Qwen auf 700 Millionen verdoppelt.";
    extract("de", PUB, &[HEAD, s1])
        .one(Kind::Downloads)
        .value(700e6, "downloads")
        .date("as-of-publication");
    let s2 = "Seit Jahresbeginn hat die Alibaba-Aktie 40 Prozent zugelegt.";
    let x = extract("de", PUB, &[HEAD, s2]);
    x.one(Kind::SharePrice)
        .value(40.0, "%")
        .topic(Some("year to date"))
        .date("2026-01");
}

#[test]
fn events_ranking_and_impact() {
    let s1 = "Qwen überholte im Oktober 2025 Metas Llama bei den Downloads.";
    let s2 = "Mehr als 90.000 Unternehmen nutzen bereits die Qwen-Modelle von Alibaba.";
    let x = extract("de", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Ranking)
        .entities(&["Llama"])
        .date("2025-10")
        .topic(Some("downloads"));
    x.one(Kind::Impact)
        .value(90_000.0, "companies")
        .qualifier(Some(Qualifier::MoreThan))
        .figure("90.000 Unternehmen");
}

#[test]
fn figures_of_rivals_and_forecasts_give_no_fact() {
    let x = extract(
        "de",
        PUB,
        &[
            HEAD,
            "Meta zufolge wurde Llama über eine Milliarde Mal heruntergeladen.",
            "OpenAI gibt an, dass ChatGPT 800 Millionen wöchentliche Nutzer hat.",
            "Googles Gemini kommt auf 650 Millionen Nutzer im Monat.",
            "Alibaba erwartet, dass der Cloud-Umsatz im kommenden Jahr um 30 Prozent wächst.",
        ],
    );
    x.assert_none();
}

#[test]
fn an_undated_article_still_resolves_written_dates() {
    let s = "Am 13. März 2025 stellte Alibaba das Modell QwQ-32B vor.";
    extract_undated("de", &[HEAD, s])
        .one(Kind::Release)
        .date("2025-03-13");
}

#[test]
fn partnerships_releases_and_users_in_varied_wording() {
    let s1 = "Alibaba hat eine Vereinbarung mit BMW geschlossen, um Qwen in Autos zu integrieren.";
    let s2 = "Alibaba präsentiert Qwen3.5, sein bislang leistungsstärkstes Modell.";
    let s3 = "Mehr als 100.000 Entwickler nutzen Qwen täglich.";
    let s4 = "Die Qwen-App hat bereits 40 Millionen monatlich aktive Nutzer.";
    let x = extract("de", PUB, &[HEAD, s1, s2, s3, s4]);
    x.one(Kind::Partnership)
        .entities(&["BMW"])
        .figure("Vereinbarung mit BMW")
        .quote(s1);
    x.one(Kind::Release).entities(&["Qwen3.5"]).quote(s2);
    x.one(Kind::Impact).value(100_000.0, "developers");
    x.one(Kind::Users).value(40e6, "users").topic(Some("app"));
}

#[test]
fn more_downloads_than_the_next_families_combined_is_a_ranking() {
    let s =
        "Anfang Dezember hatte Qwen mehr Downloads als die nächsten acht Modellfamilien zusammen.";
    let x = extract("de", PUB, &[HEAD, s]);
    x.one(Kind::Ranking)
        .entities(&["8"])
        .series(Some("combined"))
        .date("2025-12")
        .quote(s);
}

#[test]
fn unrelated_headlines_on_the_page_give_no_fact() {
    let s = "Die Qwen-Modelle von Alibaba wurden 700 Millionen Mal heruntergeladen.";
    let x = extract(
        "de",
        PUB,
        &[
            HEAD,
            s,
            "Der DAX stieg am Freitag um 1,2 Prozent auf 25.000 Punkte.",
            "Die Inflation in Deutschland lag im Dezember bei 2,1 Prozent.",
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
        "de",
        PUB,
        &[
            HEAD,
            "Gestern stieg die Alibaba-Aktie um 3 Prozent.",
            "Im vergangenen Jahr brachte Alibaba Qwen3 heraus.",
        ],
    );
    x.one(Kind::SharePrice).value(3.0, "%").date("2026-01-15");
    x.one(Kind::Release).entities(&["Qwen3"]).date("2025");
}

#[test]
fn spelled_tens_half_a_million_and_releases_at_the_end() {
    let s1 = "Die Qwen-App hat dreißig Millionen Nutzer.";
    let s2 = "Die Qwen-App gewann eine halbe Million Nutzer an einem Tag.";
    let s3 = "Alibaba hat das Modell Qwen3-Coder freigegeben.";
    let x = extract("de", PUB, &[HEAD, s1, s2, s3]);
    x.one_in(Kind::Users, s1)
        .value(30e6, "users")
        .figure("dreißig Millionen Nutzer");
    x.one_in(Kind::Users, s2)
        .value(5e5, "users")
        .figure("eine halbe Million Nutzer");
    x.one(Kind::Release).entities(&["Qwen3-Coder"]).quote(s3);
}

#[test]
fn abbreviated_months_and_verb_final_rankings() {
    let s1 = "Am 16. Jan. 2026 stellte Alibaba das Modell Qwen3-Omni vor.";
    let s2 = "Qwen hat Llama bei den Downloads überholt.";
    let x = extract("de", "2026-01-20", &[HEAD, s1, s2]);
    x.one(Kind::Release)
        .entities(&["Qwen3-Omni"])
        .date("2026-01-16")
        .quote(s1);
    x.one(Kind::Ranking)
        .entities(&["Llama"])
        .topic(Some("downloads"))
        .quote(s2);
}
