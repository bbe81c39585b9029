#!/usr/bin/env bash
# The steps of the emsftlint GitHub Action (action.yml), as one script that CI also runs
# locally (.ci/action-test).
#
#   run.sh install   put emsftlint on PATH: the release binary of the Action's tag for this
#                    runner, its SHA-256 checked against the release's SHA256SUMS; without a
#                    matching release, `cargo install` from the Action's own source
#   run.sh lint      run emsftlint with the inputs that were given, record its exit status
#                    (and write SARIF for code scanning when asked); never fails itself
#   run.sh finish    fail the step with emsftlint's exit status
#
# Inputs come as environment variables (INPUT_*), never spliced into the script's text. An
# input left empty is "not given": no flag is passed, so emsftlint.toml decides.
#
# For local runs: EMSFTLINT_BIN=/path/to/emsftlint skips the download; EMSFTLINT_RELEASE_URL
# replaces https://github.com/OWNER/REPO/releases/download (a file:// URL works).
set -euo pipefail

log() { printf 'emsftlint action: %s\n' "$*" >&2; }
die() {
    printf '::error title=emsftlint action::%s\n' "$*"
    exit 2
}

output() {
    if [ -n "${GITHUB_OUTPUT:-}" ]; then
        printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
    fi
}

# The Rust target of this runner's release binary, or nothing.
release_target() {
    case "${RUNNER_OS:-$(uname -s)}/${RUNNER_ARCH:-$(uname -m)}" in
        Linux/X64 | Linux/x86_64) echo x86_64-unknown-linux-musl ;;
        Linux/ARM64 | Linux/aarch64) echo aarch64-unknown-linux-musl ;;
        macOS/X64 | Darwin/x86_64) echo x86_64-apple-darwin ;;
        macOS/ARM64 | Darwin/arm64) echo aarch64-apple-darwin ;;
        Windows/X64) echo x86_64-pc-windows-msvc ;;
        *) ;;
    esac
}

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    else
        shasum -a 256 "$1" | cut -d' ' -f1
    fi
}

# Downloads the release archive for `target` of `tag` into `dir` and checks it; returns 3
# when the release has no such archive (then cargo builds), and fails on a bad checksum.
download_release() {
    local tag="$1" target="$2" dir="$3"
    local repo="${ACTION_REPOSITORY:-${GITHUB_ACTION_REPOSITORY:-emsftlint/emsftlint}}"
    local base="${EMSFTLINT_RELEASE_URL:-${GITHUB_SERVER_URL:-https://github.com}/$repo/releases/download}"
    local archive="emsftlint-$tag-$target.tar.gz"
    [ "$target" = x86_64-pc-windows-msvc ] && archive="emsftlint-$tag-$target.zip"
    local curl=(curl --fail --silent --show-error --location --retry 3 --proto '=https,file')
    if ! "${curl[@]}" --output "$dir/SHA256SUMS" "$base/$tag/SHA256SUMS" 2>/dev/null; then
        log "release $tag has no SHA256SUMS at $base/$tag"
        return 3
    fi
    local expected
    expected="$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$dir/SHA256SUMS")"
    if [ -z "$expected" ]; then
        log "release $tag has no $archive"
        return 3
    fi
    "${curl[@]}" --output "$dir/$archive" "$base/$tag/$archive" || die "cannot download $base/$tag/$archive"
    local actual
    actual="$(sha256_of "$dir/$archive")" || die "cannot compute the SHA-256 of $archive"
    if [ "$actual" != "$expected" ]; then
        die "$archive: SHA-256 $actual, but the release's SHA256SUMS says $expected: not installed"
    fi
    log "$archive: SHA-256 $actual matches the release's SHA256SUMS"
    case "$archive" in
        *.zip) (cd "$dir" && unzip -q -o "$archive") || die "cannot unpack $archive" ;;
        *) tar -xzf "$dir/$archive" -C "$dir" || die "cannot unpack $archive" ;;
    esac
    local unpacked="$dir/emsftlint-$tag-$target" name=emsftlint
    [ ! -f "$unpacked/emsftlint.exe" ] || name=emsftlint.exe
    mv "$unpacked/$name" "$dir/bin/" || die "$archive holds no $name"
}

