//! French extraction: numbers, money, percentages, dates and kinds, on sentences written
//! the way French-language financial and tech news writes them.

mod common;

use common::{extract, extract_undated};
use qwen_story::extract::{Kind, Qualifier};

/// A Friday.
const PUB: &str = "2026-01-16";
/// A headline naming the subject, as an article about it opens.
const HEAD: &str = "Alibaba : avec Qwen, le géant chinois s'impose dans l'IA ouverte";

#[test]
fn counts_with_magnitude_words() {
    let s1 = "Les modèles Qwen d'Alibaba ont dépassé les 700 millions de téléchargements sur Hugging Face.";
    let s2 = "Les développeurs ont déjà créé plus de 140.000 modèles dérivés de Qwen.";
    let x = extract("fr", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Downloads)
        .value(700e6, "downloads")
        .figure("700 millions de téléchargements")
        .quote(s1);
    x.one(Kind::Derivatives)
        .value(140_000.0, "models")
        .qualifier(Some(Qualifier::MoreThan))
        .figure("140.000 modèles dérivés");
}

#[test]
fn spaces_group_thousands_whatever_the_space() {
    for space in [" ", "\u{a0}", "\u{202f}"] {
        let s = format!("La communauté a publié plus de 180{space}000 modèles dérivés de Qwen.");
        let x = extract("fr", PUB, &[HEAD, &s]);
        x.one(Kind::Derivatives)
            .value(180_000.0, "models")
            .figure(&format!("180{space}000 modèles dérivés"));
    }
}

#[test]
fn decimals_billions_and_spelled_numbers() {
    let s1 = "Les modèles Qwen cumulent 1,2 milliard de téléchargements, selon Alibaba.";
    let s2 = "L'application Qwen a gagné deux millions d'utilisateurs en une semaine.";
    let s3 = "Qwen Chat a séduit un million d'utilisateurs en quelques jours.";
    let x = extract("fr", PUB, &[HEAD, s1, s2, s3]);
    x.one_in(Kind::Downloads, s1)
        .value(1.2e9, "downloads")
        .figure("1,2 milliard de téléchargements");
    x.one_in(Kind::Users, s2)
        .value(2e6, "users")
        .figure("deux millions d'utilisateurs")
        .topic(Some("app"));
    x.one_in(Kind::Users, s3)
        .value(1e6, "users")
        .figure("un million d'utilisateurs");
}

#[test]
fn investment_keeps_its_stated_conversion() {
    let s = "Alibaba va investir 380 milliards de yuans (environ 53 milliards de dollars) dans l'intelligence artificielle et le cloud.";
    let x = extract("fr", PUB, &[HEAD, s]);
    x.one(Kind::Investment)
        .value(380e9, "CNY")
        .converted(53e9, "USD")
        .figure("380 milliards de yuans")
        .quote(s);
}

#[test]
fn investments_in_euros_and_with_approximations() {
    let s1 = "En février, Alibaba a annoncé un investissement de 1,2 milliard d'euros dans ses centres de données européens.";
    let s2 =
        "Le groupe va investir environ 20 milliards de yuans dans de nouveaux centres de données.";
    let s3 = "Alibaba a investi 500 millions EUR à Paris.";
    let x = extract("fr", "2025-03-10", &[HEAD, s1, s2, s3]);
    x.one_in(Kind::Investment, s1)
        .value(1.2e9, "EUR")
        .figure("1,2 milliard d'euros")
        .date("2025-02");
    x.one_in(Kind::Investment, s2)
        .value(20e9, "CNY")
        .qualifier(Some(Qualifier::About));
    x.one_in(Kind::Investment, s3)
        .value(500e6, "EUR")
        .figure("500 millions EUR");
}

#[test]
fn share_prices_in_each_listing_currency() {
    let s1 = "L'action Alibaba a terminé à 150,30 dollars à Wall Street.";
    let s2 = "À Hong Kong, le titre Alibaba a clôturé à 131,50 dollars de Hong Kong.";
    let s3 = "L'action Alibaba s'échangeait à 123,60 € à Francfort.";
    let s4 = "Le titre Alibaba cotait 131,5 HK$ en séance.";
    let x = extract("fr", PUB, &[HEAD, s1, s2, s3, s4]);
    x.one_in(Kind::SharePrice, s1)
        .value(150.3, "USD")
        .figure("150,30 dollars")
        .series(Some("USD"));
    x.one_in(Kind::SharePrice, s2)
        .value(131.5, "HKD")
        .figure("131,50 dollars de Hong Kong")
        .series(Some("HKD"));
    x.one_in(Kind::SharePrice, s3)
        .value(123.6, "EUR")
        .figure("123,60 €")
        .series(Some("EUR"));
    x.one_in(Kind::SharePrice, s4)
        .value(131.5, "HKD")
        .figure("131,5 HK$");
}

