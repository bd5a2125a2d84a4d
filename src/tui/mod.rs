//! Terminal UI (placeholder until written).
