#!/bin/sh
# A single-node Slurm cluster on this machine, for testing the Slurm launcher (issue 6).
#
#   scripts/slurm-cluster.sh start   # install (if needed), configure, start munged, slurmctld, slurmd
#   scripts/slurm-cluster.sh stop    # stop exactly the daemons `start` started
#   scripts/slurm-cluster.sh status
#
# Runs as root (or through sudo). The cluster: SlurmctldHost=localhost, one node "localhost" with
# this machine's CPUs and memory, one partition "debug" (the default). Process tracking by
# /proc (proctrack/linuxproc) and no task plugin, so no cgroups or systemd are needed.
# Logs and pid files: $SLURM_FP_DIR (default /var/log/slurm-fp). If the node does not come up,
# `start` prints the daemons' logs and exits 1.
set -eu

if [ "$(id -u)" != 0 ]; then exec sudo "$0" "$@"; fi

DIR=${SLURM_FP_DIR:-/var/log/slurm-fp}
CONF_DIR=/etc/slurm
TIMEOUT=${SLURM_FP_TIMEOUT:-60}
STARTED="$DIR/started" # "name pid" of each daemon this script started

log() { echo "slurm-cluster: $*" >&2; }

install_packages() {
    missing=""
    for p in munge slurmd slurmctld slurm-client; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    log "installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    # policy-rc.d may forbid starting services at install time; we start them ourselves.
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

write_config() {
    cpus=$(nproc)
    # RealMemory in MiB, a little under MemTotal so slurmd never reports less than configured.
    mem=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.95 }' /proc/meminfo)
    mkdir -p "$CONF_DIR" /var/lib/slurm/slurmctld /var/lib/slurm/slurmd "$DIR"
    cat > "$CONF_DIR/slurm.conf" <<EOF
# Written by FramePool's scripts/slurm-cluster.sh: a one-node cluster for tests.
ClusterName=framepool
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldTimeout=30
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
MinJobAge=10
NodeName=localhost NodeHostname=localhost CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
    # slurmd always loads a cgroup plugin. Without systemd (containers, CI) a cgroup v2 host
    # must not ask systemd for a scope; on cgroup v1 the setting is ignored.
    cat > "$CONF_DIR/cgroup.conf" <<EOF
CgroupPlugin=autodetect
IgnoreSystemd=yes
EOF
}

# True when the pid is alive and runs `name`.
running() { [ -n "$2" ] && [ -r "/proc/$2/comm" ] && [ "$(cat "/proc/$2/comm")" = "$1" ]; }

# Keeps the previous run's log as .old, so a failure shows only this start's lines.
rotate() { [ -f "$DIR/$1" ] && mv -f "$DIR/$1" "$DIR/$1.old" || true; }

pid_of() { [ -r "$1" ] && tr -dc '0-9' < "$1" || true; }

wait_for_pid_file() { # name file
    i=0
    while [ $i -lt 100 ]; do
        pid=$(pid_of "$2")
        if running "$1" "$pid"; then echo "$pid"; return 0; fi
        sleep 0.1; i=$((i + 1))
    done
    return 1
}

print_logs() {
    for f in "$DIR"/munged.log "$DIR"/slurmctld.log "$DIR"/slurmd.log "$DIR"/*.out; do
        [ -f "$f" ] || continue
        echo "----- $f (last 60 lines) -----" >&2
        tail -n 60 "$f" >&2
    done
}

fail() {
    log "$*"
    print_logs
    exit 1
}

start() {
    install_packages
    write_config
    : >> "$STARTED"

    # munged refuses to run unless its socket directory belongs to the munge user.
    mkdir -p /run/munge /var/log/munge /var/lib/munge
    chown munge:munge /run/munge /var/log/munge /var/lib/munge
    chmod 0755 /run/munge
    if [ ! -s /etc/munge/munge.key ]; then
        dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 2>/dev/null
    fi
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
    pid=$(pid_of /run/munge/munged.pid)
    if running munged "$pid"; then
        log "munged already running ($pid), leaving it alone"
    else
        rotate munged.log
        touch "$DIR/munged.log" && chown munge:munge "$DIR/munged.log"
        runuser -u munge -- munged --log-file="$DIR/munged.log" --pid-file=/run/munge/munged.pid \
            >"$DIR/munged.out" 2>&1 || fail "munged did not start"
        pid=$(wait_for_pid_file munged /run/munge/munged.pid) || fail "munged did not start"
        echo "munged $pid" >> "$STARTED"
    fi
    munge -n | unmunge >/dev/null 2>&1 || fail "munge cannot encode and decode a credential"

    pid=$(pid_of "$DIR/slurmctld.pid")
    if running slurmctld "$pid"; then
        log "slurmctld already running ($pid), leaving it alone"
    else
        rotate slurmctld.log
        # -i: ignore state from an earlier run that no longer matches the configuration.
        slurmctld -i >"$DIR/slurmctld.out" 2>&1 || fail "slurmctld did not start"
        pid=$(wait_for_pid_file slurmctld "$DIR/slurmctld.pid") || fail "slurmctld did not start"
        echo "slurmctld $pid" >> "$STARTED"
    fi

    pid=$(pid_of "$DIR/slurmd.pid")
    if running slurmd "$pid"; then
        log "slurmd already running ($pid), leaving it alone"
    else
        rotate slurmd.log
        slurmd -N localhost >"$DIR/slurmd.out" 2>&1 || fail "slurmd did not start"
        pid=$(wait_for_pid_file slurmd "$DIR/slurmd.pid") || fail "slurmd did not start"
        echo "slurmd $pid" >> "$STARTED"
    fi

    log "waiting up to ${TIMEOUT}s for node localhost to be idle"
    i=0
    while [ $i -lt "$TIMEOUT" ]; do
        state=$(sinfo -h -n localhost -o %T 2>/dev/null | head -n 1 || true)
        case "$state" in
            idle|mixed|allocated) log "node localhost is $state"; sinfo >&2; return 0 ;;
            down*|drain*)
                # A node that was down in saved state: it registered again, so resume it.
                scontrol update NodeName=localhost State=RESUME >/dev/null 2>&1 || true ;;
        esac
        sleep 1; i=$((i + 1))
    done
    sinfo >&2 || true
    scontrol show node localhost >&2 || true
    fail "node localhost did not become idle within ${TIMEOUT}s"
}

stop() {
    [ -f "$STARTED" ] || { log "nothing started by this script"; return 0; }
    # Jobs first, so no step is left running, then the daemons in reverse order of start.
    if command -v scancel >/dev/null && command -v squeue >/dev/null; then
        scancel --quiet --full -u root >/dev/null 2>&1 || true
    fi
    tac "$STARTED" | while read -r name pid; do
        if running "$name" "$pid"; then
            log "stopping $name ($pid)"
            kill -TERM "$pid" 2>/dev/null || true
            i=0
            while running "$name" "$pid" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
            if running "$name" "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
        fi
    done
    rm -f "$STARTED"
}

status() {
    [ -f "$STARTED" ] && cat "$STARTED"
    sinfo
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