#[test]
fn percentages_take_their_sign_from_the_verb_or_a_minus() {
    let cases = [
        (
            "L'action Alibaba a cédé 2,4 % à la Bourse de Hong Kong.",
            -2.4,
            "2,4 %",
        ),
        (
            "Le titre Alibaba a terminé en baisse de 3,1 % à Hong Kong.",
            -3.1,
            "3,1 %",
        ),
        (
            "L'action Alibaba a clôturé en hausse de 4,3 pour cent à Wall Street.",
            4.3,
            "4,3 pour cent",
        ),
        (
            "Le titre Alibaba recule de 1,8 % après l'annonce.",
            -1.8,
            "1,8 %",
        ),
        ("L'action Alibaba abandonne 2 % en séance.", -2.0, "2 %"),
        (
            "Le titre Alibaba s'envole de 8 % en avant-bourse.",
            8.0,
            "8 %",
        ),
        ("L'action Alibaba a chuté de 9 % en séance.", -9.0, "9 %"),
        (
            "Les ADR d'Alibaba ont reculé de 2,3 % à New York.",
            -2.3,
            "2,3 %",
        ),
        (
            "L'action Alibaba lâche 4,2 % en préouverture.",
            -4.2,
            "4,2 %",
        ),
    ];
    for (s, amount, figure) in cases {
        let x = extract("fr", PUB, &[HEAD, s]);
        x.one(Kind::SharePrice)
            .value(amount, "%")
            .figure(figure)
            .quote(s);
    }
    let x = extract(
        "fr",
        PUB,
        &[HEAD, "Le titre Alibaba affiche -3,1 % à la clôture."],
    );
    x.one(Kind::SharePrice).value(-3.1, "%");
}

#[test]
fn cloud_growth_is_growth_not_a_share_move() {
    let s = "Le chiffre d'affaires d'Alibaba Cloud a progressé de 34 % sur un an.";
    let x = extract("fr", PUB, &[HEAD, s]);
    x.one(Kind::Growth)
        .value(34.0, "%")
        .topic(Some("cloud"))
        .quote(s);
    x.assert_no(Kind::SharePrice);
}

#[test]
fn absolute_dates() {
    let s1 = "Le 21 octobre 2025, Alibaba a lancé le modèle Qwen3-Max.";
    let s2 = "En octobre 2025, l'application Qwen comptait 10 millions d'utilisateurs.";
    let s3 = "Alibaba a dévoilé Qwen3-Coder le 2025-07-22.";
    let s4 = "En 2023, Alibaba a lancé Qwen en open source.";
    let s5 = "En février 2025, Alibaba a présenté le modèle QwQ-Max.";
    let x = extract("fr", PUB, &[HEAD, s1, s2, s3, s4, s5]);
    x.one_in(Kind::Release, s1)
        .date("2025-10-21")
        .entities(&["Qwen3-Max"]);
    x.one_in(Kind::Users, s2)
        .date("2025-10")
        .value(10e6, "users");
    x.one_in(Kind::Release, s3)
        .date("2025-07-22")
        .entities(&["Qwen3-Coder"]);
    x.one_in(Kind::Release, s4).date("2023");
    x.one_in(Kind::Release, s5)
        .date("2025-02")
        .entities(&["QwQ-Max"]);
}

#[test]
fn last_week_last_month_and_weekdays_count_back_from_publication() {
    let s1 = "Le mois dernier, Alibaba a annoncé un partenariat avec Apple pour intégrer son IA aux iPhone vendus en Chine.";
    let s2 = "L'action Alibaba a clôturé en hausse de 4 % jeudi à Wall Street.";
    let x = extract("fr", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Partnership)
        .date("2025-12")
        .entities(&["Apple"])
        .figure("partenariat avec Apple");
    x.one(Kind::SharePrice).date("2026-01-15").value(4.0, "%");
    // Published on a Saturday: last week ran through the previous year's last days.
    let s3 = "La semaine dernière, Alibaba a dévoilé le modèle Qwen3-Max.";
    extract("fr", "2026-01-03", &[HEAD, s3])
        .one(Kind::Release)
        .date("2025-12");
}

