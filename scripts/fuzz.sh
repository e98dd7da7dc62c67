#!/usr/bin/env bash
# Coverage-guided fuzzing of the untrusted-input readers with afl++ and SharpFuzz (README, "Fuzzing").
#   scripts/fuzz.sh [target...] [--minutes M] [--timeout-ms T]
# Targets: message (parse + full decode), idx, checkpoint, cif-checkpoint, vrnn-checkpoint, model-json; default all six, one after another,
# M minutes each (default 10). Installs what it needs: Debian's afl++ (apt-get) and the SharpFuzz command-line
# tool (a local tool path, no global install). Publishes fuzz/Engine.Fuzz, instruments the engine assemblies
# and MessagePack with sharpfuzz, starts each afl-fuzz run from the committed seed corpus (tests/Fuzz/corpus)
# plus the regression inputs, with the target's afl dictionary where there is one (tests/Fuzz/dict/<target>.dict),
# and ends with a table of executions, corpus size, coverage, crashes and hangs.
# Limits per run: afl's timeout per input (-t, default 2000 ms), a 4 GiB address-space limit (-m 4096) and a
# 1 GiB managed-heap limit (DOTNET_GCHeapHardLimit), on top of each target's per-input allocation cap.
# Everything it writes goes under out/fuzz/ (git-ignored): findings in out/fuzz/<target>/default/{crashes,hangs}.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
all_targets=(message idx checkpoint cif-checkpoint vrnn-checkpoint model-json)
targets=()
minutes=10
timeout_ms=2000
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --timeout-ms) timeout_ms="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    message|idx|checkpoint|cif-checkpoint|vrnn-checkpoint|model-json) targets+=("$1"); shift ;;
    *) echo "fuzz.sh: unknown argument '$1' (targets: ${all_targets[*]}; --minutes M, --timeout-ms T)" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
[[ "$minutes" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "fuzz.sh: --minutes takes a number" >&2; exit 2; }
seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')

out="$root/out/fuzz"
tools="$out/tools"
publish="$out/publish"
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# 1. afl++ from Debian.
if ! command -v afl-fuzz >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update
  $sudo_cmd apt-get install -y afl++
fi
# 2. The SharpFuzz instrumenter, as a tool in a local path (its version matches the SharpFuzz package).
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools"
fi
# 3. Publish the harness afresh (instrumentation rewrites assemblies in place) and instrument.
rm -rf "$publish"
dotnet publish fuzz/Engine.Fuzz/Engine.Fuzz.csproj -c Release -o "$publish" --nologo -v quiet
for dll in Engine.Ans Engine.Modeling Engine.Models Engine.Systems Engine.Gpu MessagePack; do
  "$tools/sharpfuzz" "$publish/$dll.dll"
done

# 4. One afl-fuzz run per target.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export DOTNET_GCHeapHardLimit=0x40000000
for t in "${targets[@]}"; do
  seeds="$out/$t/seeds"
  rm -rf "$out/$t"
  mkdir -p "$seeds"
  cp tests/Fuzz/corpus/"$t"/* "$seeds"/
  find tests/Fuzz/regressions/"$t" -type f ! -name '*.md' -exec cp {} "$seeds"/ \; 2>/dev/null || true
  dict=()
  [ -f tests/Fuzz/dict/"$t".dict ] && dict=(-x "$root/tests/Fuzz/dict/$t.dict")
  echo "== $t: $minutes min (afl-fuzz -V $seconds), $(ls "$seeds" | wc -l) seeds${dict:+, dictionary ${dict[1]#"$root"/}}, log $out/$t/afl.log"
  afl-fuzz -i "$seeds" -o "$out/$t" -V "$seconds" -t "$timeout_ms" -m 4096 "${dict[@]}" -- "$publish/Engine.Fuzz" "$t" \
    > "$out/$t/afl.log" 2>&1 || echo "afl-fuzz for $t exited with $? (see $out/$t/afl.log)"
done

# 5. The figures, from afl's own fuzzer_stats.
stat() { sed -n "s/^$2 *: *//p" "$out/$1/default/fuzzer_stats" 2>/dev/null | head -n1; }
printf '\n%-11s %8s %12s %9s %7s %9s %8s %7s %6s\n' target seconds executions execs/s corpus coverage edges crashes hangs
for t in "${targets[@]}"; do
  if [ ! -f "$out/$t/default/fuzzer_stats" ]; then printf '%-11s (no stats: see %s)\n' "$t" "$out/$t/afl.log"; continue; fi
  printf '%-11s %8s %12s %9s %7s %9s %8s %7s %6s\n' "$t" "$(stat "$t" run_time)" "$(stat "$t" execs_done)" \
    "$(stat "$t" execs_per_sec)" "$(stat "$t" corpus_count)" "$(stat "$t" bitmap_cvg)" "$(stat "$t" edges_found)" \
    "$(stat "$t" saved_crashes)" "$(stat "$t" saved_hangs)"
done
echo "Reproduce a finding (plain build): dotnet run --project fuzz/Engine.Fuzz -c Release -- <target> --replay <file>; commit it under tests/Fuzz/regressions/<target>/."
