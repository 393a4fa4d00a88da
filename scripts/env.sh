# shellcheck shell=bash
# Source this file (do not execute it): `source scripts/env.sh`.
# Puts cargo-installed tools (trunk, wasm-bindgen) and npm's binaries
# (wasm-opt from binaryen, json-server) on PATH for the current shell only.
# Nothing is written anywhere; it is safe to source more than once.

HAIHE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export HAIHE_ROOT

_haihe_path_prepend() {
  case ":${PATH}:" in
    *":$1:"*) ;;
    *) PATH="$1${PATH:+:${PATH}}" ;;
  esac
}
_haihe_path_prepend "${CARGO_HOME:-$HOME/.cargo}/bin"
_haihe_path_prepend "$HAIHE_ROOT/node_modules/.bin"
unset -f _haihe_path_prepend
export PATH