#[test]
fn a_month_without_a_year_is_the_latest_one_not_after_publication() {
    let s1 = "Lancée en novembre, l'application Qwen compte déjà 30 millions d'utilisateurs.";
    let x = extract("fr", PUB, &[HEAD, s1]);
    x.one(Kind::Release).date("2025-11").entities(&["Qwen app"]);
    x.one(Kind::Users)
        .date("2025-11")
        .value(30e6, "users")
        .topic(Some("app"));
    let s2 = "En novembre, Alibaba a lancé l'application Qwen.";
    let s3 = "En mars, Alibaba a présenté le modèle QwQ-32B.";
    let x = extract("fr", "2025-03-13", &[HEAD, s2, s3]);
    x.one_in(Kind::Release, s2).date("2024-11");
    x.one_in(Kind::Release, s3).date("2025-03");
    let s4 = "En mars dernier, Alibaba a présenté le modèle QwQ-32B.";
    extract("fr", "2025-03-13", &[HEAD, s4])
        .one(Kind::Release)
        .date("2024-03");
}

#[test]
fn months_later_counts_from_the_date_just_mentioned() {
    let s1 = "En février 2025, Alibaba a annoncé un investissement de 380 milliards de yuans.";
    let s2 = "Deux mois plus tard, l'action Alibaba avait gagné 20 %.";
    let x = extract("fr", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Investment).date("2025-02").value(380e9, "CNY");
    x.one(Kind::SharePrice)
        .date("2025-04")
        .value(20.0, "%")
        .quote(s2);
}

#[test]
fn since_and_year_to_date() {
    let s1 = "Depuis juin dernier, les téléchargements de Qwen dépassent les 700 millions.";
    extract("fr", PUB, &[HEAD, s1])
        .one(Kind::Downloads)
        .value(700e6, "downloads")
        .date("as-of-publication");
    let s2 = "Depuis le début de l'année, l'action Alibaba a gagné 40 %.";
    let x = extract("fr", PUB, &[HEAD, s2]);
    x.one(Kind::SharePrice)
        .value(40.0, "%")
        .topic(Some("year to date"))
        .date("2026-01");
}

#[test]
fn events_ranking_and_impact() {
    let s1 = "En octobre 2025, Qwen a dépassé Llama de Meta en nombre de téléchargements.";
    let s2 = "Plus de 90\u{a0}000 entreprises utilisent déjà les modèles Qwen d'Alibaba.";
    let x = extract("fr", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Ranking)
        .entities(&["Llama"])
        .date("2025-10")
        .topic(Some("downloads"))
        .figure("dépassé Llama");
    x.one(Kind::Impact)
        .value(90_000.0, "companies")
        .qualifier(Some(Qualifier::MoreThan));
}

#[test]
fn figures_of_rivals_and_forecasts_give_no_fact() {
    let x = extract(
        "fr",
        PUB,
        &[
            HEAD,
            "Selon Meta, Llama a été téléchargé plus d'un milliard de fois.",
            "OpenAI affirme que ChatGPT compte 800 millions d'utilisateurs par semaine.",
            "Gemini, de Google, revendique 650 millions d'utilisateurs mensuels.",
            "Alibaba prévoit une croissance de 30 % de son activité cloud l'an prochain.",
        ],
    );
    x.assert_none();
}

#[test]
fn an_undated_article_still_resolves_written_dates() {
    let s = "Le 21 octobre 2025, Alibaba a lancé le modèle Qwen3-Max.";
    extract_undated("fr", &[HEAD, s])
        .one(Kind::Release)
        .date("2025-10-21");
}

#[test]
fn announced_future_launches_are_forecasts() {
    extract(
        "fr",
        PUB,
        &[
            HEAD,
            "Alibaba lancera Qwen4 en mars, selon des sources proches du groupe.",
        ],
    )
    .assert_none();
}

