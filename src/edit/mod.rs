//! Edits (placeholder until written).
