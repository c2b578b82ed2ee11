"""Fraction of each frame's pixels that lie on an edge (OpenCV's Canny edge detector).

Thresholds can be changed from the command line: --param low=50 --param high=150.
"""
import cv2

thresholds = {"low": 100.0, "high": 200.0}


def setup(params):
    """Called once per worker with the --param values, all strings."""
    for name in thresholds:
        if name in params:
            thresholds[name] = float(params[name])


def analyze_frame(frame):
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    edges = cv2.Canny(gray, thresholds["low"], thresholds["high"])
    return cv2.countNonZero(edges) / edges.size


def reduce(values):
    return {
        "mean": sum(values) / len(values),
        "max": max(values),
        "frames": len(values),
    }
