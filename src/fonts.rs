//! The bundled font (DejaVu Sans Mono), compiled in once for PNG export and chart text.

/// DejaVu Sans Mono, regular.
pub static REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSansMono.ttf");
/// DejaVu Sans Mono, bold.
pub static BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSansMono-Bold.ttf");
