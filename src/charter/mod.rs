//! Charter export (placeholder until written).
