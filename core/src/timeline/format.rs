//! Values as people read them: `700M`, `180K`, `US$53B`, `HK$131.5`, `−2.45 %`.

/// A count with a magnitude suffix: 700000000 → `700M`, 140000 → `140K`, 131.5 → `131.5`.
pub fn compact_number(value: f64) -> String {
    let abs = value.abs();
    let (scaled, suffix) = if abs >= 1e12 {
        (value / 1e12, "T")
    } else if abs >= 1e9 {
        (value / 1e9, "B")
    } else if abs >= 1e6 {
        (value / 1e6, "M")
    } else if abs >= 1e4 {
        (value / 1e3, "K")
    } else {
        (value, "")
    };
    format!(
        "{}{suffix}",
        trim_decimals(scaled, if suffix.is_empty() { 2 } else { 1 })
    )
}

fn trim_decimals(value: f64, places: usize) -> String {
    let s = format!("{value:.places$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The symbol written before an amount in a currency.
pub fn currency_prefix(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "US$",
        "HKD" => "HK$",
        "EUR" => "€",
        "CNY" => "CN¥",
        "GBP" => "£",
        "JPY" => "¥",
        _ => return None,
    })
}

/// A milestone value with its unit, compact.
pub fn format_value(value: f64, unit: Option<&str>) -> String {
    match unit {
        Some("%") => {
            let sign = if value < 0.0 {
                "−"
            } else if value > 0.0 {
                "+"
            } else {
                ""
            };
            format!("{sign}{} %", trim_decimals(value.abs(), 2))
        }
        Some(code) if currency_prefix(code).is_some() => {
            let prefix = currency_prefix(code).unwrap_or_default();
            format!("{prefix}{}", compact_number(value))
        }
        Some(code) if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) => {
            format!("{code} {}", compact_number(value))
        }
        _ => compact_number(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_values() {
        assert_eq!(format_value(700e6, Some("downloads")), "700M");
        assert_eq!(format_value(180_000.0, Some("models")), "180K");
        assert_eq!(format_value(53e9, Some("USD")), "US$53B");
        assert_eq!(format_value(52.5e9, Some("USD")), "US$52.5B");
        assert_eq!(format_value(131.5, Some("HKD")), "HK$131.5");
        assert_eq!(format_value(166.10, Some("USD")), "US$166.1");
        assert_eq!(format_value(-2.45, Some("%")), "−2.45 %");
        assert_eq!(format_value(97.0, Some("%")), "+97 %");
        assert_eq!(format_value(123.6, Some("EUR")), "€123.6");
        assert_eq!(format_value(380e9, Some("CNY")), "CN¥380B");
        assert_eq!(format_value(2.0, None), "2");
    }
}
