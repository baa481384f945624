//! `--output`: regular files replaced atomically with their mode kept (new ones get the umask's),
//! links followed, devices, FIFOs and sockets written in place, `-` as stdout, errors that name
//! the user's path; a full disk or SIGTERM leaves the previous report whole and no temporary file.
#![cfg(unix)]

use crate::files_common;

use std::fs::File;
use std::io::Read;
use std::os::fd::AsRawFd;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use files_common::{GUARD, Limits, SCENARIO, brink, brink_std, mkfifo, names, outputs};

/// A folder holding `small.toml`.
struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("small.toml"), SCENARIO).unwrap();
        Fixture { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The JSON report on stdout: what every `--output` below must receive.
    fn report(&self) -> String {
        let out = self.run_to("-", Limits::default());
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    }

    /// `brink run small.toml --format json --output TARGET` in the fixture's folder.
    fn run_to(&self, target: &str, limits: Limits) -> std::process::Output {
        let args = ["run", "small.toml", "--format", "json", "--output", target];
        brink(&args, limits)
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    /// Like [`Fixture::run_to`]; asserts success with nothing printed.
    fn write_to(&self, target: &str, limits: Limits) {
        let (stdout, stderr, code) = outputs(&self.run_to(target, limits));
        assert_eq!((stdout.as_str(), stderr.as_str(), code), ("", "", Some(0)));
    }
}

/// Runs `read` on a thread and waits for it under the guard (a reader of a pipe or device that
/// brink never wrote would otherwise block the suite).
fn reader<T: Send + 'static>(read: impl FnOnce() -> T + Send + 'static) -> mpsc::Receiver<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(read());
    });
    rx
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn dash_is_stdout() {
    let f = Fixture::new();
    let plain = brink(
        &["run", "small.toml", "--format", "json"],
        Limits::default(),
    )
    .current_dir(f.dir.path())
    .output()
    .unwrap();
    assert_eq!(f.report(), String::from_utf8(plain.stdout).unwrap());
    assert_eq!(names(f.dir.path()), ["small.toml"]);
}

#[test]
fn new_files_get_the_umask_mode_and_existing_files_keep_theirs() {
    let f = Fixture::new();
    let report = f.report();
    let with_umask = |mask| Limits {
        umask: Some(mask),
        ..Limits::default()
    };
    f.write_to("open.json", with_umask(0o022));
    assert_eq!(mode(&f.path("open.json")), 0o644);
    f.write_to("private.json", with_umask(0o077));
    assert_eq!(mode(&f.path("private.json")), 0o600);

    std::fs::write(f.path("shared.json"), "previous report\n").unwrap();
    std::fs::set_permissions(f.path("shared.json"), PermissionsExt::from_mode(0o640)).unwrap();
    f.write_to("shared.json", with_umask(0o077));
    assert_eq!(mode(&f.path("shared.json")), 0o640);
    assert_eq!(
        std::fs::read_to_string(f.path("shared.json")).unwrap(),
        report
    );
    let all = ["open.json", "private.json", "shared.json", "small.toml"];
    assert_eq!(names(f.dir.path()), all, "no temporary file is left");
}

#[test]
fn a_symbolic_link_stays_and_its_target_is_replaced() {
    let f = Fixture::new();
    let report = f.report();
    std::fs::create_dir(f.path("links")).unwrap();
    std::fs::create_dir(f.path("reports")).unwrap();
    std::fs::write(f.path("reports/latest.json"), "previous report\n").unwrap();
    // Relative to the link's own folder, as the system resolves it.
    std::os::unix::fs::symlink("../reports/latest.json", f.path("links/latest")).unwrap();
    f.write_to("links/latest", Limits::default());
    let link = std::fs::symlink_metadata(f.path("links/latest")).unwrap();
    assert!(link.is_symlink(), "the link was replaced by a file");
    let points_to = std::fs::read_link(f.path("links/latest")).unwrap();
    assert_eq!(points_to, Path::new("../reports/latest.json"));
    assert_eq!(
        std::fs::read_to_string(f.path("reports/latest.json")).unwrap(),
        report
    );
    assert_eq!(names(&f.path("reports")), ["latest.json"]);

    // A dangling link: the file it names is created.
    std::os::unix::fs::symlink("../reports/fresh.json", f.path("links/fresh")).unwrap();
    f.write_to("links/fresh", Limits::default());
    assert!(
        f.path("links/fresh")
            .symlink_metadata()
            .unwrap()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(f.path("reports/fresh.json")).unwrap(),
        report
    );
    assert_eq!(names(&f.path("links")), ["fresh", "latest"]);
}

