#!/usr/bin/env bash
# A memory cgroup with a limit, as a container's memory limit is made, for the memory benchmarks (needs root).
#   ops/benchmarks/memory-cgroup.sh create NAME LIMIT   creates it (LIMIT like 150M, 1G or bytes), prints its path
#   ops/benchmarks/memory-cgroup.sh report PATH         its usage now, its peak and how often it hit the limit
#   ops/benchmarks/memory-cgroup.sh remove PATH         removes it (once its processes have ended)
# cgroup v1 (memory.limit_in_bytes) and v2 (memory.max) are both handled; a process joins by writing its pid to
# PATH/cgroup.procs.
set -euo pipefail

die() { echo "memory-cgroup: $*" >&2; exit 1; }

bytes() {
  local value=$1
  case "$value" in
    *[Kk]) echo $(( ${value%?} * 1024 )) ;;
    *[Mm]) echo $(( ${value%?} * 1024 * 1024 )) ;;
    *[Gg]) echo $(( ${value%?} * 1024 * 1024 * 1024 )) ;;
    *[!0-9]* | '') die "not a memory size: '$value' (examples: 150M, 1G, 157286400)" ;;
    *) echo "$value" ;;
  esac
}

mb() { echo $(( $1 / 1024 / 1024 )); }

case "${1:-}" in
  create)
    [ $# -eq 3 ] || die "usage: create NAME LIMIT"
    name=$2
    limit=$(bytes "$3")
    [ "$limit" -ge $((16 * 1024 * 1024)) ] || die "a limit under 16M would not start a .NET process: '$3'"
    if [ -w /sys/fs/cgroup/memory ]; then
      path=/sys/fs/cgroup/memory/$name
      mkdir "$path" || die "cannot create $path"
      echo "$limit" > "$path/memory.limit_in_bytes"
    elif [ -f /sys/fs/cgroup/cgroup.controllers ] && grep -qw memory /sys/fs/cgroup/cgroup.controllers && [ -w /sys/fs/cgroup ]; then
      path=/sys/fs/cgroup/$name
      mkdir "$path" || die "cannot create $path"
      echo "$limit" > "$path/memory.max"
    else
      die "no writable memory cgroup controller (cgroup v1 /sys/fs/cgroup/memory or v2 /sys/fs/cgroup); run as root"
    fi
    echo "$path"
    ;;
  report)
    [ $# -eq 2 ] || die "usage: report PATH"
    path=$2
    if [ -f "$path/memory.limit_in_bytes" ]; then
      echo "usage $(mb "$(cat "$path/memory.usage_in_bytes")") MB now, peak $(mb "$(cat "$path/memory.max_usage_in_bytes")") MB of $(mb "$(cat "$path/memory.limit_in_bytes")") MB; the limit was hit $(cat "$path/memory.failcnt") times (the kernel reclaimed page cache to stay under it)"
    else
      peak=$(cat "$path/memory.peak" 2>/dev/null || echo 0)
      echo "usage $(mb "$(cat "$path/memory.current")") MB now, peak $(mb "$peak") MB of $(mb "$(cat "$path/memory.max")") MB; the limit was hit $(awk '$1 == "max" { print $2 }' "$path/memory.events") times"
    fi
    # v1 names: rss, cache, mapped_file; v2: anon, file, file_mapped.
    awk '$1 == "total_rss" || $1 == "anon" { a = $2 } $1 == "total_cache" || $1 == "file" { c = $2 } $1 == "total_mapped_file" || $1 == "file_mapped" { m = $2 }
      END { printf "of which anonymous %d MB, page cache %d MB (%d MB of it mapped into the process)\n", a / 1048576, c / 1048576, m / 1048576 }' "$path/memory.stat"
    if grep -q '^oom_kill ' "$path/memory.oom_control" "$path/memory.events" 2>/dev/null; then
      echo "OOM kills: $(cat "$path/memory.oom_control" "$path/memory.events" 2>/dev/null | awk '$1 == "oom_kill" { n += $2 } END { print n + 0 }')"
    fi
    ;;
  remove)
    [ $# -eq 2 ] || die "usage: remove PATH"
    rmdir "$2" 2>/dev/null || true
    ;;
  *)
    die "usage: create NAME LIMIT | report PATH | remove PATH"
    ;;
esac
