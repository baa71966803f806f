//! Writes a synthetic corpus for benchmarks and stress tests.
//!
//! ```text
//! cargo run --release --example gen_corpus -- 10000 DIR [--seed N]
//! ```
//!
//! Each article is written in one of six languages (es, pt, it, de, fr, en) from the sentence
//! patterns of the bundled articles, with figures, dates, outlets, model and company names and
//! paragraph order varied, and with the page furniture real captures carry (script URLs,
//! advertising labels, share buttons, photo and author credits, related-article lists).
//! Some files lack `published`, some lack `lang`. The same seed always writes the same files.
//! About 3 KB per article: 10,000 articles are about 30 MB.

use chrono::{Datelike, NaiveDate};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A small, fast, well-mixed generator (splitmix64): benchmarks need reproducible files,
/// not cryptographic randomness.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.next() as usize % items.len()]
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.next() as usize % (i + 1);
            items.swap(i, j);
        }
    }
}

/// How a language writes numbers and dates, and the sentences its news about Qwen is made of.
struct Lang {
    code: &'static str,
    /// Decimal separator and thousands separator.
    decimal: char,
    thousands: &'static str,
    months: [&'static str; 12],
    weekdays: [&'static str; 5],
    outlets: &'static [&'static str],
    headlines: &'static [&'static str],
    /// Paragraphs; each holds `{placeholders}` filled by [`fill`].
    paragraphs: &'static [&'static str],
    /// Page furniture placed before the text.
    top: &'static [&'static str],
    /// The heading of a related-articles list, and its entries.
    related_heading: &'static str,
    related: &'static [&'static str],
    /// Page furniture placed after the text.
    bottom: &'static [&'static str],
}

const MODELS: &[&str] = &[
    "Qwen3-VL-32B",
    "Qwen3-VL-2B",
    "QwQ-32B",
    "Qwen3-Max",
    "Qwen3-Coder",
    "Qwen2.5-Omni",
    "Qwen3-Omni",
    "Qwen3-235B",
    "Qwen2.5-VL-72B",
    "Qwen3-Next-80B",
    "Qwen-Image",
];
const RIVALS: &[&str] = &[
    "Llama",
    "DeepSeek-R1",
    "GPT-5",
    "Claude 4 Sonnet",
    "Gemini",
    "Mistral",
];
const PARTNERS: &[&str] = &[
    "Apple",
    "BMW",
    "SAP",
    "Butterfly Effect",
    "Nvidia",
    "Samsung",
    "Xiaomi",
];

const ES: Lang = Lang {
    code: "es",
    decimal: ',',
    thousands: ".",
    months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    weekdays: ["lunes", "martes", "miércoles", "jueves", "viernes"],
    outlets: &["Infobae", "El País", "Expansión", "Cinco Días", "La Nación", "El Economista"],
    headlines: &[
        "Alibaba se dispara en bolsa por el avance global de su Inteligencia Artificial abierta",
        "Los modelos Qwen de Alibaba superan las {dl} millones de descargas",
        "Alibaba presenta {model} para competir con {rival}",
    ],
    paragraphs: &[
        "Las acciones de Alibaba Group subieron con fuerza en los mercados internacionales tras conocerse que sus modelos de Inteligencia Artificial abierta superaron las {dl} millones de descargas, un hito que refuerza su posicionamiento global en la carrera tecnológica.",
        "Los papeles de Alibaba Group registraron una fuerte suba luego de que trascendiera un dato clave para la industria: la familia de modelos Qwen alcanzó más de {dl} millones de descargas a nivel mundial. El número fue interpretado por el mercado como una señal concreta de adopción real.",
        "Qwen es desarrollada por Alibaba Cloud, la división de computación en la nube del gigante chino, y se destaca por combinar capacidades avanzadas de generación de texto, imágenes y otros formatos con una estrategia de licencias abiertas.",
        "La distribución y adopción de Qwen se da principalmente a través de Hugging Face, la principal plataforma global para compartir modelos de Inteligencia Artificial, donde los desarrolladores ya crearon más de {deriv} modelos derivados.",
        "En {month} de {year}, Alibaba presentó {model}, un modelo que según la compañía puede competir con {rival} en las pruebas de razonamiento y programación.",
        "Las acciones de Alibaba cayeron un {pct}% en Hong Kong el {weekday}, hasta {price} dólares de Hong Kong, mientras los inversores digerían la noticia.",
        "Alibaba anunció una inversión de {inv} mil millones de yuanes en infraestructura de nube e Inteligencia Artificial durante los próximos tres años.",
        "La división de nube de Alibaba creció un {growth}% interanual en el último trimestre, impulsada por la demanda de productos de Inteligencia Artificial.",
        "Para los inversores, el avance no es solo un logro técnico. El nivel de adopción sugiere que Alibaba logró trascender el mercado chino y posicionar su tecnología en un escenario global altamente competitivo.",
        "La aplicación Qwen alcanzó {users} millones de usuarios activos mensuales, según datos de la empresa publicados el {weekday}.",
    ],
    top: &["Script = https://cdn.{host}/static/js/app.{hash}.min.js", "PUBLICIDAD"],
    related_heading: "Artículos relacionados",
    related: &[
        "El precio del dólar hoy: a cuánto cotiza en los bancos",
        "Cómo preparar un asado perfecto, según los expertos",
        "La NASA confirma una nueva misión a la Luna para 2027",
        "Qué se sabe del nuevo teléfono plegable que llegará en otoño",
    ],
    bottom: &["Compartir", "Foto: Reuters", "Seguir leyendo"],
};

