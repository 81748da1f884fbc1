#!/usr/bin/env bash
# Make .venv with a supported Python (3.11 to 3.13) for `make install` (issue 15).
# Usage: scripts/make_venv.sh [PYTHON]   (PYTHON defaults to python3; the Makefile passes
# its PYTHON variable, so `make test PYTHON=python3.12` builds the venv with python3.12.)
#
# The interpreter, first that works:
#   1. PYTHON, if it is 3.11, 3.12 or 3.13;
#   2. when PYTHON was not given (python3): python3.13, python3.12 or python3.11 on PATH;
#   3. a uv-managed Python 3.12 (`uv python install 3.12`), uv taken from PATH, else
#      installed with pip into .venv-uv/ by whatever Python there is, else by uv's installer;
#      the script says so when it does this.
# An existing .venv is kept when its Python is supported and, if PYTHON was given, of the
# same minor version; otherwise it is made again (and .venv/.synced removed, so the locked
# packages are synced into it). Exit 2, with a message, when no supported Python can be had.
set -euo pipefail
shopt -s inherit_errexit

SUPPORTED="3.11 3.12 3.13"
MANAGED="3.12"
UV_VERSION="0.13.8"
requested="${1:-python3}"

version_of() {  # "3.12" for an interpreter (a name on PATH or a path), empty if none
  "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true
}

supported() {
  local v="$1"
  [[ -n "$v" && " $SUPPORTED " == *" $v "* ]]
}

choose() {
  local v
  v="$(version_of "$requested")"
  if supported "$v"; then
    command -v "$requested" 2>/dev/null || echo "$requested"
    return
  fi
  if [[ "$requested" != "python3" ]]; then
    echo "make: $requested is ${v:-missing}; it must be Python 3.11, 3.12 or 3.13" >&2
    exit 2
  fi
  local name
  for name in python3.13 python3.12 python3.11; do
    if supported "$(version_of "$name")"; then
      echo "make: python3 is ${v:-missing} (needs 3.11 to 3.13); using $name" >&2
      command -v "$name"
      return
    fi
  done
  echo "make: python3 is ${v:-missing} (needs 3.11 to 3.13) and no python3.11-3.13 is on PATH;" \
    "using a uv-managed Python $MANAGED (uv python install $MANAGED)" >&2
  local uv
  uv="$(command -v uv || true)"
  if [[ -z "$uv" ]]; then
    local any
    for any in python3 python; do
      if [[ -n "$(version_of "$any")" ]] && "$any" -m venv .venv-uv >&2 \
        && .venv-uv/bin/pip install --quiet --disable-pip-version-check "uv==$UV_VERSION" >&2; then
        uv=.venv-uv/bin/uv
        break
      fi
    done
  fi
  if [[ -z "$uv" ]] && command -v curl >/dev/null; then
    echo "make: installing uv with its installer (https://astral.sh/uv)" >&2
    curl -LsSf "https://astral.sh/uv/$UV_VERSION/install.sh" \
      | env UV_INSTALL_DIR="$PWD/.venv-uv/bin" UV_NO_MODIFY_PATH=1 sh >&2
    uv=.venv-uv/bin/uv
  fi
  if [[ -z "$uv" || ! -x "$uv" ]]; then
    echo "make: no Python 3.11-3.13 and no way to get uv: install python3.12 (or uv) first" >&2
    exit 2
  fi
  if ! "$uv" python install "$MANAGED" >&2; then
    echo "make: uv could not install Python $MANAGED (see above): install python3.12 first" >&2
    exit 2
  fi
  "$uv" python find "$MANAGED"
}

if [[ -x .venv/bin/python ]]; then
  have="$(version_of .venv/bin/python)"
  if supported "$have" && { [[ "$requested" == "python3" ]] || [[ "$(version_of "$requested")" == "$have" ]]; }; then
    exit 0
  fi
fi

python="$(choose)"
if [[ -e .venv || -L .venv ]]; then
  echo "make: .venv has Python ${have:-unknown}; making it again with $python"
  rm -rf .venv
fi
echo "make: making .venv with $python (Python $(version_of "$python"))"
"$python" -m venv .venv
rm -f .venv/.synced
