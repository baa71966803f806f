//! Portuguese extraction (Brazilian and European usage): numbers, money, percentages,
//! dates and kinds, on sentences written the way Portuguese-language news writes them.

mod common;

use common::{extract, extract_undated};
use qwen_story::extract::{Kind, Qualifier};

/// A Friday.
const PUB: &str = "2026-01-16";
/// A headline naming the subject, as an article about it opens.
const HEAD: &str = "Alibaba aposta no Qwen para liderar a inteligência artificial aberta";

#[test]
fn counts_with_magnitude_words_and_thousands_points() {
    let s1 = "Os modelos Qwen, da Alibaba, já ultrapassaram os 700 milhões de downloads no Hugging Face.";
    let s2 =
        "Desenvolvedores de todo o mundo já criaram mais de 180 mil modelos derivados do Qwen.";
    let s3 = "Segundo a empresa, são 140.000 modelos derivados publicados.";
    let x = extract("pt", PUB, &[HEAD, s1, s2, s3]);
    x.one(Kind::Downloads)
        .value(700e6, "downloads")
        .figure("700 milhões de downloads")
        .quote(s1);
    x.one_in(Kind::Derivatives, s2)
        .value(180_000.0, "models")
        .qualifier(Some(Qualifier::MoreThan))
        .figure("180 mil modelos derivados");
    x.one_in(Kind::Derivatives, s3)
        .value(140_000.0, "models")
        .figure("140.000 modelos derivados");
}

#[test]
fn spaces_group_thousands_whatever_the_space() {
    for space in [" ", "\u{a0}", "\u{202f}"] {
        let s = format!("A comunidade já publicou 180{space}000 modelos derivados do Qwen.");
        let x = extract("pt", PUB, &[HEAD, &s]);
        x.one(Kind::Derivatives)
            .value(180_000.0, "models")
            .figure(&format!("180{space}000 modelos derivados"));
    }
}

#[test]
fn decimals_billions_and_spelled_numbers() {
    let s1 = "Os modelos Qwen somam 1,2 bilhão de downloads, segundo a Alibaba.";
    let s2 = "Em Portugal, os modelos Qwen contam já 1,3 mil milhões de downloads.";
    let s3 = "O aplicativo Qwen ganhou dois milhões de usuários em uma semana.";
    let s4 = "O Qwen Chat conquistou um milhão de usuários nos primeiros dias.";
    let x = extract("pt", PUB, &[HEAD, s1, s2, s3, s4]);
    x.one_in(Kind::Downloads, s1)
        .value(1.2e9, "downloads")
        .figure("1,2 bilhão de downloads");
    x.one_in(Kind::Downloads, s2)
        .value(1.3e9, "downloads")
        .figure("1,3 mil milhões de downloads");
    x.one_in(Kind::Users, s3)
        .value(2e6, "users")
        .figure("dois milhões de usuários")
        .topic(Some("app"));
    x.one_in(Kind::Users, s4)
        .value(1e6, "users")
        .figure("um milhão de usuários");
}

#[test]
fn investment_keeps_its_stated_conversion() {
    let s = "A Alibaba vai investir 380 bilhões de iuanes (cerca de US$ 53 bilhões) em inteligência artificial e computação em nuvem.";
    let x = extract("pt", PUB, &[HEAD, s]);
    x.one(Kind::Investment)
        .value(380e9, "CNY")
        .converted(53e9, "USD")
        .figure("380 bilhões de iuanes")
        .quote(s);
}

#[test]
fn investments_in_dollars_and_with_approximations() {
    let s1 = "Em fevereiro, a Alibaba anunciou um investimento de 1.234,5 milhões de dólares em data centers.";
    let s2 = "A Alibaba vai investir cerca de 20 bilhões de yuans em novos centros de dados.";
    let x = extract("pt", "2025-03-10", &[HEAD, s1, s2]);
    x.one_in(Kind::Investment, s1)
        .value(1_234.5e6, "USD")
        .figure("1.234,5 milhões de dólares")
        .date("2025-02");
    x.one_in(Kind::Investment, s2)
        .value(20e9, "CNY")
        .qualifier(Some(Qualifier::About));
}