const PT: Lang = Lang {
    code: "pt",
    decimal: ',',
    thousands: ".",
    months: ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
    weekdays: ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira"],
    outlets: &["Terra (Xataka)", "Folha de S.Paulo", "Exame", "InfoMoney", "Olhar Digital", "Tecmundo"],
    headlines: &[
        "A inteligência artificial aberta da China não está \"vencendo\" o ChatGPT, está fazendo algo mais importante",
        "{dl} milhões de downloads confirmam que os modelos de IA aberta da China estão vencendo a competição",
        "Alibaba lança {model} e acirra disputa com {rival}",
    ],
    paragraphs: &[
        "A família de modelos de IA de código aberto Qwen, da Alibaba, está conquistando o mundo silenciosamente. Em {month}, esses modelos já haviam ultrapassado {dl} milhões de downloads na plataforma Hugging Face.",
        "Os responsáveis pelo desenvolvimento dessa família de modelos explicam como os dados da Hugging Face não mentem: esses projetos se tornaram os modelos de código aberto mais populares do mundo, pelo menos em termos de downloads.",
        "Em {month} de {year}, a família de modelos Qwen conseguiu ultrapassar a líder anterior nesse segmento, a família de modelos Llama, da Meta.",
        "Desde o lançamento do Qwen em 2023, o progresso dos modelos dessa família tem sido imparável. A Alibaba aproveitou sua infraestrutura e escala para popularizá-los gradualmente e lançou novos modelos incessantemente.",
        "A comunidade já publicou mais de {deriv} modelos derivados do Qwen, adaptados a dezenas de idiomas e tarefas específicas.",
        "As ações da Alibaba subiram {pct}% em Hong Kong nesta {weekday}, cotadas a {price} dólares de Hong Kong.",
        "A Alibaba vai investir {inv} bilhões de yuans em nuvem e inteligência artificial nos próximos três anos, o maior plano de sua história.",
        "O aplicativo Qwen atingiu {users} milhões de usuários ativos em poucas semanas, segundo a empresa.",
        "A receita da divisão de nuvem da Alibaba cresceu {growth}% no trimestre, impulsionada por produtos de IA.",
    ],
    top: &["Script = https://s1.trrsf.com/update-{hash}/fe/zaz-ui-t360/_js/transition.min.js", "PUBLICIDADE"],
    related_heading: "Matérias relacionadas",
    related: &[
        "Ucrânia está provando que drones kamikaze são o futuro da guerra",
        "Experts testaram fones de luxo às cegas e têm um veredito: você está pagando pelo logotipo",
        "Quando uma cidade encontrou uma baleia morta em suas praias, decidiu dinamitá-la",
        "Em 2014, um voo desapareceu sem deixar vestígios; doze anos depois, eles vão voltar para procurá-lo",
    ],
    bottom: &["Compartilhar", "Exibir comentários", "Foto: Xataka", "TAGS", "Publicidade", "Conheça nossos produtos"],
};

