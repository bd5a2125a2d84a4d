use super::*;
use crate::edit::{Field, set_field};
use crate::workspace::Department;

fn sample() -> Workspace {
    crate::workspace::parse(crate::SAMPLE_WORKSPACE)
        .expect("the sample loads")
        .workspace
}

fn with_departments(names: &[(&str, &str)]) -> Workspace {
    let mut ws = Workspace::default();
    ws.info.name = "T".into();
    for (id, name) in names {
        ws.departments.push(Department {
            id: (*id).into(),
            name: (*name).into(),
            lead: None,
            signed: None,
        });
    }
    ws
}

fn map(pairs: &[(&str, Amount)]) -> BTreeMap<String, Amount> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

#[test]
fn amounts_accept_grouped_and_decimal_forms() {
    for (text, want) in [
        ("12000", 12000.0),
        ("12,000", 12000.0),
        ("12 000", 12000.0),
        ("12_000", 12000.0),
        ("12\u{a0}000", 12000.0),
        ("12000.50", 12000.5),
        ("1,234,567.5", 1_234_567.5),
        (" 999 ", 999.0),
        ("0", 0.0),
        ("0.5", 0.5),
        (".5", 0.5),
        ("12.", 12.0),
        ("1000000000000000", MAX_AMOUNT),
    ] {
        assert_eq!(parse_amount(text), Ok(want), "{text}");
    }
}

#[test]
fn amounts_refuse_bad_forms() {
    for text in [
        "",
        "12,00",
        "1,2",
        "1,2345",
        "12,000 000",
        "1,,000",
        ",000",
        "1,000,",
        "-3",
        "-0",
        "NaN",
        "nan",
        "inf",
        "1e3",
        "+5",
        "1.2.3",
        "12k",
        "1.5e400",
        "1000000000000001",
        "1 2",
        ".",
        "1,000.5,0",
        "1.-5",
    ] {
        assert!(parse_amount(text).is_err(), "{text:?} should be refused");
    }
    assert!(
        parse_amount("12,00")
            .expect_err("refused")
            .contains("by three")
    );
    assert!(
        parse_amount("-3")
            .expect_err("refused")
            .contains("negative")
    );
    assert!(parse_amount("2e15").is_err());
    assert!(
        parse_amount("2,000,000,000,000,000")
            .expect_err("refused")
            .contains("thousand trillion")
    );
}

#[test]
fn budget_uses_the_amount_parser() {
    let mut ws = sample();
    let change = set_field(&ws, 0, Field::Budget, "31,500.25")
        .expect("ok")
        .expect("changes");
    change.edit.apply(&mut ws).expect("applies");
    assert_eq!(ws.responsibilities[0].budget, Some(31_500.25));
    assert!(set_field(&ws, 0, Field::Budget, "3,15").is_err());
    let cleared = set_field(&ws, 0, Field::Budget, "  ")
        .expect("ok")
        .expect("changes");
    cleared.edit.apply(&mut ws).expect("applies");
    assert_eq!(ws.responsibilities[0].budget, None);
}

#[test]
fn departments_resolve_by_id_name_or_prefix() {
    let ws = sample();
    let id = |key: &str| resolve_department(&ws, key).map(|d| d.id.as_str());
    assert_eq!(id("pr"), Ok("pr"));
    assert_eq!(id("PR"), Ok("pr"));
    assert_eq!(id("  pr / communications "), Ok("pr"));
    assert_eq!(id("Legal & Compliance"), Ok("legal"));
    assert_eq!(id("leg"), Ok("legal"));
    assert_eq!(id("cust"), Ok("care"));
    assert_eq!(id("exec"), Ok("exec"));
    assert_eq!(id("Executive"), Ok("exec"));
    let unknown = id("Legl").expect_err("refused");
    assert!(
        unknown.contains("did you mean Legal & Compliance?"),
        "{unknown}"
    );
    let far = id("zzzz").expect_err("refused");
    assert!(far.contains("there are Marketing, IT"), "{far}");
    assert!(id("  ").is_err());
}

