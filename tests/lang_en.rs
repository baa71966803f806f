//! English extraction: numbers, money, percentages, dates and kinds, on sentences written
//! the way English-language financial and tech news writes them.

mod common;

use common::{extract, extract_undated};
use qwen_story::extract::{Kind, Qualifier};

/// A Friday.
const PUB: &str = "2026-01-16";
/// A headline naming the subject, as an article about it opens.
const HEAD: &str = "Alibaba's Qwen is quietly winning the open-model race";

#[test]
fn counts_with_comma_grouping_and_magnitude_words() {
    let s1 = "Alibaba's Qwen models have passed 700 million downloads on Hugging Face.";
    let s2 = "Developers have built more than 180,000 derivative models on top of Qwen.";
    let x = extract("en", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Downloads)
        .value(700e6, "downloads")
        .figure("700 million downloads")
        .quote(s1);
    x.one(Kind::Derivatives)
        .value(180_000.0, "models")
        .qualifier(Some(Qualifier::MoreThan))
        .figure("180,000 derivative models")
        .quote(s2);
}

#[test]
fn no_break_spaces_group_thousands() {
    // A plain space does not group in English text: "in 2025 200 models" is two numbers.
    for space in ["\u{a0}", "\u{202f}"] {
        let s = format!("The community has published 180{space}000 derivative models of Qwen.");
        let x = extract("en", PUB, &[HEAD, &s]);
        x.one(Kind::Derivatives)
            .value(180_000.0, "models")
            .figure(&format!("180{space}000 derivative models"));
    }
}

#[test]
fn decimals_billions_and_spelled_numbers() {
    let s1 = "Alibaba has invested $1,234.5 million in European data centres.";
    let s2 = "The Qwen app added two million users in a week.";
    let s3 = "The Qwen app gained half a million users in a day.";
    let s4 = "Qwen models have been downloaded more than a billion times.";
    let x = extract("en", PUB, &[HEAD, s1, s2, s3, s4]);
    x.one(Kind::Investment)
        .value(1_234.5e6, "USD")
        .figure("$1,234.5 million");
    x.one_in(Kind::Users, s2)
        .value(2e6, "users")
        .figure("two million users")
        .topic(Some("app"));
    x.one_in(Kind::Users, s3)
        .value(5e5, "users")
        .figure("half a million users");
    x.one(Kind::Downloads)
        .value(1e9, "downloads")
        .qualifier(Some(Qualifier::MoreThan));
}

#[test]
fn investment_keeps_its_stated_conversion() {
    let s1 = "Alibaba will invest 380 billion yuan ($53 billion) in AI and cloud infrastructure over the next three years.";
    let s2 = "Alibaba pledged to invest RMB 380 billion (about US$52.5 billion) in AI.";
    let x = extract("en", PUB, &[HEAD, s1, s2]);
    x.one_in(Kind::Investment, s1)
        .value(380e9, "CNY")
        .converted(53e9, "USD")
        .figure("380 billion yuan");
    x.one_in(Kind::Investment, s2)
        .value(380e9, "CNY")
        .converted(52.5e9, "USD")
        .figure("RMB 380 billion");
}

#[test]
fn investments_with_abbreviations_and_approximations() {
    let s1 = "In February, Alibaba said it would invest more than 380 billion yuan in AI over three years.";
    let s2 = "Alibaba plans to invest $5bn in European data centres.";
    let s3 = "The group will invest about 20 billion yuan in new data centers.";
    let x = extract("en", "2025-03-10", &[HEAD, s1, s2, s3]);
    x.one_in(Kind::Investment, s1)
        .value(380e9, "CNY")
        .qualifier(Some(Qualifier::MoreThan))
        .date("2025-02");
    x.one_in(Kind::Investment, s2)
        .value(5e9, "USD")
        .figure("$5bn")
        .no_conversion();
    x.one_in(Kind::Investment, s3)
        .value(20e9, "CNY")
        .qualifier(Some(Qualifier::About));
}