install() {
    local dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/emsftlint-action"
    rm -rf "$dir"
    mkdir -p "$dir/bin"
    if [ -n "${EMSFTLINT_BIN:-}" ]; then
        log "using EMSFTLINT_BIN=$EMSFTLINT_BIN"
        cp "$EMSFTLINT_BIN" "$dir/bin/"
    else
        local tag="${INPUT_VERSION:-}"
        if [ -z "$tag" ]; then
            case "${ACTION_REF:-${GITHUB_ACTION_REF:-}}" in
                v[0-9]*) tag="${ACTION_REF:-$GITHUB_ACTION_REF}" ;;
                *) ;;
            esac
        fi
        local target status=3
        target="$(release_target)"
        if [ -n "$tag" ] && [ -n "$target" ]; then
            status=0
            download_release "$tag" "$target" "$dir" || status=$?
        elif [ -z "$tag" ]; then
            log "the Action is not used at a release tag (vX.Y.Z) and no version input is given"
        else
            log "no release binary for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}"
        fi
        if [ "$status" -eq 3 ]; then
            command -v cargo >/dev/null 2>&1 \
                || die "no release binary matches, and cargo is not installed to build one: add a Rust toolchain step (e.g. dtolnay/rust-toolchain@stable) before this Action"
            log "building with cargo install --locked --path ${GITHUB_ACTION_PATH:-.}"
            cargo install --locked --quiet --root "$dir" --path "${GITHUB_ACTION_PATH:-.}"
        fi
    fi
    if [ -n "${GITHUB_PATH:-}" ]; then
        echo "$dir/bin" >>"$GITHUB_PATH"
    fi
    output bin "$dir/bin"
    "$dir/bin/emsftlint" --version >&2
}

# The command line from the inputs: only what was given.
arguments() {
    args=()
    if [ -n "${INPUT_DISCOVER:-}" ]; then
        args+=(--discover "$INPUT_DISCOVER")
    else
        [ -n "${INPUT_PRIMARY:-}" ] || die "give the input primary (or discover)"
        args+=("$INPUT_PRIMARY")
        [ -z "${INPUT_BACKUP:-}" ] || args+=("$INPUT_BACKUP")
    fi
    [ -z "${INPUT_CONFIG:-}" ] || args+=(--config "$INPUT_CONFIG")
    [ -z "${INPUT_FAIL_ON:-}" ] || args+=(--fail-on "$INPUT_FAIL_ON")
    [ -z "${INPUT_MODE:-}" ] || args+=(--mode "$INPUT_MODE")
    # args: split at whitespace and line breaks, no quoting (a path with a space goes in
    # primary, backup, discover or config).
    local words
    while read -r -a words; do
        [ "${#words[@]}" -eq 0 ] || args+=("${words[@]}")
    done <<<"${INPUT_ARGS:-}"
}

lint() {
    local emsftlint="${EMSFTLINT:-emsftlint}"
    arguments
    local format="${INPUT_FORMAT:-github}"
    local status=0
    if [ -n "${INPUT_OUTPUT:-}" ]; then
        "$emsftlint" "${args[@]}" --format "$format" --output "$INPUT_OUTPUT" || status=$?
    else
        "$emsftlint" "${args[@]}" --format "$format" || status=$?
    fi
    output exit-code "$status"
    local sarif="${INPUT_SARIF_FILE:-}"
    if [ -z "$sarif" ] && [ "${INPUT_UPLOAD_SARIF:-false}" = true ]; then
        sarif=emsftlint.sarif
    fi
    if [ -n "$sarif" ] && [ "$status" -ne 2 ]; then
        "$emsftlint" "${args[@]}" --format sarif --output "$sarif" --exit-zero \
            || die "cannot write SARIF to $sarif"
        case "$sarif" in
            /* | [A-Za-z]:*) ;;
            *) sarif="$PWD/$sarif" ;;
        esac
        if command -v cygpath >/dev/null 2>&1; then
            sarif="$(cygpath -w "$sarif")"
        fi
        output sarif-file "$sarif"
    fi
    log "exit status $status"
}

finish() {
    local status="${EXIT_CODE:-2}"
    [ "$status" -eq 0 ] || exit "$status"
}

case "${1:-}" in
    install) install ;;
    lint) lint ;;
    finish) finish ;;
    *)
        echo "usage: run.sh install|lint|finish" >&2
        exit 2
        ;;
esac
