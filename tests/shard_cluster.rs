//! Shards on real batch systems: a single-node Slurm cluster that the test starts itself (munge,
//! slurmctld and slurmd, with every file in a temporary folder), and GNU parallel. Each runs the
//! shards of one run, one sweep and one sensitivity analysis, `brink merge` puts them
//! together, and the report must be the unsharded one, byte for byte.
//!
//! The tools come from Debian's `slurm-wlm`, `munge` and `parallel` (`.ci/run` installs them).
//! In CI (`BRINK_CI`) a missing tool or a cluster that cannot start fails, with the daemons' log
//! lines; elsewhere the test says what to install and skips. Tests never install anything.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{in_ci, root};

const SCENARIO: &str = "scenarios/baseline.toml";
const RUN: &str = "--trials 20001 --seed 13 --quiet";
const SWEEP: &str =
    "--vary events.ceasefire.probability=0.05:0.5:4 --trials 5000 --seed 13 --quiet";
const SMALL: &str = "tests/scenarios/sensitivity_inputs.toml";
const SENSITIVITY: &str = "--trials 5000 --seed 13 --quiet";

fn brink_bin() -> PathBuf {
    PathBuf::from(assert_cmd::cargo::cargo_bin!("brink"))
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `None` when every tool is there; else says what is missing (a failure in CI).
fn missing(tools: &[&str], install: &str) -> Option<String> {
    let gone: Vec<&str> = tools.iter().copied().filter(|t| !have(t)).collect();
    if gone.is_empty() {
        return None;
    }
    let msg = format!(
        "{} not found: install {install} (`apt-get install {install}`)",
        gone.join(", ")
    );
    assert!(!in_ci(), "{msg}");
    eprintln!("skipping: {msg}");
    Some(msg)
}

/// The report of `brink LINE` (a command, the scenario, its options), as JSON, markdown and
/// CSV.
fn single_reports(dir: &Path, line: &str) -> Vec<(String, Vec<u8>)> {
    ["json", "markdown", "csv"]
        .iter()
        .map(|f| {
            let out = Command::new(brink_bin())
                .current_dir(dir)
                .args(common::words(&format!("{line} --format {f}")))
                .output()
                .unwrap();
            common::succeeded(&out);
            (f.to_string(), out.stdout)
        })
        .collect()
}

/// `brink run` of the scenario, as the shards run it.
fn run_line() -> String {
    format!("run {} {RUN}", root().join(SCENARIO).display())
}

/// `brink sweep` of the scenario, as the shards run it.
fn sweep_line() -> String {
    format!("sweep {} {SWEEP}", root().join(SCENARIO).display())
}

/// `brink sensitivity` of a small scenario, as the shards run it.
fn sensitivity_line() -> String {
    format!("sensitivity {} {SENSITIVITY}", root().join(SMALL).display())
}

/// Merges `{prefix}0.json` to `{prefix}{n-1}.json` in `dir` in every format and compares with
/// the report of `brink LINE` unsharded.
fn assert_merge_is_single(dir: &Path, line: &str, prefix: &str, n: usize) {
    let parts: Vec<String> = (0..n).map(|i| format!("{prefix}{i}.json")).collect();
    for (format, want) in single_reports(dir, line) {
        let out = Command::new(brink_bin())
            .current_dir(dir)
            .arg("merge")
            .args(&parts)
            .args(["--format", &format])
            .output()
            .unwrap();
        common::succeeded(&out);
        assert!(
            out.stdout == want,
            "merged {format} differs from the unsharded `{line}`"
        );
    }
}

/// Runs the shards of `brink LINE` with GNU parallel, 2 at a time, as docs/cluster.md does.
fn parallel_shards(dir: &Path, line: &str, prefix: &str, n: usize) {
    let cmd = format!(
        "{} {line} --threads 1 --shard {{}}/{n} --output {prefix}{{}}.json",
        brink_bin().display(),
    );
    let out = Command::new("parallel")
        .current_dir(dir)
        .args(["-j", "2", "--halt", "now,fail=1", &cmd, ":::"])
        .args((0..n).map(|i| i.to_string()))
        .output()
        .unwrap();
    common::succeeded(&out);
}

#[test]
fn gnu_parallel_shards_merge_to_the_single_run() {
    if missing(&["parallel"], "parallel").is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (line, prefix, n) in [
        (run_line(), "part-", 4),
        (sweep_line(), "sweep-", 3),
        (sensitivity_line(), "sens-", 8),
    ] {
        parallel_shards(d, &line, prefix, n);
        assert_merge_is_single(d, &line, prefix, n);
    }
}

/// Daemons this test started, stopped by their pid files when it ends, however it ends.
struct Daemons {
    pid_files: Vec<PathBuf>,
}

impl Drop for Daemons {
    fn drop(&mut self) {
        for f in self.pid_files.iter().rev() {
            if let Some(pid) = std::fs::read_to_string(f)
                .ok()
                .and_then(|t| t.trim().parse::<i32>().ok())
            {
                // SAFETY: kill(2) on a pid this test's daemon wrote; no memory is involved.
                unsafe { libc::kill(pid, libc::SIGTERM) };
            }
        }
    }
}

fn sh(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "{cmd:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn munge_works() -> bool {
    Command::new("sh")
        .args(["-c", "munge -n | unmunge"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Starts munged (unless one already answers) as the munge user, with /run/munge its own.
fn start_munge(daemons: &mut Daemons) -> Result<(), String> {
    if munge_works() {
        return Ok(());
    }
    sh(Command::new("sh").args([
        "-c",
        "mkdir -p /run/munge && chown munge:munge /run/munge && chmod 0755 /run/munge",
    ]))?;
    sh(Command::new("runuser").args(["-u", "munge", "--", "munged"]))?;
    daemons.pid_files.push("/run/munge/munged.pid".into());
    wait_for("munged to answer", munge_works)
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) -> Result<(), String> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    Err(format!("timed out waiting for {what}"))
}

fn slurm_conf(dir: &Path, host: &str, cpus: usize) -> String {
    let d = dir.display();
    format!(
        "ClusterName=brinktest\nSlurmctldHost={host}\nSlurmUser=root\nSlurmdUser=root\n\
         AuthType=auth/munge\nCredType=cred/munge\nProctrackType=proctrack/linuxproc\n\
         TaskPlugin=task/none\nSelectType=select/cons_tres\nSelectTypeParameters=CR_CPU\n\
         JobAcctGatherType=jobacct_gather/none\nAccountingStorageType=accounting_storage/none\n\
         JobCompType=jobcomp/none\nMpiDefault=none\nReturnToService=2\n\
         StateSaveLocation={d}/state\nSlurmdSpoolDir={d}/spool\n\
         SlurmctldPidFile={d}/slurmctld.pid\nSlurmdPidFile={d}/slurmd.pid\n\
         SlurmctldLogFile={d}/slurmctld.log\nSlurmdLogFile={d}/slurmd.log\n\
         NodeName={host} CPUs={cpus} State=UNKNOWN\n\
         PartitionName=test Nodes={host} Default=YES MaxTime=INFINITE State=UP\n"
    )
}

/// Everything the daemons logged, for a failure message.
fn logs(dir: &Path) -> String {
    ["slurmctld.log", "slurmd.log"]
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(dir.join(f)).unwrap_or_default();
            let tail: Vec<&str> = text.lines().rev().take(30).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            format!("--- {f}\n{}", tail.join("\n"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn run_on_slurm(dir: &Path, daemons: &mut Daemons) -> Result<(), String> {
    start_munge(daemons)?;
    let host = sh(Command::new("hostname").arg("-s"))?.trim().to_string();
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    for sub in ["state", "spool", "work"] {
        std::fs::create_dir_all(dir.join(sub)).map_err(|e| e.to_string())?;
    }
    let conf = dir.join("slurm.conf");
    std::fs::write(&conf, slurm_conf(dir, &host, cpus)).map_err(|e| e.to_string())?;
    let slurm = |tool: &str| {
        let mut c = Command::new(tool);
        c.env("SLURM_CONF", &conf);
        c
    };
    sh(slurm("slurmctld").args(["-f".as_ref(), conf.as_os_str()]))?;
    daemons.pid_files.push(dir.join("slurmctld.pid"));
    sh(slurm("slurmd").args(["-f".as_ref(), conf.as_os_str()]))?;
    daemons.pid_files.push(dir.join("slurmd.pid"));
    wait_for("the node to be idle", || {
        sh(slurm("sinfo").args(["-h", "-o", "%T"])).is_ok_and(|s| s.trim() == "idle")
    })?;
    let work = dir.join("work");
    let wrap = format!(
        "{} run {} {RUN} --shard slurm --output part-$SLURM_ARRAY_TASK_ID.json",
        brink_bin().display(),
        root().join(SCENARIO).display()
    );
    // The recipe of docs/cluster.md: the array, then a merge job that waits for all of it.
    let job = sh(slurm("sbatch").current_dir(&work).args([
        "--parsable",
        "--array=0-2",
        "--output=shard-%a.log",
        "--wrap",
        &wrap,
    ]))?;
    let merge = format!(
        "{} merge part-0.json part-1.json part-2.json --format json --output merged.json",
        brink_bin().display()
    );
    sh(slurm("sbatch").current_dir(&work).args([
        "--wait",
        &format!("--dependency=afterok:{}", job.trim()),
        "--output=merge.log",
        "--wrap",
        &merge,
    ]))?;
    let merged = std::fs::read(work.join("merged.json")).map_err(|e| e.to_string())?;
    assert!(
        merged == single_reports(&work, &run_line())[0].1,
        "the merge job's report differs"
    );
    assert_merge_is_single(&work, &run_line(), "part-", 3);
    // A sweep's points and a sensitivity analysis's variants split the same way.
    for (line, prefix) in [(sweep_line(), "sweep-"), (sensitivity_line(), "sens-")] {
        let wrap = format!(
            "{} {line} --shard slurm --output {prefix}$SLURM_ARRAY_TASK_ID.json",
            brink_bin().display()
        );
        sh(slurm("sbatch").current_dir(&work).args([
            "--wait",
            "--array=0-2",
            &format!("--output={prefix}%a.log"),
            "--wrap",
            &wrap,
        ]))?;
        assert_merge_is_single(&work, &line, prefix, 3);
    }
    Ok(())
}

#[test]
fn a_slurm_job_array_merges_to_the_single_run() {
    let tools = ["slurmctld", "slurmd", "sbatch", "sinfo", "munged", "munge"];
    if missing(&tools, "slurm-wlm munge").is_some() {
        return;
    }
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        assert!(
            !in_ci(),
            "the Slurm test starts daemons as root: run CI as root"
        );
        eprintln!("skipping: the Slurm test starts daemons as root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut daemons = Daemons {
        pid_files: Vec::new(),
    };
    if let Err(e) = run_on_slurm(dir.path(), &mut daemons) {
        let msg = format!(
            "a single-node Slurm cluster did not run: {e}\n{}",
            logs(dir.path())
        );
        assert!(!in_ci(), "{msg}");
        eprintln!("skipping: {msg}");
    }
}