#[test]
fn a_fifo_is_written_in_place() {
    let f = Fixture::new();
    let report = f.report();
    let fifo = f.path("pipe");
    mkfifo(&fifo);
    let path = fifo.clone();
    let received = reader(move || std::fs::read_to_string(path).unwrap());
    f.write_to("pipe", Limits::default());
    assert_eq!(received.recv_timeout(GUARD).unwrap(), report);
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn a_socket_is_written_in_place() {
    let f = Fixture::new();
    let report = f.report();
    let listener = std::os::unix::net::UnixListener::bind(f.path("sock")).unwrap();
    let received = reader(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut text = String::new();
        stream.read_to_string(&mut text).unwrap();
        text
    });
    f.write_to("sock", Limits::default());
    assert_eq!(received.recv_timeout(GUARD).unwrap(), report);
    assert!(
        f.path("sock")
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_socket()
    );
}

/// A character device node at `path` with device number `rdev`; `false` (with the reason
/// printed) where this user may not make one.
fn mknod_char(path: &Path, rdev: u64) -> bool {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    if unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o600, rdev as libc::dev_t) } == 0 {
        return true;
    }
    let e = std::io::Error::last_os_error();
    eprintln!("skipped: mknod needs root (CI runs as root): {e}");
    false
}

/// A pseudo-terminal in raw mode (bytes pass unchanged): its master, and its slave kept open so
/// that the master can be read after brink closes its side.
fn raw_pty() -> (File, File) {
    // SAFETY: plain libc calls on descriptors this function owns; buffers are sized.
    unsafe {
        let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
        assert!(master >= 0, "posix_openpt");
        assert_eq!(libc::grantpt(master), 0);
        assert_eq!(libc::unlockpt(master), 0);
        let mut name = [0 as libc::c_char; 128];
        assert_eq!(libc::ptsname_r(master, name.as_mut_ptr(), name.len()), 0);
        let slave = libc::open(
            name.as_ptr(),
            libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
        );
        assert!(slave >= 0, "open slave");
        let mut term: libc::termios = std::mem::zeroed();
        assert_eq!(libc::tcgetattr(slave, &mut term), 0);
        libc::cfmakeraw(&mut term);
        assert_eq!(libc::tcsetattr(slave, libc::TCSANOW, &term), 0);
        use std::os::fd::FromRawFd;
        (File::from_raw_fd(master), File::from_raw_fd(slave))
    }
}

