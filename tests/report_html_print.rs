//! `--format html` on paper and on screen: every kind of page (run, exact, merge, compare,
//! sweep, sensitivity) is loaded by headless chromium in a frame as wide as an A4 page's
//! printable width (210 mm less two 15 mm margins: 180 mm, 680 CSS px) with its own
//! `@media print` rules applied, and no element may reach past either edge of that frame; on
//! screen, in frames of a laptop's and a phone's width, the page itself may not scroll sideways
//! (a wide table scrolls inside its own box).
//!
//! The test never installs anything: without chromium it prints what to install and passes,
//! except under `BRINK_CI`, where a missing browser fails (`.ci/run` installs it).

use crate::common;
use crate::html_util;
use crate::shard_util;

use std::path::Path;
use std::process::Command;

use common::{brink, words};
use html_util::chromium;
use shard_util::{merge, shard_parts};

/// A4's printable width in CSS px at the page's `@page` margins.
const WIDTH: u32 = 680;

/// A page that frames `page` at the printable width, copies the framed page's print rules into
/// it, and writes into `#verdict` either `fits` or every element past an edge (tag, class,
/// left..right, and the start of its text).
fn wrapper(page: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{page}" style="width:{WIDTH}px;height:1000px;border:0"></iframe>
<pre id="verdict">pending</pre>
<script>
window.onload = function () {{
  var d = document.getElementById('f').contentDocument;
  var css = '';
  for (var s of d.styleSheets) for (var r of s.cssRules)
    if (r.media && r.media.mediaText.indexOf('print') >= 0)
      for (var x of r.cssRules) css += x.cssText + '\n';
  var st = d.createElement('style');
  st.textContent = css;
  d.head.appendChild(st);
  var out = [];
  if (!css) out.push('no print rules');
  var w = d.documentElement.scrollWidth;
  if (w > {WIDTH}) out.push('the page scrolls to ' + w + ' px');
  for (var e of d.body.querySelectorAll('*')) {{
    var b = e.getBoundingClientRect();
    if (b.width > 0 && (b.right > {WIDTH} + 0.5 || b.left < -0.5))
      out.push(e.tagName + '.' + (e.getAttribute('class') || '') + ' ' + Math.round(b.left)
        + '..' + Math.round(b.right) + ' ' + (e.textContent || '').trim().slice(0, 40));
  }}
  document.getElementById('verdict').textContent = out.length ? out.join('\n') : 'fits';
}};
</script></body></html>"#
    )
}

/// A page that frames `page` at `width` px with its screen rules and writes into `#verdict`
/// either `fits` or how far the page scrolls sideways.
fn screen_wrapper(page: &str, width: u32) -> String {
    format!(
        r#"<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{page}" style="width:{width}px;height:1000px;border:0"></iframe>
<pre id="verdict">pending</pre>
<script>
window.onload = function () {{
  var w = document.getElementById('f').contentDocument.documentElement.scrollWidth;
  document.getElementById('verdict').textContent =
    w > {width} ? 'the page scrolls to ' + w + ' px' : 'fits';
}};
</script></body></html>"#
    )
}

/// A page that frames `page` at `width` px with its screen rules and writes into `#verdict`
/// either `whole` or every table cell of one word (an id, no spaces) that the browser broke
/// into lines other than after a `_` or `.`, with the two characters at the break.
fn break_wrapper(page: &str, width: u32) -> String {
    format!(
        r#"<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{page}" style="width:{width}px;height:1000px;border:0"></iframe>
<pre id="verdict">pending</pre>
<script>
window.onload = function () {{
  var d = document.getElementById('f').contentDocument;
  var out = [];
  for (var td of d.querySelectorAll('td')) {{
    var text = td.textContent;
    if (/\s/.test(text.trim()) || !text.trim()) continue;
    var chars = [];
    var walk = d.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    for (var n = walk.nextNode(); n; n = walk.nextNode())
      for (var i = 0; i < n.length; i++) {{
        var r = d.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        var box = r.getClientRects()[0];
        if (box) chars.push([n.data[i], box.top]);
      }}
    for (var i = 1; i < chars.length; i++)
      if (chars[i][1] > chars[i - 1][1] + 2 && '_.'.indexOf(chars[i - 1][0]) < 0)
        out.push(text + ' breaks between ' + chars[i - 1][0] + ' and ' + chars[i][0]);
  }}
  document.getElementById('verdict').textContent = out.length ? out.join('\n') : 'whole';
}};
</script></body></html>"#
    )
}

/// The verdict of `page` (a file in `dir`) at the printable width under its print rules.
fn verdict(dir: &Path, page: &str) -> String {
    judge(dir, &format!("wrap-{page}"), &wrapper(page))
}