const IT: Lang = Lang {
    code: "it",
    decimal: ',',
    thousands: ".",
    months: ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    weekdays: ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì"],
    outlets: &["Money.it", "Il Sole 24 Ore", "Milano Finanza", "Wired Italia", "HDblog", "Corriere"],
    headlines: &[
        "Alibaba lancia i modelli AI {model} per competere con {rival}",
        "Qwen supera i {dl} milioni di download: Alibaba accelera",
    ],
    paragraphs: &[
        "Alibaba Group ha presentato {model}, un nuovo modello di intelligenza artificiale, segnando un passo cruciale nella sua sfida diretta con {rival}. Il modello è progettato per migliorare la comprensione multimodale anche su dispositivi mobili.",
        "L’annuncio arriva in un momento in cui il titolo Alibaba ha registrato un rialzo eccezionale, quasi del {growth}% da inizio anno, grazie alla robusta crescita del segmento cloud dell’azienda.",
        "Nel secondo trimestre fiscale, la divisione cloud ha fatto segnare una crescita del {growth}% su base annua, trainata in gran parte dai ricavi derivati dall’intelligenza artificiale.",
        "Il CEO Eddie Wu ha stanziato un investimento colossale di {inv} miliardi di yuan in tre anni tra AI e infrastrutture cloud, posizionando la famiglia Qwen come un vero e proprio “Android dell’era AI”.",
        "La combinazione di modelli open source, con oltre {dl} milioni di download e {deriv} modelli derivati, dimostra la volontà di coprire più fronti dell’innovazione AI.",
        "Dopo l’annuncio, il titolo Alibaba è stato scambiato a {price} dollari nelle contrattazioni pre-mercato, con una leggera flessione dello {pct}% mentre gli investitori digeriscono la notizia.",
        "La strategia a doppio binario, che unisce modelli di grande efficienza e AI conversazionale, pone Alibaba come protagonista centrale nella corsa mondiale all’innovazione AI.",
        "L’app Qwen ha raggiunto {users} milioni di utenti attivi a {month} {year}, secondo i dati diffusi dalla società.",
    ],
    top: &["Script = https://static.{host}/assets/js/main.{hash}.js", "PUBBLICITÀ"],
    related_heading: "Leggi anche",
    related: &[
        "Bonus casa, cosa cambia dal prossimo anno",
        "Meteo, arriva il freddo: le previsioni per il weekend",
        "Serie A, le probabili formazioni della giornata",
        "Pensioni, le date dei pagamenti del mese",
    ],
    bottom: &["Condividi", "Foto: Ansa", "Autore: Redazione"],
};

const DE: Lang = Lang {
    code: "de",
    decimal: ',',
    thousands: ".",
    months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    weekdays: ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"],
    outlets: &["wallstreet:online", "Handelsblatt", "heise online", "finanzen.net", "Der Aktionär", "t3n"],
    headlines: &[
        "Alibaba investiert Milliarden in KI: Qwen fordert {rival} heraus",
        "Qwen-Modelle knacken {dl} Millionen Downloads",
    ],
    paragraphs: &[
        "Bisher nutzte Quark seine eigenen KI-Modelle namens QuarkLLM. Die Integration von Qwen AI soll nun tiefere Einblicke und effizientere Prozesse ermöglichen, teilte Alibaba am {weekday} mit.",
        "Um sich langfristig zu behaupten, kündigte Alibaba im {month} eine massive Investition von {inv} Milliarden Yuan in den Ausbau seiner Cloud- und KI-Infrastruktur an.",
        "Im {month} {year} stellte Alibaba das Modell {model} vor, das nach Angaben des Unternehmens mit Spitzenmodellen wie {rival} mithalten kann.",
        "Alibaba baut sein Netzwerk auch mit strategischen Kooperationen aus. So kündigte {partner} am {weekday} eine Partnerschaft mit dem Konzern an.",
        "Trotz der ehrgeizigen Pläne fiel die Alibaba-Aktie am {weekday} um {pct} Prozent auf {price} Hongkong-Dollar.",
        "Die Qwen-Modelle wurden inzwischen mehr als {dl} Millionen Mal heruntergeladen; Entwickler haben über {deriv} abgeleitete Modelle veröffentlicht.",
        "Eines ist jedoch klar: Der Wettlauf um die Vorherrschaft in der Künstlichen Intelligenz ist längst in vollem Gange – und Alibaba will ganz vorne mitspielen.",
        "Das Cloud-Geschäft von Alibaba wuchs im Quartal um {growth} Prozent, angetrieben von der Nachfrage nach KI-Produkten.",
    ],
    top: &["Script = https://www.{host}/js/bundle.{hash}.js", "Anzeige"],
    related_heading: "Das könnte Sie auch interessieren",
    related: &[
        "DAX im Plus: Anleger setzen auf Zinssenkung",
        "Diese drei Dividendenaktien sollten Sie kennen",
        "Ölpreis fällt nach Lagerdaten aus den USA",
    ],
    bottom: &["Autor: Ferdinand Hammer, Redaktion", "Teilen", "Foto: dpa"],
};

