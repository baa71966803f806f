//! Spanish extraction: numbers, money, percentages, dates and kinds, on sentences written
//! the way Spanish-language business and tech news writes them.

mod common;

use common::{extract, extract_undated};
use qwen_story::extract::{Kind, Qualifier};

/// A Friday.
const PUB: &str = "2026-01-16";
/// A headline naming the subject, as an article about it opens.
const HEAD: &str = "Alibaba acelera con Qwen en la carrera de la inteligencia artificial";

#[test]
fn counts_with_thousands_points_and_magnitude_words() {
    let s1 =
        "Los modelos Qwen de Alibaba ya superan los 700 millones de descargas en Hugging Face.";
    let s2 = "Los desarrolladores han publicado más de 180.000 modelos derivados de Qwen.";
    let x = extract("es", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Downloads)
        .value(700e6, "downloads")
        .figure("700 millones de descargas")
        .quote(s1)
        .date("as-of-publication");
    x.one(Kind::Derivatives)
        .value(180_000.0, "models")
        .qualifier(Some(Qualifier::MoreThan))
        .figure("180.000 modelos derivados")
        .quote(s2);
}

#[test]
fn spaces_group_thousands_whatever_the_space() {
    for space in [" ", "\u{a0}", "\u{202f}"] {
        let s = format!("La comunidad ya ha creado 180{space}000 modelos derivados de Qwen.");
        let x = extract("es", PUB, &[HEAD, &s]);
        x.one(Kind::Derivatives)
            .value(180_000.0, "models")
            .figure(&format!("180{space}000 modelos derivados"));
    }
}

#[test]
fn comma_grouped_amounts_and_spelled_numbers() {
    let s1 = "Alibaba invirtió 1,234.5 millones de dólares en sus centros de datos de México.";
    let s2 = "La aplicación Qwen sumó dos millones de usuarios en una sola semana.";
    let s3 = "Qwen Chat ganó un millón de usuarios en sus primeros días.";
    let x = extract("es", PUB, &[HEAD, s1, s2, s3]);
    x.one(Kind::Investment)
        .value(1_234.5e6, "USD")
        .figure("1,234.5 millones de dólares");
    x.one_in(Kind::Users, s2)
        .value(2e6, "users")
        .figure("dos millones de usuarios")
        .topic(Some("app"));
    x.one_in(Kind::Users, s3)
        .value(1e6, "users")
        .figure("un millón de usuarios");
}

#[test]
fn investment_keeps_its_stated_conversion() {
    let s = "Alibaba invertirá 380.000 millones de yuanes (unos 52.500 millones de dólares) en inteligencia artificial y computación en la nube durante los próximos tres años.";
    let x = extract("es", PUB, &[HEAD, s]);
    x.one(Kind::Investment)
        .value(380e9, "CNY")
        .converted(52.5e9, "USD")
        .figure("380.000 millones de yuanes")
        .quote(s);
}

#[test]
fn mil_millones_and_approximations() {
    let s1 = "En febrero, Alibaba anunció una inversión de 53 mil millones de dólares en IA.";
    let s2 = "El grupo destinará cerca de 20.000 millones de yuanes a nuevos centros de datos.";
    let x = extract("es", "2025-03-10", &[HEAD, s1, s2]);
    x.one_in(Kind::Investment, s1)
        .value(53e9, "USD")
        .figure("53 mil millones de dólares")
        .date("2025-02");
    x.one_in(Kind::Investment, s2)
        .value(20e9, "CNY")
        .qualifier(Some(Qualifier::About));
}

#[test]
fn share_prices_in_each_listing_currency() {
    let s1 = "Las acciones de Alibaba cerraron a US$ 150,30 en Nueva York.";
    let s2 = "En Hong Kong, los títulos de Alibaba cotizaban a 145,20 dólares de Hong Kong.";
    let s3 = "En Fráncfort, la acción de Alibaba se negociaba a 123,60 euros.";
    let x = extract("es", PUB, &[HEAD, s1, s2, s3]);
    x.one_in(Kind::SharePrice, s1)
        .value(150.3, "USD")
        .figure("US$ 150,30")
        .series(Some("USD"));
    x.one_in(Kind::SharePrice, s2)
        .value(145.2, "HKD")
        .figure("145,20 dólares de Hong Kong")
        .series(Some("HKD"));
    x.one_in(Kind::SharePrice, s3)
        .value(123.6, "EUR")
        .figure("123,60 euros")
        .series(Some("EUR"));
}