#[test]
fn ambiguous_prefixes_and_names_list_the_candidates() {
    let ws = with_departments(&[
        ("a", "Legal"),
        ("b", "Learning"),
        ("c", "Ops"),
        ("d", "OPS"),
    ]);
    let error = resolve_department(&ws, "le").expect_err("refused");
    assert_eq!(error, "\"le\" could be Legal, Learning; type more");
    let error = resolve_department(&ws, "ops").expect_err("refused");
    assert!(error.contains("use an id: c, d"), "{error}");
    assert_eq!(
        resolve_department(&ws, "d").map(|d| d.name.as_str()),
        Ok("OPS")
    );
    let empty = with_departments(&[]);
    assert!(
        resolve_department(&empty, "x")
            .expect_err("refused")
            .contains("no departments yet")
    );
}

#[test]
fn funding_parses_names_ids_prefixes_and_grouped_amounts() {
    let ws = sample();
    assert_eq!(
        parse_funding(&ws, "PR / Communications = 8,000, legal=4 000"),
        Ok(map(&[("pr", 8000.0), ("legal", 4000.0)]))
    );
    assert_eq!(
        parse_funding(&ws, "pr=8000, legal=4000"),
        Ok(map(&[("pr", 8000.0), ("legal", 4000.0)]))
    );
    assert_eq!(
        parse_funding(&ws, "cust = 1,234,567.5; Sales=1_000\nit = 0.5,hr=2"),
        Ok(map(&[
            ("care", 1_234_567.5),
            ("sales", 1000.0),
            ("it", 0.5),
            ("hr", 2.0)
        ]))
    );
    assert_eq!(parse_funding(&ws, "  "), Ok(BTreeMap::new()));
    assert_eq!(parse_funding(&ws, "pr=1, , ;"), Ok(map(&[("pr", 1.0)])));
}

#[test]
fn funding_errors_are_short_and_specific() {
    let ws = sample();
    let error = |text: &str| parse_funding(&ws, text).expect_err("refused");
    assert!(error("pr").contains("needs = and an amount"));
    assert!(error("= 5").contains("department is missing"));
    assert!(error("pr = ").contains("amount is missing"));
    assert!(error("pr = 12,00").contains("by three"));
    assert!(error("pr = -1").contains("negative"));
    assert!(error("Legl = 5").contains("did you mean"));
    assert_eq!(
        error("pr = 1, PR / Communications = 2"),
        "PR / Communications is listed twice"
    );
}

#[test]
fn awkward_names_parse_and_fall_back_to_ids_when_needed() {
    let ws = with_departments(&[
        ("eq", "A=B"),
        ("comma", "Sales, Marketing"),
        ("semi", "R;D"),
        ("shadow", "eq"),
        ("pad", " Padded "),
        ("dup1", "Twin"),
        ("dup2", "twin"),
    ]);
    assert_eq!(
        parse_funding(&ws, "A=B = 5, Sales, Marketing = 1,000"),
        Ok(map(&[("eq", 5.0), ("comma", 1000.0)]))
    );
    let funding = map(&[
        ("eq", 1.0),
        ("comma", 2.0),
        ("semi", 3.0),
        ("shadow", 4.0),
        ("pad", 5.0),
        ("dup1", 6.0),
        ("dup2", 7.0),
    ]);
    let text = funding_text(&ws, &funding);
    assert_eq!(
        text,
        "A=B = 1, comma = 2, semi = 3, shadow = 4, pad = 5, dup1 = 6, dup2 = 7"
    );
    assert_eq!(parse_funding(&ws, &text), Ok(funding));
}

#[test]
fn funding_text_uses_names_in_workspace_order() {
    let ws = sample();
    let legal = ws
        .responsibilities
        .iter()
        .find(|r| r.funding.contains_key("legal"))
        .expect("the sample funds legal somewhere");
    assert_eq!(
        Field::Funding.text_in(&ws, legal),
        "Legal & Compliance = 4000, PR / Communications = 8000"
    );
    assert_eq!(Field::Funding.text(legal), "legal=4000, pr=8000");
    assert_eq!(
        funding_text(&ws, &map(&[("care", 0.1), ("gone", 2.0)])),
        "Customer Care = 0.1, gone = 2"
    );
}

