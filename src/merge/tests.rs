//! Tests of the merge.
