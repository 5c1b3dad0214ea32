#!/usr/bin/env bash
# Regenerates the recorded sample sessions from the shipped real traces.
# Run from the repository root: SampleTraces/sessions/regenerate.sh
# Device and edge speeds are roofline figures (see README, "What the simulator shows").
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product splitscope >/dev/null
bin=.build/release/splitscope
# A fixed clock (start 1970-01-01T00:00:00Z, no wall-clock decision times): regenerating gives
# byte-identical files.
clock=(--clock fixed)
traces=SampleTraces/traces
out=SampleTraces/sessions

# A chain (VGG-16) on a Jetson-class device over the AT&T LTE uplink while driving.
$bin simulate --model vgg16 --bandwidth-trace "$traces/mahimahi-ATT-LTE-driving-2016.up" \
  --policy mincut --duration 120 --slo-ms 600 "${clock[@]}" --out "$out/vgg16-lte-drive.jsonl"

# A DAG (ResNet-50) on a Jetson-class device over 4G/LTE while walking in Ghent, battery small
# enough that the battery floor takes over part-way through, and a scripted operator: pin a
# split at 60 s, release it at 75 s, tighten the SLO at 90 s, switch to DSC at 120 s.
$bin simulate --model resnet50 --bandwidth-trace "$traces/sabre-report_foot_0002.json" \
  --policy mincut --duration 180 --slo-ms 150 --battery-mwh 80 --battery-floor 40 \
  --operator 60:pin=150 --operator 75:unpin --operator 90:slo=120 --operator 120:policy=dsc \
  "${clock[@]}" --out "$out/resnet50-lte-walk.jsonl"

# A small model (MobileNetV2) on a Pi-Zero-class device (1 GMAC/s) over 3G/HSDPA on a bus in Oslo.
$bin simulate --model mobilenetv2 --device-gmacs-per-s 1 --device-mem-gbps 2 \
  --bandwidth-trace "$traces/pensieve-norway_bus_1" --policy gads --duration 150 "${clock[@]}" \
  --out "$out/mobilenetv2-3g-bus.jsonl"

# The same small model over fixed broadband (FCC MBA 2016).
$bin simulate --model mobilenetv2 --device-gmacs-per-s 1 --device-mem-gbps 2 \
  --bandwidth-trace "$traces/pensieve-trace_939562_http---www.google.com-mobile-" --policy neurosurgeon \
  --duration 120 "${clock[@]}" --out "$out/mobilenetv2-broadband.jsonl"