#[test]
fn percentages_take_their_sign_from_the_verb_or_a_minus() {
    let cases = [
        (
            "Las acciones de Alibaba cayeron un 2,4% en la bolsa de Hong Kong.",
            -2.4,
            "2,4%",
        ),
        (
            "Los títulos de Alibaba subieron un 5,3 por ciento en Wall Street.",
            5.3,
            "5,3 por ciento",
        ),
        (
            "La acción de Alibaba retrocedió un 1,8% tras la noticia.",
            -1.8,
            "1,8%",
        ),
        (
            "Las acciones de Alibaba se dejaron un 3% en la sesión.",
            -3.0,
            "3%",
        ),
        (
            "El valor de Alibaba se disparó un 8% en la preapertura.",
            8.0,
            "8%",
        ),
        (
            "El ADR de Alibaba cedió un 2,3% en Nueva York.",
            -2.3,
            "2,3%",
        ),
        (
            "Las acciones de Alibaba se revalorizaron un 6% en la jornada.",
            6.0,
            "6%",
        ),
        (
            "La acción de Alibaba cayó un 1,2% en Hong Kong.",
            -1.2,
            "1,2%",
        ),
        (
            "La acción de Alibaba subió un 2,7% en Nueva York.",
            2.7,
            "2,7%",
        ),
    ];
    for (s, amount, figure) in cases {
        let x = extract("es", PUB, &[HEAD, s]);
        x.one(Kind::SharePrice)
            .value(amount, "%")
            .figure(figure)
            .quote(s);
    }
    let x = extract(
        "es",
        PUB,
        &[HEAD, "Las acciones de Alibaba marcaron un -3,1% al cierre."],
    );
    x.one(Kind::SharePrice).value(-3.1, "%");
}

#[test]
fn cloud_growth_is_growth_not_a_share_move() {
    let s = "Los ingresos de Alibaba Cloud crecieron un 34% interanual en el trimestre.";
    let x = extract("es", PUB, &[HEAD, s]);
    x.one(Kind::Growth)
        .value(34.0, "%")
        .topic(Some("cloud"))
        .quote(s);
    x.assert_no(Kind::SharePrice);
}

#[test]
fn absolute_dates() {
    let s1 = "El 21 de octubre de 2025, Alibaba lanzó el modelo Qwen3-Max.";
    let s2 = "En octubre de 2025 la aplicación Qwen superó los 10 millones de usuarios.";
    let s3 = "Alibaba presentó Qwen3-Coder el 2025-07-22.";
    let s4 = "Alibaba lanzó Qwen en 2023 como un proyecto de código abierto.";
    let s5 = "El 16 ene 2026, Alibaba presentó el modelo Qwen3-Omni.";
    let x = extract("es", PUB, &[HEAD, s1, s2, s3, s4, s5]);
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
        .date("2026-01-16")
        .entities(&["Qwen3-Omni"]);
}

#[test]
fn last_week_last_month_and_weekdays_count_back_from_publication() {
    let s1 = "El mes pasado, Alibaba anunció una alianza con Apple para ofrecer funciones de IA en China.";
    let s2 = "Las acciones de Alibaba subieron un 4% el jueves en Wall Street.";
    let x = extract("es", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Partnership)
        .date("2025-12")
        .entities(&["Apple"])
        .figure("alianza con Apple");
    x.one(Kind::SharePrice).date("2026-01-15").value(4.0, "%");
    // Published on a Saturday: last week ran through the previous year's last days.
    let s3 = "La semana pasada, Alibaba presentó el modelo Qwen3-Coder.";
    let x = extract("es", "2026-01-03", &[HEAD, s3]);
    x.one(Kind::Release).date("2025-12");
}

#[test]
fn a_month_without_a_year_is_the_latest_one_not_after_publication() {
    let s1 = "En noviembre, Alibaba lanzó la aplicación Qwen.";
    let s2 = "En marzo, Alibaba presentó el modelo QwQ-32B.";
    let x = extract("es", "2025-03-13", &[HEAD, s1, s2]);
    x.one_in(Kind::Release, s1).date("2024-11");
    x.one_in(Kind::Release, s2).date("2025-03");
    // "pasado" makes it strictly before publication.
    let s3 = "En marzo pasado, Alibaba presentó el modelo QwQ-32B.";
    extract("es", "2025-03-13", &[HEAD, s3])
        .one(Kind::Release)
        .date("2024-03");
}

#[test]
fn months_later_counts_from_the_date_just_mentioned() {
    let s1 = "En noviembre de 2025, Alibaba lanzó la aplicación Qwen.";
    let s2 = "Dos meses después, la app de Qwen ya sumaba 100 millones de usuarios.";
    let x = extract("es", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Release).date("2025-11");
    x.one(Kind::Users)
        .date("2026-01")
        .value(100e6, "users")
        .quote(s2);
}

#[test]
fn since_and_year_to_date() {
    let s1 = "Desde junio pasado, las descargas de Qwen superan los 700 millones.";
    let x = extract("es", PUB, &[HEAD, s1]);
    // "since June": the figure holds now, not in June.
    x.one(Kind::Downloads)
        .value(700e6, "downloads")
        .date("as-of-publication");
    let s2 = "Las acciones de Alibaba acumulan una subida del 40% en lo que va de año.";
    let x = extract("es", PUB, &[HEAD, s2]);
    x.one(Kind::SharePrice)
        .value(40.0, "%")
        .topic(Some("year to date"))
        .date("2026-01");
}