#[test]
fn share_prices_in_each_listing_currency() {
    let s1 = "As ações da Alibaba fecharam a US$ 150,30 na Bolsa de Nova York.";
    let s2 = "Em Hong Kong, os papéis da Alibaba eram negociados a HK$ 131,50.";
    let s3 = "Em Frankfurt, a cotação da ação da Alibaba era de 123,60 euros.";
    let x = extract("pt", PUB, &[HEAD, s1, s2, s3]);
    x.one_in(Kind::SharePrice, s1)
        .value(150.3, "USD")
        .figure("US$ 150,30")
        .series(Some("USD"));
    x.one_in(Kind::SharePrice, s2)
        .value(131.5, "HKD")
        .figure("HK$ 131,50")
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
            "As ações da Alibaba caíram 3,2% na bolsa de Hong Kong.",
            -3.2,
            "3,2%",
        ),
        (
            "A ação da Alibaba caiu 1,1% no pregão de hoje.",
            -1.1,
            "1,1%",
        ),
        (
            "Os papéis da Alibaba subiram 4,5 por cento em Nova York.",
            4.5,
            "4,5 por cento",
        ),
        (
            "A ação da Alibaba recuou 1,8% após o anúncio.",
            -1.8,
            "1,8%",
        ),
        (
            "As ações da Alibaba dispararam 8% no pré-mercado.",
            8.0,
            "8%",
        ),
        ("As ações da Alibaba tombaram 5% na sessão.", -5.0, "5%"),
        (
            "Os papéis da Alibaba desabaram 9% em Hong Kong.",
            -9.0,
            "9%",
        ),
        (
            "Os ADRs da Alibaba recuaram 2,3% em Nova York.",
            -2.3,
            "2,3%",
        ),
        (
            "As ações da Alibaba operam em queda de 4,2% no pré-mercado.",
            -4.2,
            "4,2%",
        ),
    ];
    for (s, amount, figure) in cases {
        let x = extract("pt", PUB, &[HEAD, s]);
        x.one(Kind::SharePrice)
            .value(amount, "%")
            .figure(figure)
            .quote(s);
    }
    let x = extract(
        "pt",
        PUB,
        &[HEAD, "As ações da Alibaba registravam -3,1% no fechamento."],
    );
    x.one(Kind::SharePrice).value(-3.1, "%");
}

#[test]
fn cloud_growth_is_growth_not_a_share_move() {
    let s = "A receita da Alibaba Cloud cresceu 34% no último trimestre.";
    let x = extract("pt", PUB, &[HEAD, s]);
    x.one(Kind::Growth)
        .value(34.0, "%")
        .topic(Some("cloud"))
        .quote(s);
    x.assert_no(Kind::SharePrice);
}

#[test]
fn absolute_dates() {
    let s1 = "Em 21 de outubro de 2025, a Alibaba lançou o modelo Qwen3-Max.";
    let s2 = "Em outubro de 2025, o aplicativo Qwen passou de 10 milhões de usuários.";
    let s3 = "A Alibaba apresentou o Qwen3-Coder em 2025-07-22.";
    let s4 = "Em 2023, a Alibaba lançou o Qwen como um modelo de código aberto.";
    let s5 = "A Alibaba lançou o Qwen3-Omni em 16 jan 2026 para o público brasileiro.";
    let x = extract("pt", PUB, &[HEAD, s1, s2, s3, s4, s5]);
    x.one_in(Kind::Release, s1)
        .date("2025-10-21")
        .entities(&["Qwen3-Max"]);
    x.one_in(Kind::Users, s2)
        .date("2025-10")
        .value(10e6, "users");
    x.one_in(Kind::Release, s3)
        .date("2025-07-22")
        .entities(&["Qwen3-Coder"]);
    x.one_in(Kind::Release, s4)
        .date("2023")
        .figure("lançou o Qwen");
    x.one_in(Kind::Release, s5)
        .date("2026-01-16")
        .entities(&["Qwen3-Omni"]);
}

