//! The one key table: the handler looks actions up in it, and the help overlay and the
//! footer are written from it, so they never disagree. `[keys]` in the config rebinds.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;

/// Everything a key can do. Names (`quit`, `page_down`…) are the config's `[keys]` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Act {
    Quit,
    Help,
    NextView,
    PrevView,
    Dashboard,
    Charts,
    Timeline,
    Sources,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Enter,
    Back,
    NextItem,
    PrevItem,
    NextChart,
    Search,
    SearchNext,
    SearchPrev,
    Filter,
    ClearFilter,
    Copy,
    Open,
    Warnings,
    Mouse,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Update,
    Export,
}

/// An action's config name, help text and default keys, in help order.
pub struct Binding {
    pub act: Act,
    pub name: &'static str,
    pub help: &'static str,
    pub defaults: &'static [&'static str],
}

const fn b(
    act: Act,
    name: &'static str,
    help: &'static str,
    defaults: &'static [&'static str],
) -> Binding {
    Binding {
        act,
        name,
        help,
        defaults,
    }
}

pub const BINDINGS: &[Binding] = &[
    b(Act::Dashboard, "dashboard", "Dashboard view", &["1"]),
    b(Act::Charts, "charts", "Charts view", &["2"]),
    b(Act::Timeline, "timeline", "Timeline view", &["3"]),
    b(Act::Sources, "sources", "Sources view", &["4"]),
    b(Act::NextView, "next_view", "next view", &["tab"]),
    b(Act::PrevView, "prev_view", "previous view", &["backtab"]),
    b(
        Act::Down,
        "down",
        "one row down (next milestone in Charts and Sources)",
        &["j", "down"],
    ),
    b(
        Act::Up,
        "up",
        "one row up (previous milestone in Charts and Sources)",
        &["k", "up"],
    ),
    b(Act::Top, "top", "first row", &["g", "home"]),
    b(Act::Bottom, "bottom", "last row", &["G", "end"]),
    b(
        Act::PageDown,
        "page_down",
        "a page down (scrolls the text in Sources)",
        &["pgdn", "space"],
    ),
    b(
        Act::PageUp,
        "page_up",
        "a page up (scrolls the text in Sources)",
        &["pgup", "b"],
    ),
    b(
        Act::HalfPageDown,
        "half_page_down",
        "half a page down",
        &["ctrl-d"],
    ),
    b(
        Act::HalfPageUp,
        "half_page_up",
        "half a page up",
        &["ctrl-u"],
    ),
    b(
        Act::Enter,
        "enter",
        "open the sources; in Sources, the whole article",
        &["enter"],
    ),
    b(
        Act::Back,
        "back",
        "back: close the article, cancel, clear the filter",
        &["esc"],
    ),
    b(
        Act::NextItem,
        "next",
        "next source (Sources) / next chart (Charts)",
        &["right", "l"],
    ),
    b(
        Act::PrevItem,
        "previous",
        "previous source (Sources) / previous chart (Charts)",
        &["left", "h"],
    ),
    b(Act::NextChart, "next_chart", "next chart", &["c"]),
    b(Act::Search, "search", "search titles and quotes", &["/"]),
    b(Act::SearchNext, "search_next", "next match", &["n"]),
    b(Act::SearchPrev, "search_prev", "previous match", &["N"]),
    b(Act::Filter, "filter", "filter by the next kind", &["f"]),
    b(Act::ClearFilter, "clear_filter", "show every kind", &["F"]),
    b(
        Act::Copy,
        "copy",
        "copy the source's citation (OSC 52, tmux)",
        &["y"],
    ),
    b(
        Act::Open,
        "open",
        "open the source's URL in the browser",
        &["o"],
    ),
    b(
        Act::Warnings,
        "warnings",
        "the warnings met while loading",
        &["w"],
    ),
    b(
        Act::Mouse,
        "mouse",
        "give the mouse to the terminal / take it back",
        &["m"],
    ),
    b(
        Act::ZoomIn,
        "zoom_in",
        "zoom the chart's time range in",
        &["+", "="],
    ),
    b(Act::ZoomOut, "zoom_out", "zoom out", &["-"]),
    b(Act::ZoomReset, "zoom_reset", "the whole time range", &["0"]),
    b(
        Act::Update,
        "update",
        "fetch the followed feeds (qwen-story update)",
        &["u"],
    ),
    b(
        Act::Export,
        "export",
        "export the screen (SVG and text) to this folder",
        &["e"],
    ),
    b(Act::Help, "help", "this help", &["?", "f1"]),
    b(Act::Quit, "quit", "quit", &["q", "ctrl-c"]),
];