#[test]
fn share_prices_in_each_listing_currency() {
    let s1 = "Alibaba's US-listed shares closed at US$166.10.";
    let s2 = "Alibaba shares traded at HK$131.50 in Hong Kong.";
    let s3 = "In Frankfurt, Alibaba stock traded at €123.60.";
    let s4 = "Alibaba stock closed at $150.30 on the NYSE.";
    let x = extract("en", PUB, &[HEAD, s1, s2, s3, s4]);
    x.one_in(Kind::SharePrice, s1)
        .value(166.1, "USD")
        .figure("US$166.10")
        .series(Some("USD"));
    x.one_in(Kind::SharePrice, s2)
        .value(131.5, "HKD")
        .figure("HK$131.50")
        .series(Some("HKD"));
    x.one_in(Kind::SharePrice, s3)
        .value(123.6, "EUR")
        .figure("€123.60")
        .series(Some("EUR"));
    x.one_in(Kind::SharePrice, s4)
        .value(150.3, "USD")
        .figure("$150.30");
}

#[test]
fn percentages_take_their_sign_from_the_verb_or_a_minus() {
    let cases = [
        (
            "Alibaba's Hong Kong shares fell 2.4% in afternoon trading.",
            -2.4,
            "2.4%",
        ),
        (
            "Alibaba shares rose 4.3 percent in New York.",
            4.3,
            "4.3 percent",
        ),
        (
            "Alibaba shares slid 1.8% after the announcement.",
            -1.8,
            "1.8%",
        ),
        (
            "Alibaba's shares jumped 8% in premarket trading.",
            8.0,
            "8%",
        ),
        (
            "Alibaba stock shed 3 per cent in Hong Kong.",
            -3.0,
            "3 per cent",
        ),
        (
            "Alibaba shares were down 2.45% at the close.",
            -2.45,
            "2.45%",
        ),
        ("Alibaba's ADRs slipped 2.3% in New York.", -2.3, "2.3%"),
        ("Alibaba shares tumbled 9% in Hong Kong.", -9.0, "9%"),
        ("Alibaba's Hong Kong-listed stock gained 3.5%.", 3.5, "3.5%"),
    ];
    for (s, amount, figure) in cases {
        let x = extract("en", PUB, &[HEAD, s]);
        x.one(Kind::SharePrice)
            .value(amount, "%")
            .figure(figure)
            .quote(s);
    }
    let x = extract(
        "en",
        PUB,
        &[HEAD, "Alibaba shares traded at -1.5% before the bell."],
    );
    x.one(Kind::SharePrice).value(-1.5, "%");
}

#[test]
fn cloud_growth_is_growth_not_a_share_move() {
    let s = "Alibaba Cloud revenue grew 34% year over year.";
    let x = extract("en", PUB, &[HEAD, s]);
    x.one(Kind::Growth)
        .value(34.0, "%")
        .topic(Some("cloud"))
        .quote(s);
    x.assert_no(Kind::SharePrice);
}

#[test]
fn absolute_dates() {
    let s1 = "On October 21, 2025, Alibaba released Qwen3-Max.";
    let s2 = "In October 2025, the Qwen app had 10 million users.";
    let s3 = "Alibaba unveiled Qwen3-Coder on 2025-07-22.";
    let s4 = "Alibaba launched Qwen in 2023 as an open-source project.";
    let s5 = "Alibaba released Qwen3-Omni on 16 Jan 2026.";
    let s6 = "On 21 October 2025, Alibaba released Qwen3-VL-32B.";
    let x = extract("en", PUB, &[HEAD, s1, s2, s3, s4, s5, s6]);
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
    x.one_in(Kind::Release, s6)
        .date("2025-10-21")
        .entities(&["Qwen3-VL-32B"]);
}

#[test]
fn last_week_last_month_and_weekdays_count_back_from_publication() {
    let s1 = "Last month, Alibaba announced a partnership with Apple to bring AI features to iPhones sold in China.";
    let s2 = "Alibaba shares rose 4% in New York on Thursday.";
    let x = extract("en", PUB, &[HEAD, s1, s2]);
    x.one(Kind::Partnership)
        .date("2025-12")
        .entities(&["Apple"])
        .figure("partnership with Apple");
    x.one(Kind::SharePrice).date("2026-01-15").value(4.0, "%");
    // Published on a Saturday: last week ran through the previous year's last days.
    let s3 = "Last week, Alibaba unveiled Qwen3-Coder.";
    extract("en", "2026-01-03", &[HEAD, s3])
        .one(Kind::Release)
        .date("2025-12");
}