#[test]
fn events_ranking_and_impact() {
    let s1 = "En octubre, Qwen superó a Llama como la familia de modelos abiertos más descargada.";
    let s2 = "Más de 90.000 empresas utilizan ya los modelos Qwen de Alibaba.";
    let x = extract("es", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Ranking)
        .entities(&["Llama"])
        .date("2025-10")
        .figure("superó a Llama");
    x.one(Kind::Impact)
        .value(90_000.0, "companies")
        .qualifier(Some(Qualifier::MoreThan));
}

#[test]
fn figures_of_rivals_and_forecasts_give_no_fact() {
    let x = extract(
        "es",
        PUB,
        &[
            HEAD,
            "Meta asegura que Llama ha sido descargado más de 1.000 millones de veces.",
            "OpenAI afirma que ChatGPT tiene 800 millones de usuarios semanales.",
            "Alibaba prevé que los ingresos de su nube crezcan un 30% el próximo año.",
        ],
    );
    x.assert_none();
}

#[test]
fn an_undated_article_still_resolves_written_dates() {
    let s = "El 21 de octubre de 2025, Alibaba lanzó el modelo Qwen3-Max.";
    let x = extract_undated("es", &[HEAD, s]);
    x.one(Kind::Release).date("2025-10-21");
}

#[test]
fn announced_future_launches_are_forecasts() {
    extract(
        "es",
        PUB,
        &[
            HEAD,
            "Alibaba lanzará Qwen4 en marzo, según fuentes de la compañía.",
        ],
    )
    .assert_none();
}

#[test]
fn partnerships_releases_and_users_in_varied_wording() {
    let s1 = "Alibaba firmó un acuerdo con BMW para integrar Qwen en sus coches.";
    let s2 = "Alibaba presenta Qwen3.5, su modelo más potente hasta la fecha.";
    let s3 = "Más de 100.000 desarrolladores usan Qwen a diario.";
    let s4 = "La app de Qwen ya tiene 40 millones de usuarios activos mensuales.";
    let x = extract("es", PUB, &[HEAD, s1, s2, s3, s4]);
    x.one(Kind::Partnership)
        .entities(&["BMW"])
        .figure("acuerdo con BMW")
        .quote(s1);
    x.one(Kind::Release).entities(&["Qwen3.5"]).quote(s2);
    x.one(Kind::Impact).value(100_000.0, "developers");
    x.one(Kind::Users)
        .value(40e6, "users")
        .topic(Some("app"))
        .figure("40 millones de usuarios");
}

#[test]
fn unrelated_headlines_on_the_page_give_no_fact() {
    let s = "Los modelos Qwen de Alibaba ya superan los 700 millones de descargas.";
    let x = extract(
        "es",
        PUB,
        &[
            HEAD,
            s,
            "El Real Madrid gana 3-1 al Barcelona en el Bernabéu",
            "El precio de la vivienda subió un 8% en 2025, según el INE",
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
        "es",
        PUB,
        &[
            HEAD,
            "Ayer, las acciones de Alibaba subieron un 3%.",
            "El año pasado, Alibaba lanzó Qwen3.",
        ],
    );
    x.one(Kind::SharePrice).value(3.0, "%").date("2026-01-15");
    x.one(Kind::Release).entities(&["Qwen3"]).date("2025");
}

#[test]
fn words_that_only_look_like_fact_words() {
    // "presente" is no launch; "esperado" (long-awaited) is no forecast.
    extract(
        "es",
        PUB,
        &[
            HEAD,
            "Qwen está presente en más de 200 países, según Alibaba.",
        ],
    )
    .assert_none();
    let s = "El esperado modelo Qwen3-Max fue lanzado el 21 de octubre de 2025.";
    extract("es", PUB, &[HEAD, s])
        .one(Kind::Release)
        .entities(&["Qwen3-Max"])
        .date("2025-10-21");
}

#[test]
fn spelled_tens_half_a_million_and_abbreviated_millions() {
    let s1 = "La aplicación Qwen superó los treinta millones de usuarios.";
    let s2 = "La aplicación Qwen ganó medio millón de usuarios en un día.";
    let s3 = "Alibaba invertirá 500 M€ en centros de datos en España.";
    let x = extract("es", PUB, &[HEAD, s1, s2, s3]);
    x.one_in(Kind::Users, s1)
        .value(30e6, "users")
        .figure("treinta millones de usuarios");
    x.one_in(Kind::Users, s2)
        .value(5e5, "users")
        .figure("medio millón de usuarios");
    x.one(Kind::Investment).value(500e6, "EUR").figure("500 M€");
}