const FR: Lang = Lang {
    code: "fr",
    decimal: ',',
    thousands: "\u{a0}",
    months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    weekdays: ["lundi", "mardi", "mercredi", "jeudi", "vendredi"],
    outlets: &["Presse-citron", "Les Echos", "BFM Business", "01net", "Numerama", "Le Figaro"],
    headlines: &[
        "Alibaba a du succès sur le terrain de l'IA open-source : ses modèles Qwen dépassent déjà les {dl} millions de téléchargements",
        "Alibaba dévoile {model} pour rivaliser avec {rival}",
    ],
    paragraphs: &[
        "Le mastodonte Alibaba accélère dans la course mondiale à l'intelligence artificielle. Porté par un investissement de {inv} milliards de yuans annoncé en {month} {year}, l'acteur chinois du e-commerce a transformé ses modèles Qwen en références de l'IA open-source.",
        "Sur Hugging Face, la bibliothèque de référence où développeurs et chercheurs partagent leurs modèles d'IA, Qwen a franchi un cap important, celui des {dl} millions de téléchargements.",
        "Plus impressionnant encore, cette technologie a inspiré la création de {deriv} modèles dérivés, adaptés à 119 langues différentes. Un signe que l'écosystème adopte bien les outils d'Alibaba.",
        "En Chine, la percée se confirme dans les usages grand public. Lancée en {month}, l'application Qwen a atteint les {users} millions d'utilisateurs actifs en seulement 23 jours.",
        "À l'échelle mondiale, la bataille est intense. Alibaba joue une carte maîtresse, celle de l'open-source : en libérant le code de Qwen, l'entreprise permet à n'importe quel développeur d'adapter la technologie à ses besoins.",
        "L'action Alibaba a reculé de {pct} % à Hong Kong {weekday}, à {price} dollars de Hong Kong.",
        "Alibaba a présenté {model} le {day} {month} {year}, un modèle qui se mesure à {rival} sur les tests de raisonnement.",
        "Les revenus de la division cloud d'Alibaba ont progressé de {growth} % sur un an au dernier trimestre.",
    ],
    top: &["Script = https://www.{host}/wp-content/themes/app.{hash}.js", "PUBLICITÉ"],
    related_heading: "À lire aussi",
    related: &[
        "Les meilleurs forfaits mobiles du moment",
        "Prix de l'essence : la baisse se confirme",
        "Cette voiture électrique affiche 600 km d'autonomie",
    ],
    bottom: &["Partager", "Photo : AFP", "Auteur : La rédaction"],
};

const EN: Lang = Lang {
    code: "en",
    decimal: '.',
    thousands: ",",
    months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    outlets: &["Reuters", "CNBC", "South China Morning Post", "TechCrunch", "Bloomberg", "The Register"],
    headlines: &[
        "Alibaba's Qwen is quietly winning the open-model race",
        "Alibaba's Qwen models pass {dl} million downloads",
        "Alibaba unveils {model} to take on {rival}",
    ],
    paragraphs: &[
        "Alibaba's Qwen models have passed {dl} million downloads on Hugging Face, cementing the family's place as the most popular open-weight models in the world.",
        "Developers have built more than {deriv} derivative models on top of Qwen, fine-tuned for languages and tasks the original models never targeted.",
        "On {month} {day}, {year}, Alibaba released {model}, which the company says matches {rival} on reasoning and coding benchmarks.",
        "Alibaba will invest {inv} billion yuan in AI and cloud infrastructure over the next three years, the largest such commitment by a private Chinese company.",
        "Alibaba's Hong Kong shares fell {pct}% on {weekday} to HK${price}, as investors weighed the cost of the company's AI push.",
        "Alibaba Cloud revenue grew {growth}% year over year in the quarter, driven by demand for AI products.",
        "The Qwen app has reached {users} million monthly active users, according to figures the company shared on {weekday}.",
        "Analysts say the open approach lets Alibaba set de facto standards: companies that build on Qwen today are likely to buy Alibaba Cloud capacity tomorrow.",
        "Alibaba also announced a partnership with {partner} to bring Qwen models to its devices in China.",
    ],
    top: &["Script = https://assets.{host}/static/bundle.{hash}.js", "ADVERTISEMENT"],
    related_heading: "Related articles",
    related: &[
        "Fed holds rates steady as inflation cools",
        "The best noise-cancelling headphones of the year",
        "Oil slips as traders weigh supply outlook",
        "Why a small town in Maine banned leaf blowers",
    ],
    bottom: &["Share this article", "Photo: Reuters", "Author: Staff reporter"],
};

