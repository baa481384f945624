//! A watchdog for the tests that guard against hangs: a hang in the loader (a quadratic walk, a
//! loop that never ends) fails the case it hangs on, named, instead of holding the suite until
//! CI's budget runs out. The limits are many times what the cases take; this is not a timing.
//!
//! The case runs on a thread of its own; past the limit the test fails and the thread is left
//! to spin until the test binary exits (a thread cannot be stopped from outside).

use std::fmt::Display;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// The limit of one property-test case (each takes milliseconds).
pub const CASE: Duration = Duration::from_secs(60);

/// The limit of one test of hostile input (each takes a second or two).
pub const TEST: Duration = Duration::from_secs(180);

/// Runs `f`, failing with `what` if it has not ended within `limit`. A panic in `f` is the
/// test's panic, with its own message.
pub fn within<T: Send + 'static>(
    limit: Duration,
    what: impl Display,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (done, ended) = mpsc::channel();
    let case = thread::Builder::new()
        .name(format!("{}-guarded", current_test()))
        .spawn(move || {
            let value = f();
            let _ = done.send(());
            value
        })
        .expect("spawn a thread");
    match ended.recv_timeout(limit) {
        // `Disconnected`: `f` panicked; `join` hands its panic on.
        Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => match case.join() {
            Ok(value) => value,
            Err(panic) => std::panic::resume_unwind(panic),
        },
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("did not end within {limit:?}, a hang? {what}")
        }
    }
}

/// Runs the body of the current test under [`TEST`], naming the test if it hangs.
pub fn test<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    within(TEST, format!("the test `{}`", current_test()), f)
}

/// The test's name: libtest names the thread of each test after it.
fn current_test() -> String {
    match thread::current().name() {
        Some(name) if name != "main" => name.to_string(),
        _ => "this test".to_string(),
    }
}

#[test]
fn a_hang_fails_naming_what_hung() {
    let hung = std::panic::catch_unwind(|| {
        within(Duration::from_millis(50), "the case `x`", || {
            thread::sleep(Duration::from_secs(3))
        })
    });
    let panic = hung.expect_err("past the limit");
    let said = panic.downcast_ref::<String>().expect("a formatted message");
    assert_eq!(said, "did not end within 50ms, a hang? the case `x`");
}

#[test]
fn a_panic_and_a_value_come_through() {
    assert_eq!(within(CASE, "x", || 7), 7);
    let failed = std::panic::catch_unwind(|| within(CASE, "x", || panic!("its own message")));
    let panic = failed.expect_err("the case panicked");
    assert_eq!(panic.downcast_ref::<&str>(), Some(&"its own message"));
}