#[test]
fn a_character_device_stays_one_and_receives_the_report() {
    let f = Fixture::new();
    let report = f.report();
    // The node is /dev/tty's (5, 0): the controlling terminal of whoever opens it, here a
    // pseudo-terminal this test reads (containers allow this device; its number is fixed).
    let tty = libc::makedev(5, 0);
    let device = f.path("device");
    if !mknod_char(&device, tty) {
        return;
    }
    let (mut master, slave) = raw_pty();
    let slave_fd = slave.as_raw_fd();
    let args = [
        "run",
        "small.toml",
        "--format",
        "json",
        "--output",
        "device",
    ];
    let mut cmd = brink_std(&args, Limits::default());
    // SAFETY: setsid and ioctl are async-signal-safe; the slave stays open in the child.
    unsafe {
        cmd.pre_exec(move || {
            if libc::setsid() < 0 || libc::ioctl(slave_fd, libc::TIOCSCTTY, 0) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let want = report.len();
    // Kept open until brink has exited: closing the last master descriptor hangs the terminal
    // up, and the kernel would then send SIGHUP to brink, its session leader, as it exits.
    let _keep_open = master.try_clone().unwrap();
    let received = reader(move || {
        let mut bytes = vec![0; want];
        master.read_exact(&mut bytes).unwrap();
        String::from_utf8(bytes).unwrap()
    });
    let out = assert_cmd::Command::from_std(cmd)
        .current_dir(f.dir.path())
        .timeout(GUARD)
        .output()
        .unwrap();
    let (stdout, stderr, code) = outputs(&out);
    assert_eq!((stdout.as_str(), stderr.as_str(), code), ("", "", Some(0)));
    assert_eq!(received.recv_timeout(GUARD).unwrap(), report);
    let after = std::fs::symlink_metadata(&device).unwrap();
    assert!(
        after.file_type().is_char_device(),
        "the device was replaced"
    );
    assert_eq!(after.rdev(), tty);
    assert_eq!(names(f.dir.path()), ["device", "small.toml"]);

    // A device that refuses writes (like /dev/full) is reported, and stays a device.
    let full = f.path("full");
    assert!(mknod_char(&full, libc::makedev(1, 7)));
    let (stdout, stderr, code) = outputs(&f.run_to("full", Limits::default()));
    assert_eq!(
        stderr,
        "error: cannot write full: no space left on the disk\n"
    );
    assert_eq!((stdout.as_str(), code), ("", Some(1)));
    assert!(
        std::fs::symlink_metadata(&full)
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_full_disk_leaves_the_previous_report_and_no_temporary_file() {
    let f = Fixture::new();
    std::fs::write(f.path("report.json"), "previous report\n").unwrap();
    // The file-size limit makes writes past 1000 bytes fail, as a full disk would.
    let limits = Limits {
        file_size: Some(1000),
        ..Limits::default()
    };
    assert!(f.report().len() > 1000);
    let (stdout, stderr, code) = outputs(&f.run_to("report.json", limits));
    assert_eq!(
        stderr,
        "error: cannot write report.json: the file would exceed the file size limit\n"
    );
    assert_eq!((stdout.as_str(), code), ("", Some(1)));
    let kept = std::fs::read_to_string(f.path("report.json")).unwrap();
    assert_eq!(kept, "previous report\n");
    assert_eq!(names(f.dir.path()), ["report.json", "small.toml"]);
}

#[test]
fn sigterm_during_a_run_leaves_the_previous_report() {
    let f = Fixture::new();
    std::fs::write(f.path("report.json"), "previous report\n").unwrap();
    // A run far longer than the test: the signal always arrives before the report is written.
    let args = [
        "run",
        "small.toml",
        "--trials",
        "1000000000000",
        "--output",
        "report.json",
    ];
    let mut cmd = brink_std(&args, Limits::default());
    let mut child = cmd.current_dir(f.dir.path()).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    // SAFETY: a plain kill of the child we started.
    assert_eq!(
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) },
        0
    );
    let id = child.id();
    let waited = reader(move || child.wait().unwrap());
    let status = waited.recv_timeout(GUARD).unwrap_or_else(|_| {
        // SAFETY: as above.
        unsafe { libc::kill(id as libc::pid_t, libc::SIGKILL) };
        panic!("brink outlived SIGTERM");
    });
    assert_eq!(status.signal(), Some(libc::SIGTERM));
    let kept = std::fs::read_to_string(f.path("report.json")).unwrap();
    assert_eq!(kept, "previous report\n");
    assert_eq!(names(f.dir.path()), ["report.json", "small.toml"]);
}

#[test]
fn errors_name_the_path_given_and_the_cause() {
    let f = Fixture::new();
    let other = "help: nothing was run; give --output the path of a file you can write\n";
    let cases = [
        (
            "no/such/report.json",
            "error: cannot write no/such/report.json: the folder no/such does not exist\n\
             help: nothing was run; create the folder (`mkdir -p no/such`), or give --output a \
             path in a folder that exists\n"
                .to_string(),
        ),
        (
            ".",
            format!("error: cannot write .: it is a folder\n{other}"),
        ),
        (
            "small.toml/report.json",
            format!(
                "error: cannot write small.toml/report.json: a part of the path is not a \
                 folder\n{other}"
            ),
        ),
        (
            "loop",
            format!("error: cannot write loop: too many levels of symbolic links\n{other}"),
        ),
    ];
    std::os::unix::fs::symlink("loop", f.path("loop")).unwrap();
    for (target, message) in cases {
        let (stdout, stderr, code) = outputs(&f.run_to(target, Limits::default()));
        assert_eq!(stderr, message);
        assert_eq!((stdout.as_str(), code), ("", Some(1)));
    }
    assert_eq!(names(f.dir.path()), ["loop", "small.toml"]);
}

/// Every command with `--output` checks the folder before any work: with a trillion trials, a
/// command that simulated first would never reach the error (QA: 26 s of simulation, then the
/// error). Nothing else is printed, and nothing is left in the folder.
#[test]
fn a_missing_folder_is_refused_before_any_work() {
    let f = Fixture::new();
    let many = ["--trials", "1e12", "--quiet"];
    // (`.out` names no format: `graph` would warn that it writes no JSON.)
    let out = ["--output", "nodir/x.out"];
    let vary = ["--vary", "events.mobilise.probability=0.1:0.2:2"];
    let commands: [Vec<&str>; 12] = [
        [&["run", "small.toml"][..], &many].concat(),
        [&["run", "small.toml", "--shard", "0/2"][..], &many].concat(),
        [&["sweep", "small.toml"][..], &vary, &many].concat(),
        [&["sweep", "small.toml", "--shard", "1/2"][..], &vary, &many].concat(),
        [&["sensitivity", "small.toml"][..], &many].concat(),
        [&["sensitivity", "small.toml", "--shard", "0/2"][..], &many].concat(),
        [&["compare", "small.toml", "small.toml"][..], &many].concat(),
        [&["trace", "small.toml", "--outcome", "calm"][..], &many].concat(),
        vec!["exact", "small.toml"],
        vec!["merge", "part-0.json", "part-1.json"],
        vec!["graph", "small.toml", "--probabilities", "--trials", "1e12"],
        [&["test", "small.toml"][..], &many].concat(),
    ];
    for args in commands {
        let args = [&args[..], &out].concat();
        let (stdout, stderr, code) = outputs(
            &brink(&args, Limits::default())
                .current_dir(f.dir.path())
                .output()
                .unwrap(),
        );
        assert_eq!(
            stderr,
            "error: cannot write nodir/x.out: the folder nodir does not exist\n\
             help: nothing was run; create the folder (`mkdir -p nodir`), or give --output a \
             path in a folder that exists\n",
            "{args:?}"
        );
        assert_eq!((stdout.as_str(), code), ("", Some(1)), "{args:?}");
    }
    assert_eq!(names(f.dir.path()), ["small.toml"]);
}

/// The fix in the message is one a shell runs as written: a folder with a space is quoted in
/// the `mkdir -p` it suggests (review: `mkdir -p my results` made two folders).
#[test]
fn a_missing_folder_with_a_space_is_quoted_in_the_fix() {
    let f = Fixture::new();
    let (stdout, stderr, code) = outputs(&f.run_to("my results/x.json", Limits::default()));
    assert_eq!(
        stderr,
        "error: cannot write my results/x.json: the folder my results does not exist\n\
         help: nothing was run; create the folder (`mkdir -p 'my results'`), or give --output a \
         path in a folder that exists\n"
    );
    assert_eq!((stdout.as_str(), code), ("", Some(1)));
}

/// A folder that takes no new file is named as the cause, not the file: the report is written
/// beside its target and renamed over it. `/sys` refuses new files even to root, where a
/// folder of mode 555 would not.
#[test]
fn a_folder_that_takes_no_file_is_named() {
    if !std::path::Path::new("/sys/kernel").is_dir() {
        eprintln!("skipped: no /sys here, the one folder that refuses root a new file");
        return;
    }
    let f = Fixture::new();
    let (stdout, stderr, code) = outputs(&f.run_to("/sys/x.json", Limits::default()));
    assert_eq!(
        stderr,
        "error: cannot write /sys/x.json: brink cannot create files in the folder /sys \
         (permission denied)\nhelp: nothing was run; give --output the path of a file you can \
         write\n"
    );
    assert_eq!((stdout.as_str(), code), ("", Some(1)));
}
