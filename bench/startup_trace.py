#!/usr/bin/python3
"""Where a cold framepool-cli run's start-up goes, mark by mark (issue 14).

    sudo bench/startup_trace.py [--reps N] BUILD_DIR [BUILD_DIR...] -- CLI-ARGUMENTS...

Runs BUILD_DIR/bin/framepool-cli CLI-ARGUMENTS N times (default 5) per build, the builds
alternated, and prints the median milliseconds from the CLI's exec to each mark: the CLI's
main, the run's start (Engine::start), the first worker's exec, main and hello
(WorkerSession::serve), the hello received (Engine::onWorkerReady), the first task sent
(Engine::assign), the first frame analysed (the first addFrame of any analyzer), the CLI's
exit; and from the run's own report, the first task's start and the wall time (run clock).

The marks are uprobes (perf probe) read through tracefs, so nothing runs beside the CLI while
it is measured (perf record costs a run 1-2 s). Needs root, perf (linux-perf) and binaries
with symbols (any build but the package's). Removes its probes and leaves tracefs as it was.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

TRACEFS = "/sys/kernel/tracing"
# Mark: (program, how its symbols are recognised in `nm` output).
PROBES = {
    "cli_main": ("framepool-cli", r"^main$"),
    "run_start": ("framepool-cli", r"^_ZN2fp6Engine5startE"),
    "worker_main": ("framepool-worker", r"^main$"),
    "worker_hello": ("framepool-worker", r"^_ZN2fp13WorkerSession5serveEi$"),
    "hello_received": ("framepool-cli", r"^_ZN2fp6Engine13onWorkerReadyE"),
    "first_task": ("framepool-cli", r"^_ZN2fp6Engine6assignE"),
    "first_frame": ("framepool-worker", r"^_ZN.*8addFrameERKN2cv3MatE$"),
}
MARKS = ["cli_main", "run_start", "worker_exec", "worker_main", "worker_hello", "hello_received",
         "first_task", "first_frame", "cli_exit"]


def tracefs(path, text=None):
    full = os.path.join(TRACEFS, path)
    if text is None:
        with open(full) as f:
            return f.read()
    with open(full, "w") as f:
        f.write(text)
    return None


def add_probes(group, bin_dir):
    """Uprobes for build `bin_dir` in tracefs group `group`; event names carry the group,
    as perf wants them unique."""
    for mark, (program, pattern) in PROBES.items():
        binary = os.path.join(bin_dir, program)
        symbols = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True).stdout
        addresses = sorted({line.split()[0] for line in symbols.splitlines()
                            if len(line.split()) == 3 and line.split()[1] in "Tt" and re.match(pattern, line.split()[2])})
        if not addresses:
            sys.exit(f"startup_trace: no symbol for {mark} in {binary}")
        for k, address in enumerate(addresses):
            # By address: perf probe cannot always map C++ names through the debug info.
            subprocess.run(["perf", "probe", "-q", "-x", binary, "-a", f"{group}:{mark}_{k}_{group}=0x{address}"], check=True)


def run_once(group, bin_dir, arguments, report):
    tracefs(f"events/{group}/enable", "1")
    tracefs("trace", "")
    tracefs("tracing_on", "1")
    subprocess.run([os.path.join(bin_dir, "framepool-cli")] + arguments + ["-o", report],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tracefs("tracing_on", "0")
    tracefs(f"events/{group}/enable", "0")
    first = {}
    cli_pid = None
    for line in tracefs("trace").splitlines():
        m = re.match(r"\s*(.+?)-(\d+)\s+\[\d+\]\s+\S+\s+([\d.]+):\s+(\S+):(.*)", line)
        if not m:
            continue
        pid, seconds, event, detail = int(m.group(2)), float(m.group(3)), m.group(4), m.group(5)
        if event == "sched_process_exec":
            if "framepool-cli" in detail:
                event, cli_pid = "cli_exec", pid
            elif "framepool-worker" in detail:
                event = "worker_exec"
            else:
                continue
        elif event == "sched_process_exit":
            if pid != cli_pid:
                continue
            event = "cli_exit"
        else:
            event = re.sub(r"_\d+_" + group + "$", "", event)
        first.setdefault(event, seconds)
    marks = {mark: (first[mark] - first["cli_exec"]) * 1000 for mark in MARKS if mark in first and "cli_exec" in first}
    with open(report) as f:
        document = json.load(f)
    run = document.get("parallel") or document.get("serial")
    marks["report: first task"] = min(task["start"] for task in run["tasks"]) * 1000
    marks["report: wall"] = run["wall_seconds"] * 1000
    return marks


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("builds", nargs="+", help="build folders, then -- and the CLI's arguments")
    split = sys.argv.index("--") if "--" in sys.argv else len(sys.argv)
    options = parser.parse_args(sys.argv[1:split])
    arguments = sys.argv[split + 1:]
    if not arguments:
        parser.error("give the CLI's arguments after --")
    builds = [(f"fpstart{k}", os.path.join(os.path.abspath(b), "bin")) for k, b in enumerate(options.builds)]
    saved = {path: tracefs(path) for path in ("tracing_on", "trace_clock")}
    saved["trace_clock"] = re.search(r"\[(\w+)\]", saved["trace_clock"]).group(1)
    results = {group: {} for group, _ in builds}
    load_before = open("/proc/loadavg").read().split()[:3]
    try:
        for group, bin_dir in builds:
            add_probes(group, bin_dir)
        tracefs("trace_clock", "mono")
        for sched in ("sched_process_exec", "sched_process_exit"):
            tracefs(f"events/sched/{sched}/enable", "1")
        with tempfile.TemporaryDirectory() as scratch:
            for rep in range(options.reps):
                for group, bin_dir in builds if rep % 2 == 0 else builds[::-1]:
                    for mark, ms in run_once(group, bin_dir, arguments, os.path.join(scratch, "report.json")).items():
                        results[group].setdefault(mark, []).append(ms)
    finally:
        for sched in ("sched_process_exec", "sched_process_exit"):
            tracefs(f"events/sched/{sched}/enable", "0")
        tracefs("trace", "")
        tracefs("trace_clock", saved["trace_clock"])
        tracefs("tracing_on", saved["tracing_on"].strip())
        for group, _ in builds:
            subprocess.run(["perf", "probe", "-q", "-d", f"{group}:*"], stderr=subprocess.DEVNULL)
    print(f"load average before {' '.join(load_before)}, after {' '.join(open('/proc/loadavg').read().split()[:3])}")
    print(f"ms from the CLI's exec, median of {options.reps}".ljust(40) + "".join(f"{b[-16:]:>16}" for b in options.builds))
    for mark in MARKS + ["report: first task", "report: wall"]:
        row = [results[group].get(mark) for group, _ in builds]
        print(mark.ljust(40) + "".join(f"{statistics.median(v):16.1f}" if v else f"{'-':>16}" for v in row))


if __name__ == "__main__":
    main()
