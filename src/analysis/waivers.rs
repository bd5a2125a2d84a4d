//! Waived findings: those a `[[waiver]]` accepts on purpose are marked with its reason and
//! date (still listed, not counted), and waivers whose finding no longer occurs are stale.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::Analysis;
use crate::workspace::Workspace;

/// Why and when the room accepted a finding on purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Waived {
    pub reason: String,
    pub date: String,
}

impl Analysis {
    /// Marks the findings `ws.waivers` accept and notes the stale waivers. Linear in the
    /// findings and waivers; nothing to do without waivers.
    pub(super) fn mark_waivers(&mut self, ws: &Workspace) {
        self.stale_waivers.clear();
        if ws.waivers.is_empty() {
            for f in &mut self.findings {
                f.waived = None;
            }
            return;
        }
        let by_key: FxHashMap<(&str, Option<&str>, Option<&str>), usize> = ws
            .waivers
            .iter()
            .enumerate()
            .map(|(i, w)| {
                (
                    (
                        w.rule.as_str(),
                        w.responsibility.as_deref(),
                        w.department.as_deref(),
                    ),
                    i,
                )
            })
            .collect();
        let mut used = vec![false; ws.waivers.len()];
        for f in &mut self.findings {
            let key = (
                f.rule.as_str(),
                f.responsibility.as_deref(),
                f.department.as_deref(),
            );
            f.waived = by_key.get(&key).map(|&i| {
                used[i] = true;
                Waived {
                    reason: ws.waivers[i].reason.clone(),
                    date: ws.waivers[i].date.clone(),
                }
            });
        }
        self.stale_waivers = (0..used.len()).filter(|&i| !used[i]).collect();
    }

    /// The positions in the workspace's waivers of those whose finding no longer occurs.
    pub fn stale_waivers(&self) -> &[usize] {
        &self.stale_waivers
    }
}
