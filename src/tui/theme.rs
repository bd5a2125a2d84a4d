//! Colours and glyphs, in one value the renderer is parameterized by.

use ratatui::style::{Color, Modifier, Style};

use crate::palette::Ink;
use crate::workspace::Severity;

/// The themes a person can choose (`--theme`, `t`, the settings file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// For a dark terminal, in the terminal's own palette.
    #[default]
    Default,
    /// For projectors: bold headers, strong borders, bright colours only.
    HighContrast,
    /// Dark text on a light background, for white projectors and light terminals.
    Light,
    /// No colour at all: states by glyph, word, bold, reverse and underline.
    Mono,
}

impl ThemeName {
    /// Every theme, in the order `t` cycles through them.
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Default,
        ThemeName::HighContrast,
        ThemeName::Light,
        ThemeName::Mono,
    ];

    /// The name as written in `--theme` and the settings file.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::Light => "light",
            ThemeName::Mono => "mono",
        }
    }

    /// The theme called `name`, if there is one.
    pub fn parse(name: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// The theme after this one.
    pub fn next(self) -> ThemeName {
        let at = ThemeName::ALL.iter().position(|&t| t == self).unwrap_or(0);
        ThemeName::ALL[(at + 1) % ThemeName::ALL.len()]
    }
}

/// Every style the board uses: views take all their colours and attributes from here.
/// Meaning never rests on colour alone: severities also have glyphs and words.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Which theme this is.
    pub name: ThemeName,
    /// The whole screen (light and high-contrast set their own background).
    pub base: Style,
    pub header: Style,
    pub status: Style,
    /// The key hint at the end of the status line.
    pub status_key: Style,
    /// Status messages that report success, and problems.
    pub success: Style,
    pub problem: Style,
    /// Secondary text: counts, markers, ids. Readable, never dark grey.
    pub dim: Style,
    pub column: Style,
    /// The border of the selected column.
    pub column_selected: Style,
    pub column_title: Style,
    /// Headings inside panels (a responsibility's name, matrix headers).
    pub heading: Style,
    pub drop_target: Style,
    pub card: Style,
    pub card_selected: Style,
    pub ghost: Style,
    pub cursor: Style,
    pub key: Style,
    pub dialog: Style,
    pub error: Style,
    pub warning: Style,
    pub info: Style,
    pub ok: Style,
    /// Bars of the load view: accountable, responsible, funding.
    pub bar_accountable: Style,
    pub bar_responsible: Style,
    pub bar_funding: Style,
    /// Large type in focus mode.
    pub big: Style,
}

/// The background a theme's contrast is measured against, and the terminal's own foreground
/// (for text drawn in the terminal's default colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backdrop {
    pub background: (u8, u8, u8),
    pub foreground: (u8, u8, u8),
}

