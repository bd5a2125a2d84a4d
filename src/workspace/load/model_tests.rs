//! Both ways in read a workspace of every built-in model the same; a custom model goes the
//! general way.

use super::{fast, parse_general};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/models/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("a fixture")
}

#[test]
fn built_in_models_go_the_fast_way_and_agree() {
    for name in [
        "does-decides-answers",
        "rapid",
        "daci",
        "rasci",
        "raci-named",
    ] {
        let text = fixture(name);
        let (fast, _) = fast::parse(&text).unwrap_or_else(|| panic!("{name}: the fast way"));
        let general = parse_general(&text).expect("loads");
        assert_eq!(fast.workspace, general.workspace, "{name}");
        assert_eq!(fast.source_map, general.source_map, "{name}");
        assert_eq!(fast.workspace.model.name(), general.workspace.model.name());
    }
}

#[test]
fn a_custom_model_or_a_late_model_goes_the_general_way() {
    let text = fixture("custom");
    assert!(fast::parse(&text).is_none());
    assert!(parse_general(&text).is_ok());
    // A model named after a responsibility was read is read the general way too.
    let late = "whoowns = 1\n[[responsibility]]\nid = \"a\"\nname = \"A\"\n[workspace]\nname = \"x\"\nmodel = \"rapid\"\n";
    assert!(fast::parse(late).is_none());
}
