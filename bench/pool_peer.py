#!/usr/bin/python3
"""The tutorials' approach, written as a competent Python user would: the exact dominant
colour of every image with multiprocessing.Pool(N).imap_unordered, OpenCV and numpy.

    pool_peer.py [-j N] [--method bincount|unique] [--per-image-only] PATH...   JSON on stdout
    pool_peer.py --calibrate [--sample K] PATH...               which method is faster here

A PATH is an image or a folder of images (sorted by name), as for framepool-cli. Per image:
cv2.imread(path, cv2.IMREAD_COLOR), pack each BGR pixel to uint32 (r<<16)|(g<<8)|b, then count
exactly with either np.bincount(packed, minlength=1<<24) or np.unique(packed,
return_counts=True). The dominant colour is the most frequent value; on ties the smallest
0xRRGGBB (argmax returns the first maximum, and both methods list values in ascending order);
percent = 100 * count / pixels. Each worker also returns the image's (colours, counts) so that
the parent sums them into the set's exact dominant colour, the same two results FramePool
reports for an image set (per image and for the whole set); --per-image-only skips the set
result (the tutorial's program, less work than FramePool does).

Use Debian's /usr/bin/python3 (python3-opencv, python3-numpy).
"""

import argparse
import json
import multiprocessing
import os
import sys
import time

import cv2
import numpy as np

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".ppm", ".pgm",
                  ".pbm", ".pnm", ".jp2", ".exr", ".hdr", ".pic"}
COLOURS = 1 << 24


def list_images(paths):
    images = []
    for path in paths:
        if os.path.isdir(path):
            names = sorted(n for n in os.listdir(path)
                           if os.path.splitext(n)[1].lower() in IMAGE_SUFFIXES)
            images.extend(os.path.join(path, n) for n in names)
        else:
            images.append(path)
    return images


def packed_pixels(path):
    img = cv2.imread(path, cv2.IMREAD_COLOR)
    if img is None:
        raise ValueError(f"cannot read image {path}")
    b = img[:, :, 0].astype(np.uint32)
    g = img[:, :, 1].astype(np.uint32)
    r = img[:, :, 2].astype(np.uint32)
    return ((r << 16) | (g << 8) | b).ravel()


def count_bincount(packed):
    counts = np.bincount(packed, minlength=COLOURS)
    colours = np.flatnonzero(counts)
    return colours.astype(np.uint32), counts[colours]


def count_unique(packed):
    colours, counts = np.unique(packed, return_counts=True)
    return colours, counts.astype(np.int64)


METHODS = {"bincount": count_bincount, "unique": count_unique}


def analyse(job):
    """One image: its dominant colour and, unless per_image_only, its exact (colours, counts)
    with colours ascending, for the parent to sum into the set's result."""
    path, method, per_image_only = job
    packed = packed_pixels(path)
    colours, counts = METHODS[method](packed)
    best = int(np.argmax(counts))  # first maximum = smallest colour on ties
    value, count = int(colours[best]), int(counts[best])
    if per_image_only:
        return path, value, count, int(packed.size), None, None
    return path, value, count, int(packed.size), colours, counts


def colour_json(value, count, pixels):
    return {"hex": f"#{value:06x}", "rgb": [value >> 16, (value >> 8) & 0xFF, value & 0xFF],
            "count": count, "percent": 100.0 * count / pixels if pixels else 0.0, "pixels": pixels}


def run(images, processes, method, chunksize, per_image_only):
    total = None if per_image_only else np.zeros(COLOURS, dtype=np.int64)
    per_image = []
    pixels = 0
    start = time.perf_counter()
    with multiprocessing.Pool(processes) as pool:
        jobs = [(p, method, per_image_only) for p in images]
        for path, value, count, n, colours, counts in pool.imap_unordered(analyse, jobs, chunksize):
            if total is not None:
                total[colours] += counts  # colours are unique within one image
            pixels += n
            per_image.append({"path": path, **colour_json(value, count, n)})
    set_result = None
    if total is not None:
        best = int(np.argmax(total))
        set_result = colour_json(best, int(total[best]), pixels)
    pool_seconds = time.perf_counter() - start
    return pool_seconds, set_result, per_image


def calibrate(images, sample):
    """Times both methods in this process on the first images; checks they agree."""
    chosen = images[:sample]
    timings = {}
    answers = {}
    for method in METHODS:
        analyse((chosen[0], method, False))  # warm-up
        start = time.perf_counter()
        answers[method] = [analyse((p, method, False))[1:3] for p in chosen]
        timings[method] = (time.perf_counter() - start) / len(chosen)
    if answers["bincount"] != answers["unique"]:
        raise SystemExit("pool_peer.py: bincount and unique disagree")
    faster = min(timings, key=timings.get)
    return {"faster": faster, "ms_per_image": {m: round(t * 1000, 2) for m, t in timings.items()},
            "sample": len(chosen)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-j", "--processes", type=int, default=os.cpu_count())
    parser.add_argument("--method", choices=sorted(METHODS), default="unique")
    parser.add_argument("--chunksize", type=int, default=0,
                        help="imap_unordered chunksize; 0 = what Pool.map picks: len / (4 N)")
    parser.add_argument("--per-image-only", action="store_true",
                        help="only each image's dominant colour (the tutorial), no set result")
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--sample", type=int, default=12)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()

    images = list_images(args.paths)
    if not images:
        parser.error("no images")
    if args.calibrate:
        print(json.dumps(calibrate(images, args.sample)))
        return 0
    chunksize = args.chunksize or max(1, -(-len(images) // (4 * args.processes)))
    pool_seconds, set_result, per_image = run(images, args.processes, args.method, chunksize,
                                              args.per_image_only)
    print(json.dumps({"peer": "multiprocessing.Pool.imap_unordered", "method": args.method,
                      "processes": args.processes, "chunksize": chunksize,
                      "per_image_only": args.per_image_only,
                      "images_count": len(images), "pool_seconds": round(pool_seconds, 4),
                      "result": set_result, "images": per_image}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
