#!/bin/bash
# Loads the bash completion of framepool-cli and completes a few command lines as bash would.
# Usage: bash_completion.sh COMPLETION_FILE FRAMEPOOL_CLI
set -u
source "$1"
cli=$2
failures=0

# complete WORDS...: the completions bash offers for the last word.
complete_words()
{
    COMP_WORDS=("$cli" "$@")
    COMP_CWORD=$#
    COMPREPLY=()
    _framepool_cli
    printf '%s\n' "${COMPREPLY[@]}" | sort
}

expect()
{
    local what=$1 expected=$2 actual=$3
    if [ "$actual" != "$expected" ]; then
        printf 'FAIL: %s\n  expected: %s\n  actual:   %s\n' "$what" "$expected" "$(echo $actual)"
        failures=$((failures + 1))
    else
        printf 'ok: %s\n' "$what"
    fi
}

expect "options starting --com" "--compare" "$(complete_words --com)"
expect "options starting --s" "--serial --slurm-cpus-per-task --slurm-extra --slurm-partition --slurm-time --start-timeout" \
    "$(echo $(complete_words --s))"
expect "short option -j is offered" "-j" "$(complete_words -j)"
expect "analysis names after -a" "brightness colorfulness dominant-color motion palette sharpness" "$(echo $(complete_words -a ''))"
expect "analysis names after --analysis, prefix" "palette" "$(complete_words --analysis pa)"
expect "order modes" "batch completed input" "$(echo $(complete_words --order ''))"
expect "nothing after an option that takes a number" "" "$(complete_words --workers '')"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/clips" && touch "$dir/clip one.mp4"
expect "paths, one with a space" "$dir/clip one.mp4|$dir/clips" "$(complete_words "$dir/cl" | paste -sd '|')"

[ "$failures" = 0 ]
