//! whoowns: who does, decides and answers for social media, mapped as a shared-ownership charter.
//!
//! The library core knows nothing of terminals: [`workspace`] (model and TOML I/O),
//! [`analysis`] (conflict rules), [`charter`] (Markdown export), [`edit`] (undoable changes) and
//! [`diff`] (what changed between two workspaces).
//! The `tui` module (cargo feature `tui`, on by default) is a thin interactive layer on top;
//! without it the library and the headless command line build without ratatui or crossterm.
//!
//! ```
//! use whoowns::analysis::{RuleId, analyze};
//! use whoowns::charter::{CharterOptions, render};
//! use whoowns::workspace::parse;
//!
//! let text = r#"
//! whoowns = 1
//! [workspace]
//! name = "Acme"
//! [[department]]
//! id = "pr"
//! name = "PR"
//! [[responsibility]]
//! id = "crisis"
//! name = "Crisis response"
//! responsible = ["pr"]
//! "#;
//! let workspace = parse(text).expect("a valid workspace").workspace;
//! let analysis = analyze(&workspace);
//! assert_eq!(analysis.findings[0].rule, RuleId::HotPotato);
//! let charter = render(&workspace, &analysis, &CharterOptions::default());
//! assert!(charter.starts_with("# Acme"));
//! ```

pub mod agenda;
pub mod analysis;
pub mod backup;
pub mod charter;
pub mod cli;
pub mod convert;
pub mod diff;
pub mod dirs;
pub mod discover;
pub mod edit;
pub mod generate;
pub mod journal;
pub mod load;
pub mod lock;
pub mod merge;
pub mod output;
pub mod palette;
pub mod rules;
pub mod schema;
pub mod session;
pub mod shell;
pub mod signoff;
pub mod spreadsheet;
pub mod stale;
pub mod text;
#[cfg(feature = "tui")]
pub mod tui;
pub mod workspace;

/// The bundled sample workspace, the default a newcomer sees.
pub const SAMPLE_WORKSPACE: &str = include_str!("../assets/sample.toml");
/// The blank template: the usual departments and no responsibilities (`init --template blank`).
pub const BLANK_WORKSPACE: &str = include_str!("../assets/blank.toml");
/// The minimal template: two departments and one responsibility with no findings
/// (`init --template minimal`).
pub const MINIMAL_WORKSPACE: &str = include_str!("../assets/minimal.toml");
