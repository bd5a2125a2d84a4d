//! Colours and glyphs, in one value the renderer is parameterized by.

use ratatui::style::{Color, Modifier, Style};

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

/// Every style the board uses. Meaning never rests on colour alone: severities also have glyphs.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub base: Style,
    pub header: Style,
    pub status: Style,
    pub dim: Style,
    pub column: Style,
    pub column_title: Style,
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
}

impl Theme {
    /// The default theme for a dark terminal.
    pub fn dark() -> Self {
        Theme {
            base: Style::new(),
            header: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::White).bg(Color::DarkGray),
            dim: Style::new().fg(Color::DarkGray),
            column: Style::new().fg(Color::Gray),
            column_title: Style::new().add_modifier(Modifier::BOLD),
            drop_target: Style::new()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            card: Style::new(),
            card_selected: Style::new()
                .fg(Color::White)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            ghost: Style::new()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            dialog: Style::new().fg(Color::White).bg(Color::Black),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Yellow),
            info: Style::new().fg(Color::LightBlue),
            ok: Style::new().fg(Color::Green),
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
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
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
