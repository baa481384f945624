//! The CSV of every command, as a spreadsheet reads it: one name for interval columns
//! (`ci95_low`/`ci95_high`), a `step` column on the run report.

use crate::common;

use common::{stdout, words};

const HAZARD: &str = "tests/scenarios/hazard.toml";

fn csv(line: &str) -> String {
    let mut args = words(line);
    args.extend(words("--trials 2000 --format csv"));
    stdout(&args)
}

#[test]
fn every_command_names_its_interval_columns_alike() {
    let all = [
        csv(&format!("run {HAZARD}")),
        csv(&format!(
            "sweep {HAZARD} --vary events.strike.probability=0.1:0.2:2"
        )),
        csv(&format!("compare {HAZARD} {HAZARD}")),
        csv(&format!("sensitivity {HAZARD}")),
    ];
    for text in &all {
        assert!(text.contains("ci95_low"), "{text}");
        assert!(text.contains("ci95_high"), "{text}");
        assert!(
            !text.contains("ci95_lo,") && !text.contains("ci95_lo\n"),
            "{text}"
        );
        assert!(
            !text.contains("ci95_hi,") && !text.contains("ci95_hi\n"),
            "{text}"
        );
    }
}

#[test]
fn the_run_report_has_a_step_column_filled_on_by_step_rows_only() {
    let text = csv(&format!("run {HAZARD}"));
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("section,id,metric,step,value"));
    let mut by_step = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), 5, "{line}");
        assert_eq!(cells[2] == "by_step", !cells[3].is_empty(), "{line}");
        by_step += usize::from(cells[2] == "by_step");
    }
    // Two outcomes and one event, 21 steps each (horizon 20).
    assert_eq!(by_step, 3 * 21);
}