const LANGS: [&Lang; 6] = [&ES, &PT, &IT, &DE, &FR, &EN];

/// A number with the language's thousands separator: `180.000`, `180 000`, `180,000`.
fn grouped(n: u64, lang: &Lang) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(lang.thousands);
        }
        out.push(c);
    }
    out
}

/// `hundredths` / 100 with the language's decimal separator: `2,45`.
fn decimal(hundredths: u64, lang: &Lang) -> String {
    format!(
        "{}{}{:02}",
        hundredths / 100,
        lang.decimal,
        hundredths % 100
    )
}

/// The state of the story on one day. Every article published that day reports the same
/// figures, and figures grow month by month as the real story's did, so the same fact from
/// several articles (in any language) reconciles into one milestone, as in a real corpus.
struct World {
    date: NaiveDate,
    downloads_millions: u64,
    derivatives: u64,
    users_millions: u64,
    investment_billions: u64,
    growth: u64,
    move_hundredths: u64,
    price_hundredths: u64,
    model: &'static str,
    rival: &'static str,
    partner: &'static str,
}

impl World {
    /// The story on `date`; `seed` varies the figures that do not follow a trend.
    fn on(date: NaiveDate, seed: u64) -> World {
        let months = (date.year() as u64 - 2023) * 12 + date.month0() as u64;
        let mut month = Rng(seed ^ months.wrapping_mul(0x2545_f491_4f6c_dd1d));
        let mut day = Rng(seed
            ^ u64::from(date.ordinal())
                .wrapping_add(months << 9)
                .wrapping_mul(0x9e37_79b9));
        World {
            date,
            downloads_millions: 10 * (5 + 2 * months),
            derivatives: 1000 * (10 + 5 * months),
            users_millions: 5 + 2 * months,
            investment_billions: [120, 380, 480][(months / 12) as usize % 3],
            growth: month.range(5, 40),
            move_hundredths: day.range(10, 990),
            price_hundredths: day.range(8_000, 19_000),
            model: month.pick(MODELS),
            rival: month.pick(RIVALS),
            partner: month.pick(PARTNERS),
        }
    }
}

/// A weekday between 2024-01-01 and 2026-06-28 (markets and newsrooms work on weekdays).
fn news_date(rng: &mut Rng) -> NaiveDate {
    loop {
        let (y, m, d) = (
            rng.range(2024, 2026) as i32,
            rng.range(1, 12) as u32,
            rng.range(1, 28) as u32,
        );
        if y == 2026 && m > 6 {
            continue;
        }
        // Days 1 to 28 exist in every month.
        let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
            continue;
        };
        if date.weekday().num_days_from_monday() < 5 {
            return date;
        }
    }
}