impl Theme {
    /// The theme called `name`.
    pub fn named(name: ThemeName) -> Self {
        match name {
            ThemeName::Default => Theme::dark(),
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::Light => Theme::light(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    /// The theme for this environment: `mono` when `NO_COLOR` is set (and not empty), else `name`.
    pub fn for_environment(name: ThemeName) -> Self {
        Theme::named(if no_color() { ThemeName::Mono } else { name })
    }

    /// The default theme for a dark terminal, in the terminal's own palette: bright colours for
    /// everything that carries meaning, no dark grey, no dim yellow.
    pub fn dark() -> Self {
        let bold = Modifier::BOLD;
        Theme {
            name: ThemeName::Default,
            base: Style::new(),
            header: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(bold),
            status: Style::new().fg(Color::White).bg(Color::Blue),
            status_key: Style::new()
                .fg(Color::LightYellow)
                .bg(Color::Blue)
                .add_modifier(bold),
            success: Style::new()
                .fg(Color::LightGreen)
                .bg(Color::Blue)
                .add_modifier(bold),
            problem: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(bold),
            dim: Style::new().fg(Color::Gray),
            column: Style::new().fg(Color::Gray),
            column_selected: Style::new().fg(Color::White).add_modifier(bold),
            column_title: Style::new().add_modifier(bold),
            heading: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            drop_target: Style::new().fg(Color::LightGreen).add_modifier(bold),
            card: Style::new(),
            card_selected: Style::new()
                .fg(Color::White)
                .add_modifier(bold | Modifier::REVERSED),
            ghost: Style::new().fg(Color::LightGreen).add_modifier(bold),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            key: Style::new().fg(Color::LightYellow).add_modifier(bold),
            dialog: Style::new().fg(Color::White).bg(Color::Black),
            error: Style::new().fg(ink(Ink::Error)).add_modifier(bold),
            warning: Style::new().fg(ink(Ink::Warning)),
            info: Style::new().fg(ink(Ink::Info)),
            ok: Style::new().fg(ink(Ink::Ok)),
            bar_accountable: Style::new().fg(Color::LightMagenta),
            bar_responsible: Style::new().fg(Color::LightCyan),
            bar_funding: Style::new().fg(Color::LightGreen),
            big: Style::new().fg(Color::White).add_modifier(bold),
        }
    }

    /// For projectors: black background, bold headers, strong borders, bright colours only.
    pub fn high_contrast() -> Self {
        let bold = Modifier::BOLD;
        let black = Color::Rgb(0, 0, 0);
        let white = Color::Rgb(255, 255, 255);
        let yellow = Color::Rgb(255, 255, 0);
        let cyan = Color::Rgb(0, 255, 255);
        let green = Color::Rgb(0, 255, 0);
        let red = Color::Rgb(255, 110, 110);
        let magenta = Color::Rgb(255, 120, 255);
        Theme {
            name: ThemeName::HighContrast,
            base: Style::new().fg(white).bg(black),
            header: Style::new().fg(black).bg(yellow).add_modifier(bold),
            status: Style::new().fg(black).bg(white).add_modifier(bold),
            status_key: Style::new().fg(black).bg(yellow).add_modifier(bold),
            success: Style::new().fg(black).bg(green).add_modifier(bold),
            problem: Style::new()
                .fg(white)
                .bg(Color::Rgb(170, 0, 0))
                .add_modifier(bold),
            dim: Style::new().fg(white),
            column: Style::new().fg(white).add_modifier(bold),
            column_selected: Style::new().fg(yellow).add_modifier(bold),
            column_title: Style::new().fg(white).add_modifier(bold),
            heading: Style::new()
                .fg(yellow)
                .add_modifier(bold | Modifier::UNDERLINED),
            drop_target: Style::new().fg(green).add_modifier(bold),
            card: Style::new().fg(white),
            card_selected: Style::new().fg(black).bg(yellow).add_modifier(bold),
            ghost: Style::new().fg(green).add_modifier(bold),
            cursor: Style::new().fg(black).bg(cyan).add_modifier(bold),
            key: Style::new().fg(yellow).add_modifier(bold),
            dialog: Style::new().fg(white).bg(black),
            error: Style::new().fg(red).add_modifier(bold),
            warning: Style::new().fg(yellow).add_modifier(bold),
            info: Style::new().fg(cyan).add_modifier(bold),
            ok: Style::new().fg(green).add_modifier(bold),
            bar_accountable: Style::new().fg(magenta),
            bar_responsible: Style::new().fg(cyan),
            bar_funding: Style::new().fg(green),
            big: Style::new().fg(yellow).add_modifier(bold),
        }
    }

    /// Dark text on a light background, for white projectors and light terminals.
    pub fn light() -> Self {
        let bold = Modifier::BOLD;
        let paper = Color::Rgb(255, 255, 255);
        let ink = Color::Rgb(20, 20, 20);
        let grey = Color::Rgb(80, 80, 80);
        let blue = Color::Rgb(0, 60, 160);
        let red = Color::Rgb(180, 0, 0);
        let amber = Color::Rgb(140, 80, 0);
        let green = Color::Rgb(0, 110, 0);
        let purple = Color::Rgb(120, 0, 140);
        let teal = Color::Rgb(0, 100, 120);
        Theme {
            name: ThemeName::Light,
            base: Style::new().fg(ink).bg(paper),
            header: Style::new().fg(paper).bg(blue).add_modifier(bold),
            status: Style::new().fg(ink).bg(Color::Rgb(225, 230, 240)),
            status_key: Style::new()
                .fg(blue)
                .bg(Color::Rgb(225, 230, 240))
                .add_modifier(bold),
            success: Style::new().fg(paper).bg(green).add_modifier(bold),
            problem: Style::new().fg(paper).bg(red).add_modifier(bold),
            dim: Style::new().fg(grey),
            column: Style::new().fg(grey),
            column_selected: Style::new().fg(blue).add_modifier(bold),
            column_title: Style::new().fg(ink).add_modifier(bold),
            heading: Style::new()
                .fg(blue)
                .add_modifier(bold | Modifier::UNDERLINED),
            drop_target: Style::new().fg(green).add_modifier(bold),
            card: Style::new().fg(ink),
            card_selected: Style::new().fg(paper).bg(blue).add_modifier(bold),
            ghost: Style::new().fg(green).add_modifier(bold),
            cursor: Style::new().fg(paper).bg(teal).add_modifier(bold),
            key: Style::new().fg(blue).add_modifier(bold),
            dialog: Style::new().fg(ink).bg(Color::Rgb(245, 245, 235)),
            error: Style::new().fg(red).add_modifier(bold),
            warning: Style::new().fg(amber).add_modifier(bold),
            info: Style::new().fg(teal),
            ok: Style::new().fg(green),
            bar_accountable: Style::new().fg(purple),
            bar_responsible: Style::new().fg(teal),
            bar_funding: Style::new().fg(green),
            big: Style::new().fg(blue).add_modifier(bold),
        }
    }

    /// No colour at all: states by glyph, word, bold, reverse and underline.
    pub fn mono() -> Self {
        let bold = Modifier::BOLD;
        let plain = Style::new();
        Theme {
            name: ThemeName::Mono,
            base: plain,
            header: plain.add_modifier(bold | Modifier::REVERSED),
            status: plain.add_modifier(Modifier::REVERSED),
            status_key: plain.add_modifier(Modifier::REVERSED | bold),
            success: plain.add_modifier(Modifier::REVERSED | bold),
            problem: plain.add_modifier(Modifier::REVERSED | bold | Modifier::UNDERLINED),
            dim: plain,
            column: plain,
            column_selected: plain.add_modifier(bold),
            column_title: plain.add_modifier(bold),
            heading: plain.add_modifier(bold | Modifier::UNDERLINED),
            drop_target: plain.add_modifier(bold | Modifier::UNDERLINED),
            card: plain,
            card_selected: plain.add_modifier(bold | Modifier::REVERSED),
            ghost: plain.add_modifier(bold),
            cursor: plain.add_modifier(Modifier::REVERSED),
            key: plain.add_modifier(bold),
            dialog: plain,
            error: plain.add_modifier(bold),
            warning: plain.add_modifier(bold),
            info: plain,
            ok: plain,
            bar_accountable: plain,
            bar_responsible: plain,
            bar_funding: plain,
            big: plain.add_modifier(bold),
        }
    }

    /// The style of a severity.
    pub fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }

    /// What the contrast of this theme is measured against.
    pub fn backdrop(&self) -> Backdrop {
        let rgb = |style: Style, fallback| style.bg.and_then(rgb_of).unwrap_or(fallback);
        let foreground = self.base.fg.and_then(rgb_of).unwrap_or(TERMINAL_FOREGROUND);
        Backdrop {
            background: rgb(self.base, TERMINAL_BACKGROUND),
            foreground,
        }
    }

    /// Every style that draws text, by name, for the contrast check and the style audit.
    pub fn text_styles(&self) -> Vec<(&'static str, Style)> {
        vec![
            ("base", self.base),
            ("header", self.header),
            ("status", self.status),
            ("status_key", self.status_key),
            ("success", self.success),
            ("problem", self.problem),
            ("dim", self.dim),
            ("column", self.column),
            ("column_selected", self.column_selected),
            ("column_title", self.column_title),
            ("heading", self.heading),
            ("drop_target", self.drop_target),
            ("card", self.card),
            ("card_selected", self.card_selected),
            ("ghost", self.ghost),
            ("cursor", self.cursor),
            ("key", self.key),
            ("dialog", self.dialog),
            ("error", self.error),
            ("warning", self.warning),
            ("info", self.info),
            ("ok", self.ok),
            ("bar_accountable", self.bar_accountable),
            ("bar_responsible", self.bar_responsible),
            ("bar_funding", self.bar_funding),
            ("big", self.big),
        ]
    }

    /// The WCAG contrast ratio of text in `style` drawn on this theme's screen. Reverse video
    /// swaps the two colours, as the terminal does.
    pub fn contrast(&self, style: Style) -> f64 {
        let backdrop = self.backdrop();
        let mut fg = style.fg.and_then(rgb_of).unwrap_or(backdrop.foreground);
        let mut bg = style.bg.and_then(rgb_of).unwrap_or(backdrop.background);
        if style.add_modifier.contains(Modifier::REVERSED) {
            std::mem::swap(&mut fg, &mut bg);
        }
        contrast_ratio(fg, bg)
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

/// Whether `NO_COLOR` is set (and not empty), as <https://no-color.org> defines it.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The terminal's own colours, as a dark terminal (xterm's defaults) shows them.
const TERMINAL_BACKGROUND: (u8, u8, u8) = (0, 0, 0);
const TERMINAL_FOREGROUND: (u8, u8, u8) = (229, 229, 229);

/// The colour a terminal shows for `color` (xterm's palette for the 16 named colours);
/// `None` for the terminal's default.
pub fn rgb_of(color: Color) -> Option<(u8, u8, u8)> {
    Some(match color {
        Color::Reset => return None,
        Color::Black => (0, 0, 0),
        Color::Red => (205, 0, 0),
        Color::Green => (0, 205, 0),
        Color::Yellow => (205, 205, 0),
        Color::Blue => (0, 0, 238),
        Color::Magenta => (205, 0, 205),
        Color::Cyan => (0, 205, 205),
        Color::Gray => (229, 229, 229),
        Color::DarkGray => (127, 127, 127),
        Color::LightRed => (255, 0, 0),
        Color::LightGreen => (0, 255, 0),
        Color::LightYellow => (255, 255, 0),
        Color::LightBlue => (92, 92, 255),
        Color::LightMagenta => (255, 0, 255),
        Color::LightCyan => (0, 255, 255),
        Color::White => (255, 255, 255),
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) => return rgb_of(ansi16(i)?),
    })
}

/// The board's colour of a palette ink (shared with the command line's reports).
fn ink(ink: Ink) -> Color {
    ansi16(ink.ansi()).unwrap_or(Color::Reset)
}

/// The named colour of ANSI index `i` (0 to 15).
fn ansi16(i: u8) -> Option<Color> {
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    NAMED.get(usize::from(i)).copied()
}

/// The WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast_ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    fn channel(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }
    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// The glyph that marks a severity, readable without colour.
pub fn glyph(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "●",
    }
}

/// Glyph marking a responsibility that appears in several columns.
pub const SHARED_GLYPH: &str = "⇄";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wcag_formula_matches_known_ratios() {
        assert!((contrast_ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio((255, 255, 255), (255, 255, 255)) - 1.0).abs() < 1e-9);
        // #777777 on white is the classic borderline grey: 4.48:1.
        let grey = contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255));
        assert!((grey - 4.48).abs() < 0.01, "{grey}");
    }

    #[test]
    fn every_theme_has_readable_text() {
        for name in ThemeName::ALL {
            let theme = Theme::named(name);
            for (field, style) in theme.text_styles() {
                let ratio = theme.contrast(style);
                assert!(
                    ratio >= 4.5,
                    "{}: {field} has contrast {ratio:.2}:1, below 4.5:1",
                    name.as_str()
                );
            }
        }
    }

    #[test]
    fn no_theme_uses_dark_grey_or_dim() {
        for name in ThemeName::ALL {
            for (field, style) in Theme::named(name).text_styles() {
                assert_ne!(
                    style.fg,
                    Some(Color::DarkGray),
                    "{}: {field}",
                    name.as_str()
                );
                assert!(
                    !style.add_modifier.contains(Modifier::DIM),
                    "{}: {field}",
                    name.as_str()
                );
            }
        }
    }

    #[test]
    fn mono_has_no_colour_and_marks_the_selection() {
        let mono = Theme::mono();
        for (field, style) in mono.text_styles() {
            assert!(
                style.fg.is_none() && style.bg.is_none(),
                "mono {field} has a colour"
            );
        }
        assert!(mono.card_selected.add_modifier.contains(Modifier::REVERSED));
        assert!(mono.cursor.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn names_round_trip_and_cycle() {
        for name in ThemeName::ALL {
            assert_eq!(ThemeName::parse(name.as_str()), Some(name));
        }
        assert_eq!(ThemeName::Mono.next(), ThemeName::Default);
        assert_eq!(ThemeName::parse("dark"), None);
    }
}
