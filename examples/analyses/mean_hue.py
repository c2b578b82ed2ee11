"""Mean hue of every frame, and the mean, smallest and largest of those over the item.

FramePool calls analyze_frame(frame) for each frame of a video (or each image of a set) with
the frame as a NumPy array, height x width x 3, in OpenCV's BGR order.
"""
import cv2


def analyze_frame(frame):
    hsv = cv2.cvtColor(frame, cv2.COLOR_BGR2HSV)
    # OpenCV's 8-bit hue runs from 0 to 179 (degrees halved): red 0, green 60, blue 120.
    return float(hsv[:, :, 0].mean())


def reduce(values):
    """Turns the per-frame values, in frame order, into the item's result."""
    return {
        "mean": sum(values) / len(values),
        "min": min(values),
        "max": max(values),
        "frames": len(values),
    }