/// A key as the table compares it: the code and the Ctrl/Alt modifiers (Shift is in the
/// character itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn of(event: &KeyEvent) -> Key {
        let mut modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match event.code {
            // Some terminals send Ctrl-D as Char('D') with Shift; the table holds lower case.
            KeyCode::Char(c) if !modifiers.is_empty() => KeyCode::Char(c.to_ascii_lowercase()),
            KeyCode::Char(c) => KeyCode::Char(c),
            code => code,
        };
        if event.modifiers.contains(KeyModifiers::SHIFT) && !matches!(code, KeyCode::Char(_)) {
            modifiers |= KeyModifiers::SHIFT;
        }
        let code = if code == KeyCode::BackTab {
            modifiers -= KeyModifiers::SHIFT;
            KeyCode::BackTab
        } else {
            code
        };
        Key { code, modifiers }
    }

    /// `q`, `ctrl-c`, `enter`, `pgdn`, `f1`, `shift-tab`…
    pub fn parse(text: &str) -> Option<Key> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            if rest.len() == len {
                break; // `-` after a modifier is not itself a modifier
            }
            modifiers |= m;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if modifiers.contains(KeyModifiers::SHIFT) {
                    modifiers -= KeyModifiers::SHIFT;
                    KeyCode::Char(c.to_ascii_uppercase())
                } else if modifiers.is_empty() {
                    KeyCode::Char(c)
                } else {
                    KeyCode::Char(c.to_ascii_lowercase())
                }
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if modifiers.contains(KeyModifiers::SHIFT) => {
                    modifiers -= KeyModifiers::SHIFT;
                    KeyCode::BackTab
                }
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "pgup" | "pageup" => KeyCode::PageUp,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                f if f.starts_with('f') => {
                    KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?)
                }
                _ => return None,
            },
        };
        Some(Key { code, modifiers })
    }

    /// How help and the footer write the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.modifiers.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut out = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        out.push_str(&base);
        out
    }
}

/// Keys to actions, after the config's rebinding.
#[derive(Debug, Clone)]
pub struct KeyTable {
    /// In [`BINDINGS`] order: each action and its keys.
    keys: Vec<(Act, Vec<Key>)>,
}

impl Default for KeyTable {
    fn default() -> Self {
        KeyTable {
            keys: BINDINGS
                .iter()
                .map(|b| {
                    (
                        b.act,
                        b.defaults.iter().filter_map(|k| Key::parse(k)).collect(),
                    )
                })
                .collect(),
        }
    }
}

impl KeyTable {
    /// The defaults with `[keys]` applied: an action named there gets exactly those keys,
    /// and they are taken from any other action. Returns one warning per unknown action or key.
    pub fn with_config(config: &BTreeMap<String, Vec<String>>) -> (KeyTable, Vec<String>) {
        let mut table = KeyTable::default();
        let mut warnings = Vec::new();
        for (name, keys) in config {
            let Some(binding) = BINDINGS.iter().find(|b| b.name == name) else {
                warnings.push(format!("config [keys]: unknown action `{name}` ignored"));
                continue;
            };
            let mut parsed = Vec::new();
            for k in keys {
                match Key::parse(k) {
                    Some(key) => parsed.push(key),
                    None => {
                        warnings.push(format!("config [keys] {name}: unknown key `{k}` ignored"));
                    }
                }
            }
            for (_, bound) in &mut table.keys {
                bound.retain(|k| !parsed.contains(k));
            }
            if let Some((_, bound)) = table.keys.iter_mut().find(|(a, _)| *a == binding.act) {
                *bound = parsed;
            }
        }
        (table, warnings)
    }

    /// The action bound to a key press.
    pub fn action(&self, event: &KeyEvent) -> Option<Act> {
        let key = Key::of(event);
        self.keys
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|(act, _)| *act)
    }

    /// The keys of an action, as written in help (`j ↓`).
    pub fn label(&self, act: Act) -> String {
        self.keys
            .iter()
            .find(|(a, _)| *a == act)
            .map(|(_, keys)| keys.iter().map(Key::label).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }

    /// The first key of an action, for the footer.
    pub fn first(&self, act: Act) -> Option<String> {
        self.keys
            .iter()
            .find(|(a, _)| *a == act)
            .and_then(|(_, keys)| keys.first())
            .map(Key::label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_key_parses_and_none_is_bound_twice() {
        let mut seen = Vec::new();
        for binding in BINDINGS {
            for k in binding.defaults {
                let key = Key::parse(k).unwrap_or_else(|| panic!("{k} parses"));
                assert!(!seen.contains(&key), "{k} bound twice");
                seen.push(key);
            }
        }
    }

    #[test]
    fn parses_named_and_modified_keys() {
        assert_eq!(
            Key::parse("ctrl-c").map(|k| k.label()),
            Some("Ctrl-C".into())
        );
        assert_eq!(Key::parse("pgdn").map(|k| k.code), Some(KeyCode::PageDown));
        assert_eq!(Key::parse("f1").map(|k| k.code), Some(KeyCode::F(1)));
        assert_eq!(
            Key::parse("shift-tab").map(|k| k.code),
            Some(KeyCode::BackTab)
        );
        assert_eq!(
            Key::parse("shift-g").map(|k| k.code),
            Some(KeyCode::Char('G'))
        );
        assert_eq!(Key::parse("-").map(|k| k.code), Some(KeyCode::Char('-')));
        assert_eq!(Key::parse("ctrl-"), None);
        assert_eq!(Key::parse("hyper-x"), None);
    }

    #[test]
    fn config_rebinds_and_takes_the_key_from_its_old_action() {
        let config = BTreeMap::from([
            ("quit".to_string(), vec!["x".to_string()]),
            ("help".to_string(), vec!["q".to_string()]),
            ("nonsense".to_string(), vec!["z".to_string()]),
        ]);
        let (table, warnings) = KeyTable::with_config(&config);
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(table.action(&press('x')), Some(Act::Quit));
        assert_eq!(table.action(&press('q')), Some(Act::Help));
        assert_eq!(table.action(&press('?')), None);
        assert_eq!(warnings.len(), 1);
    }
}
