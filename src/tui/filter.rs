//! Which cards the board shows: all of them, or those matching a text, an area or a finding
//! kind. The filter is per viewer: it changes nothing in the workspace.

use crate::analysis::{Analysis, RuleId};
use crate::workspace::Responsibility;

/// A filter by area or by finding kind (chosen with `=`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterBy {
    Area(String),
    Finding(RuleId),
}

/// What the board shows: cards matching the text (name, id, area, notes, case-insensitive)
/// and the area or finding kind, when set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardFilter {
    /// Lower-cased text to find.
    pub text: Option<String>,
    pub by: Option<FilterBy>,
}

impl CardFilter {
    /// Whether the filter lets every card through.
    pub fn is_empty(&self) -> bool {
        self.text.is_none() && self.by.is_none()
    }

    /// Sets the text to find (empty clears it).
    pub fn set_text(&mut self, text: &str) {
        let text = text.trim();
        self.text = (!text.is_empty()).then(|| text.to_lowercase());
    }

    /// Whether the responsibility at `index` is shown.
    pub fn matches(&self, r: &Responsibility, index: usize, analysis: &Analysis) -> bool {
        if let Some(text) = &self.text {
            let found = [
                Some(&r.name),
                Some(&r.id),
                r.area.as_ref(),
                r.notes.as_ref(),
            ]
            .into_iter()
            .flatten()
            .any(|field| field.to_lowercase().contains(text.as_str()));
            if !found {
                return false;
            }
        }
        match &self.by {
            None => true,
            Some(FilterBy::Area(area)) => r.area.as_deref() == Some(area.as_str()),
            Some(FilterBy::Finding(rule)) => {
                analysis.for_responsibility(index).any(|f| f.rule == *rule)
            }
        }
    }

    /// Whether what it shows depends on the findings (which any change may move).
    pub fn follows_findings(&self) -> bool {
        matches!(self.by, Some(FilterBy::Finding(_)))
    }

    /// How the filter reads in the header: `"crisis" · area Risk`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(text) = &self.text {
            parts.push(format!("\"{}\"", crate::text::sanitize(text)));
        }
        match &self.by {
            Some(FilterBy::Area(area)) => {
                parts.push(format!("area {}", crate::text::sanitize(area)))
            }
            Some(FilterBy::Finding(rule)) => parts.push(rule.info().label.to_owned()),
            None => {}
        }
        parts.join(" · ")
    }
}

/// The choices of the `=` list: no filter, each area, each finding kind that has findings,
/// with how many cards each would show.
pub fn choices(
    responsibilities: &[Responsibility],
    analysis: &Analysis,
) -> Vec<(Option<FilterBy>, usize)> {
    let mut areas: Vec<(String, usize)> = Vec::new();
    for r in responsibilities {
        if let Some(area) = &r.area {
            match areas.iter_mut().find(|(a, _)| a == area) {
                Some((_, count)) => *count += 1,
                None => areas.push((area.clone(), 1)),
            }
        }
    }
    let positions: rustc_hash::FxHashMap<&str, usize> = responsibilities
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut kinds: Vec<(RuleId, usize)> = Vec::new();
    let mut last: Option<(usize, RuleId)> = None;
    for finding in &analysis.findings {
        let Some(index) = finding
            .responsibility
            .as_deref()
            .and_then(|id| positions.get(id).copied())
        else {
            continue;
        };
        // A card counts once per kind, however many findings of that kind it has.
        if last == Some((index, finding.rule)) {
            continue;
        }
        last = Some((index, finding.rule));
        match kinds.iter_mut().find(|(k, _)| *k == finding.rule) {
            Some((_, count)) => *count += 1,
            None => kinds.push((finding.rule, 1)),
        }
    }
    let mut out = vec![(None, responsibilities.len())];
    out.extend(areas.into_iter().map(|(a, n)| (Some(FilterBy::Area(a)), n)));
    out.extend(
        kinds
            .into_iter()
            .map(|(k, n)| (Some(FilterBy::Finding(k)), n)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::workspace::parse;

    #[test]
    fn text_area_and_finding_filters_combine() {
        let ws = parse(crate::SAMPLE_WORKSPACE).expect("sample").workspace;
        let analysis = analyze(&ws);
        let shown = |filter: &CardFilter| -> Vec<&str> {
            ws.responsibilities
                .iter()
                .enumerate()
                .filter(|(i, r)| filter.matches(r, *i, &analysis))
                .map(|(_, r)| r.id.as_str())
                .collect()
        };
        let mut filter = CardFilter::default();
        assert_eq!(shown(&filter).len(), ws.responsibilities.len());
        filter.set_text("CRISIS");
        assert_eq!(shown(&filter), ["crisis-response"]);
        filter.set_text("");
        filter.by = Some(FilterBy::Finding(RuleId::HotPotato));
        assert_eq!(shown(&filter).len(), 3);
        filter.set_text("investor");
        assert_eq!(shown(&filter), ["investor-relations"]);
        assert!(filter.describe().contains("\"investor\""));
        let choices = choices(&ws.responsibilities, &analysis);
        assert_eq!(choices[0], (None, ws.responsibilities.len()));
        assert!(choices.contains(&(Some(FilterBy::Finding(RuleId::HotPotato)), 3)));
        let area_total: usize = choices
            .iter()
            .filter(|(c, _)| matches!(c, Some(FilterBy::Area(_))))
            .map(|(_, n)| n)
            .sum();
        assert_eq!(
            area_total,
            ws.responsibilities
                .iter()
                .filter(|r| r.area.is_some())
                .count()
        );
    }
}