/// Replaces each `{name}` of a template with the day's value for it.
fn fill(template: &str, lang: &Lang, world: &World, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        out.push_str(&value_for(name, lang, world, rng));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

fn value_for(name: &str, lang: &Lang, world: &World, rng: &mut Rng) -> String {
    match name {
        "dl" => world.downloads_millions.to_string(),
        "deriv" => grouped(world.derivatives, lang),
        "inv" => world.investment_billions.to_string(),
        "pct" => decimal(world.move_hundredths, lang),
        "price" => decimal(world.price_hundredths, lang),
        "growth" => world.growth.to_string(),
        "users" => world.users_millions.to_string(),
        "month" => lang.months[world.date.month0() as usize].to_string(),
        "weekday" => {
            lang.weekdays[world.date.weekday().num_days_from_monday() as usize].to_string()
        }
        "day" => world.date.day().to_string(),
        "year" => world.date.year().to_string(),
        "model" => world.model.to_string(),
        "rival" => world.rival.to_string(),
        "partner" => world.partner.to_string(),
        "host" => rng
            .pick(&[
                "example-news.com",
                "media.example.org",
                "static.example.net",
            ])
            .to_string(),
        "hash" => format!("{:x}", rng.next() & 0xffff_ffff_ffff),
        other => format!("{{{other}}}"),
    }
}

/// Front matter with the contract's fields; some articles omit `published` or `lang`.
fn front_matter(i: usize, lang: &Lang, title: &str, date: NaiveDate, rng: &mut Rng) -> String {
    let mut fm = String::from("+++\n");
    let _ = writeln!(fm, "id = \"{}-gen-{i:05}\"", lang.code);
    let _ = writeln!(fm, "title = {}", toml_string(title));
    let _ = writeln!(fm, "outlet = {}", toml_string(rng.pick(lang.outlets)));
    if rng.chance(70) {
        let _ = writeln!(fm, "url = \"https://news.example.com/{}/{i}\"", lang.code);
    }
    if rng.chance(88) {
        let _ = writeln!(fm, "published = \"{date}\"");
    }
    if rng.chance(85) {
        let _ = writeln!(fm, "lang = \"{}\"", lang.code);
    }
    fm.push_str("+++\n");
    fm
}

/// A TOML basic string: quotes and backslashes escaped.
fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// One article file's text.
fn article(i: usize, seed: u64, rng: &mut Rng) -> String {
    let lang = rng.pick(&LANGS);
    // Articles without `published` still report their day's figures.
    let date = news_date(rng);
    let world = World::on(date, seed);
    let title = fill(rng.pick(lang.headlines), lang, &world, rng);
    let mut text = front_matter(i, lang, &title, date, rng);
    for line in lang.top {
        if rng.chance(70) {
            text.push_str(&fill(line, lang, &world, rng));
            text.push('\n');
        }
    }
    let _ = write!(text, "\n{title}\n\n");
    // Every paragraph of the language's pool plus five repeated with other figures (real
    // pages restate facts), in a shuffled order.
    let mut templates: Vec<&str> = lang.paragraphs.to_vec();
    templates.extend((0..5).map(|_| rng.pick(lang.paragraphs)));
    rng.shuffle(&mut templates);
    let paragraphs: Vec<String> = templates
        .iter()
        .map(|t| fill(t, lang, &world, rng))
        .collect();
    for p in &paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
    }
    if rng.chance(80) {
        let _ = write!(text, "{}\n\n", lang.related_heading);
        for line in lang.related {
            let _ = write!(text, "{line}\n\n");
        }
    }
    for line in lang.bottom {
        if rng.chance(60) {
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

struct Args {
    count: usize,
    dir: PathBuf,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let usage = "usage: gen_corpus COUNT DIR [--seed N]";
    let mut positional = Vec::new();
    let mut seed = 42;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--seed" {
            let value = args.next().ok_or(usage)?;
            seed = value
                .parse()
                .map_err(|_| format!("--seed {value}: not a number\n{usage}"))?;
        } else {
            positional.push(arg);
        }
    }
    let [count, dir] = positional.as_slice() else {
        return Err(usage.into());
    };
    let count = count
        .parse()
        .map_err(|_| format!("{count}: not a count\n{usage}"))?;
    Ok(Args {
        count,
        dir: PathBuf::from(dir),
        seed,
    })
}

/// The corpus's files in order, as (file name, text): the same `count` and `seed` always
/// give the same files. Benchmarks include this file as a module to generate in memory.
pub fn articles(count: usize, seed: u64) -> impl Iterator<Item = (String, String)> {
    let mut rng = Rng(seed);
    (0..count).map(move |i| (file_name(i), article(i, seed, &mut rng)))
}

/// Writes the corpus into `dir` (created if missing) and returns the bytes written.
pub fn write_corpus(dir: &Path, count: usize, seed: u64) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut bytes = 0;
    for (name, text) in articles(count, seed) {
        bytes += text.len() as u64;
        std::fs::write(dir.join(name), text)?;
    }
    Ok(bytes)
}

fn file_name(i: usize) -> String {
    format!("gen-{i:06}.md")
}

fn main() -> std::process::ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return std::process::ExitCode::from(2);
        }
    };
    match write_corpus(&args.dir, args.count, args.seed) {
        Ok(bytes) => {
            println!(
                "{} articles, {:.1} MB in {}",
                args.count,
                bytes as f64 / 1e6,
                args.dir.display()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write {}: {e}", args.dir.display());
            std::process::ExitCode::FAILURE
        }
    }
}