#[test]
fn last_week_last_month_and_weekdays_count_back_from_publication() {
    let s1 = "No mês passado, a Alibaba anunciou uma parceria com a Apple para levar recursos de IA aos iPhones vendidos na China.";
    let s2 = "Os papéis da Alibaba subiram 4% na quinta-feira em Nova York.";
    let x = extract("pt", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Partnership)
        .date("2025-12")
        .entities(&["Apple"])
        .figure("parceria com a Apple");
    x.one(Kind::SharePrice).date("2026-01-15").value(4.0, "%");
    // Published on a Saturday: last week ran through the previous year's last days.
    let s3 = "Na semana passada, a Alibaba lançou o modelo Qwen3-Coder.";
    extract("pt", "2026-01-03", &[HEAD, s3])
        .one(Kind::Release)
        .date("2025-12");
}

#[test]
fn a_month_without_a_year_is_the_latest_one_not_after_publication() {
    let s1 = "Em novembro, a Alibaba lançou o aplicativo Qwen.";
    let s2 = "Em março, a Alibaba apresentou o modelo QwQ-32B.";
    let x = extract("pt", "2025-03-13", &[HEAD, s1, s2]);
    x.one_in(Kind::Release, s1).date("2024-11");
    x.one_in(Kind::Release, s2).date("2025-03");
    let s3 = "Em março passado, a Alibaba apresentou o modelo QwQ-32B.";
    extract("pt", "2025-03-13", &[HEAD, s3])
        .one(Kind::Release)
        .date("2024-03");
}

#[test]
fn months_later_counts_from_the_date_just_mentioned() {
    let s1 = "O aplicativo Qwen chegou a 10 milhões de usuários em novembro de 2025.";
    let s2 = "Dois meses depois, já eram 100 milhões de usuários.";
    let x = extract("pt", PUB, &[HEAD, s1, s2]);
    x.one_in(Kind::Users, s1)
        .date("2025-11")
        .value(10e6, "users");
    x.one_in(Kind::Users, s2)
        .date("2026-01")
        .value(100e6, "users");
}

#[test]
fn since_and_year_to_date() {
    let s1 = "Desde junho passado, os downloads do Qwen superam os 700 milhões.";
    extract("pt", PUB, &[HEAD, s1])
        .one(Kind::Downloads)
        .value(700e6, "downloads")
        .date("as-of-publication");
    let s2 = "As ações da Alibaba acumulam alta de 35% desde o início do ano.";
    let x = extract("pt", PUB, &[HEAD, s2]);
    x.one(Kind::SharePrice)
        .value(35.0, "%")
        .topic(Some("year to date"))
        .date("2026-01");
}

#[test]
fn events_ranking_and_impact() {
    let s1 = "O Qwen superou o Llama, da Meta, em número de downloads em outubro de 2025.";
    let s2 = "Mais de 90 mil empresas já usam os modelos Qwen da Alibaba.";
    let x = extract("pt", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Ranking)
        .entities(&["Llama"])
        .date("2025-10")
        .topic(Some("downloads"))
        .figure("superou o Llama");
    x.one(Kind::Impact)
        .value(90_000.0, "companies")
        .qualifier(Some(Qualifier::MoreThan));
}

#[test]
fn figures_of_rivals_and_forecasts_give_no_fact() {
    let x = extract(
        "pt",
        PUB,
        &[
            HEAD,
            "Segundo a Meta, o Llama foi baixado mais de 1 bilhão de vezes.",
            "A OpenAI diz que o ChatGPT tem 800 milhões de usuários semanais.",
            "O Gemini, do Google, chegou a 650 milhões de usuários mensais.",
            "A Alibaba prevê que a receita da nuvem cresça 30% no próximo ano.",
        ],
    );
    x.assert_none();
}

