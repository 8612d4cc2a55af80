#!/usr/bin/env python3
"""Seeded random search over `summarize eval --set` knobs, for tuning on one slice of a corpus.

Each step copies the best settings found so far, redraws two knobs (a Gaussian step around the
current value most of the time, a uniform draw otherwise, within the ranges below) and scores the
result with `summarize eval --format json` on the tuning slice. A candidate replaces the best one
when its ROUGE-2 is higher and its ROUGE-1 and ROUGE-Lsum stay above the floors given. Every step is
printed, so a run can be read back and its winner checked on other slices before it becomes a
default (docs/quality.md, experiment 92).

    swift build -c release --scratch-path .build-eval
    scripts/tune.py ../shared/corpora/cnndm-dev/cnn_stories_dev.jsonl.gz --skip 2000 --limit 2000 \\
        --seed 2 --steps 60 --floor 33.0 29.5

The same binary, data, slice, seed and start give the same run.
"""
import argparse
import json
import random
import subprocess
import sys

# The lead-first knobs and the ranges searched (ConfigurationOverrides.swift has every key).
SPACE = {
    "directedWeight": (0.0, 0.8),
    "positionWeight": (0.2, 0.8),
    "positionDecay": (0.5, 2.0),
    "lengthPenalty": (0.5, 1.8),
    "pivotWords": (18, 32),
    "specificityWeight": (0.0, 1.2),
    "openingQuotePenalty": (0.0, 0.4),
    "quotePenalty": (0.0, 0.5),
    "forwardEdgeWeight": (0.0, 2.5),
    "backwardEdgeWeight": (-3.0, 0.0),
    "edgeThreshold": (0.0, 0.6),
}
INTEGER = {"pivotWords"}


def score(binary, data, skip, limit, settings):
    command = [binary, "eval", data, "--skip", str(skip), "--limit", str(limit), "--system", "default",
               "--format", "json"]
    for key, value in sorted(settings.items()):
        command += ["--set", f"{key}={value}"]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    system = json.loads(result.stdout)["systems"][0]
    return system["rouge1"], system["rouge2"], system["rougeLsum"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="JSON Lines corpus (.jsonl or .jsonl.gz) that summarize eval reads")
    parser.add_argument("--binary", default=".build-eval/release/summarize")
    parser.add_argument("--skip", type=int, default=2000, help="first record of the tuning slice")
    parser.add_argument("--limit", type=int, default=2000, help="records in the tuning slice")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--floor", type=float, nargs=2, default=(0.0, 0.0), metavar=("R1", "RLSUM"),
                        help="a candidate must keep ROUGE-1 and ROUGE-Lsum above these")
    parser.add_argument("--start", default="{}", help="settings to start from, as a JSON object")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    best_settings = json.loads(args.start)
    best = score(args.binary, args.data, args.skip, args.limit, best_settings)
    print(f"start {best} {json.dumps(best_settings, sort_keys=True)}", flush=True)
    for step in range(args.steps):
        candidate = dict(best_settings)
        for key in rng.sample(sorted(SPACE), 2):
            low, high = SPACE[key]
            current = candidate.get(key)
            if current is not None and rng.random() < 0.6:
                value = min(high, max(low, current + rng.gauss(0, (high - low) * 0.15)))
            else:
                value = rng.uniform(low, high)
            candidate[key] = int(round(value)) if key in INTEGER else round(value, 3)
        result = score(args.binary, args.data, args.skip, args.limit, candidate)
        print(f"{step} {result} {json.dumps(candidate, sort_keys=True)}", flush=True)
        if result[1] > best[1] and result[0] > args.floor[0] and result[2] > args.floor[1]:
            best, best_settings = result, candidate
            print(f"  best {best}", flush=True)
    print(f"best {best} {json.dumps(best_settings, sort_keys=True)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
