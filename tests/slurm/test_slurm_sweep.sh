#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# A kMC sweep through a real Slurm: configures a single-node cluster on this machine (munge and
# slurmctld/slurmd from Debian's slurm-wlm, under a temporary folder, on their own ports),
# writes the sweep's scripts with `glassfit kmc --slurm`, submits them with sbatch, waits, and
# compares the merged tables with the in-process sweep's, byte for byte. Then resubmits with one
# task's result removed: only that task runs again and the merge is unchanged. Then the same
# through `glassfit crosscheck --slurm`: equal to the crosscheck made in process. The daemons are
# stopped on exit, whatever happens.
# Usage: tests/slurm/test_slurm_sweep.sh path/to/glassfit
set -euo pipefail
bin=$(realpath "$1")
for p in munged mungekey slurmctld slurmd sbatch squeue sinfo scontrol; do
  command -v "$p" >/dev/null || { echo "FAIL: $p not found (scripts/setup.sh installs slurm-wlm and munge)"; exit 1; }
done
W=$(mktemp -d /tmp/glassfit-slurm.XXXXXX)
export SLURM_CONF=$W/slurm.conf
cleanup() {
  scontrol shutdown >/dev/null 2>&1 || true
  for f in "$W"/slurmctld.pid "$W"/slurmd.pid "$W"/munge/munged.pid; do
    [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  sleep 1
  rm -rf "$W"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  for f in "$W"/slurmctld.log "$W"/slurmd.log "$W"/srs/slurm/logs/* "$W"/xc/kmc/slurm/logs/*; do [ -f "$f" ] && { echo "== $f"; tail -20 "$f"; }; done
  exit 1
}

# munge: its own key, socket and files.
mkdir -p "$W/munge" "$W/state" "$W/spool"
chmod 700 "$W/munge"
mungekey --create --keyfile="$W/munge/munge.key"
munged --force --key-file="$W/munge/munge.key" --socket="$W/munge/socket" --pid-file="$W/munge/munged.pid" \
  --log-file="$W/munge/munged.log" --seed-file="$W/munge/seed"

# Two free TCP ports for slurmctld and slurmd.
read -r ctld_port d_port < <(/usr/bin/python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
host=$(hostname -s)
user=$(id -un)
cat >"$SLURM_CONF" <<EOF
ClusterName=glassfittest
SlurmctldHost=$host(127.0.0.1)
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$W/munge/socket
CredType=cred/munge
StateSaveLocation=$W/state
SlurmdSpoolDir=$W/spool
SlurmctldPidFile=$W/slurmctld.pid
SlurmdPidFile=$W/slurmd.pid
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmctldLogFile=$W/slurmctld.log
SlurmdLogFile=$W/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SchedulerParameters=batch_sched_delay=0,sched_interval=1
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=2000 State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -i -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 60); do
  [ "$(sinfo -h -o %t 2>/dev/null)" = idle ] && break
  sleep 0.5
done
[ "$(sinfo -h -o %t)" = idle ] || fail "the node did not come up idle"
echo "slurm: single-node cluster up on ports $ctld_port/$d_port"

# The sweep: 2 temperatures x 5 factors x 2 seeds = 20 tasks on a small lattice.
cat >"$W/sweep.toml" <<'TOML'
[lattice]
nx = 16
ny = 16
[barrier]
law = "time-independent"
[loading]
final_strain = 0.1
[output]
plots = false
[sweep]
temperatures_K = [300, 400]
strain_rates_per_s = [1e-3]
seeds = [1, 2]
TOML
"$bin" kmc "$W/sweep.toml" -o "$W/inproc" -q
"$bin" kmc "$W/sweep.toml" --slurm --time-limit 10:00 -o "$W/srs" -q
grep -q '^#SBATCH --array=0-19$' "$W/srs/slurm/array.sbatch" || fail "array of 20 tasks"

# Waits until the queue is empty (at most 5 minutes).
wait_queue() {
  for _ in $(seq 600); do
    [ -z "$(squeue -h 2>/dev/null)" ] && return 0
    sleep 0.5
  done
  fail "jobs still queued after 5 minutes: $(squeue -h)"
}
same_tables() {
  for t in flow_stress.csv srs.csv sites.csv; do
    cmp -s <(grep -v '^#' "$W/inproc/$t") <(grep -v '^#' "$W/srs/$t") || fail "$1: merged $t differs from the in-process sweep"
  done
}

bash "$W/srs/slurm/submit.sh"
wait_queue
[ "$(ls "$W/srs/tasks"/task_*.json | wc -l)" -eq 20 ] || fail "20 task records after the array"
grep -q "separate tasks, merged" "$W/srs/report.json" || fail "the merge job wrote report.json"
same_tables "first submission"
echo "PASS: sbatch array + dependent merge = in-process sweep (20 tasks, byte for byte)"

# Resubmission: finished tasks are skipped; a removed one runs again.
sha_before=$(cat "$W"/srs/tasks/task_0000{00,01,02}.json | sha256sum)
rm "$W/srs/tasks/task_000003.json" "$W/srs/flow_stress.csv"
bash "$W/srs/slurm/submit.sh"
wait_queue
[ "$(cat "$W"/srs/tasks/task_0000{00,01,02}.json | sha256sum)" = "$sha_before" ] || fail "finished tasks were run again"
[ -s "$W/srs/tasks/task_000003.json" ] || fail "the removed task ran again"
same_tables "resubmission"
echo "PASS: resubmission reruns only the unfinished task; merge unchanged"

# The cross-check as Slurm tasks: the merge job merges and runs the crosscheck on them; the result
# equals the one made in process, byte for byte.
"$bin" crosscheck "$W/sweep.toml" -o "$W/xc_inproc" -q
"$bin" crosscheck "$W/sweep.toml" --slurm --time-limit 10:00 -o "$W/xc" -q
grep -q ' crosscheck ' "$W/xc/kmc/slurm/merge.sbatch" || fail "the merge job runs the crosscheck"
bash "$W/xc/kmc/slurm/submit.sh"
wait_queue
for t in comparison.csv kmc/flow_stress.csv fit/fitted.toml; do
  cmp -s <(grep -v '^#' "$W/xc_inproc/$t") <(grep -v '^#' "$W/xc/$t") || fail "crosscheck via Slurm: $t differs from in process"
done
echo "PASS: crosscheck via sbatch (array, merge, fit, comparison) = in process"