#[test]
fn every_sample_field_reads_back_unchanged() {
    let ws = sample();
    for (i, r) in ws.responsibilities.iter().enumerate() {
        for field in Field::ALL {
            assert_eq!(
                set_field(&ws, i, field, &field.text_in(&ws, r)),
                Ok(None),
                "{} of {}",
                field.label(),
                r.name
            );
        }
        assert_eq!(
            set_field(&ws, i, Field::Funding, &Field::Funding.text(r)),
            Ok(None)
        );
    }
}

#[test]
fn odd_amounts_round_trip_through_the_text() {
    let ws = sample();
    for amount in [
        0.0,
        0.1,
        0.300_000_000_000_000_04,
        1e-7,
        5e-324,
        999_999_999_999_999.9,
        MAX_AMOUNT,
    ] {
        let funding = map(&[("pr", amount), ("legal", 12_000.5)]);
        assert_eq!(
            parse_funding(&ws, &funding_text(&ws, &funding)),
            Ok(funding)
        );
    }
}

#[test]
fn candidates_follow_the_entry_under_the_cursor() {
    let ws = sample();
    let at_end = |input: &str| funding_candidates(&ws, input, input.chars().count());
    assert_eq!(at_end("le"), ["Legal & Compliance"]);
    assert_eq!(
        at_end("pr = 5, "),
        [
            "Marketing",
            "IT",
            "Legal & Compliance",
            "HR",
            "Customer Care",
            "Sales",
            "Executive office"
        ]
    );
    assert_eq!(
        at_end("Marketing = 5; m").len(),
        0,
        "marketing is already funded"
    );
    assert_eq!(at_end("s"), ["Sales"]);
    assert!(at_end("pr = 5").is_empty(), "in an amount");
    assert_eq!(funding_candidates(&ws, "cu = 5", 2), ["Customer Care"]);
    assert_eq!(funding_candidates(&ws, "cu = 5", 99), Vec::<&str>::new());
}

#[test]
fn completion_finishes_a_unique_name() {
    let ws = sample();
    assert_eq!(
        complete_funding(&ws, "le", 2),
        Some(("Legal & Compliance = ".to_owned(), 21))
    );
    assert_eq!(
        complete_funding(&ws, "pr=8,000, cu", 12),
        Some(("pr=8,000, Customer Care = ".to_owned(), 26))
    );
    // Mid-text, before an existing `=`: the name alone.
    assert_eq!(
        complete_funding(&ws, "cu= 5, pr = 1", 2),
        Some(("Customer Care= 5, pr = 1".to_owned(), 13))
    );
    // Cursor counts characters, not bytes.
    assert_eq!(
        complete_funding(&ws, "é = 1; exec", 11),
        Some(("é = 1; Executive office = ".to_owned(), 26))
    );
    assert_eq!(complete_funding(&ws, "Legal & Compliance = ", 21), None);
    assert_eq!(complete_funding(&ws, "pr = 5", 6), None, "in an amount");
    assert_eq!(complete_funding(&ws, "zz", 2), None);
}

#[test]
fn completion_extends_to_the_common_prefix() {
    let ws = with_departments(&[("a", "Legal"), ("b", "Learning"), ("c", "Ops")]);
    assert_eq!(complete_funding(&ws, "l", 1), Some(("Le".to_owned(), 2)));
    assert_eq!(complete_funding(&ws, "Le", 2), None);
    assert_eq!(funding_candidates(&ws, "Le", 2), ["Legal", "Learning"]);
    assert_eq!(
        complete_funding(&ws, "Legal = 1, l", 12),
        Some(("Legal = 1, Learning = ".to_owned(), 22))
    );
}

#[test]
fn completion_of_an_unwritable_name_gives_the_id() {
    let ws = with_departments(&[("sm", "Sales, Marketing"), ("o", "Ops")]);
    assert_eq!(
        complete_funding(&ws, "sa", 2),
        Some(("sm = ".to_owned(), 5))
    );
}

#[test]
fn no_input_panics() {
    let ws = sample();
    for input in [
        "",
        "=",
        ",",
        ";;",
        "é,é=é",
        "1,000",
        "=,=",
        "\n\r",
        ",1,",
        "a=1,2,3=4",
    ] {
        let _ = parse_funding(&ws, input);
        for cursor in 0..=input.chars().count() + 2 {
            let _ = complete_funding(&ws, input, cursor);
            let _ = funding_candidates(&ws, input, cursor);
        }
    }
}
