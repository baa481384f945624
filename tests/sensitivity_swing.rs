//! The swing of `sensitivity` is |P(high) - P(low)|, a width: printed without a sign in the
//! table, markdown and HTML (a difference, as in `compare`, keeps its sign).

use crate::common;

use common::stdout;

fn report(format: &str) -> String {
    stdout(&[
        "sensitivity",
        "tests/scenarios/sensitivity_inputs.toml",
        "--trials",
        "500",
        "--seed",
        "11",
        "--format",
        format,
    ])
}

#[test]
fn swings_carry_no_plus_sign() {
    let table = report("table");
    let row = |text: &str, input: &str| {
        text.lines()
            .find(|l| l.contains(input))
            .unwrap_or_else(|| panic!("{input}: {text}"))
            .to_string()
    };
    let x = row(&table, "│ variables.x ");
    assert!(x.contains(" 100.00 pp [98.92, 100.00] "), "{x}");
    let hit = row(&table, "│ events.hit.probability ");
    assert!(hit.contains(" 12.2 pp [9.4, 15.3] "), "{hit}");
    assert!(
        !table.contains("+1") && !table.contains(" pp [+"),
        "{table}"
    );
    // The rank correlation is signed: it is not a swing.
    assert!(table.contains("+0.033"), "{table}");
    let md = report("markdown");
    assert!(md.contains("| 12.2 pp [9.4, 15.3] |"), "{md}");
    assert!(!md.contains(" pp [+"), "{md}");
    let html = report("html");
    assert!(
        html.contains("events.hit.probability 12.2 pp [9.4, 15.3]"),
        "{html}"
    );
    assert!(!html.contains(" pp [+"));
}
