#!/bin/sh
# A Slurm cluster of N nodes on this machine, for testing the Slurm launcher (issues 6, 16).
#
#   scripts/slurm-cluster.sh start            # install (if needed), configure, start munged,
#                                             # slurmctld and one slurmd per node
#   scripts/slurm-cluster.sh stop             # stop exactly the daemons `start` started
#   scripts/slurm-cluster.sh status
#   scripts/slurm-cluster.sh kill-node node2  # SIGKILL every process of node2 (a node crash)
#   scripts/slurm-cluster.sh start-node node2 # boot node2 again (a fresh slurmd)
#
# Runs as root (or through sudo). The cluster: SlurmctldHost=localhost; nodes node1..nodeN
# ($SLURM_FP_NODES, default 2), each a slurmd in its own UTS namespace (`unshare --uts`) whose
# hostname is the node's name, so a worker's hostname says where it runs; all at 127.0.0.1,
# each on its own port, each with this machine's CPUs and a share of its memory; one partition
# "debug" (the default) that places each job on the least loaded node (LLN), so that workers
# spread. Process tracking by /proc (proctrack/linuxproc) and no task plugin, so no cgroups or
# systemd are needed. Short timeouts, so that a killed node is noticed in seconds:
# SlurmdTimeout ($SLURM_FP_NODE_TIMEOUT, default 5 s; Slurm declares the node down about twice
# that after it stops answering) and MessageTimeout ($SLURM_FP_MESSAGE_TIMEOUT, default 3 s; a
# launch on a dead node fails after about that). A node returns to service when its slurmd
# registers again.
# Logs and pid files: $SLURM_FP_DIR (default /var/log/slurm-fp), one slurmd-<node>.log each.
# If a node does not come up, `start` prints the daemons' logs and exits 1.
set -eu

if [ "$(id -u)" != 0 ]; then exec sudo "$0" "$@"; fi

DIR=${SLURM_FP_DIR:-/var/log/slurm-fp}
CONF_DIR=/etc/slurm
TIMEOUT=${SLURM_FP_TIMEOUT:-60}
NODES=${SLURM_FP_NODES:-2}
NODE_TIMEOUT=${SLURM_FP_NODE_TIMEOUT:-5}
MESSAGE_TIMEOUT=${SLURM_FP_MESSAGE_TIMEOUT:-3}
FIRST_PORT=6818
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

node_names() { seq -f 'node%g' 1 "$NODES"; }

write_config() {
    cpus=$(nproc)
    # RealMemory in MiB: the machine's share per node, a little under, so that no slurmd ever
    # reports less than configured.
    mem=$(awk -v n="$NODES" '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.95 / n }' /proc/meminfo)
    mkdir -p "$CONF_DIR" /var/lib/slurm/slurmctld "$DIR"
    for node in $(node_names); do mkdir -p "/var/lib/slurm/slurmd/$node"; done
    {
        cat <<EOF
# Written by FramePool's scripts/slurm-cluster.sh: a cluster of $NODES nodes on one machine, for tests.
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
SlurmdPidFile=$DIR/slurmd-%n.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd-%n.log
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd/%n
SlurmctldTimeout=30
SlurmdTimeout=$NODE_TIMEOUT
MessageTimeout=$MESSAGE_TIMEOUT
InactiveLimit=0
KillWait=5
MinJobAge=10
EOF
        port=$FIRST_PORT
        for node in $(node_names); do
            echo "NodeName=$node NodeAddr=127.0.0.1 Port=$port CPUs=$cpus RealMemory=$mem State=UNKNOWN"
            port=$((port + 1))
        done
        echo "PartitionName=debug Nodes=node[1-$NODES] Default=YES MaxTime=INFINITE State=UP LLN=YES"
    } > "$CONF_DIR/slurm.conf"
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
    for f in "$DIR"/munged.log "$DIR"/slurmctld.log "$DIR"/slurmd-*.log "$DIR"/*.out; do
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

    for node in $(node_names); do start_node "$node"; done
    wait_for_nodes $(node_names)
}

# Boots one node: a slurmd in a UTS namespace of its own whose hostname is the node's name
# (slurmd finds its NodeName, port and files from that hostname).
start_node() { # name
    pid=$(pid_of "$DIR/slurmd-$1.pid")
    if running slurmd "$pid"; then
        log "slurmd of $1 already running ($pid), leaving it alone"
        return 0
    fi
    rotate "slurmd-$1.log"
    rm -f "$DIR/slurmd-$1.pid"
    unshare --uts sh -c 'hostname "$1" && exec slurmd' slurmd "$1" >"$DIR/slurmd-$1.out" 2>&1 \
        || fail "slurmd of $1 did not start"
    pid=$(wait_for_pid_file slurmd "$DIR/slurmd-$1.pid") || fail "slurmd of $1 did not start"
    echo "slurmd $pid" >> "$STARTED"
}

wait_for_nodes() { # names
    log "waiting up to ${TIMEOUT}s for $* to be idle"
    i=0
    while [ $i -lt "$TIMEOUT" ]; do
        ready=0
        for node in "$@"; do
            state=$(sinfo -h -N -n "$node" -o %T 2>/dev/null | head -n 1 || true)
            case "$state" in
                idle|mixed|allocated) ready=$((ready + 1)) ;;
                down*|drain*)
                    # Down in saved state, or declared down before this boot: it registered
                    # again, so resume it.
                    scontrol update NodeName="$node" State=RESUME >/dev/null 2>&1 || true ;;
            esac
        done
        if [ "$ready" = $# ]; then sinfo -N >&2; return 0; fi
        sleep 1; i=$((i + 1))
    done
    sinfo -N >&2 || true
    for node in "$@"; do scontrol show node "$node" >&2 || true; done
    fail "$* did not become idle within ${TIMEOUT}s"
}

# The UTS namespace of a node's slurmd, which its step daemons and tasks inherit.
node_namespace() { # name
    pid=$(pid_of "$DIR/slurmd-$1.pid")
    running slurmd "$pid" && readlink "/proc/$pid/ns/uts"
}

# Live processes in a namespace (an exited one that nobody reaped has no namespace left).
processes_in() { # namespace
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/ns/uts" 2>/dev/null)" = "$1" ] && echo "${p#/proc/}"
    done
    return 0
}

# A node crash: SIGKILL to every process of the node at once, as a power cut would end them.
# The controller is not told; it declares the node down after SlurmdTimeout.
kill_node() { # name
    ns=$(node_namespace "$1") || { log "no slurmd of $1 is running"; return 1; }
    pids=$(processes_in "$ns")
    # A step daemon may fork while the list is read: kill until none is left.
    while [ -n "$pids" ]; do
        log "killing $1: $(echo $pids)"
        kill -KILL $pids 2>/dev/null || true
        sleep 0.05
        pids=$(processes_in "$ns")
    done
    return 0
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
    sinfo -N
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    kill-node) kill_node "${2:?which node}" ;;
    start-node) : >> "$STARTED"; start_node "${2:?which node}"; wait_for_nodes "$2" ;;
    *) echo "usage: $0 start|stop|status|kill-node NODE|start-node NODE" >&2; exit 2 ;;
esac