#[test]
fn a_month_without_a_year_is_the_latest_one_not_after_publication() {
    let s1 = "In November, Alibaba launched the Qwen app.";
    let s2 = "In March, Alibaba unveiled QwQ-32B.";
    let x = extract("en", "2025-03-13", &[HEAD, s1, s2]);
    x.one_in(Kind::Release, s1)
        .date("2024-11")
        .entities(&["Qwen app"]);
    x.one_in(Kind::Release, s2).date("2025-03");
    let s3 = "Last March, Alibaba unveiled QwQ-32B.";
    extract("en", "2025-03-13", &[HEAD, s3])
        .one(Kind::Release)
        .date("2024-03");
}

#[test]
fn months_later_counts_from_the_date_just_mentioned() {
    let s1 = "The Qwen app reached 10 million users in November 2025.";
    let s2 = "Two months later, it had 100 million users.";
    let x = extract("en", PUB, &[HEAD, s1, s2]);
    x.one_in(Kind::Users, s1)
        .date("2025-11")
        .value(10e6, "users")
        .topic(Some("app"));
    x.one_in(Kind::Users, s2)
        .date("2026-01")
        .value(100e6, "users");
}

#[test]
fn since_and_year_to_date() {
    let s1 = "Since last June, Qwen downloads have doubled to 700 million.";
    extract("en", PUB, &[HEAD, s1])
        .one(Kind::Downloads)
        .value(700e6, "downloads")
        .date("as-of-publication");
    for s2 in [
        "Alibaba shares are up 40% year to date.",
        "Alibaba shares have risen 40% so far this year.",
    ] {
        let x = extract("en", PUB, &[HEAD, s2]);
        x.one(Kind::SharePrice)
            .value(40.0, "%")
            .topic(Some("year to date"))
            .date("2026-01");
    }
}

#[test]
fn events_ranking_and_impact() {
    let s1 = "In October 2025, Qwen overtook Llama as the most downloaded open model family.";
    let s2 =
        "By December, Qwen had been downloaded more than the next eight model families combined.";
    let s3 = "More than 90,000 companies now use Alibaba's Qwen models.";
    let x = extract("en", PUB, &[HEAD, s1, s2, s3]);
    x.one_in(Kind::Ranking, s1)
        .entities(&["Llama"])
        .date("2025-10")
        .figure("overtook Llama");
    x.one_in(Kind::Ranking, s2)
        .entities(&["8"])
        .date("2025-12")
        .series(Some("combined"))
        .topic(Some("downloads"));
    x.one(Kind::Impact)
        .value(90_000.0, "companies")
        .qualifier(Some(Qualifier::MoreThan))
        .figure("90,000 companies");
}

#[test]
fn more_downloads_than_the_next_families_combined_is_a_ranking() {
    let s = "Qwen now has more downloads than the next eight most popular model families combined.";
    let x = extract("en", PUB, &[HEAD, s]);
    x.one(Kind::Ranking)
        .entities(&["8"])
        .series(Some("combined"))
        .quote(s);
}

#[test]
fn figures_of_rivals_and_forecasts_give_no_fact() {
    let x = extract(
        "en",
        PUB,
        &[
            HEAD,
            "Meta says Llama has been downloaded more than 1 billion times.",
            "OpenAI says ChatGPT has 800 million weekly users.",
            "Google's Gemini app has 650 million monthly users.",
            "Alibaba expects cloud revenue to grow 30% next year.",
        ],
    );
    x.assert_none();
}

#[test]
fn an_undated_article_still_resolves_written_dates() {
    let s = "On October 21, 2025, Alibaba released Qwen3-Max.";
    extract_undated("en", &[HEAD, s])
        .one(Kind::Release)
        .date("2025-10-21");
}

