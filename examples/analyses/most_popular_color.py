"""The most common colour of each file, counted exactly: FramePool's built-in `dominant-color`
written in Python with NumPy.

FramePool calls analyze_file(path) once per image (and once per video) with its absolute path.
Ties between colours go to the smallest 0xRRGGBB, as in the built-in, so both agree.
"""
import cv2
import numpy as np


def count_colors(bgr, counts):
    """Adds the pixels of one BGR image to `counts`, a table of 2**24 counters."""
    pixels = bgr.reshape(-1, 3).astype(np.uint32)
    # One number per pixel: 0xRRGGBB (OpenCV stores blue first).
    rgb = (pixels[:, 2] << 16) | (pixels[:, 1] << 8) | pixels[:, 0]
    counts += np.bincount(rgb, minlength=1 << 24)


def analyze_file(path):
    counts = np.zeros(1 << 24, dtype=np.int64)
    image = cv2.imread(path, cv2.IMREAD_COLOR)
    if image is not None:
        count_colors(image, counts)
    else:
        # Not an image: read it as a video, frame by frame.
        video = cv2.VideoCapture(path)
        ok, frame = video.read()
        while ok:
            count_colors(frame, counts)
            ok, frame = video.read()
    total = int(counts.sum())
    if total == 0:
        raise ValueError("no pixels could be decoded")
    top = int(np.argmax(counts))  # argmax returns the first, i.e. smallest, of equal counts
    return {
        "rgb": [top >> 16, (top >> 8) & 0xFF, top & 0xFF],
        "hex": "#%06x" % top,
        "percent": 100.0 * int(counts[top]) / total,
    }
