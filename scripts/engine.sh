#!/usr/bin/env bash
# Installs and starts a Docker engine on a machine that has none (Debian, run as root), or stops the one it
# started. Tests and the demo need an engine plus busybox-static and catatonit, from which podpid builds its
# images locally; no image registry is needed.
#
#   scripts/engine.sh up       install the packages if missing, start dockerd if no engine responds
#   scripts/engine.sh down     stop the dockerd that "up" started, if it still runs
#   scripts/engine.sh running  exit 0 when an engine responds, 1 otherwise
set -euo pipefail

state_dir=${PODPID_ENGINE_STATE:-/tmp/podpid-engine}
pid_file=$state_dir/dockerd.pid
log_file=$state_dir/dockerd.log
socket=/var/run/docker.sock

engine_answers() {
  curl --silent --max-time 2 --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1
}

install_packages() {
  local missing=() package
  for package in docker.io busybox-static catatonit curl; do
    dpkg-query --show --showformat='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "engine: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

up() {
  install_packages
  if engine_answers; then
    echo "engine: a Docker engine already responds on $socket"
    return 0
  fi
  mkdir -p "$state_dir"
  rm -f "$pid_file"
  echo "engine: starting dockerd (log: $log_file)"
  dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false >"$log_file" 2>&1 &
  echo $! >"$pid_file"
  for _ in $(seq 1 60); do
    if engine_answers; then
      echo "engine: dockerd is up"
      return 0
    fi
    sleep 1
  done
  echo "engine: dockerd did not respond on $socket within 60 s; see $log_file" >&2
  exit 1
}

down() {
  [ -f "$pid_file" ] || { echo "engine: no dockerd started by this script"; return 0; }
  local pid
  pid=$(cat "$pid_file")
  rm -f "$pid_file"
  # The pid file may outlive its dockerd, and the PID may have been reused since: stop only a dockerd.
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != dockerd ]; then
    echo "engine: the dockerd this script started (pid $pid) no longer runs"
    return 0
  fi

  echo "engine: stopping dockerd (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 1
  done
  echo "engine: dockerd (pid $pid) did not stop within 30 s" >&2
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  running) engine_answers ;;
  *) echo "usage: $0 up|down|running" >&2; exit 2 ;;
esac