#[test]
fn announced_future_launches_are_forecasts() {
    let x = extract(
        "en",
        PUB,
        &[
            HEAD,
            "Alibaba may release Qwen4 in March.",
            "Alibaba will launch a new Qwen app next month.",
        ],
    );
    x.assert_none();
}

#[test]
fn partnerships_releases_spending_and_users_in_varied_wording() {
    let s1 = "Alibaba signed an agreement with BMW to put Qwen in its cars.";
    let s2 = "Alibaba rolls out Qwen3.5, its most capable model yet.";
    let s3 = "Alibaba will spend $2 billion on data centres in Europe.";
    let s4 = "The Qwen app now has 40 million monthly active users.";
    let x = extract("en", PUB, &[HEAD, s1, s2, s3, s4]);
    x.one(Kind::Partnership)
        .entities(&["BMW"])
        .figure("agreement with BMW")
        .quote(s1);
    x.one(Kind::Release).entities(&["Qwen3.5"]).quote(s2);
    x.one(Kind::Investment)
        .value(2e9, "USD")
        .figure("$2 billion");
    x.one(Kind::Users).value(40e6, "users").topic(Some("app"));
    let s5 = "Alibaba committed CN¥380bn to AI infrastructure.";
    let x5 = extract("en", PUB, &[HEAD, s5]);
    x5.one(Kind::Investment)
        .value(380e9, "CNY")
        .figure("CN¥380bn");
}

#[test]
fn unrelated_headlines_on_the_page_give_no_fact() {
    let s = "Qwen has passed 700 million downloads, Alibaba said.";
    let x = extract(
        "en",
        PUB,
        &[
            HEAD,
            s,
            "Related: The S&P 500 rose 1.1% to a record close on Thursday",
            "Apple shares fell 2% after the iPhone maker cut its forecast.",
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
        "en",
        PUB,
        &[
            HEAD,
            "Yesterday, Alibaba shares rose 3%.",
            "Last year, Alibaba launched Qwen3.",
        ],
    );
    x.one(Kind::SharePrice).value(3.0, "%").date("2026-01-15");
    x.one(Kind::Release).entities(&["Qwen3"]).date("2025");
}

#[test]
fn a_rival_product_is_named_after_its_owner() {
    let s = "Qwen has overtaken Meta's Llama to become the most downloaded open model.";
    extract("en", PUB, &[HEAD, s])
        .one(Kind::Ranking)
        .entities(&["Llama"])
        .quote(s);
}

#[test]
fn a_currency_code_may_run_into_its_amount() {
    let s = "Alibaba will invest RMB380 billion ($53bn) in AI.";
    let x = extract("en", PUB, &[HEAD, s]);
    x.one(Kind::Investment)
        .value(380e9, "CNY")
        .converted(53e9, "USD")
        .figure("RMB380 billion");
}

#[test]
fn spelled_tens_mau_and_more_event_wording() {
    let s1 = "The Qwen app has thirty million users.";
    let s2 = "The Qwen app now has 40 million MAUs.";
    let s3 = "Qwen leapfrogged Llama in downloads last year.";
    let s4 = "Alibaba joined forces with BMW to bring Qwen to its cars.";
    let x = extract("en", PUB, &[HEAD, s1, s2, s3, s4]);
    x.one_in(Kind::Users, s1)
        .value(30e6, "users")
        .figure("thirty million users");
    x.one_in(Kind::Users, s2)
        .value(40e6, "users")
        .figure("40 million MAUs");
    x.one(Kind::Ranking)
        .entities(&["Llama"])
        .date("2025")
        .figure("leapfrogged Llama");
    x.one(Kind::Partnership)
        .entities(&["BMW"])
        .figure("joined forces with BMW");
}

#[test]
fn abbreviated_months_keep_their_sentence() {
    let s = "On Oct. 21, 2025, Alibaba released Qwen3-Max.";
    let x = extract("en", PUB, &[HEAD, s]);
    x.one(Kind::Release)
        .entities(&["Qwen3-Max"])
        .date("2025-10-21")
        .quote(s);
}
