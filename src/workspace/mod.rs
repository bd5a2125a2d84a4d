//! The workspace: its model, reading it from TOML with precise errors, and saving it back.

mod atomic;
mod claim;
mod diagnostics;
mod file;
mod load;
mod model;
mod save;
mod source;

pub use atomic::{
    Prepared, WriteError, WriteOptions, clean_leftovers, prepare, resolve_links, write_atomic,
    write_file,
};
pub use diagnostics::render_diagnostics;
pub use file::{LoadError, LoadedFile, load_file, load_text, same_file};
pub use load::{Parsed, SourceMap, id_from_name, is_valid_date, parse};
pub use model::*;
pub use save::{to_toml, update_document};
pub use source::{Diagnostic, LineIndex, Location};