#[test]
fn an_undated_article_still_resolves_written_dates() {
    let s = "Em 21 de outubro de 2025, a Alibaba lançou o modelo Qwen3-Max.";
    extract_undated("pt", &[HEAD, s])
        .one(Kind::Release)
        .date("2025-10-21");
}

#[test]
fn announced_future_launches_are_forecasts() {
    extract(
        "pt",
        PUB,
        &[
            HEAD,
            "A Alibaba vai lançar o Qwen4 em março, segundo fontes da empresa.",
        ],
    )
    .assert_none();
}

#[test]
fn partnerships_releases_and_users_in_varied_wording() {
    let s1 = "A Alibaba fechou um acordo com a BMW para integrar o Qwen aos carros.";
    let s2 = "A Alibaba apresenta o Qwen3.5, seu modelo mais poderoso até agora.";
    let s3 = "Mais de 100 mil desenvolvedores usam o Qwen diariamente.";
    let s4 = "O app do Qwen já tem 40 milhões de usuários ativos mensais.";
    let x = extract("pt", PUB, &[HEAD, s1, s2, s3, s4]);
    x.one(Kind::Partnership)
        .entities(&["BMW"])
        .figure("acordo com a BMW")
        .quote(s1);
    x.one(Kind::Release).entities(&["Qwen3.5"]).quote(s2);
    x.one(Kind::Impact).value(100_000.0, "developers");
    x.one(Kind::Users)
        .value(40e6, "users")
        .topic(Some("app"))
        .figure("40 milhões de usuários");
}

#[test]
fn unrelated_headlines_on_the_page_give_no_fact() {
    let s = "Os modelos Qwen da Alibaba já superaram 700 milhões de downloads.";
    let x = extract(
        "pt",
        PUB,
        &[
            HEAD,
            s,
            "Avião desaparecido em 2014 pode ter sido localizado no Oceano Índico",
            "Paraguai compra 20 drones militares por US$ 12 milhões",
            "Baleia de 15 metros encalha em praia de Santa Catarina",
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
        "pt",
        PUB,
        &[
            HEAD,
            "Ontem, as ações da Alibaba subiram 3%.",
            "No ano passado, a Alibaba lançou o Qwen3.",
        ],
    );
    x.one(Kind::SharePrice).value(3.0, "%").date("2026-01-15");
    x.one(Kind::Release).entities(&["Qwen3"]).date("2025");
    // Brazilian papers name the weekday without "-feira".
    extract(
        "pt",
        PUB,
        &[HEAD, "As ações da Alibaba subiram 3% nesta quinta."],
    )
    .one(Kind::SharePrice)
    .date("2026-01-15");
}

#[test]
fn words_that_only_look_like_fact_words() {
    // "esperado" (long-awaited) is no forecast.
    let s = "O esperado Qwen3-Max foi lançado em 21 de outubro de 2025.";
    extract("pt", PUB, &[HEAD, s])
        .one(Kind::Release)
        .entities(&["Qwen3-Max"])
        .date("2025-10-21");
}

#[test]
fn spelled_tens_and_ranking_contractions() {
    let s1 = "O aplicativo Qwen superou os trinta milhões de usuários.";
    let s2 = "O Qwen passou à frente do Llama em downloads.";
    let x = extract("pt", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Users)
        .value(30e6, "users")
        .figure("trinta milhões de usuários");
    x.one(Kind::Ranking)
        .entities(&["Llama"])
        .figure("à frente do Llama")
        .topic(Some("downloads"));
}

#[test]
fn abbreviated_months_keep_their_sentence() {
    let s = "Em 16 jan. 2026, a Alibaba lançou o modelo Qwen3-Omni.";
    let x = extract("pt", "2026-01-20", &[HEAD, s]);
    x.one(Kind::Release)
        .entities(&["Qwen3-Omni"])
        .date("2026-01-16")
        .quote(s);
}
