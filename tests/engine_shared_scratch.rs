//! Working memory made by one simulator and handed to another, of another model whose buffers
//! are laid out differently: the trials are those of the second simulator's own memory. (The
//! values the first left in its firing buffer once read as a Poisson memo of the second, which
//! then drew 0 at every firing.)

use brink::engine::{NoObserver, Simulator, trial_key};
use brink::model::{Model, load_str};

fn model(effects: &str) -> Model {
    let text = format!(
        "[scenario]\nname = \"t\"\nhorizon = 6\n[[actors]]\nid = \"x\"\nname = \"X\"\n\
         [params]\nk = 20\n\
         [variables]\na = 0\nb = 0\nc = 0\nd = 0\nf = 0\nn = 0\n\
         [[events]]\nid = \"e\"\nactor = \"x\"\nprobability = 1\nrepeat = true\nadd = {{ {effects} }}\n\
         [[outcomes]]\nid = \"any\"\n"
    );
    load_str("t.toml", &text, &[]).unwrap().model
}

#[test]
fn memory_of_another_model_is_not_read() {
    // `other` leaves 20 (the rate), 1 and zeros in its firing buffer where `poisson` keeps
    // the memo of its rate.
    let other = model(r#"a = "0", b = "k", c = "1", d = "0", f = "0", n = { poisson = "k" }"#);
    let poisson = model(r#"n = { poisson = "k" }"#);
    let (a, b) = (Simulator::new(&other, &[]), Simulator::new(&poisson, &[]));
    let (mut shared, mut own) = (a.scratch(), b.scratch());
    let mut total = 0.0;
    for k in 0..200 {
        let key = trial_key(5, k);
        a.simulate(key, &mut shared, &mut NoObserver);
        let got = b.simulate(key, &mut shared, &mut NoObserver);
        let want = b.simulate(key, &mut own, &mut NoObserver);
        assert_eq!(got, want, "trial {k}");
        assert_eq!(shared.vars(), own.vars(), "trial {k}");
        total += own.vars()[5];
    }
    // Six firings of rate 20 a trial.
    let mean = total / 200.0;
    assert!((mean - 120.0).abs() < 5.0, "{mean}");
}