/// The verdict of the wrapper page `html`, written to `dir/name` and loaded by chromium.
fn judge(dir: &Path, name: &str, html: &str) -> String {
    let wrap = dir.join(name);
    std::fs::write(&wrap, html).unwrap();
    let profile = tempfile::tempdir_in(dir).unwrap();
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--proxy-server=127.0.0.1:9",
            "--no-first-run",
            "--allow-file-access-from-files",
            "--virtual-time-budget=3000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", wrap.display()))
        .output()
        .expect("chromium runs");
    let dom = common::succeeded(&out);
    let at = dom.find("<pre id=\"verdict\">").expect("the verdict") + 18;
    dom[at..at + dom[at..].find("</pre>").unwrap()].to_string()
}

/// `brink ARGS --format html` written to `dir/name.html`.
fn render(dir: &Path, name: &str, args: &str) -> String {
    let file = format!("{name}.html");
    let out = brink()
        .args(words(args))
        .args(["--format", "html", "--output"])
        .arg(dir.join(&file))
        .output()
        .unwrap();
    common::succeeded(&out);
    file
}

/// Every kind of page, written into `d`: their file names.
fn every_page(d: &Path) -> Vec<String> {
    let base = "scenarios/baseline.toml";
    let vary = "--vary events.ceasefire.probability=0.1:0.5:3";
    let mut pages = vec![
        render(d, "run", &format!("run {base} --trials 2000 --quiet")),
        render(d, "exact", "exact tests/scenarios/two_chain.toml"),
        render(
            d,
            "compare",
            &format!("compare {base} scenarios/china_stays_out.toml --trials 2000 --quiet"),
        ),
        render(
            d,
            "sweep",
            &format!("sweep {base} {vary} --trials 1000 --quiet"),
        ),
        render(
            d,
            "sensitivity",
            &format!("sensitivity {base} --trials 1000 --quiet"),
        ),
    ];
    let trials: &[&str] = &["--trials", "1000", "--seed", "6"];
    let sweep: &[&str] = &[
        "--vary",
        "events.ceasefire.probability=0.1:0.5:3",
        "--trials",
        "1000",
        "--seed",
        "6",
    ];
    for (command, args) in [("run", trials), ("sweep", sweep), ("sensitivity", trials)] {
        let parts = shard_parts(d, command, command, base, args, 2);
        let (code, html, err) = merge(d, &parts, &["--format", "html"]);
        assert_eq!(code, 0, "{err}");
        let file = format!("merged-{command}.html");
        std::fs::write(d.join(&file), html).unwrap();
        pages.push(file);
    }
    pages
}

#[test]
fn every_page_fits_the_width_of_an_a4_page_in_print() {
    if !chromium() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let wrong: Vec<String> = every_page(d)
        .iter()
        .map(|p| (p, verdict(d, p)))
        .filter(|(_, v)| v != "fits")
        .map(|(p, v)| format!("{p}:\n{v}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "past the printable width:\n{}",
        wrong.join("\n\n")
    );
}

#[test]
fn no_page_scrolls_sideways_on_a_laptop_or_a_phone() {
    if !chromium() {
        return;
    }
    let wrong = on_screens("screen", screen_wrapper, "fits");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every kind of page judged by `wrapper` in frames of a laptop's and a phone's width: the
/// verdicts other than `ok`.
fn on_screens(what: &str, wrapper: fn(&str, u32) -> String, ok: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut wrong = Vec::new();
    for page in every_page(d) {
        for width in [1280, 400] {
            let name = format!("{what}-{width}-{page}");
            let v = judge(d, &name, &wrapper(&page, width));
            if v != ok {
                wrong.push(format!("{page} at {width} px:\n{v}"));
            }
        }
    }
    wrong
}

/// Ids in the tables (events, paths, inputs) break only between their words: `war_in_korea`
/// may wrap after `war_`, never as `war_in_ko` / `rea`.
#[test]
fn ids_in_tables_break_only_between_their_words() {
    if !chromium() {
        return;
    }
    let wrong = on_screens("breaks", break_wrapper, "whole");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The check sees an id broken inside a word.
#[test]
fn the_check_sees_an_id_broken_inside_a_word() {
    if !chromium() {
        return;
    }
    let dir = control_page(
        "narrow.html",
        "<!DOCTYPE html><html><body><table><tr><td style=\"width:3em;max-width:3em;\
         overflow-wrap:anywhere\">abcdefghijklmnop_qrstu</td></tr></table></body></html>",
    );
    let v = judge(dir.path(), "b.html", &break_wrapper("narrow.html", 800));
    assert!(v.contains("abcdefghijklmnop_qrstu breaks between"), "{v}");
}

/// The check sees an element past the edge: a page whose print rules keep a wide block.
#[test]
fn the_check_sees_a_page_too_wide() {
    if !chromium() {
        return;
    }
    let dir = control_page(
        "wide.html",
        "<!DOCTYPE html><html><head><style>@media print { p { width: 900px } }</style></head>\
         <body><p>wide</p></body></html>",
    );
    let v = verdict(dir.path(), "wide.html");
    assert!(v.contains("P. ") && v.contains("wide"), "{v}");
}

/// A folder holding one page, `html` written as `name`, for a check to be checked on.
fn control_page(name: &str, html: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), html).unwrap();
    dir
}