#[test]
fn partnerships_releases_and_users_in_varied_wording() {
    let s1 = "Alibaba a signé un accord avec BMW pour intégrer Qwen dans ses voitures.";
    let s2 = "Alibaba dévoile Qwen3.5, son modèle le plus puissant à ce jour.";
    let s3 = "Plus de 100 000 développeurs utilisent Qwen chaque jour.";
    let s4 = "L'application Qwen revendique 40 millions d'utilisateurs actifs mensuels.";
    let x = extract("fr", PUB, &[HEAD, s1, s2, s3, s4]);
    x.one(Kind::Partnership)
        .entities(&["BMW"])
        .figure("accord avec BMW")
        .quote(s1);
    x.one(Kind::Release).entities(&["Qwen3.5"]).quote(s2);
    x.one(Kind::Impact)
        .value(100_000.0, "developers")
        .qualifier(Some(Qualifier::MoreThan));
    x.one(Kind::Users)
        .value(40e6, "users")
        .topic(Some("app"))
        .figure("40 millions d'utilisateurs");
}

#[test]
fn more_downloads_than_the_next_families_combined_is_a_ranking() {
    let s = "Fin décembre, Qwen comptait plus de téléchargements que les huit familles suivantes réunies.";
    let x = extract("fr", PUB, &[HEAD, s]);
    x.one(Kind::Ranking)
        .entities(&["8"])
        .series(Some("combined"))
        .date("2025-12")
        .quote(s);
}

#[test]
fn unrelated_headlines_on_the_page_give_no_fact() {
    let s = "Les modèles Qwen d'Alibaba ont dépassé 700 millions de téléchargements.";
    let x = extract(
        "fr",
        PUB,
        &[
            HEAD,
            s,
            "À lire aussi : le CAC 40 termine en hausse de 0,8 % à 8 200 points",
            "La SNCF a transporté 120 millions de voyageurs en 2025.",
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
        "fr",
        PUB,
        &[
            HEAD,
            "Hier, l'action Alibaba a gagné 3 %.",
            "L'an dernier, Alibaba a lancé Qwen3.",
        ],
    );
    x.one(Kind::SharePrice).value(3.0, "%").date("2026-01-15");
    x.one(Kind::Release).entities(&["Qwen3"]).date("2025");
}

#[test]
fn words_that_only_look_like_fact_words() {
    // "au cours de" (during) is no share price; "attendu" (long-awaited) is no forecast.
    let x = extract(
        "fr",
        PUB,
        &[
            HEAD,
            "Au cours de l'année, Qwen a gagné 20 % de parts de marché.",
        ],
    );
    x.assert_no(Kind::SharePrice);
    let s = "Le très attendu Qwen3-Max a été lancé le 21 octobre 2025.";
    extract("fr", PUB, &[HEAD, s])
        .one(Kind::Release)
        .entities(&["Qwen3-Max"])
        .date("2025-10-21");
}

#[test]
fn spelled_tens_abbreviated_millions_and_budgets() {
    let s1 = "L'application Qwen a dépassé les trente millions d'utilisateurs.";
    let s2 = "Alibaba investira 500 M€ dans des centres de données en France.";
    let s3 = "Alibaba a annoncé une enveloppe de 380 milliards de yuans pour l'IA.";
    let s4 = "Alibaba s'allie à BMW pour intégrer Qwen dans ses voitures.";
    let x = extract("fr", PUB, &[HEAD, s1, s2, s3, s4]);
    x.one(Kind::Users)
        .value(30e6, "users")
        .figure("trente millions d'utilisateurs");
    x.one_in(Kind::Investment, s2)
        .value(500e6, "EUR")
        .figure("500 M€");
    x.one_in(Kind::Investment, s3).value(380e9, "CNY");
    x.one(Kind::Partnership)
        .entities(&["BMW"])
        .figure("s'allie à BMW");
}

#[test]
fn published_derivatives_are_no_launch() {
    let s = "Plus de 180 000 modèles dérivés de Qwen ont été publiés par la communauté.";
    let x = extract("fr", PUB, &[HEAD, s]);
    x.one(Kind::Derivatives)
        .value(180_000.0, "models")
        .qualifier(Some(Qualifier::MoreThan));
    x.assert_no(Kind::Release);
}

#[test]
fn abbreviated_months_keep_their_sentence() {
    let s = "Le 21 janv. 2026, Alibaba a présenté le modèle Qwen3-Max.";
    let x = extract("fr", "2026-01-23", &[HEAD, s]);
    x.one(Kind::Release)
        .entities(&["Qwen3-Max"])
        .date("2026-01-21")
        .quote(s);
}
