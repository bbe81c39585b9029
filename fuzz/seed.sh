#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ (gitignored; FUZZ_CORPUS names another directory) from the
# repository's testdata and, when present,
# the shared corpus of real configurations (EMSFTLINT_CORPUS, default ../shared/corpus).
# Corpus files are test data only: never commit fuzz/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${EMSFTLINT_CORPUS:-../shared/corpus}"
out="${FUZZ_CORPUS:-fuzz/corpus}"
sources=(testdata)
[ -d "$corpus" ] && sources+=("$corpus")

put() { # put TARGET [PREFIX_BYTE_OCTAL] < content: named by its hash, as libFuzzer does
    local target=$1 prefix=${2:-} tmp
    mkdir -p "$out/$target"
    tmp=$(mktemp)
    { if [ -n "$prefix" ]; then printf "\\$prefix"; fi; cat; } >"$tmp"
    mv "$tmp" "$out/$target/$(sha1sum <"$tmp" | cut -c1-40)"
}
files() { # files NAME-GLOB...: every matching file in the sources
    local args=()
    for g in "$@"; do args+=(-o -name "$g"); done
    find "${sources[@]}" -type f \( "${args[@]:1}" \) -print0
}

each() { # each TARGET PREFIX GLOB...
    local target=$1 prefix=$2
    shift 2
    while IFS= read -r -d '' f; do put "$target" "$prefix" <"$f"; done < <(files "$@")
}

each tibemsd "" 'tibemsd*.conf' 'tibemsd*.conf.erb' '*tibemsd-append*'
each users "" 'users*.conf' 'users*.conf.erb'
each groups "" 'groups*.conf' 'groups*.conf.erb'
each acl "" 'acl*.conf' 'acl*.conf.erb'
each destinations 000 'queues*.conf' 'queues*.conf.erb'
each destinations 001 'topics*.conf' 'topics*.conf.erb'
each durables "" 'durables*.conf' 'durables*.conf.erb'
each bridges "" 'bridges*.conf' 'bridges*.conf.erb'
each tibrvcm "" 'tibrvcm*.conf' 'tibrvcm*.conf.erb'
each ini 000 'routes*.conf' 'routes*.conf.erb'
each ini 001 'factories*.conf' 'factories*.conf.erb' '*factories-append*'
each ini 002 'stores*.conf' 'stores*.conf.erb'
each ini 003 'channels*.conf' 'channels*.conf.erb'
each ini 004 'transports*.conf' 'transports*.conf.erb'
each json "" '*.json' '*.json.extracted' '*.json.sh.heredoc-template'
each ftl_yaml "" 'ftlserver*.yml' 'ftlserver*.yaml'
each mounts "" '*.fstab' '*mounts*.json'
each tls_read_bundle "" '*.pem' '*.der' '*.p12' '*.p8' '*.p7b' '*.jks' '*.jceks' '*.key' '*.cert'

# URLs and mangled passwords: the values of the lines that hold them.
while IFS= read -r -d '' f; do
    grep -hoiE '(tcp|ssl)://[^ ",]*([,+|] *(tcp|ssl)://[^ ",]*)*' "$f" 2>/dev/null | sort -u |
        while IFS= read -r u; do
            printf '%s' "$u" | put url_list
            printf '%s' "${u%%[,+|]*}" | put url
        done || true
    grep -hoE '\$man\$[A-Za-z0-9+/=._-]*' "$f" 2>/dev/null | sort -u |
        while IFS= read -r m; do printf '%s' "$m" | put secret_unmangle; done || true
done < <(files '*.conf' '*.conf.erb' '*.fragment')

# Pairs: a flags byte (name every sub-file on neither side: the pairs name their own), then
# each side's tibemsd.conf and sub-files, NUL-separated, in the pair target's order.
subs=(tibemsd.conf users.conf groups.conf acl.conf queues.conf topics.conf durables.conf
    bridges.conf tibrvcm.conf routes.conf factories.conf stores.conf channels.conf transports.conf)
pair() { # pair PRIMARY_DIR BACKUP_DIR
    {
        printf '\000'
        local first=1
        for side in "$1" "$2"; do
            for s in "${subs[@]}"; do
                [ $first = 1 ] || printf '\000'
                first=0
                if [ -f "$side/$s" ]; then cat "$side/$s"; fi
            done
        done
    } | put pair
}
for d in testdata/pairs/*/ testdata/example/; do
    [ -d "$d/primary" ] && [ -d "$d/backup" ] && pair "$d/primary" "$d/backup"
done
ft="$corpus/alpanachaphalkar__TIBCO-EMS/8.6.0/ems-client/ems/8.6/samples/config"
if [ -d "$ft" ]; then
    # The sample FT pair shares its sub-files; its main files get the pair target's names.
    tmp=$(mktemp -d)
    mkdir "$tmp/a" "$tmp/b"
    for s in "${subs[@]:1}"; do
        if [ -f "$ft/$s" ]; then cp "$ft/$s" "$tmp/a/"; cp "$ft/$s" "$tmp/b/"; fi
    done
    cp "$ft/tibemsdft-1.conf" "$tmp/a/tibemsd.conf"
    cp "$ft/tibemsdft-2.conf" "$tmp/b/tibemsd.conf"
    pair "$tmp/a" "$tmp/b"
    rm -r "$tmp"
fi
each tra "" '*.tra'
each substvar "" '*.substvar'
each jndi_properties "" '*.properties'
each sharedjmscon "" '*.sharedjmscon'
# JSON configurations as pairs: flag bit 7 makes the primary's main file tibemsd.json.
while IFS= read -r -d '' f; do
    { printf '\200'; cat "$f"; } | put pair
done < <(files '*.json' '*.json.extracted' '*.json.sh.heredoc-template')
for t in "$out"/*/; do printf '%s: %s files\n' "$(basename "$t")" "$(ls "$t" | wc -l)"; done
