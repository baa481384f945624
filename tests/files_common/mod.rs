//! Shared helpers of the file tests: a small scenario, the brink command with limits set in the
//! child (address space, file size, umask), a 30 s guard against a hang, and FIFOs.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::time::Duration;

/// A small valid scenario that runs fast.
pub const SCENARIO: &str = r#"
[scenario]
name = "Small escalation"
horizon = 6

[scenario.run]
trials = 2000
seed = 4

[[actors]]
id = "red"
name = "Red"

[flags]
mobilised = false

[[events]]
id = "mobilise"
actor = "red"
probability = 0.3
set = ["mobilised"]

[[outcomes]]
id = "war"
when = "mobilised"

[[outcomes]]
id = "calm"
"#;

/// A hang fails the test after this long instead of blocking the suite (a guard, not a timing).
pub const GUARD: Duration = Duration::from_secs(30);

/// What to set in the child before brink starts.
#[derive(Clone, Copy, Default)]
pub struct Limits {
    /// RLIMIT_AS in bytes: memory that grows without bound fails instead of filling the machine.
    pub address_space: Option<u64>,
    /// RLIMIT_FSIZE in bytes, with SIGXFSZ ignored: a write past it fails like a full disk.
    pub file_size: Option<u64>,
    pub umask: Option<u32>,
}

/// Under 512 MB of address space: a scenario read that does not stop at its limit dies here.
pub const SMALL_MEMORY: Limits = Limits {
    address_space: Some(512 * 1024 * 1024),
    file_size: None,
    umask: None,
};

/// `brink ARGS` (no colour) with `limits` applied in the child.
pub fn brink_std(args: &[&str], limits: Limits) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_brink"));
    cmd.args(args).env("NO_COLOR", "1");
    // SAFETY: only async-signal-safe calls (setrlimit, signal, umask) between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let set = |resource, bytes: u64| {
                let lim = libc::rlimit {
                    rlim_cur: bytes as libc::rlim_t,
                    rlim_max: bytes as libc::rlim_t,
                };
                if libc::setrlimit(resource, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            };
            if let Some(bytes) = limits.address_space {
                set(libc::RLIMIT_AS, bytes)?;
            }
            if let Some(bytes) = limits.file_size {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                set(libc::RLIMIT_FSIZE, bytes)?;
            }
            if let Some(mask) = limits.umask {
                libc::umask(mask as libc::mode_t);
            }
            Ok(())
        });
    }
    cmd
}

/// [`brink_std`] as an assert_cmd command, killed by the guard if it hangs.
pub fn brink(args: &[&str], limits: Limits) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::from_std(brink_std(args, limits));
    cmd.timeout(GUARD);
    cmd
}

/// Makes a FIFO at `path`.
pub fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// Stdout, stderr and exit code of a finished command.
pub fn outputs(out: &std::process::Output) -> (String, String, Option<i32>) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

/// The names in `dir`, sorted: a leftover temporary file shows up here.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
