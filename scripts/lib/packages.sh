# Sourced by the scripts in scripts/: installs Debian packages for commands that are missing, so a fresh
# machine works. Usage: ensure_commands COMMAND:PACKAGE [COMMAND:PACKAGE ...]
ensure_commands() {
  local packages=() pair
  for pair in "$@"; do
    if ! command -v "${pair%%:*}" >/dev/null 2>&1; then
      packages+=("${pair#*:}")
    fi
  done
  install_packages "${packages[@]}"
}

# Installs Debian packages that dpkg does not list as installed (for packages that bring files, not commands).
# Usage: ensure_packages PACKAGE [PACKAGE ...]
ensure_packages() {
  local packages=() package
  for package in "$@"; do
    if ! dpkg -s "$package" >/dev/null 2>&1; then
      packages+=("$package")
    fi
  done
  install_packages "${packages[@]}"
}

install_packages() {
  local packages=("$@")
  if [ "${#packages[@]}" -eq 0 ]; then
    return 0
  fi

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "need ${packages[*]} but not root and sudo is missing" >&2
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "need ${packages[*]} and apt-get is not available; install them by hand" >&2
    return 1
  fi

  # apt-get update first: a fresh machine's package lists may be empty or stale.
  echo "==> installing ${packages[*]}" >&2
  "${sudo[@]}" apt-get update >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}" >&2
}
