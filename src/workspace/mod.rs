//! The workspace: its model, reading it from TOML with precise errors, and saving it back.

mod atomic;
mod builtin_models;
mod claim;
mod conflict;
mod decision_id;
mod diagnostics;
mod fields;
mod file;
mod load;
mod model;
mod roles;
mod save;
mod save_claims;
mod save_conflicts;
mod save_endings;
mod save_layout;
mod save_lead;
mod save_model;
mod save_pieces;
mod save_values;
mod source;
mod waiver;

pub use atomic::{
    Prepared, WriteError, WriteOptions, clean_leftovers, prepare, resolve_links, write_atomic,
    write_derived, write_file,
};
pub use conflict::{ITEM_KEPT, ITEM_REMOVED, show_value};
pub use decision_id::{ImplicitIds, derived_decision_id};
pub use diagnostics::render_diagnostics;
pub use fields::{Fields, WorkspaceFields, workspace_field, workspace_field_names};
pub use file::{LoadError, LoadedFile, load_file, load_text, same_file};
pub use load::{Parsed, SourceMap, id_from_name, is_valid_date, parse};
pub use model::*;
pub use save::{to_toml, update_document};
pub use source::{Diagnostic, LineIndex, Location};
pub use waiver::Waiver;
