#!/usr/bin/env bash
# gpu-check.sh: the CUDA checks of issue 5 for a machine that has an NVIDIA GPU but no .NET SDK.
#
#   bash scripts/gpu-check.sh pack   # here (with the SDK): self-contained mcbits + bench into .pkg/gpu.tar.xz
#   bash scripts/gpu-check.sh run    # there (GPU machine, .pkg carried along): unpack, then
#                                    #  1. every coder: encode on cuda, decode on cpu, and the other way round
#                                    #     (each decode verifies the exact initial state), same bit accounts;
#                                    #  2. the GpuScaling benchmarks (symbols/s vs chains and vs N, cpu and cuda).
# The toy paths never load libtorch and run/bench draw no plots, so libtorch's and Skia's native libraries are
# left out of the package (the device tool carries at most 64 MiB).
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=.pkg
case "${1:-}" in
pack)
  rm -rf "$pkg/gpu" && mkdir -p "$pkg/gpu"
  dotnet publish src/Cli -c Release -r linux-x64 --self-contained -o "$pkg/gpu" -v:q -nologo
  dotnet publish bench/Engine.Bench -c Release -r linux-x64 --self-contained -o "$pkg/gpu" -v:q -nologo
  find "$pkg/gpu" \( -name 'libtorch*.so*' -o -name 'libc10*.so' -o -name 'libgomp*.so*' -o -name 'libLibTorchSharp.so' \
       -o -name 'libnnapi_backend.so' -o -name 'libshm.so' -o -name 'libjitbackend_test.so' -o -name 'libbackend_with_compiler.so' \
       -o -name 'libaoti_custom_ops.so' -o -name 'libSkiaSharp.so' -o -name 'libHarfBuzzSharp.so' -o -name 'libcapstone.so' \) -delete
  rm -rf "$pkg/gpu/runtimes"/{win,osx}*
  tar -C "$pkg" -cJf "$pkg/gpu.tar.xz" gpu && rm -rf "$pkg/gpu"
  ls -lh "$pkg/gpu.tar.xz"
  ;;
run)
  backend=${BACKEND:-cuda}
  work=$(mktemp -d) && tar -C "$work" -xJf "$pkg/gpu.tar.xz"
  mc="$work/gpu/mcbits"
  out=${OUT:-$work/out} && mkdir -p "$out"
  fail=0
  for model in toy-mixture toy-hmm; do
    "$mc" sample --model "$model" --symbols 2000 --seed 3 -o "$work/$model.bin" -f >/dev/null
    for coder in bb-elbo bb-is bb-cis bb-ais bb-ais-bitswap bb-smc bb-sis bb-csmc; do
      [ "$model" = toy-hmm ] && case $coder in bb-ais|bb-ais-bitswap) continue;; esac
      [ "$model" = toy-mixture ] && case $coder in bb-smc|bb-sis|bb-csmc) continue;; esac
      n=16; [ $coder = bb-elbo ] && n=1
      base="$work/$model.$coder"
      "$mc" compress "$work/$model.bin" --model "$model" --coder $coder -N $n -B 64 --backend "$backend" -o "$base.gpu.mcb" -f > "$base.gpu.txt"
      "$mc" compress "$work/$model.bin" --model "$model" --coder $coder -N $n -B 64 --backend cpu -o "$base.cpu.mcb" -f > "$base.cpu.txt"
      "$mc" decompress "$base.gpu.mcb" --backend cpu -o "$base.gpu.back" -f >/dev/null
      "$mc" decompress "$base.cpu.mcb" --backend "$backend" -o "$base.cpu.back" -f >/dev/null
      # A message records the backend that wrote it, so the files differ in that name only. Decoding each on
      # the other backend back to the exact seeded initial state (decompress verifies it) is only possible
      # if both backends did identical rANS work; the printed bit accounts must agree to the last digit too.
      acct() { grep -o 'net [0-9.]* bits/symbol, total [0-9.]*' "$1"; }
      if cmp -s "$base.gpu.back" "$work/$model.bin" && cmp -s "$base.cpu.back" "$work/$model.bin" \
         && [ "$(acct "$base.gpu.txt")" = "$(acct "$base.cpu.txt")" ]; then
        echo "ok    $model $coder N=$n B=64 ($backend <-> cpu)"
      else
        echo "FAIL  $model $coder N=$n B=64 ($backend <-> cpu)"; fail=1
      fi
    done
  done
  [ -n "${SKIP_BENCH:-}" ] && exit $fail
  "$work/gpu/Engine.Bench" --filter '*GpuScaling*' --inProcess --artifacts "$out/bench" | tee "$out/gpu-scaling.txt"
  exit $fail
  ;;
*) echo "usage: bash scripts/gpu-check.sh pack|run" >&2; exit 1;;
esac
